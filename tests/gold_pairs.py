"""readouts compare scored on the public gold readout pairs (../shared/gold/<part>/pairs), for floor tests.

Scored with ../shared/eval/score.py, as ../shared/eval/run_gold.py does; a test calling this
is skipped, with a message, where ../shared is absent.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from readouts import Article
from readouts.divergence.compare import compare

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pair_scores(*parts: str) -> dict:
    """``score.summary`` over every pair of the given gold parts ("dev", "dev2"), lexical backend."""
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared not present: the gold pairs and their scorer are there")
    sys.path.insert(0, str(SHARED / "eval"))
    import score

    score.EXPLAIN[:] = []
    acc = score.new_acc()
    for part in parts:
        for path in sorted((SHARED / "gold" / part / "pairs").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            docs = [Article(text=d["text"], published=d.get("published")) for d in gold["docs"]]
            pred = compare(docs, sides=[d["side"] for d in gold["docs"]], backend="lexical").to_json()
            score.score_pair(gold, pred, acc)
    return score.summary(acc)
