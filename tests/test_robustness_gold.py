"""All 56 texts of the public gold (seed, dev, dev2) ingest with no failure, into SQLite and, when
``READOUTS_TEST_PG_URL`` is set, PostgreSQL; every analysis has unique ids and valid spans."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from robustness_helpers import bad_spans, duplicate_ids

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))

SHARED = Path(__file__).resolve().parents[2] / "shared" / "gold"
EXPECTED = {"seed": 1, "dev": 30, "dev2": 25}

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the shared gold is not beside the repo ({SHARED})")


def gold_articles() -> dict[str, list[dict]]:
    seed = json.loads((SHARED / "seed.json").read_text(encoding="utf-8"))
    sets = {"seed": [{"id": "seed", "text": (SHARED / "seed.txt").read_text(encoding="utf-8"),
                      "published": seed.get("published")}]}
    for name in ("dev", "dev2"):
        sets[name] = [{k: g.get(k) for k in ("id", "text", "published", "url", "title")}
                      for g in (json.loads(p.read_text(encoding="utf-8"))
                                for p in sorted((SHARED / name / "articles").glob("*.json")))]
    return sets


@pytest.fixture(scope="module")
def gold_jsonl(tmp_path_factory) -> tuple[Path, int]:
    sets = gold_articles()
    assert {k: len(v) for k, v in sets.items()} == EXPECTED
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    rows = [a for v in sets.values() for a in v]
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in rows), encoding="utf-8")
    return path, len(rows)


def test_every_gold_analysis_has_unique_ids_valid_spans_and_no_warning(gold_jsonl):
    from readouts.analyze import analyze_many
    from readouts.read.inputs import read_jsonl

    results = list(analyze_many(read_jsonl(str(gold_jsonl[0]))))
    assert len(results) == sum(EXPECTED.values()) == 56
    for r in results:
        assert not isinstance(r, Exception), r
        assert not duplicate_ids(r), r.article.id
        assert not bad_spans(r), r.article.id
        assert r.warnings == (), (r.article.id, [w.message() for w in r.warnings])


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_all_gold_texts_ingest_with_no_failure(backend, gold_jsonl, tmp_path):
    import sqlalchemy as sa
    from testdbs import fresh_db

    from readouts.corpus import ingest
    from readouts.store import open_store, schema

    path, n = gold_jsonl
    with fresh_db(backend, tmp_path) as url:
        store = open_store(url, create=True)
        try:
            result = ingest(store, [str(path)], comparer=None)
            assert result.failures == (), result.failures
            assert (result.stored, result.skipped) == (56, 0)
            with store.engine.connect() as conn:
                count = conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one()
                disputes = conn.execute(sa.select(sa.func.count()).select_from(schema.disputes)).scalar_one()
            assert count == n == 56
            assert disputes > 0
            again = ingest(store, [str(path)], comparer=None)
            assert (again.stored, again.skipped, again.failures) == (0, 56, ())
        finally:
            store.close()
