"""Migrations on Alembic: a store made before Alembic upgrades with its data; parallel creation is safe."""
from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

sa = pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")
pytest.importorskip("alembic")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt
from testdbs import BACKENDS, fresh_db

from readouts.errors import StoreError
from readouts.store import get_event, list_events, open_store, search, upgrade_store
from readouts.store.db import make_engine
from readouts.store.migrations import LATEST, current_version, revisions, upgrade

LEGACY = Path(__file__).parent / "data" / "store" / "legacy"


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    with fresh_db(request.param, tmp_path) as url:
        yield url


def _load_legacy(db: str) -> None:
    """The dump of a store made by the code before Alembic (schema_version 2, with data)."""
    if db.startswith("postgresql"):
        import psycopg

        sql = (LEGACY / "v2-postgres.sql").read_text(encoding="utf-8")
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(sql)
    else:
        import sqlite3

        with sqlite3.connect(db) as conn:
            conn.executescript((LEGACY / "v2-sqlite.sql").read_text(encoding="utf-8"))


def test_latest_is_alembics_head():
    from alembic.script import ScriptDirectory

    from readouts.store.migrations import _config

    assert revisions() == [f"{n:04d}" for n in range(1, LATEST + 1)]
    assert int(ScriptDirectory.from_config(_config()).get_current_head()) == LATEST


def test_a_store_made_before_alembic_upgrades_with_its_data(db):
    _load_legacy(db)
    with pytest.raises(StoreError, match="older readouts: run readouts db upgrade"):
        open_store(db)
    assert upgrade_store(db, comparer=handbuilt.pair_comparer) == (0, LATEST)
    with open_store(db) as store:
        counts = store.counts()
        assert (counts["articles"], counts["statements"], counts["contacts"]) == (3, 8, 3)
        events = {e.sides: e for e in list_events(store)}
        assert set(events) == {("FR", "RU"), ("RU", "US")} and events[("RU", "US")].reports == 2
        detail = get_event(store, events[("RU", "US")].id)
        assert {r.outlet for r in detail.reports} == {"zerohedge.com", "en.kremlin.ru"}  # the pages the texts came from
        assert len(detail.conflicts) == 1 and {a.side for a in detail.accounts} == {"RU", "US"}
        # the derived tables were built from the old records: people and the search index
        found = search(store, "Putin")
        assert [p.name for p in found.actors] == ["Vladimir Putin"] and found.statements
        assert not sa.inspect(store.engine).has_table("schema_version")
    assert upgrade_store(db) == (LATEST, LATEST)


def test_a_store_at_an_older_revision_is_refused_until_upgraded(db):
    engine = make_engine(db)
    upgrade(engine, target=1)
    assert current_version(engine) == 1
    engine.dispose()
    with pytest.raises(StoreError, match=f"schema version 1 of {LATEST}: run readouts db upgrade"):
        open_store(db)
    assert upgrade_store(db) == (1, LATEST)


def test_a_database_newer_than_the_code_is_refused(tmp_path):
    path = str(tmp_path / "future.db")
    open_store(path, create=True).close()
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this readouts"):
        upgrade(engine)
    engine.dispose()


def _create_and_store(db: str, n: int, start, out) -> None:
    try:
        start.wait(30)
        with open_store(db, create=True) as store:
            from readouts.corpus import ingest_analyses

            analysis = handbuilt.pair_analyses()[n]
            out.put(("ok", ingest_analyses(store, [analysis]).stored))
    except Exception as err:  # noqa: BLE001 - reported to the parent
        out.put(("error", f"{type(err).__name__}: {err}"))


def test_two_processes_creating_one_empty_store_both_succeed(db):
    import alembic.command  # noqa: F401 - loaded once here, not in each forked child

    import readouts.corpus.run  # noqa: F401
    from readouts.store.derive import side_name

    handbuilt.pair_analyses()[0].to_json(), side_name("RU")  # loads the gazetteer and country tables before forking
    ctx = multiprocessing.get_context("fork")  # the children need nothing the parent has not imported
    start, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_create_and_store, args=(db, n, start, out)) for n in range(2)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert results == [("ok", 1), ("ok", 1)], results
    with open_store(db) as store:
        assert store.counts()["articles"] == 2 and len(list_events(store)) == 1



