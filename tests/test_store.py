"""The store against SQLite and a real PostgreSQL server: the same tests for both."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt

from readouts.corpus import ingest_analyses
from readouts.errors import InputError, StoreError
from readouts.records import Analysis, Article, Contact, Participant, Span, Statement
from readouts.store import open_store, search, upgrade_store
from readouts.store.export import export, export_rows
from readouts.store.migrations import LATEST, current_version, upgrade
from readouts.store.queries import NotFound, get_article, get_event, list_events, pair_history


@pytest.fixture
def store(db):
    s = open_store(db, create=True)
    yield s
    s.close()


@pytest.fixture
def pair_store(store):
    us, ru = handbuilt.pair_analyses()
    result = ingest_analyses(store, [us, ru, handbuilt.hostile_analysis()], comparer=handbuilt.pair_comparer)
    assert result.ok and result.stored == 3
    return store


def _article(text: str, published: str | None, *contacts: Contact) -> Analysis:
    return Analysis(Article(text=text, published=published), contacts=contacts)


def _call(text: str, phrase: str, when: str | None, *, people=(("Sebastien Lecornu", "FR"), ("Sergei Shoigu", "RU")),
          mode: str = "call", current: bool = True, cid: str = "c1") -> Contact:
    start = text.index(phrase)
    sides = tuple(sorted({s for _, s in people if s}))
    return Contact(cid, tuple(Participant(n, s) for n, s in people), sides, mode, when, current,
                   (Span(start, start + len(phrase), phrase),), "test")


# ---------------------------------------------------------------- schema and migrations

def test_new_store_is_at_latest_version_and_upgrade_is_idempotent(db):
    open_store(db, create=True).close()
    assert upgrade_store(db) == (LATEST, LATEST)


def test_old_schema_is_refused_until_upgraded(db):
    import sqlalchemy as sa

    from readouts.store.db import engine_url

    engine = sa.create_engine(engine_url(db))
    upgrade(engine, target=1)
    assert current_version(engine) == 1
    engine.dispose()
    with pytest.raises(StoreError, match="db upgrade"):
        open_store(db)
    assert upgrade_store(db) == (1, LATEST)
    with open_store(db) as s:
        assert s.counts()["articles"] == 0


def test_missing_sqlite_file_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(str(tmp_path / "absent.db"))


def test_bad_postgres_server_is_one_line_store_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as err:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none", create=True)
    assert "secret" not in str(err.value) and "\n" not in str(err.value)


# ---------------------------------------------------------------- storing and idempotence

def test_pair_is_stored_with_every_record_and_merged_into_one_event(pair_store):
    counts = pair_store.counts()
    assert counts["articles"] == 3 and counts["statements"] == 9 and counts["contacts"] == 3
    assert counts["events"] == 2  # the Obama-Putin call (two reports) and the hostile FR-RU call
    (event,) = list_events(pair_store, sides=("US", "RU"))
    assert event.reports == 2 and event.when == "2014-03-06" and event.mode == "call"
    assert {p.name for p in event.participants} == {"Barack Obama", "Vladimir Putin"}


def test_storing_the_same_analyses_again_adds_nothing(pair_store):
    before = pair_store.counts()
    us, ru = handbuilt.pair_analyses()
    again = ingest_analyses(pair_store, [ru, us, handbuilt.hostile_analysis()], comparer=handbuilt.pair_comparer)
    assert again.stored == 0 and again.skipped == 3
    assert pair_store.counts() == before


def test_a_failing_article_leaves_nothing_behind(store):
    text = "Lecornu said the call was useful. Shoigu said nothing."
    s1 = Statement("s1", Span(0, 7, "Lecornu"), Span(8, 12, "said"), Span(13, 32, text[13:32]), False, "assert", "t")
    broken = Analysis(Article(text=text), statements=(s1, s1))  # duplicate ids: the statements insert fails
    result = ingest_analyses(store, [broken])
    assert result.stored == 0 and len(result.failures) == 1 and "cannot store" in result.failures[0].reason
    assert all(n == 0 for n in store.counts().values())


# ---------------------------------------------------------------- event merging

def test_reports_of_one_call_merge_and_a_precise_date_refines_the_event(store):
    t1 = "The French and Russian defence ministers spoke by phone in April, Moscow said."
    t2 = "Lecornu spoke by phone with Shoigu on April 3, the French ministry said."
    ingest_analyses(store, [_article(t1, "2024-04-20", _call(t1, "spoke by phone", "2024-04"))])
    (event,) = list_events(store)
    assert event.when == "2024-04" and (event.range_start, event.range_end) == ("2024-04-01", "2024-04-30")
    ingest_analyses(store, [_article(t2, "2024-04-04", _call(t2, "spoke by phone", "2024-04-03"))])
    (event,) = list_events(store)
    assert event.reports == 2 and event.when == "2024-04-03"
    assert (event.first_published, event.last_published) == ("2024-04-04", "2024-04-20")


def test_talks_agree_with_a_call_which_makes_the_event_a_call(store):
    t1 = "Putin and Obama held talks on Friday, the Kremlin said."
    t2 = "Obama spoke by phone with Putin on Friday."
    people = (("Barack Obama", "US"), ("Vladimir Putin", "RU"))
    ingest_analyses(store, [_article(t1, "2014-08-01", _call(t1, "held talks", "2014-08-01", people=people, mode="talks")),
                            _article(t2, "2014-08-01", _call(t2, "spoke by phone", "2014-08-01", people=people))])
    (event,) = list_events(store)
    assert (event.mode, event.reports) == ("call", 2)


def test_different_days_modes_or_people_stay_separate_events(store):
    base = "Lecornu and Shoigu spoke by phone."
    variants = [
        _article(base, "2024-04-04", _call(base, "spoke by phone", "2024-04-03")),
        _article(base + " ", "2024-04-06", _call(base, "spoke by phone", "2024-04-05")),  # another day
        _article(base + "  ", "2024-04-04", _call(base, "spoke by phone", "2024-04-03", mode="meeting")),
        _article(base + "   ", "2024-04-04", _call(base, "spoke by phone", "2024-04-03",
                                                 people=(("Emmanuel Macron", "FR"), ("Vladimir Putin", "RU")))),
    ]
    ingest_analyses(store, variants)
    assert len(list_events(store)) == 4


def test_an_undated_current_report_joins_the_call_of_the_week_before(store):
    t1 = "Lecornu spoke by phone with Shoigu on Wednesday."
    t2 = "The defence ministers of France and Russia held a phone call, Paris said."  # no names: sides only
    t3 = "Lecornu and Shoigu had spoken by phone before."
    ingest_analyses(store, [
        _article(t1, "2024-04-04", _call(t1, "spoke by phone", "2024-04-03")),
        _article(t2, "2024-04-05", _call(t2, "phone call", None, people=(("France", "FR"), ("Russia", "RU")))),
        _article(t3, "2024-04-05", _call(t3, "spoken by phone", None, current=False)),  # undatable: its own
    ])
    events = list_events(store)
    assert sorted(e.reports for e in events) == [1, 2]
    assert next(e for e in events if e.reports == 2).when == "2024-04-03"


# ---------------------------------------------------------------- queries

def test_event_detail_has_both_accounts_the_conflict_and_the_agreement(pair_store):
    (summary,) = list_events(pair_store, sides=("RU", "US"))
    detail = get_event(pair_store, summary.id)
    accounts = {a.side: a for a in detail.accounts}
    assert set(accounts) == {"RU", "US"}
    assert any("violation of Ukraine’s sovereignty" in s.content.text for s in accounts["US"].statements)
    assert any("full compliance with international law" in s.content.text for s in accounts["RU"].statements)
    (conflict,) = detail.conflicts
    assert {e.side for e in conflict.evidence} == {"US", "RU"}
    assert detail.shared and detail.agreements
    assert [r.initiator for r in detail.reports if r.initiator] == ["US"]
    # Every span points at its article's text.
    texts = {}
    for item in [*conflict.evidence, *detail.shared[0].evidence]:
        text = texts.setdefault(item.article_id, get_article(pair_store, item.article_id).text)
        assert text[item.span.start:item.span.end] == item.span.text
    for acc in detail.accounts:
        for s in acc.statements:
            text = texts.setdefault(s.article_id, get_article(pair_store, s.article_id).text)
            assert text[s.content.start:s.content.end] == s.content.text


def test_event_filters(pair_store):
    assert [e.sides for e in list_events(pair_store, sides=("fr", "RU"))] == [("FR", "RU")]
    assert len(list_events(pair_store, since="2014-03")) == 2
    assert len(list_events(pair_store, since="2014-04")) == 1
    assert len(list_events(pair_store, until="2014")) == 1
    assert len(list_events(pair_store, actor="putin")) == 1
    assert list_events(pair_store, mode="meeting") == []
    with pytest.raises(InputError, match="--since"):
        list_events(pair_store, since="March")
    with pytest.raises(InputError, match="side"):
        list_events(pair_store, sides=("France",))


def test_pair_history_search_and_not_found(pair_store):
    history = pair_history(pair_store, "US", "RU")
    assert history.sides == ("US", "RU") and len(history.events) == 1 and history.by_mode == (("call", 1),)
    found = search(pair_store, "Lavrov")
    assert {a.title for a in found.articles} >= {"Telephone conversation with US President Barack Obama"}
    assert search(pair_store, "obama").actors[0].name == "Barack Obama"
    assert search(pair_store, "100%").articles == ()  # LIKE wildcards are taken literally
    with pytest.raises(NotFound):
        get_event(pair_store, "e-no-such")
    with pytest.raises(NotFound):
        get_article(pair_store, "a-no-such")


def test_read_only_store_refuses_writes(pair_store):
    import sqlalchemy as sa

    from readouts.store import schema

    with open_store(pair_store.db, read_only=True) as ro:
        assert ro.counts()["articles"] == 3
        with pytest.raises(StoreError, match="read-only"):
            ingest_analyses(ro, [handbuilt.hostile_analysis()])
        # Read-only in the database too (what serve uses), not only in readouts' own checks.
        with pytest.raises(sa.exc.DBAPIError), ro.engine.begin() as conn:
            conn.execute(schema.event_sides.delete())
    assert pair_store.counts()["event_sides"] == 4


# ---------------------------------------------------------------- export

def test_export_jsonl_csv_and_parquet(pair_store, tmp_path):
    out = io.StringIO()
    assert export(pair_store, "events", "jsonl", out=out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["sides"] for r in rows} == {"FR|RU", "RU|US"}
    out = io.StringIO()
    assert export(pair_store, "statements", "csv", out=out) == 9
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == 9
    analyses = list(export_rows(pair_store, "analyses"))
    assert all(a["statements"] for a in analyses) and {a["id"] for a in analyses} >= {"dp02-us", "dp02-ru"}
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "contacts.parquet"
    assert export(pair_store, "contacts", "parquet", path=str(path)) == 3
    assert pq.read_table(path).num_rows == 3
    with pytest.raises(InputError, match="--output"):
        export(pair_store, "contacts", "parquet", out=io.StringIO())


def test_a_comparer_returning_nonsense_is_skipped(store):
    us, ru = handbuilt.pair_analyses()
    result = ingest_analyses(store, [us, ru], comparer=lambda left, right: [("conflict", 99, 0, "t", "r", 1.0), "x"])
    assert result.ok and result.stored == 2 and store.counts()["event_points"] == 0


def test_concurrent_writers_merge_reports_of_one_call_into_one_event(db):
    import threading

    open_store(db, create=True).close()
    texts = [f"Report {n}: Lecornu spoke by phone with Shoigu on Wednesday." for n in range(8)]
    analyses = [_article(t, "2024-04-04", _call(t, "spoke by phone", "2024-04-03")) for t in texts]
    analyses += [handbuilt.hostile_analysis()] * 2  # the same article twice: stored once
    start, results, errors = threading.Barrier(len(analyses)), [], []

    def work(analysis):
        try:
            with open_store(db) as s:
                start.wait(10)
                results.append(ingest_analyses(s, [analysis]))
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(a,)) for a in analyses]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and all(r.ok for r in results)
    assert sum(r.stored for r in results) == 9 and sum(r.skipped for r in results) == 1
    with open_store(db) as s:
        events = list_events(s)
    assert sorted(e.reports for e in events) == [1, 8]  # the hostile call (2024-05-01) and the one called 8 times


def test_accounts_are_compared_from_stored_statements_between_sides(store):
    calls = []

    def recording_comparer(left, right):
        calls.append(([(p.side, p.text) for p in left], [(p.side, p.text) for p in right]))
        return [("shared", 0, 0, "it went well", "test", 1.0)]

    def report(n: int, side: str, said: str) -> Analysis:
        text = f"Report {n}. Lecornu spoke by phone with Shoigu on Wednesday. Someone said {said}."
        statements = (Statement("s1", span_of(text, "Someone"), span_of(text, "said"), span_of(text, said), False,
                                "assert", "test", side=side),)
        return Analysis(Article(text=text, published="2024-04-04"), statements=statements,
                        contacts=(_call(text, "spoke by phone", "2024-04-03"),))

    def span_of(text, phrase, after=0):
        start = text.index(phrase, after)
        return Span(start, start + len(phrase), phrase)

    ingest_analyses(store, [report(1, "FR", "it went well"), report(2, "FR", "it was useful")],
                    comparer=recording_comparer)
    assert calls == []  # two French accounts: no other side to compare with
    result = ingest_analyses(store, [report(3, "RU", "it was frank")], comparer=recording_comparer)
    # The stored statements of each side, never the article text: FR's two, RU's one.
    ((left, right),) = calls
    assert sorted(left) == [("FR", "it was useful"), ("FR", "it went well")] and right == [("RU", "it was frank")]
    (event,) = list_events(store)
    (point,) = get_event(store, event.id).shared
    assert [(e.side, e.span.text) for e in point.evidence] == [("FR", left[0][1]), ("RU", "it was frank")]
    assert result.points_added == 1 and event.shared == 1


def test_a_crashing_comparison_keeps_the_article(store):
    def broken_comparer(left, right):
        raise IndexError("bug in compare")

    us, ru = handbuilt.pair_analyses()
    result = ingest_analyses(store, [us, ru], comparer=broken_comparer)
    assert result.ok and result.stored == 2 and result.points_added == 0
    assert store.counts()["event_points"] == 0 and len(list_events(store)) == 1


def test_snapshot_is_equal_for_the_same_stored_rows_and_only_then(pair_store, tmp_path):
    from readouts.store import snapshot

    with open_store(str(tmp_path / "again.db"), create=True) as again:
        us, ru = handbuilt.pair_analyses()
        ingest_analyses(again, [us, ru, handbuilt.hostile_analysis()], comparer=handbuilt.pair_comparer)
        first, second = snapshot(pair_store), snapshot(again)
        assert first == second  # stored at other times, on another backend maybe: the same rows
        assert len(first["statements"]) == 9 and len(first["search_docs"]) > 9
        assert not any("ingested_at" in str(row) for row in first["articles"])
        ingest_analyses(again, [handbuilt.hostile_analysis()])  # already there: nothing changes
        assert snapshot(again) == first
    with open_store(str(tmp_path / "other_order.db"), create=True) as other:
        # the same articles one by one in another order: the search rows are written in another
        # order (their numbering differs), the rows themselves do not
        for analysis in (handbuilt.hostile_analysis(), ru, us):
            ingest_analyses(other, [analysis], comparer=handbuilt.pair_comparer)
        assert snapshot(other) == first
    with open_store(str(tmp_path / "again.db")) as again:
        with again.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM event_points")
        assert snapshot(again) != first and snapshot(again)["articles"] == first["articles"]
