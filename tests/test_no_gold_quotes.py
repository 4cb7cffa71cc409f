"""Rules are explained with made-up examples: no comment, docstring or data-file note quotes a run of
six or more words from the public gold texts (../shared/gold). Skips when ../shared is absent."""
from __future__ import annotations

import ast
import io
import itertools
import json
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
N = 6
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_FOLD).lower())


def _gold_grams() -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for path in GOLD.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data.get("docs") or [data] if isinstance(data, dict) else []
        for doc in docs:
            if isinstance(doc, dict) and isinstance(doc.get("text"), str):
                w = _words(doc["text"])
                grams.update(tuple(w[i:i + N]) for i in range(len(w) - N + 1))
    return grams


def _prose(path: Path):
    """(line, text) of each comment and docstring of a module."""
    src = path.read_text(encoding="utf-8")
    comments = [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(src).readline)
                if t.type == tokenize.COMMENT]
    # consecutive comment lines are one text, so a quote broken over lines is found
    yield from comments
    for a, b in itertools.pairwise(comments):
        if b[0] == a[0] + 1:
            yield a[0], a[1] + " " + b[1]
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            yield node.lineno, node.value.value


def _notes(path: Path):
    """The prose fields of a data file: ``_source``, ``_doc`` and every ``*_note``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key, value in data.items():
        if isinstance(value, str) and (key.startswith("_") or key.endswith("_note")):
            yield key, value


@pytest.fixture(scope="module")
def grams():
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is absent: the gold texts are needed to check for quotes")
    return _gold_grams()


def _quotes(text: str, grams) -> list[str]:
    w = _words(text)
    return [" ".join(w[i:i + N]) for i in range(len(w) - N + 1) if tuple(w[i:i + N]) in grams]


def test_no_comment_or_docstring_quotes_the_gold(grams):
    found = [f"{path.relative_to(ROOT)}:{line}: {q}"
             for path in sorted((ROOT / "src" / "readouts").rglob("*.py"))
             for line, text in _prose(path) for q in _quotes(text, grams)]
    assert not found, "\n".join(found)


def test_no_data_note_quotes_the_gold(grams):
    found = [f"{path.name}:{key}: {q}"
             for path in sorted((ROOT / "src" / "readouts" / "data").glob("*.json"))
             for key, text in _notes(path) for q in _quotes(text, grams)]
    assert not found, "\n".join(found)