def _write_at(db: str, revision: int, analyses, monkeypatch) -> None:
    """Store ``analyses`` in a database at an older ``revision`` with today's writer, which fits
    it but for the facet counts of revision 4 (a revision-4 upgrade counts them from the events)."""
    from readouts.store import facets
    from readouts.store.db import Store
    from readouts.store.write import write_batch

    engine = make_engine(db)
    upgrade(engine, target=revision)
    with monkeypatch.context() as m:
        m.setattr(facets, "add", lambda *a, **k: None)
        m.setattr(facets, "clear", lambda *a, **k: None)
        write_batch(Store(engine, db, False), analyses, comparer=handbuilt.pair_comparer)
    engine.dispose()


def test_a_store_at_revision_2_with_data_upgrades_to_search_per_kind(db, monkeypatch):
    # Written at revision 2 (one full-text index over every kind); the writer still fits it,
    # since revision 3 changes only how the rows of search_docs are indexed.
    from readouts.records import Analysis, Article
    from readouts.store import reanalyze
    from readouts.store.write import write_batch

    us, ru = handbuilt.pair_analyses()
    _write_at(db, 2, [us, ru, handbuilt.hostile_analysis()], monkeypatch)
    assert upgrade_store(db) == (2, LATEST)
    with open_store(db) as store:
        found = search(store, "Putin")
        assert [p.name for p in found.actors] == ["Vladimir Putin"]
        assert [tuple(e.sides) for e in found.events] == [("RU", "US")]
        assert {h.statement.speaker_name for h in found.statements} == {"Vladimir Putin"}
        assert len(found.statements) == 4
        assert [a.title for a in search(store, "telephone Obama").articles] == [
            "Telephone conversation with US President Barack Obama"]
        assert [h.statement.content.text for h in search(store, "unconstitutional coup").statements] == [COUP]
        # what is written or deleted after the upgrade is indexed or forgotten by the new triggers
        write_batch(store, [Analysis(Article(text="A made-up note.", title="Zanzibar ferry timetable"))])
        assert [a.title for a in search(store, "zanzibar").articles] == ["Zanzibar ferry timetable"]
        reanalyze(store, lambda arts: [Analysis(a) for a in arts])  # the new rules find nothing
        assert search(store, "coup").statements == () and search(store, "Putin").statements == ()



COUP = "the current Ukrainian government, which came to power as the result of an unconstitutional coup"


def test_a_store_at_revision_3_with_data_upgrades_to_kept_facet_counts(db, monkeypatch):
    # Revision 4 counts the events list's facets from the events already stored; the writer keeps them after.
    from readouts.store import browse_events, facets
    from readouts.store.write import write_batch

    us, ru = handbuilt.pair_analyses()
    _write_at(db, 3, [us, handbuilt.hostile_analysis()], monkeypatch)
    assert upgrade_store(db) == (3, LATEST)
    with open_store(db) as store:
        with store.engine.connect() as conn:
            kept = facets.kept(conn)
            assert kept == facets.recount(conn) and kept[("sides", "RU")] == 2 and kept[("year", "2014")] == 1
        page = browse_events(store)
        assert page.total == 2 and dict(page.facets[0].values) == {"RU": 2, "US": 1, "FR": 1}
        # the Kremlin's report joins the White House's event (dropped and written again, now with a conflict)
        write_batch(store, [ru], comparer=handbuilt.pair_comparer)
        with store.engine.connect() as conn:
            assert facets.kept(conn) == facets.recount(conn)
        page = browse_events(store)
        assert page.total == 2 and dict(page.facets[4].values) == {True: 1, False: 1}
