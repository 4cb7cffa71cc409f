"""Shared checks for the robustness tests: every span points at its text, every id is unique."""
from __future__ import annotations

import collections
import importlib.util
from dataclasses import fields, is_dataclass
from pathlib import Path

from readouts.records import Analysis, Span

ROOT = Path(__file__).resolve().parents[1]


def spans_of(value):
    """Every Span inside a record, however deep."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from spans_of(v)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from spans_of(getattr(value, f.name))


def bad_spans(analysis: Analysis) -> list[Span]:
    text = analysis.article.text
    records = (*analysis.actors, *analysis.statements, *analysis.contacts, *analysis.disputes,
               *analysis.agreements, *analysis.warnings)
    return [s for r in records for s in spans_of(r)
            if not (0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text)]


def duplicate_ids(analysis: Analysis) -> list[str]:
    return [i for i, n in collections.Counter(analysis.record_ids()).items() if n > 1]


def bad_inputs_maker():
    """``scripts/make_bad_inputs.py`` as a module."""
    spec = importlib.util.spec_from_file_location("make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
