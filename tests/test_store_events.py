"""Events from stored contacts: the same events in any order, one report per article, outlets from articles."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
from testdbs import BACKENDS, fresh_db

from readouts.corpus import ingest_analyses
from readouts.records import Analysis, Article, Contact, Participant, Span
from readouts.store import get_event, list_events, open_store
from readouts.store.derive import day_range
from readouts.store.events import Report, cluster_reports

OBAMA_PUTIN = (("Barack Obama", "US"), ("Vladimir Putin", "RU"))
LECORNU_SHOIGU = (("Sebastien Lecornu", "FR"), ("Sergei Shoigu", "RU"))
MACRON_PUTIN = (("Emmanuel Macron", "FR"), ("Vladimir Putin", "RU"))


def contact(text: str, phrase: str, when: str | None, people=OBAMA_PUTIN, mode: str = "call", current: bool = True,
            cid: str = "c1", planned: bool = False) -> Contact:
    start = text.index(phrase)
    return Contact(cid, tuple(Participant(n, s) for n, s in people), tuple(sorted({s for _, s in people})), mode,
                   when, current, (Span(start, start + len(phrase), phrase),), "test", planned=planned)


def article(text: str, published: str, *contacts: Contact, url: str | None = None) -> Analysis:
    return Analysis(Article(text=text, published=published, url=url), contacts=contacts)


def _pool() -> list[Analysis]:
    """Reports of a few contacts, told with every precision and mode the merging must reconcile."""
    out = []
    for n, (when, mode, people, pub) in enumerate([
        ("2014-08-01", "call", OBAMA_PUTIN, "2014-08-01"),
        ("2014-08-01", "talks", OBAMA_PUTIN, "2014-08-02"),    # the Kremlin's "held talks": the same call
        (None, "call", OBAMA_PUTIN, "2014-08-03"),             # undated, current: the week before
        ("2014-08", "talks", OBAMA_PUTIN, "2014-08-20"),       # a month only
        ("2014-08-05", "meeting", OBAMA_PUTIN, "2014-08-06"),  # another contact that month
        ("2014-08-05", "meeting", OBAMA_PUTIN, "2014-08-07"),
        ("2024-04-03", "call", LECORNU_SHOIGU, "2024-04-04"),
        ("2024-04-03", "call", MACRON_PUTIN, "2024-04-04"),    # same day and sides, other people
        ("2024-04", "call", LECORNU_SHOIGU, "2024-04-20"),
        (None, "talks", LECORNU_SHOIGU, "2024-04-05"),
    ]):
        text = f"Report {n}: the leaders held a conversation."
        out.append(article(text, pub, contact(text, "held a conversation", when, people, mode)))
    text = "Report 10: they had spoken before."
    out.append(article(text, "2024-05-01", contact(text, "had spoken", None, LECORNU_SHOIGU, current=False)))
    return out


def _events(store) -> list[tuple]:
    out = []
    for e in list_events(store, limit=1000):
        detail = get_event(store, e.id)
        out.append((e.id, e.mode, e.when, e.range_start, e.range_end, e.reports,
                    tuple(sorted(r.article_id for r in detail.reports))))
    return sorted(out)


def _reports(pool: list[Analysis]) -> list[Report]:
    out = []
    for i, a in enumerate(pool):
        for c in a.contacts:
            out.append(Report(f"a{i}:{c.id}", f"a{i}", c.mode, "|".join(c.sides), c.planned, c.when,
                              day_range(c.when, a.article.published, c.current),
                              tuple((p.name, p.side) for p in c.participants), a.article.published, c.current))
    return out


@settings(max_examples=200, deadline=None)
@given(st.permutations(_reports(_pool())))
def test_clustering_depends_on_the_set_not_the_order(reports):
    assert cluster_reports(reports) == cluster_reports(_reports(_pool()))


def test_the_pool_makes_the_events_a_reader_expects():
    events = cluster_reports(_reports(_pool()))
    members = sorted(sorted(int(r.article_id[1:]) for r in e) for e in events)
    # The call of 1 August with the Kremlin's "talks" and the undated report of 3 August; the meeting of
    # 5 August twice, with "talks in August" published later (the latest contact its month allows);
    # Lecornu-Shoigu with the April report and the undated talks; Macron-Putin; the undatable recall.
    assert members == [[0, 1, 2], [3, 4, 5], [6, 8, 9], [7], [10]]


@settings(max_examples=6, deadline=None)
@given(st.permutations(range(len(_pool()))))
def test_storing_the_same_articles_in_any_order_gives_the_same_events(tmp_path_factory, order):
    pool = _pool()
    stores = []
    for n, sequence in enumerate((range(len(pool)), order)):
        path = str(tmp_path_factory.mktemp("order") / f"s{n}.db")
        with open_store(path, create=True) as store:
            for i in sequence:  # one article at a time, as a live feed arrives
                assert ingest_analyses(store, [pool[i]]).ok
            stores.append(_events(store))
    assert stores[0] == stores[1]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with fresh_db(request.param, tmp_path) as url, open_store(url, create=True) as s:
        yield s


def test_a_call_and_the_other_sides_talks_of_that_day_are_one_event(store):
    white_house = "President Obama spoke by phone with President Putin today."
    kremlin = "Vladimir Putin held talks with Barack Obama."
    ingest_analyses(store, [
        article(kremlin, "2014-08-01", contact(kremlin, "held talks", "2014-08-01", mode="talks"),
                url="http://en.kremlin.ru/events/president/news/46364"),
        article(white_house, "2014-08-01", contact(white_house, "spoke by phone", "2014-08-01"),
                url="https://www.whitehouse.gov/the-press-office/2014/08/01/readout"),
    ])
    (event,) = list_events(store)
    assert (event.mode, event.reports, event.when) == ("call", 2, "2014-08-01")
    outlets = {r.outlet for r in get_event(store, event.id).reports}
    assert outlets == {"en.kremlin.ru", "whitehouse.gov"}


def test_an_article_reporting_one_call_twice_is_one_report(store):
    text = "Macron called Putin on Friday. In Friday's call, Macron urged a ceasefire."
    twice = article(text, "2024-03-02", contact(text, "called", "2024-03-01", MACRON_PUTIN, cid="c1"),
                    contact(text, "Friday's call", "2024-03-01", MACRON_PUTIN, cid="c2"))
    ingest_analyses(store, [twice])
    (event,) = list_events(store)
    (report,) = get_event(store, event.id).reports
    assert event.reports == 1 and report.evidence.text == "called" and [s.text for s in report.also] == ["Friday's call"]


def test_the_outlet_is_the_articles_not_the_voice_in_it(store):
    # A Kremlin page quoting the US side: the outlet stays the Kremlin's.
    text = "Washington said the call with Putin was frank."
    from readouts.records import Statement

    quoted = Analysis(Article(text=text, published="2014-03-07", url="http://en.kremlin.ru/news/1"),
                      statements=(Statement("s1", Span(0, 10, "Washington"), Span(11, 15, "said"),
                                            Span(16, len(text) - 1, text[16:-1]), False, "assert", "t", side="US"),),
                      contacts=(contact(text, "the call", "2014-03-06"),))
    ingest_analyses(store, [quoted])
    (report,) = get_event(store, list_events(store)[0].id).reports
    assert report.outlet == "en.kremlin.ru" and report.article_sides == ("US",)


def test_a_readout_published_the_morning_after_without_a_date_is_the_same_call(store):
    # Made up: one side's readout dates the call ("this afternoon", published the 6th); the other
    # side's gives no date and is published on the 7th, so the analysis assumed the 7th.
    ours = "The president spoke this afternoon with his counterpart."
    theirs = "The head of state held a telephone conversation with the visiting envoy's president."
    dated = contact(ours, "spoke", "2014-03-06")
    start = ours.index("this afternoon")
    dated = Contact(dated.id, dated.participants, dated.sides, dated.mode, dated.when, True, dated.evidence, "test",
                    when_span=Span(start, start + len("this afternoon"), "this afternoon"))
    ingest_analyses(store, [article(theirs, "2014-03-07", contact(theirs, "telephone conversation", "2014-03-07")),
                            article(ours, "2014-03-06", dated)])
    (event,) = list_events(store)
    assert (event.mode, event.reports, event.when) == ("call", 2, "2014-03-06")
    # a date the text states stays that day: a call said to be "today" on the 7th is another call
    assert day_range("2014-03-07", "2014-03-07", True, stated=True) == ("2014-03-07", "2014-03-07")
    assert day_range("2014-03-07", "2014-03-07", True, stated=False) == ("2014-02-28", "2014-03-07")
