"""The desk's list and detail views: events, articles, people, sides, outlets, a person, a side, search.

Each view reads the request's filters, asks the store's public browse API
(``readouts.store``: ``browse_events``, ``browse_articles``, ``browse_people``,
``browse_sides``, ``browse_outlets``, ``get_person_named``, ``search``; filtered,
sorted and paged in SQL) and returns a ``View``: the template with its context,
the JSON the API gives, and the flat rows of its CSV (``/events.csv?...`` is the
same filtered list as ``/events?...``, every page of it).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import readouts.store as store_api  # its search(); 'from readouts.store import search' names the module
from readouts.errors import InputError
from readouts.report.names import side_label
from readouts.store import (
    MAX_LIMIT,
    NotFound,
    Page,
    article_counts,
    browse_articles,
    browse_events,
    browse_outlets,
    browse_people,
    browse_sides,
    event_outlets,
    get_person_named,
    query_words,
)
from readouts.web import pages

PER_PAGE = 50
EXPORT_MAX = 100_000  # rows in one CSV export
MAX_PAGE = 10_000


@dataclass(frozen=True, slots=True)
class View:
    """What one route returns: the template, its context, the JSON the API gives, and its CSV rows."""

    template: str
    context: dict
    data: object
    rows: list[dict] | None = None


def split_sides(values: list[str]) -> tuple[str, ...]:
    """Sides from the query: ``between=FR RU``, ``between=FR&between=RU``, ``between=ORG:National Liberation
    Forces SD``. An ``ORG:`` name runs on to the next two-letter code in capitals or the next ``ORG:``."""
    out: list[str] = []
    for value in values:
        org: list[str] | None = None
        for token in value.replace(",", " ").split():
            code = len(token) == 2 and token.isalpha() and (token.isupper() or org is None)
            if token[:4].upper() == "ORG:" or code:
                if org:
                    out.append(" ".join(org))
                org = [token] if not code else None
                if code:
                    out.append(token)
            elif org is not None:
                org.append(token)
            else:
                out.append(token)  # not a side: the store says so, naming it
        if org:
            out.append(" ".join(org))
    return tuple(dict.fromkeys(out))


class Query:
    """The current list's parameters, to build links that keep them: facets, sorting, pages, exports."""

    def __init__(self, path: str, params: list[tuple[str, str]]) -> None:
        self.path = path
        self.params = [(k, v) for k, v in params if v]

    def get(self, name: str) -> str:
        return next((v for k, v in self.params if k == name), "")

    def string(self, **changes: str | None) -> str:
        """The query string with ``changes`` applied (None or "" drops a parameter); the page resets."""
        params = dict(self.params)
        if "page" not in changes:
            params.pop("page", None)
        for k, v in changes.items():
            if v:
                params[k] = v
            else:
                params.pop(k, None)
        return urlencode(list(params.items()))

    def url(self, **changes: str | None) -> str:
        qs = self.string(**changes)
        return self.path + ("?" + qs if qs else "")

    def export(self, fmt: str, **changes: str | None) -> str:
        """The JSON (``/api/...``) or CSV (``....csv``) of this list, with the same filters and sort."""
        qs = self.string(**changes)
        path = f"/api{self.path}" if fmt == "json" else f"{self.path}.csv"
        return path + ("?" + qs if qs else "")

    def sort_url(self, key: str, default: str) -> str:
        """Sort by ``key``: descending first, ascending when it is already sorted descending by it."""
        current = self.get("sort") or default
        return self.url(sort=key if current == f"-{key}" else f"-{key}")

    def has_side(self, side: str) -> bool:
        return side in split_sides([self.get("between")])

    def with_side(self, side: str) -> str:
        sides = list(split_sides([self.get("between")]))
        if side in sides:
            return self.url(between=" ".join(s for s in sides if s != side))
        return self.url(between=" ".join([*sides, side]))


