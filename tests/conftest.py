"""Fixtures shared by the test files.

- ``db``: the ``--db`` value of an empty store, once on SQLite and once on the PostgreSQL server
  named by READOUTS_TEST_PG_URL (skipped when it is not set);
- ``failing_stage``: the analysis of any article whose text holds ``BREAK`` raises
  ``ValueError("boom")`` inside readouts, as a fault in a rule would; the others are analysed.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

STORE_DATA = Path(__file__).parent / "data" / "store"
if str(STORE_DATA) not in sys.path:
    sys.path.insert(0, str(STORE_DATA))

from testdbs import BACKENDS, fresh_db

BREAK = "BREAK"


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    with fresh_db(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def failing_stage(monkeypatch):
    """Make the analysis fail for an article whose text holds ``BREAK``; yields the marker."""
    analyze_module = importlib.import_module("readouts.analyze")
    real = analyze_module._stages

    def stages(article, doc):
        if BREAK in article.text:
            raise ValueError("boom")
        return real(article, doc)

    monkeypatch.setattr(analyze_module, "_stages", stages)
    return BREAK
