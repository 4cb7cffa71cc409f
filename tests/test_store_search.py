"""Search on a small synthetic store (benchmarks/make_store.py): the same hits in SQLite and PostgreSQL,
and PostgreSQL's spelled-out prefix (revision 0005) finding exactly what the prefix finds."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
import make_store
from testdbs import fresh_db

from readouts.records import Analysis, Article, Span, Statement
from readouts.store import open_store, search, write_batch

search_module = importlib.import_module("readouts.store.search")

# Surnames and topic words of the synthetic store: common apart and rare together, absent from
# one kind (claim words are in statements, never in titles), a prefix ("gr"), a first name with
# a surname, words in either order. Whole words only and no stop words: SQLite's FTS5 keeps
# stop words that PostgreSQL drops, and reads a one-letter prefix with its own tokenizer.
QUERIES = ("Abara ceasefire", "Haddad unacceptable", "unacceptable Haddad", "Karimov", "Karimov tariffs",
           "Costa gr", "ceasefire", "President Abara", "Lindqvist energy supplies", "sanctions Sokolov",
           "Syria", "Reyes constructive", "Novak progress", "nothingsuchword", "Baker migr", "Crimea Demir")
# PostgreSQL only: what the spelled-out prefix must leave as it was.
EDGES = ("grain grain", "Putin the", "the", "Karimov s", "g", "Abara un", "ceasefire ceasefire talks")


def _hits(store, query: str):
    found = search(store, query)
    return ([h.statement.id for h in found.statements], sorted(p.key for p in found.actors),
            [e.id for e in found.events], [a.id for a in found.articles])


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """``{backend: db}``: the same 300 synthetic articles in SQLite and, with a server, PostgreSQL."""
    with fresh_db("sqlite", tmp_path_factory.mktemp("sqlite")) as sqlite:
        make_store.generate(sqlite, 300, batch=100, log=lambda *_: None)
        try:
            with fresh_db("postgres", tmp_path_factory.mktemp("pg")) as pg:
                make_store.generate(pg, 300, batch=100, log=lambda *_: None)
                yield {"sqlite": sqlite, "postgres": pg}
        except pytest.skip.Exception:
            yield {"sqlite": sqlite}


@pytest.mark.postgres
def test_search_finds_the_same_in_sqlite_and_postgresql(synthetic):
    if "postgres" not in synthetic:
        pytest.skip("READOUTS_TEST_PG_URL is not set")
    with open_store(synthetic["sqlite"], read_only=True) as lite, open_store(synthetic["postgres"]) as pg:
        for query in QUERIES:
            assert _hits(pg, query) == _hits(lite, query), query
        assert any(_hits(lite, q)[0] for q in QUERIES) and not any(_hits(lite, "nothingsuchword"))


@pytest.mark.postgres
def test_spelled_out_prefix_finds_what_the_prefix_finds(synthetic, monkeypatch):
    if "postgres" not in synthetic:
        pytest.skip("READOUTS_TEST_PG_URL is not set")
    with open_store(synthetic["postgres"], read_only=True) as pg:
        spelled = {q: search_module._spellings(pg, search_module.query_words(q)) for q in QUERIES + EDGES}
        new = {q: _hits(pg, q) for q in QUERIES + EDGES}
        as_typed = dict.fromkeys(search_module.KINDS)
        monkeypatch.setattr(search_module, "_spellings", lambda store, words: as_typed)
        assert {q: _hits(pg, q) for q in QUERIES + EDGES} == new
    # the lookup did change the queries: a claim word is in no title, "gr" is spelled out
    assert spelled["Haddad unacceptable"]["article"] == spelled["unacceptable Haddad"]["article"] == ()
    assert spelled["Costa gr"]["statement"]
    assert all(w.startswith("gr") for w in spelled["Costa gr"]["statement"])
    assert set(spelled["grain grain"].values()) == {None} and set(spelled["Putin the"].values()) == {None}


def test_words_stored_later_are_found_by_their_start(db):
    def note(n: int, said: str) -> Analysis:
        text = f"Note {n}. Nadia Orlova said {said}."

        def span(phrase: str) -> Span:
            return Span(text.index(phrase), text.index(phrase) + len(phrase), phrase)

        return Analysis(Article(text=text, title=f"Note {n}"), (), (Statement(
            "s1", span("Nadia Orlova"), span("said"), span(said), False, "assert", "test", "Nadia Orlova",
            None, "XX", "name"),))

    with open_store(db, create=True) as store:
        write_batch(store, [note(1, "the plan was ready")])
        assert search(store, "Orlova ferr").statements == ()
        write_batch(store, [note(2, "the ferry plan was ready"), note(3, "the ferrymen were paid")])
        assert [h.statement.content.text for h in search(store, "Orlova ferr").statements] == [
            "the ferrymen were paid", "the ferry plan was ready"]
        assert [a.title for a in search(store, "Orlova ferrymen").articles] == ["Note 3"]


def test_postgresql_keeps_the_words_of_updated_rows_too(db):
    if not db.startswith("postgresql"):
        pytest.skip("the words of the indexes are kept by PostgreSQL only (SQLite's FTS5 has its own)")
    import sqlalchemy as sa

    with open_store(db, create=True) as store:
        write_batch(store, [Analysis(Article(text="Nothing here.", title="Harbour notes"))])
        assert search(store, "harbourmast").articles == ()
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE search_docs SET body = 'Harbourmaster notes' WHERE kind = 'article'"))
        assert [a.title for a in search(store, "harbourmast").articles] == ["Harbour notes"]