@dataclass(frozen=True, slots=True)
class WebFacet:
    """A facet as the page shows it: each value as its query parameter takes it, with its count."""

    name: str
    values: tuple[tuple[str, int], ...]

    def to_json(self) -> dict:
        return {"name": self.name, "values": [{"value": v, "count": n} for v, n in self.values]}


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a list as the templates and the API show it: the store's ``Page`` with page numbers."""

    kind: str
    items: tuple
    total: int
    page: int
    per_page: int
    sort: str
    facets: tuple[WebFacet, ...]
    json_items: tuple[dict, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict:
        return {"kind": self.kind, "total": self.total, "page": self.page, "pages": self.pages,
                "per_page": self.per_page, "sort": self.sort, "facets": [f.to_json() for f in self.facets],
                self.kind: list(self.json_items)}


def _facets(page: Page) -> tuple[WebFacet, ...]:
    """The store's facets with values as the query takes them: years as text, has_conflict as conflict=yes|no."""
    out = []
    for f in page.facets:
        if f.name == "has_conflict":
            out.append(WebFacet("conflict", tuple(("yes" if v else "no", n) for v, n in f.values)))
        else:
            out.append(WebFacet(f.name, tuple((str(v), n) for v, n in f.values)))
    return tuple(out)


def _fetch(req, browse: Callable[..., Page]) -> tuple[Page, int, int]:
    """One page of a list (``page``, ``per_page``), or for a CSV every page of it: the page, its number, its size.

    ``browse(limit=, offset=, facets=)`` asks the store; a CSV asks in pages of the store's largest limit.
    """
    if not req.export:
        per_page = req.int_param("per_page", PER_PAGE, 1, MAX_LIMIT)
        number = req.int_param("page", 1, 1, MAX_PAGE)
        return browse(limit=per_page, offset=(number - 1) * per_page, facets=True), number, per_page
    items: list = []
    while True:
        page = browse(limit=MAX_LIMIT, offset=len(items), facets=False)
        items.extend(page.items)
        if not page.items or len(items) >= min(page.total, EXPORT_MAX):
            break
    return Page(tuple(items[:EXPORT_MAX]), page.total, MAX_LIMIT, 0, page.sort), 1, max(1, len(items))


def _listing(kind: str, page: Page, number: int, per_page: int, sort: str, json_item: Callable[[Any], dict]) -> Listing:
    return Listing(kind, page.items, page.total, number, per_page, sort, _facets(page),
                   tuple(json_item(i) for i in page.items))


def _sort(req, default: str, names: dict[str, str] | None = None) -> tuple[str, str]:
    """The page's sort (as its links say it) and the store's name for it ("-when" is the store's "-date")."""
    sort = req.arg("sort") or default
    name = sort.lstrip("-")
    return sort, sort[:len(sort) - len(name)] + (names or {}).get(name, name)


class _Once:
    """A value computed when a template first asks for it (the timeline: not for the API or a CSV)."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self.compute, self.done, self.value = compute, False, None

    def __call__(self) -> Any:
        if not self.done:
            self.value, self.done = self.compute(), True
        return self.value


def event_rows(events, outlets: dict[str, tuple[str, ...]]) -> list[dict]:
    return [{"id": e.id, "when": e.when or "", "range_start": e.range_start or "", "range_end": e.range_end or "",
             "mode": e.mode, "planned": e.planned, "sides": " ".join(e.sides),
             "side_names": "; ".join(side_label(s) for s in e.sides),
             "participants": "; ".join(p.name for p in e.participants), "reports": e.reports,
             "conflicts": e.conflicts, "outlets": " ".join(outlets.get(e.id, ())), "url": f"/events/{e.id}"}
            for e in events]


def _conflict(value: str | None) -> bool | None:
    if value in (None, "yes", "no"):
        return None if value is None else value == "yes"
    raise InputError("conflict", f"not yes or no: {value!r}")


EVENT_SORT_NAMES = {"when": "date"}


def view_events(store, req) -> View:
    words = " ".join(w for w in (req.arg("q"), req.arg("person"), req.arg("actor")) if w)
    filters = {"sides": split_sides(req.query.get("between", [])), "mode": req.arg("mode"), "year": req.arg("year"),
               "outlet": req.arg("outlet"), "has_conflict": _conflict(req.arg("conflict")), "q": words or None,
               "since": req.arg("since"), "until": req.arg("until")}
    sort, store_sort = _sort(req, "-when", EVENT_SORT_NAMES)
    page, number, per_page = _fetch(req, lambda **kw: browse_events(store, sort=store_sort, **filters, **kw))
    outlets = event_outlets(store, [e.id for e in page.items])
    listing = _listing("events", page, number, per_page, sort,
                       lambda e: {**e.to_json(), "outlets": list(outlets.get(e.id, ()))})
    query = Query("/events", [("between", " ".join(filters["sides"])), ("q", words), ("mode", req.arg("mode") or ""),
                              ("year", req.arg("year") or ""), ("outlet", req.arg("outlet") or ""),
                              ("conflict", req.arg("conflict") or ""), ("since", req.arg("since") or ""),
                              ("until", req.arg("until") or ""), ("sort", req.arg("sort") or ""),
                              ("page", str(number) if number > 1 else "")])

    def whole_list():
        # the timeline shows every event of the filtered list (up to the store's largest page)
        events = page.items if number == 1 and page.total <= len(page.items) else browse_events(
            store, sort="-date", limit=MAX_LIMIT, facets=False, **filters).items
        return pages.timeline(list(events))

    return View("events.html", {"listing": listing, "q": query, "outlets": outlets, "timeline": _Once(whole_list),
                                "modes": ("call", "meeting", "video", "letter", "talks")},
                listing.to_json(), event_rows(page.items, outlets) if req.export else None)


def view_articles(store, req) -> View:
    sort, store_sort = _sort(req, "-published")
    filters = {"outlet": req.arg("outlet"), "side": req.arg("side"), "year": req.arg("year"), "q": req.arg("q")}
    page, number, per_page = _fetch(req, lambda **kw: browse_articles(store, sort=store_sort, **filters, **kw))
    counts = article_counts(store, [a.id for a in page.items])

    def item(a) -> dict:
        return {**a.to_json(), "statements": counts[a.id][0], "contacts": counts[a.id][1]}

    listing = _listing("articles", page, number, per_page, sort, item)
    query = Query("/articles", [*((k, v or "") for k, v in filters.items()), ("sort", req.arg("sort") or "")])
    rows = [{**item(a), "sides": " ".join(a.sides), "page": f"/articles/{a.id}"} for a in page.items] \
        if req.export else None
    return View("articles.html", {"listing": listing, "q": query, "counts": counts}, listing.to_json(), rows)


def person_url(key: str) -> str:
    return f"/people/{quote(key, safe='')}"


def view_people(store, req) -> View:
    sort, store_sort = _sort(req, "-statements")
    filters = {"side": req.arg("side"), "kind": req.arg("kind"), "q": req.arg("q")}
    page, number, per_page = _fetch(req, lambda **kw: browse_people(store, sort=store_sort, **filters, **kw))
    listing = _listing("people", page, number, per_page, sort, lambda p: {**p.to_json(), "page": person_url(p.key)})
    query = Query("/people", [*((k, v or "") for k, v in filters.items()), ("sort", req.arg("sort") or "")])
    return View("people.html", {"listing": listing, "q": query}, listing.to_json(),
                list(listing.json_items) if req.export else None)


def view_sides(store, req) -> View:
    sort, store_sort = _sort(req, "-events")
    page, number, per_page = _fetch(req, lambda facets, **kw: browse_sides(store, sort=store_sort, **kw))
    listing = _listing("sides", page, number, per_page, sort,
                       lambda s: {**s.to_json(), "label": side_label(s.side), "page": f"/sides/{quote(s.side, safe='')}"})
    query = Query("/sides", [("sort", req.arg("sort") or "")])
    return View("sides.html", {"listing": listing, "q": query}, listing.to_json(),
                list(listing.json_items) if req.export else None)


def view_outlets(store, req) -> View:
    sort, store_sort = _sort(req, "-articles")
    page, number, per_page = _fetch(req, lambda facets, **kw: browse_outlets(store, sort=store_sort, **kw))
    listing = _listing("outlets", page, number, per_page, sort, lambda o: o.to_json())
    query = Query("/outlets", [("sort", req.arg("sort") or "")])
    return View("outlets.html", {"listing": listing, "q": query}, listing.to_json(),
                list(listing.json_items) if req.export else None)


PERSON_PAGE = 200  # statements on one person page


def _person_detail(store, req, name: str):
    """The person's page (``page`` of ``PERSON_PAGE`` statements), or for a CSV every statement."""
    if not req.export:
        number = req.int_param("page", 1, 1, MAX_PAGE)
        detail = get_person_named(store, name, limit=PERSON_PAGE, offset=(number - 1) * PERSON_PAGE)
        return detail, number, list(detail.by_event)
    first = get_person_named(store, name, limit=MAX_LIMIT)
    groups = list(first.by_event)
    while sum(len(g.statements) for g in groups) < min(first.total_statements, EXPORT_MAX):
        more = get_person_named(store, name, limit=MAX_LIMIT, offset=sum(len(g.statements) for g in groups))
        if not more.by_event:
            break
        groups.extend(more.by_event)
    return first, 1, groups


def view_person(store, req, name: str) -> View:
    detail, number, groups = _person_detail(store, req, name)
    person = detail.person
    took_part = _Once(lambda: browse_events(store, q=person.name, limit=50, facets=False).items
                      if query_words(person.name) else ())
    rows = None
    if req.export:
        rows = [{"event": g.event.id if g.event else "", "when": (g.event.when or g.event.range_start or "")
                 if g.event else "", "article_id": s.article_id, "side": s.side or "", "speaker": s.speaker.text,
                 "cue": s.cue.text, "content": s.content.text, "stance": s.stance, "direct": s.direct,
                 "start": s.content.start, "end": s.content.end} for g in groups for s in g.statements]
    pager = Listing("statements", (), detail.total_statements, number, PERSON_PAGE, "", (), ())
    url = person_url(person.key or person.name)
    return View("person.html", {"d": detail, "p": person, "url": url, "took_part": took_part,
                                "listing": pager, "q": Query(url, [])},
                detail.to_json(), rows)


def view_side(store, req, side: str) -> View:
    found = browse_sides(store, sides=(side,), limit=1).items
    if not found:
        raise NotFound(side, f"no such side in {store.name}")
    s = found[0]
    sort, store_sort = _sort(req, "-when", EVENT_SORT_NAMES)
    page, number, per_page = _fetch(req, lambda **kw: browse_events(store, sides=(s.side,), sort=store_sort, **kw))
    outlets = event_outlets(store, [e.id for e in page.items])
    listing = _listing("events", page, number, per_page, sort,
                       lambda e: {**e.to_json(), "outlets": list(outlets.get(e.id, ()))})
    counterparts = tuple((v, n) for f in listing.facets if f.name == "sides" for v, n in f.values if v != s.side)
    people = browse_people(store, side=s.side, sort="-statements", limit=40, facets=False)
    query = Query(f"/sides/{quote(s.side, safe='')}", [("sort", req.arg("sort") or "")])
    data = {"side": s.to_json(), "counterparts": [{"side": v, "events": n} for v, n in counterparts],
            "people": [p.to_json() for p in people.items], "events": listing.to_json()}
    return View("side.html", {"s": s, "counterparts": counterparts, "people": people, "listing": listing,
                              "q": query, "outlets": outlets, "events_url": Query("/events", [("between", s.side)])},
                data, event_rows(page.items, outlets) if req.export else None)


def _people_of_any_word(store, result, words: tuple[str, ...], limit: int = 50) -> tuple:
    """The people the whole query names, then those any one word names ("Obama Putin": both leaders)."""
    people = {p.key: p for p in result.actors}
    if len(words) > 1:
        for word in words:
            for p in browse_people(store, q=word, sort="-statements", limit=limit, facets=False).items:
                people.setdefault(p.key, p)
    return tuple(people.values())[:limit]


def _found_by_text(store, result, limit: int = 50) -> tuple[tuple, tuple]:
    """Events beyond the index: those the matching articles report, and when that finds none, the
    articles whose text holds every word and their events ("Crimea": the call whose readouts name
    it in passing). Only that last step scans the texts, and only when the index found no event."""
    articles = {a.id: a for a in result.articles}
    events = {e.id: e for e in result.events}

    def reported(ids) -> None:
        for e in browse_events(store, reported_by=tuple(ids), limit=limit, facets=False).items:
            events.setdefault(e.id, e)

    if articles and len(events) < limit:
        reported(articles)
    if not events:
        found = browse_articles(store, text=result.query, limit=limit, facets=False).items
        for a in found:
            articles.setdefault(a.id, a)
        if found:
            reported(a.id for a in found)
    return tuple(events.values())[:limit], tuple(articles.values())[:limit]


def view_search(store, req) -> View:
    result = store_api.search(store, req.arg("q") or "", limit=50)
    words = tuple(query_words(result.query))
    events, articles = _found_by_text(store, result) if words else ((), ())
    result = dataclasses.replace(result, actors=_people_of_any_word(store, result, words), events=events,
                                 articles=articles)
    data = {"query": result.query, "words": list(words), "events": [e.to_json() for e in result.events],
            "people": [p.to_json() for p in result.actors], "statements": [h.to_json() for h in result.statements],
            "articles": [a.to_json() for a in result.articles]}
    rows = ([{"kind": "event", "id": e.id, "text": e.label(), "url": f"/events/{e.id}"} for e in result.events]
            + [{"kind": "person", "id": p.key, "text": p.name, "url": person_url(p.key)} for p in result.actors]
            + [{"kind": "statement", "id": h.statement.id, "text": h.statement.content.text,
                "url": pages.span_link(h.statement.article_id, h.statement.content.start, h.statement.content.end)}
               for h in result.statements]
            + [{"kind": "article", "id": a.id, "text": a.title or a.id, "url": f"/articles/{a.id}"}
               for a in result.articles]) if req.export else None
    return View("search.html", {"r": result, "words": words, "q": Query("/search", [("q", result.query)])}, data, rows)
