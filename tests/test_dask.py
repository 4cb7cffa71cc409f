"""``ingest --dask``: a LocalCluster of two worker processes stores the same articles, contacts
and events as the local ingest (SQLite, and PostgreSQL when READOUTS_TEST_PG_URL is set), a
rerun adds nothing, and ``ingest(workers=2)`` on this machine's cores does the same."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from readouts.corpus import ingest
from readouts.store import open_store
from readouts.store import snapshot as store_snapshot

DATA = Path(__file__).parent / "data" / "store"
sys.path.insert(0, str(DATA))

from testdbs import BACKENDS, fresh_db

ROOT = Path(__file__).resolve().parents[1]


def corpus(folder: Path) -> Path:
    """Readouts of two calls, each from both sides (contacts merge into shared events), a copy
    of one (skipped), and a bad line (reported): 20 articles in one JSONL, 2 worker batches."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    lines = [json.loads(x) for x in (DATA / "dp02-obama-putin-2014.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = list(lines)
    for i in range(17):
        rows.append({"id": f"ex{i}", "text": texts[i % len(texts)] + f"\n\nUpdated {i}.", "published": "2016-01-14"})
    rows.append(dict(rows[0], id="copy-of-dp02"))
    folder.mkdir()
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    return path


def snapshot(db: str) -> dict[str, list[tuple]]:
    """Every stored row but timestamps, sorted: equal when the stored articles, records, contacts
    and events are the same (``readouts.store.snapshot``)."""
    with open_store(db, read_only=True) as store:
        return store_snapshot(store)


def _ingest(db: str, src: Path, **options):
    with open_store(db, create=True) as store:
        return ingest(store, [str(src)], comparer="auto", **options)


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("dask") / "in")


@pytest.fixture(scope="module")
def baseline(source, tmp_path_factory):
    """The local ingest in one process (no pool) into SQLite: its result and its rows."""
    db = str(tmp_path_factory.mktemp("baseline") / "local.db")
    result = _ingest(db, source, workers=1)
    assert result.stored == 19 and result.skipped == 1 and len(result.failures) == 1
    assert result.events_created > 0 and result.reports_merged > 0
    return result, snapshot(db)


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two worker processes, reached by its address as a remote one would be."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def _same_result(one, other) -> None:
    assert (other.stored, other.skipped, other.failures) == (one.stored, one.skipped, one.failures)
    assert (other.events_created, other.reports_merged) == (one.events_created, one.reports_merged)


@pytest.mark.parametrize("backend", BACKENDS)
def test_dask_cluster_stores_what_the_local_ingest_stores(backend, source, baseline, scheduler, tmp_path):
    local, rows = baseline
    with fresh_db(backend, tmp_path) as db:
        on_dask = _ingest(db, source, dask=scheduler)
        _same_result(local, on_dask)
        stored = snapshot(db)
        assert stored == rows
        assert len(stored["articles"]) == 19 and stored["contacts"] and stored["events"]

        again = _ingest(db, source, workers=2, dask="local")  # a rerun (after a killed worker, say)
        assert again.stored == 0 and again.skipped == 20 and len(again.failures) == 1
        assert snapshot(db) == rows


def test_two_local_workers_store_what_one_stores(source, baseline, tmp_path):
    local, rows = baseline
    two = _ingest(str(tmp_path / "two.db"), source, workers=2)
    _same_result(local, two)
    assert snapshot(str(tmp_path / "two.db")) == rows


def test_dask_without_the_extra_message(monkeypatch, tmp_path, capsys):
    import builtins

    from readouts.cli import main

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    src = tmp_path / "a.txt"
    src.write_text("Putin spoke with Macron by phone on Monday, the Kremlin said.", encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(tmp_path / "x.db"), "--dask", "local"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["readouts: --dask: needs the dask extra: pip install 'readouts[dask]'"]
