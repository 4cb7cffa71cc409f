"""The events list's facet counts kept by the writer: in step with the events after every kind of write,
and the same facets a count over the events gives; the two-side filter still finds wider events."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sa = pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt
from testdbs import BACKENDS, fresh_db

from readouts.records import Analysis, Article, Contact, Participant, Span
from readouts.store import browse, browse_events, facets, open_store, reanalyze, write_batch
from readouts.store.maintain import refresh


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def _summit(published: str, url: str, topic: str = "grain") -> Analysis:
    """A made-up report of one meeting of three sides (FR, RU, US), dated the day before publication."""
    text = f"The presidents of France, Russia and the United States met in Geneva on Monday to discuss {topic}."
    people = (Participant("the president of France", "FR", None), Participant("the president of Russia", "RU", None),
              Participant("the president of the United States", "US", None))
    met = Contact("c1", people, ("FR", "RU", "US"), "meeting", published[:8] + f"{int(published[8:]) - 1:02d}", True,
                  (_span(text, "met"),), "test")
    return Analysis(Article(text=text, published=published, url=url, title="Three presidents meet"), contacts=(met,))


def _in_step(store) -> None:
    with store.engine.connect() as conn:
        assert facets.kept(conn) == facets.recount(conn)
    page = browse_events(store)
    counted = [browse._facet(store, "sides", browse.es.c.side, []), browse._facet(store, "mode", browse.ev.c.mode, []),
               browse._facet(store, "year", browse.ev.c.year, [], limit=200),
               browse._facet(store, "outlet", browse.eo.c.outlet, [])]
    assert page.facets[:4] == tuple(counted)
    with_conflict = browse_events(store, has_conflict=True, facets=False).total
    assert page.total == browse_events(store, facets=False).total == len(browse_events(store, limit=1000).items)
    assert dict(page.facets[4].values) == {k: v for k, v in {True: with_conflict,
                                                             False: page.total - with_conflict}.items() if v}


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with fresh_db(request.param, tmp_path) as url, open_store(url, create=True) as s:
        yield s


def test_the_kept_counts_follow_merges_reanalysis_and_refresh(store):
    us, ru = handbuilt.pair_analyses()
    write_batch(store, [us], comparer=handbuilt.pair_comparer)
    _in_step(store)
    # the Kremlin's report joins the White House's event: the event is dropped and written again
    write_batch(store, [ru, handbuilt.hostile_analysis()], comparer=handbuilt.pair_comparer)
    _in_step(store)
    assert dict(browse_events(store).facets[4].values) == {True: 1, False: 1}
    write_batch(store, [_summit("2019-06-04", "https://a.example/summit"),
                        _summit("2019-06-04", "https://b.example/summit", "energy")])  # one event of two reports
    _in_step(store)
    page = browse_events(store)
    assert dict(page.facets[0].values) == {"RU": 3, "FR": 2, "US": 2} and dict(page.facets[2].values)[2019] == 1
    assert {"a.example", "b.example"} <= set(dict(page.facets[3].values))
    refresh(store, comparer=handbuilt.pair_comparer)
    _in_step(store)
    reanalyze(store, lambda arts: [Analysis(a) for a in arts])  # the new rules find nothing: no events
    _in_step(store)
    with store.engine.connect() as conn:
        assert facets.kept(conn) == {}
    assert browse_events(store).total == 0 and all(f.values == () for f in browse_events(store).facets)


def test_two_sides_and_a_year_find_the_events_of_exactly_them_and_the_wider_ones(store):
    us, ru = handbuilt.pair_analyses()
    write_batch(store, [us, ru, _summit("2014-06-04", "https://a.example/summit")])
    both = browse_events(store, sides=("US", "RU"), year=2014)
    assert sorted(e.sides for e in both.items) == [("FR", "RU", "US"), ("RU", "US")] and both.total == 2
    assert dict(both.facets[0].values) == {"RU": 2, "US": 2, "FR": 1}
    assert [e.sides for e in browse_events(store, sides=("FR", "US"), year=2014).items] == [("FR", "RU", "US")]
    assert browse_events(store, sides=("FR", "US"), year=2015).total == 0
    assert browse_events(store, sides=("US", "RU"), mode="call").total == 1
