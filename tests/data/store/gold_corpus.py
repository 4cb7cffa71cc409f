"""The shared gold's dev and dev2 articles (and the dev pairs' documents) as one JSONL for ``readouts ingest``.

The gold folder is outside the repository (``../shared/gold``); ``gold_dir()``
is None when it is absent, and the tests that use it skip with a message.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def gold_dir() -> Path | None:
    path = ROOT.parent / "shared" / "gold"
    return path if (path / "dev" / "articles").is_dir() and (path / "dev2" / "articles").is_dir() else None


def _row(doc: dict, fallback_id: str) -> dict:
    return {"id": doc.get("id") or fallback_id, "text": doc["text"], "published": doc.get("published"),
            "url": doc.get("url"), "title": doc.get("title")}


def write_jsonl(gold: Path, out: Path, *, pairs: bool = True) -> int:
    """Write every dev and dev2 article (and with ``pairs`` each pair document) to ``out``; returns the count."""
    rows = []
    for folder in (gold / "dev" / "articles", gold / "dev2" / "articles"):
        rows += [_row(json.loads(p.read_text(encoding="utf-8")), p.stem) for p in sorted(folder.glob("*.json"))]
    if pairs and (gold / "dev" / "pairs").is_dir():
        for p in sorted((gold / "dev" / "pairs").glob("*.json")):
            pair = json.loads(p.read_text(encoding="utf-8"))
            rows += [_row(doc, f"{pair['id']}-{i}") for i, doc in enumerate(pair["docs"])]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)
