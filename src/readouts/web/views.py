"""The desk's list and detail views: events, articles, people, sides, outlets, a person, a side, search.

Each view reads the request's filters, asks the store's public API, and returns
a ``View``: the template with its context, the JSON the API gives, and the flat
rows of its CSV (``/events.csv?...`` is the same filtered list as
``/events?...``, every page of it).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from readouts.report.names import side_label
from readouts.store import (
    EventFilters,
    desk_outlets,
    desk_person,
    desk_search,
    desk_sides,
    get_side,
    list_articles,
    list_events_page,
    list_people,
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


def _listing_view(template: str, listing, query: Query, export: bool, rows, **context) -> View:
    return View(template, {"listing": listing, "q": query, **context}, listing.to_json(),
                rows(listing.items) if export else None)


def _page(req) -> tuple[int, int]:
    return (1, EXPORT_MAX) if req.export else (req.int_param("page", 1, 1, MAX_PAGE), PER_PAGE)


def event_rows(items) -> list[dict]:
    return [{"id": i.event.id, "when": i.event.when or "", "range_start": i.event.range_start or "",
             "range_end": i.event.range_end or "", "mode": i.event.mode, "planned": i.event.planned,
             "sides": " ".join(i.event.sides), "side_names": "; ".join(side_label(s) for s in i.event.sides),
             "participants": "; ".join(p.name for p in i.event.participants), "reports": i.event.reports,
             "conflicts": i.conflicts, "outlets": " ".join(i.outlets), "url": f"/events/{i.event.id}"}
            for i in items]


def view_events(store, req) -> View:
    f = EventFilters(sides=split_sides(req.query.get("between", [])), mode=req.arg("mode"), year=req.arg("year"),
                     outlet=req.arg("outlet"), conflict=req.arg("conflict"),
                     person=req.arg("person") or req.arg("actor"), since=req.arg("since"), until=req.arg("until"))
    page, per_page = _page(req)
    sort = req.arg("sort") or ""
    whole = list_events_page(store, f, sort=sort, page=1, per_page=EXPORT_MAX)
    listing = dataclasses.replace(whole, items=whole.items[(page - 1) * per_page: page * per_page], page=page,
                                  per_page=per_page)
    query = Query("/events", [("between", " ".join(f.sides)), ("mode", f.mode or ""), ("year", f.year or ""),
                              ("outlet", f.outlet or ""), ("conflict", f.conflict or ""),
                              ("person", f.person or ""), ("since", f.since or ""), ("until", f.until or ""),
                              ("sort", req.arg("sort") or ""), ("page", str(page) if page > 1 else "")])
    timeline = pages.timeline([i.event for i in whole.items])
    return _listing_view("events.html", listing, query, req.export, event_rows, filters=f,
                         modes=("call", "meeting", "video", "letter", "talks"), timeline=timeline)


def view_articles(store, req) -> View:
    page, per_page = _page(req)
    listing = list_articles(store, outlet=req.arg("outlet"), year=req.arg("year"), side=req.arg("side"),
                            sort=req.arg("sort") or "", page=page, per_page=per_page)
    query = Query("/articles", [("outlet", req.arg("outlet") or ""), ("year", req.arg("year") or ""),
                                ("side", req.arg("side") or ""), ("sort", req.arg("sort") or "")])
    return _listing_view("articles.html", listing, query, req.export,
                         lambda items: [{**a.to_json(), "sides": " ".join(a.sides), "page": f"/articles/{a.id}"}
                                        for a in items])


def view_people(store, req) -> View:
    page, per_page = _page(req)
    listing = list_people(store, side=req.arg("side"), sort=req.arg("sort") or "", page=page, per_page=per_page)
    query = Query("/people", [("side", req.arg("side") or ""), ("sort", req.arg("sort") or "")])
    return _listing_view("people.html", listing, query, req.export,
                         lambda items: [{**p.to_json(), "sides": " ".join(p.sides), "aliases": "; ".join(p.aliases),
                                         "page": f"/people/{quote(p.name, safe='')}"} for p in items])


def view_sides(store, req) -> View:
    page, per_page = _page(req)
    listing = desk_sides(store, sort=req.arg("sort") or "", page=page, per_page=per_page)
    query = Query("/sides", [("sort", req.arg("sort") or "")])
    return _listing_view("sides.html", listing, query, req.export,
                         lambda items: [{**s.to_json(), "name": side_label(s.side),
                                         "page": f"/sides/{quote(s.side, safe='')}"} for s in items])


def view_outlets(store, req) -> View:
    page, per_page = _page(req)
    listing = desk_outlets(store, sort=req.arg("sort") or "", page=page, per_page=per_page)
    query = Query("/outlets", [("sort", req.arg("sort") or "")])
    return _listing_view("outlets.html", listing, query, req.export,
                         lambda items: [{**o.to_json(), "sides": " ".join(o.sides)} for o in items])


def view_person(store, req, name: str) -> View:
    detail = desk_person(store, name)
    rows = [{"event": g.event.id if g.event else "", "when": (g.event.when or g.event.range_start or "") if g.event
             else "", "article_id": s.article_id, "side": s.side or "", "cue": s.cue.text, "content": s.content.text,
             "stance": s.stance, "direct": s.direct, "start": s.content.start, "end": s.content.end}
            for g in detail.by_event for s in g.statements] if req.export else None
    return View("person.html", {"d": detail, "p": detail.person}, detail.to_json(), rows)


def view_side(store, req, side: str) -> View:
    page, per_page = _page(req)
    detail = get_side(store, side, sort=req.arg("sort") or "", page=page, per_page=per_page)
    code = detail.side.side
    query = Query(f"/sides/{quote(code, safe='')}", [("sort", req.arg("sort") or "")])
    return View("side.html", {"d": detail, "s": detail.side, "listing": detail.events, "q": query,
                              "events_url": Query("/events", [("between", code)])},
                detail.to_json(), event_rows(detail.events.items) if req.export else None)


def view_search(store, req) -> View:
    result = desk_search(store, req.arg("q") or "")
    rows = ([{"kind": "event", "id": e.id, "text": e.label(), "url": f"/events/{e.id}"} for e in result.events]
            + [{"kind": "person", "id": p.name, "text": p.name, "url": f"/people/{quote(p.name, safe='')}"}
               for p in result.people]
            + [{"kind": "statement", "id": s.id, "text": s.content.text,
                "url": pages.span_link(s.article_id, s.content.start, s.content.end)} for s in result.statements]
            + [{"kind": "article", "id": a.id, "text": a.title or a.id, "url": f"/articles/{a.id}"}
               for a in result.articles]) if req.export else None
    return View("search.html", {"r": result, "q": Query("/search", [("q", result.query)])}, result.to_json(), rows)
