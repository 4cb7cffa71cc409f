"""The store's query API for the web desk: lists with filters, facets and pages; people; search; batches."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt
from testdbs import BACKENDS, fresh_db

from readouts.errors import InputError, StoreError
from readouts.records import Actor, Analysis, Article, Contact, Participant, Span, Statement
from readouts.store import (
    NotFound,
    article_counts,
    browse_articles,
    browse_events,
    browse_outlets,
    browse_people,
    browse_sides,
    event_outlets,
    find_person,
    get_event,
    get_person,
    list_outlets,
    list_sides,
    open_store,
    reanalyze,
    search,
    write_batch,
)


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def putin_only_article() -> Analysis:
    """A third article that names him "Putin" only, in a call with Macron (made up for the test)."""
    text = "Putin spoke by phone with Macron on Tuesday. Putin said the talks on Crimea were frank."
    actors = (Actor("putin", "Putin", "person", "RU", (_span(text, "Putin"),)),
              Actor("macron", "Emmanuel Macron", "person", "FR", (_span(text, "Macron"),)))
    said = Statement("s1", Span(45, 50, "Putin"), _span(text, "said"), _span(text, "the talks on Crimea were frank"),
                     False, "assert", "test", "Putin", "putin", "RU", "name")
    call = Contact("c1", (Participant("Putin", "RU", "putin"), Participant("Emmanuel Macron", "FR", "macron")),
                   ("FR", "RU"), "call", "2022-05-03", True, (_span(text, "spoke by phone"),), "test")
    return Analysis(Article(text=text, published="2022-05-04", url="https://news.example/putin-macron",
                            title="Putin and Macron talk"), actors, (said,), (call,))


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with fresh_db(request.param, tmp_path) as url:
        with open_store(url, create=True) as s:
            us, ru = handbuilt.pair_analyses()
            result = write_batch(s, [us, (ru, "kremlin.jsonl [ru]"), handbuilt.hostile_analysis(), putin_only_article()],
                                 comparer=handbuilt.pair_comparer)
            assert result.stored == 4 and all(w.error is None for w in result.articles)
            yield s


def test_events_filter_sort_facet_and_page(store):
    page = browse_events(store)
    assert page.total == 3 and [e.when for e in page.items] == ["2024-05-01", "2022-05-03", "2014-03-06"]
    facets = {f.name: dict(f.values) for f in page.facets}
    assert facets["sides"] == {"RU": 3, "FR": 2, "US": 1} and facets["year"] == {2024: 1, 2022: 1, 2014: 1}
    assert facets["has_conflict"] == {True: 1, False: 2} and facets["mode"] == {"call": 3}
    assert facets["outlet"]["en.kremlin.ru"] == 1
    assert [e.sides for e in browse_events(store, sides=("FR", "RU"), sort="date").items] == [("FR", "RU")] * 2
    assert browse_events(store, year=2014).items[0].conflicts == 1
    assert browse_events(store, has_conflict=True).total == 1
    assert browse_events(store, outlet="en.kremlin.ru").total == 1
    assert browse_events(store, q="Crimea").total == 0 and browse_events(store, q="Macron Putin").total == 1
    second = browse_events(store, limit=2, offset=2, facets=False)
    assert second.total == 3 and len(second.items) == 1 and second.facets == ()
    for bad in ({"sort": "size"}, {"limit": 0}, {"offset": -1}, {"year": "²"}, {"sides": ("Russia",)}):
        with pytest.raises(InputError):
            browse_events(store, **bad)


def test_articles_people_sides_and_outlets(store):
    page = browse_articles(store, side="RU")
    assert page.total == 3 and {a.outlet for a in page.items} == {"en.kremlin.ru", "example.org", "news.example"}
    assert all(a.analyzer_version for a in page.items)
    assert browse_articles(store, q="Crimea").items[0].title == "Putin and Macron talk"
    assert browse_articles(store, year=2014, sort="published").total == 2
    people = browse_people(store, side="RU")
    putin = next(p for p in people.items if p.key == "RU|person|putin")
    # "Vladimir Putin" (two articles) and "Putin" (one) are one person with the fuller name
    assert (putin.name, putin.articles, putin.statements) == ("Vladimir Putin", 3, 5)
    assert {s.side: s.events for s in list_sides(store)} == {"RU": 3, "FR": 2, "US": 1}
    assert {o.outlet: o.articles for o in list_outlets(store)}["zerohedge.com"] == 1


def test_person_page_groups_what_they_said_by_event(store):
    detail = get_person(store, "RU|person|putin")
    assert set(detail.names) == {"Vladimir Putin", "Putin"} and detail.total_statements == 5
    by_event = {tuple(sorted(g.event.sides)) if g.event else None: g for g in detail.by_event}
    assert set(by_event) == {("FR", "RU"), ("RU", "US")}
    assert [s.content.text for s in by_event[("FR", "RU")].statements] == ["the talks on Crimea were frank"]
    assert len(by_event[("RU", "US")].statements) == 4
    with pytest.raises(NotFound):
        get_person(store, "XX|person|nobody")


def test_search_several_words_names_and_topics(store):
    found = search(store, "Obama Putin")
    assert found.events and {tuple(e.sides) for e in found.events} == {("RU", "US")}
    assert [p.name for p in search(store, "Vladimir Putin").actors] == ["Vladimir Putin"]
    assert [p.key for p in search(store, "Putin").actors] == ["RU|person|putin"]
    crimea = search(store, "crimea")
    assert [h.statement.content.text for h in crimea.statements] == ["the talks on Crimea were frank"]
    assert [a.title for a in crimea.articles] == ["Putin and Macron talk"]
    assert search(store, "Lavr").statements  # the last word may be the start of one
    assert search(store, 'Crimea" OR "x').statements == ()  # quotes and operators are words
    assert search(store, "   ").events == ()
    with pytest.raises(InputError, match="longer than"):
        search(store, "x" * 60_000)



def test_search_gives_the_latest_stored_statements_first_up_to_the_limit(store):
    def said(n: int) -> Analysis:  # made-up notes, one statement each, longer and longer (a best-match
        text = f"Note {n}. Nadia Orlova said {ferry(n)}."  # ranking would put the shortest, oldest first)
        content = _span(text, ferry(n))
        return Analysis(Article(text=text, title=f"Note {n}"), (), (Statement(
            "s1", _span(text, "Nadia Orlova"), _span(text, "said"), content, False, "assert", "test",
            "Nadia Orlova", None, "XX", "name"),))

    def ferry(n: int) -> str:
        return f"the ferry plan {'and the timetable ' * n}was ready"

    for n in range(5):
        write_batch(store, [said(n)])
    found = search(store, "Orlova ferry", limit=3)
    assert [h.statement.content.text for h in found.statements] == [
        ferry(n) for n in (4, 3, 2)]
    assert [a.title for a in found.articles] == ["Note 4", "Note 3", "Note 2"]
    assert len(search(store, "orlova").statements) == 5

def test_a_batch_with_a_broken_article_stores_the_others(store):
    text = "Lecornu said the call was useful."
    s1 = Statement("s1", Span(0, 7, "Lecornu"), Span(8, 12, "said"), Span(13, 32, text[13:32]), False, "assert", "t")
    broken = Analysis(Article(text=text), statements=(s1, s1))  # duplicate ids: the database refuses it
    fine = Analysis(Article(text="Another article, nothing found."))
    result = write_batch(store, [fine, (broken, "bad.txt"), handbuilt.hostile_analysis()])
    assert [(w.stored, w.error is not None) for w in result.articles] == [(True, False), (False, True), (False, False)]
    assert "bad.txt" in str(result.articles[1].error) and store.counts()["articles"] == 5


def test_reanalyze_replaces_records_keeps_failures_and_rebuilds_events(store):
    def analyzer(articles):
        out = []
        for a in articles:
            if "hostile" in (a.url or ""):
                out.append(InputError(a.url, "made-up failure"))
            else:
                out.append(Analysis(a))  # the new rules find nothing
        return out

    result = reanalyze(store, analyzer, since="2014", version="9.9")
    assert result.analysed == 3 and [r for _, r in result.failures] == ["made-up failure"]
    assert result.events == 1  # only the hostile article kept its contact
    assert {a.analyzer_version for a in browse_articles(store).items} >= {"9.9"}
    assert store.counts()["statements"] == 2 and search(store, "Crimea").statements == ()
    assert get_event(store, browse_events(store).items[0].id).reports[0].outlet == "example.org"


def test_read_only_store_refuses_batches(store):
    with open_store(store.db, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        write_batch(ro, [handbuilt.hostile_analysis()])


def test_sides_and_outlets_are_counted_sorted_and_paged(store):
    sides = browse_sides(store)
    assert [(s.side, s.events) for s in sides.items] == [("RU", 3), ("FR", 2), ("US", 1)]
    assert sides.total == 3 and sides.items[0].name == "Russian Federation"
    assert {s.side: s.people for s in sides.items}["RU"] >= 1  # Putin, merged across his three articles
    by_name = browse_sides(store, sort="side", limit=2)
    assert [s.side for s in by_name.items] == ["FR", "RU"] and by_name.total == 3
    assert [s.side for s in browse_sides(store, sort="side", limit=2, offset=2).items] == ["US"]
    assert [s.side for s in browse_sides(store, sides=("ru",)).items] == ["RU"]
    outlets = browse_outlets(store)
    assert outlets.total == len(list_outlets(store))
    kremlin = next(o for o in outlets.items if o.outlet == "en.kremlin.ru")
    assert (kremlin.articles, kremlin.events, kremlin.first_published) == (1, 1, "2014-03-07")
    assert [o.outlet for o in browse_outlets(store, sort="outlet").items] == sorted(o.outlet for o in outlets.items)
    for bad in ({"sort": "size"}, {"limit": 0}):
        with pytest.raises(InputError):
            browse_outlets(store, **bad)
        with pytest.raises(InputError):
            browse_sides(store, **bad)


def test_event_outlets_article_counts_and_people_by_name(store):
    (us_ru,) = browse_events(store, sides=("US", "RU")).items
    assert event_outlets(store, [us_ru.id])[us_ru.id] == ("en.kremlin.ru", "zerohedge.com")  # its two reports, by outlet
    (article,) = browse_articles(store, q="Macron").items
    assert article_counts(store, [article.id]) == {article.id: (1, 1)}  # his one statement, the one call
    # "Putin" (one article) and "Vladimir Putin" (two) name one person; a name no one has is NotFound
    assert find_person(store, "Putin") == find_person(store, "vladimir putin") == "RU|person|putin"
    assert find_person(store, "President Putin") == "RU|person|putin"  # a form no article uses: by surname
    with pytest.raises(NotFound):
        find_person(store, "Nobody Atall")


def test_events_reported_by_articles_and_articles_by_any_word_of_their_text(store):
    # "Crimea" is in no title nor statement of the Kremlin readout, only in its text
    kremlin = browse_articles(store, outlet="en.kremlin.ru").items[0]
    assert kremlin.id in {a.id for a in browse_articles(store, text="crimea ukraine").items}
    assert browse_articles(store, text="crimea zanzibar").total == 0
    (event,) = browse_events(store, reported_by=(kremlin.id,)).items
    assert event.sides == ("RU", "US")
