"""Events updated in place as reports arrive: the same store as clustering everything at once, less work.

When an article joins an event, the store updates that event where it is (its id stays)
instead of dropping and rewriting every event near it, and compares the event's accounts
again only when the statements it compares changed. These tests check the result is the
store a full rebuild makes, and that the comparison is skipped when it can be.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")
sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
from testdbs import BACKENDS, fresh_db

from readouts.records import Analysis, Article, Contact, Participant, Span, Statement
from readouts.store import open_store, points, write_batch
from readouts.store.db import article_key, record_key
from readouts.store.export import snapshot
from readouts.store.merge import rebuild_all

OBAMA_PUTIN = (("Barack Obama", "US"), ("Vladimir Putin", "RU"))


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def readout(n: int, when: str | None, published: str, claims: dict[str, str], mode: str = "call") -> Analysis:
    """A made-up readout: a contact of Obama and Putin and one statement by each side given in ``claims``."""
    speakers = {"US": "The White House", "RU": "The Kremlin"}
    text = f"Report {n}. The presidents held a conversation. " + " ".join(
        f"{speakers[side]} said {claim}." for side, claim in claims.items())
    contact = Contact("c1", tuple(Participant(a, s) for a, s in OBAMA_PUTIN), ("RU", "US"), mode, when, True,
                      (_span(text, "held a conversation"),), "test")
    statements = tuple(
        Statement(f"s{i}", _span(text, speakers[side]), _span(text, f"{speakers[side]} said"), _span(text, claim),
                  False, "neutral", "test", speakers[side], side=side)
        for i, (side, claim) in enumerate(claims.items()))
    return Analysis(Article(text=text, published=published), statements=statements, contacts=(contact,))


def _key(a: Analysis) -> str:
    return record_key(article_key(a.article.text), a.contacts[0].id)


def _later(first: int, floor: str, *args) -> Analysis:
    """The first readout from number ``first`` on whose contact's id sorts after ``floor``.

    An event's id is that of its first anchor (by contact id), so such a report joins the
    event without renaming it: the case where the event is updated where it is.
    """
    return next(a for n in range(first, first + 100) if _key(a := readout(n, *args)) > floor)


def _counting(calls: list):
    def compare(left, right):
        calls.append((len(left), len(right)))
        # every pair of points whose texts share their first word: a stand-in for the real alignment
        return [("shared", i, j, a.text.split()[0], "test", 1.0) for i, a in enumerate(left)
                for j, b in enumerate(right) if a.text.split()[0] == b.text.split()[0]]
    return compare


def _articles() -> list[Analysis]:
    out = [readout(0, "2016-01-13", "2016-01-13", {"US": "sanctions stay until the deal holds",
                                                   "RU": "sanctions must end soon"}),
           readout(1, "2016-01-13", "2016-01-14", {"US": "talks on Syria will go on", "RU": "talks were useful"}),
           readout(2, None, "2016-01-14", {"US": "Ukraine was discussed", "RU": "sanctions were raised"}),
           readout(3, "2016-01", "2016-01-30", {"RU": "talks on Syria went well"}, mode="talks"),
           readout(4, "2016-01-20", "2016-01-20", {"US": "sanctions are a separate matter", "RU": "talks resume"},
                   mode="meeting")]
    # the same call told again, word for word, by later outlets: a report like an earlier one
    out += [readout(10 + n, "2016-01-13", "2016-01-15", {"US": "talks were long", "RU": "sanctions hurt"})
            for n in range(4)]
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_storing_one_article_at_a_time_gives_the_store_a_full_rebuild_gives(backend, tmp_path):
    with fresh_db(backend, tmp_path) as url, open_store(url, create=True) as store:
        compare = _counting([])
        for a in _articles():
            write_batch(store, [a], comparer=compare)
        kept = snapshot(store)
        with store.engine.begin() as conn:
            events = rebuild_all(conn, compare)
        rebuilt = snapshot(store)
    assert events == 2  # the call of 13 January (told by seven articles) and the meeting of 20 January
    assert len(kept["event_points"]) > 0
    assert kept == rebuilt


def test_a_report_that_changes_no_compared_statement_is_not_compared_again(tmp_path, monkeypatch):
    monkeypatch.setattr(points, "MAX_POINTS_PER_SIDE", 2)
    calls: list = []
    with open_store(str(tmp_path / "s.db"), create=True) as store:
        first = [readout(0, "2016-01-13", "2016-01-14", {"US": "talks were long", "RU": "talks were short"}),
                 readout(1, "2016-01-13", "2016-01-14", {"US": "sanctions stay", "RU": "sanctions go"})]
        floor = min(_key(a) for a in first)
        write_batch(store, first[:1], comparer=_counting(calls))
        write_batch(store, first[1:], comparer=_counting(calls))
        assert len(calls) == 1  # two articles: their accounts compared once
        before = snapshot(store)["event_points"]
        # published later: its statements come after the first two of each side, which the event compares
        write_batch(store, [_later(2, floor, "2016-01-13", "2016-01-20", {"US": "talks go on", "RU": "talks end"})],
                    comparer=_counting(calls))
        assert len(calls) == 1
        assert snapshot(store)["event_points"] == before
        # published earlier: it is among the first of each side now, and the accounts are compared again
        write_batch(store, [_later(200, floor, "2016-01-13", "2016-01-13", {"US": "sanctions bite", "RU": "talks help"})],
                    comparer=_counting(calls))
        assert len(calls) == 2
        assert snapshot(store)["event_points"] != before
