"""Browsing queries for the desk (the web UI): lists with filters, facets, sorting and pages; people and sides.

``list_events_page``, ``list_articles``, ``list_people``, ``desk_sides`` and
``desk_outlets`` each return a ``Listing``: one page of items, the total, and
the facet counts over every item that passes the filters (so a reader sees
how many events each side, mode, year or outlet would leave). ``desk_person``
is everything one person said, grouped by the event it was said about;
``get_side`` one side's events, people and counterparts; ``desk_search``
finds events, people, statements and articles holding every word of a query.

People are actors merged by name across articles: "Putin" joins "Vladimir
Putin" when he is the only stored person of that surname (and side). An
outlet is the web site an article came from (its URL's host name).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from urllib.parse import urlparse

import sqlalchemy as sa

from readouts.errors import InputError
from readouts.store import schema
from readouts.store.db import Store
from readouts.store.queries import (
    MODES,
    NotFound,
    _run,
    _statement,
    event_summary,
    period_end,
    period_start,
    side_code,
)
from readouts.store.views import EventSummary, StatementView

ev, es, ct, art, st = schema.events, schema.event_sides, schema.contacts, schema.articles, schema.statements
PER_PAGE = 50
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True, slots=True)
class Facet:
    """One facet: each value with the number of items it would leave."""

    name: str
    values: tuple[tuple[str, int], ...]

    def to_json(self) -> dict:
        return {"name": self.name, "values": [{"value": v, "count": n} for v, n in self.values]}


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a filtered, sorted list, with the total and the facets of the whole filtered list."""

    kind: str
    items: tuple
    total: int
    page: int
    per_page: int
    sort: str
    facets: tuple[Facet, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict:
        return {"kind": self.kind, "total": self.total, "page": self.page, "pages": self.pages,
                "per_page": self.per_page, "sort": self.sort, "facets": [f.to_json() for f in self.facets],
                self.kind: [i.to_json() for i in self.items]}


@dataclass(frozen=True, slots=True)
class EventItem:
    event: EventSummary
    outlets: tuple[str, ...]
    conflicts: int

    def to_json(self) -> dict:
        return {**self.event.to_json(), "outlets": list(self.outlets), "conflicts": self.conflicts}


@dataclass(frozen=True, slots=True)
class ArticleItem:
    id: str
    title: str | None
    url: str | None
    published: str | None
    outlet: str
    sides: tuple[str, ...]
    statements: int
    contacts: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PersonItem:
    name: str
    sides: tuple[str, ...]
    aliases: tuple[str, ...]
    articles: int
    statements: int
    events: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SideItem:
    side: str
    events: int
    articles: int
    statements: int
    people: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class OutletItem:
    outlet: str
    articles: int
    first_published: str | None
    last_published: str | None
    sides: tuple[str, ...]

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventStatements:
    """What a person said in the articles that report one event (``event`` None: tied to no event)."""

    event: EventSummary | None
    statements: tuple[StatementView, ...]

    def to_json(self) -> dict:
        return {"event": self.event.to_json() if self.event else None,
                "statements": [s.to_json() for s in self.statements]}


@dataclass(frozen=True, slots=True)
class PersonDetail:
    person: PersonItem
    by_event: tuple[EventStatements, ...]
    took_part: tuple[EventSummary, ...]

    def to_json(self) -> dict:
        return {"person": self.person.to_json(), "by_event": [g.to_json() for g in self.by_event],
                "took_part": [e.to_json() for e in self.took_part]}


@dataclass(frozen=True, slots=True)
class SideDetail:
    side: SideItem
    counterparts: tuple[tuple[str, int], ...]
    people: tuple[PersonItem, ...]
    events: Listing

    def to_json(self) -> dict:
        return {"side": self.side.to_json(), "counterparts": [{"side": s, "events": n} for s, n in self.counterparts],
                "people": [p.to_json() for p in self.people], "events": self.events.to_json()}


@dataclass(frozen=True, slots=True)
class DeskSearch:
    query: str
    terms: tuple[str, ...]
    events: tuple[EventSummary, ...]
    people: tuple[PersonItem, ...]
    statements: tuple[StatementView, ...]
    articles: tuple[ArticleItem, ...]

    def to_json(self) -> dict:
        return {"query": self.query, "terms": list(self.terms), "events": [e.to_json() for e in self.events],
                "people": [p.to_json() for p in self.people], "statements": [s.to_json() for s in self.statements],
                "articles": [a.to_json() for a in self.articles]}


# ---------------------------------------------------------------- helpers

_CACHE: dict[tuple, object] = {}


def _cached(store: Store, name: str, compute):
    """``compute()`` once per state of the store: a new or changed article (its count, its last
    ingest time) computes it again, so a page served while an ingest runs is never stale."""
    version = tuple(_run(store, sa.select(sa.func.count(art.c.id), sa.func.max(art.c.ingested_at)))[0])
    key = (id(store), store.name, name, version)
    if key not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = compute()
    return _CACHE[key]

def outlet_of(url: str | None) -> str:
    """The web site of an article: its URL's host without ``www.`` ("kremlin.ru"), else "unknown"."""
    host = urlparse(url).hostname if url and "://" in url else None
    return re.sub(r"^www\d?\.", "", host) if host else UNKNOWN_OUTLET


def _split(sides: str | None) -> tuple[str, ...]:
    return tuple(s for s in (sides or "").split("|") if s)


def _year(e: EventSummary) -> str | None:
    day = e.when or e.range_start
    return day[:4] if day else None


def _page_of(items: list, page: int, per_page: int) -> tuple:
    if page < 1 or per_page < 1:
        raise InputError("page", f"page and per_page must be positive: {page}, {per_page}")
    return tuple(items[(page - 1) * per_page: page * per_page])


def _facet(name: str, values, order_by_count: bool = True) -> Facet:
    counts = Counter(v for v in values if v)
    ordered = sorted(counts.items(), key=(lambda kv: (-kv[1], kv[0])) if order_by_count else (lambda kv: kv[0]))
    return Facet(name, tuple(ordered))


def _sorter(sort: str, keys: dict[str, callable], default: str) -> tuple[str, callable, bool]:
    sort = sort or default
    name = sort.lstrip("-")
    if name not in keys:
        raise InputError("sort", f"cannot sort by {sort!r} (one of {', '.join(sorted(keys))}; '-' for descending)")
    return sort, keys[name], sort.startswith("-")


def _sorted(items: list, key, descending: bool) -> list:
    # Items without the key (undated events) go last either way.
    present = [i for i in items if key(i) is not None]
    absent = [i for i in items if key(i) is None]
    return sorted(present, key=key, reverse=descending) + absent


# ---------------------------------------------------------------- events

@dataclass(frozen=True, slots=True)
class EventFilters:
    sides: tuple[str, ...] = ()
    mode: str | None = None
    year: str | None = None
    outlet: str | None = None
    conflict: str | None = None  # "yes" | "no"
    person: str | None = None
    since: str | None = None
    until: str | None = None


def _event_facts(store: Store) -> tuple[dict[str, set[str]], Counter]:
    """Each event's outlets (the sites of its reports) and its number of conflicts."""
    return _cached(store, "event_facts", lambda: _compute_event_facts(store))


def _compute_event_facts(store: Store) -> tuple[dict[str, set[str]], Counter]:
    outlets: dict[str, set[str]] = defaultdict(set)
    current_articles: dict[str, set[str]] = defaultdict(set)
    for r in _run(store, sa.select(ct.c.event_id, ct.c.article_id, ct.c.current, art.c.url)
                  .join(art, art.c.id == ct.c.article_id).where(ct.c.event_id.is_not(None))):
        outlets[r.event_id].add(outlet_of(r.url))
        if r.current:
            current_articles[r.event_id].add(r.article_id)
    conflicts: Counter = Counter()
    for r in _run(store, sa.select(schema.event_points.c.event_id).where(schema.event_points.c.kind == "conflict")):
        conflicts[r.event_id] += 1
    disputes_by_article: dict[str, list[tuple]] = defaultdict(list)
    for r in _run(store, sa.select(schema.disputes.c.article_id, schema.disputes.c.claim_side,
                                   schema.disputes.c.counter_side)):
        disputes_by_article[r.article_id].append((r.claim_side, r.counter_side))
    sides = defaultdict(set)
    for r in _run(store, sa.select(es)):
        sides[r.event_id].add(r.side)
    for event_id, articles in current_articles.items():
        for article_id in articles:
            conflicts[event_id] += sum(1 for a, b in disputes_by_article.get(article_id, ())
                                       if a in sides[event_id] and b in sides[event_id])
    return outlets, conflicts


def _event_items(store: Store, f: EventFilters) -> list[EventItem]:
    q = sa.select(ev)
    for side in f.sides:
        q = q.where(ev.c.id.in_(sa.select(es.c.event_id).where(es.c.side == side_code(side, "sides"))))
    if f.mode:
        if f.mode not in MODES:
            raise InputError("mode", f"not a mode ({', '.join(MODES)}): {f.mode!r}")
        q = q.where(ev.c.mode == f.mode)
    if f.since:
        q = q.where(ev.c.range_end >= period_start(f.since, "since"))
    if f.until:
        q = q.where(ev.c.range_start <= period_end(f.until, "until"))
    if f.person:
        q = q.where(sa.func.lower(sa.cast(ev.c.participants, sa.Text)).contains(f.person.lower(), autoescape=True))
    outlets, conflicts = _event_facts(store)
    items = [EventItem(e, tuple(sorted(outlets.get(e.id, ()))), conflicts.get(e.id, 0))
             for e in (event_summary(r) for r in _run(store, q))]
    if f.year:
        if not re.fullmatch(r"\d{4}", f.year):
            raise InputError("year", f"not a year (YYYY): {f.year!r}")
        items = [i for i in items if _year(i.event) == f.year]
    if f.outlet:
        items = [i for i in items if f.outlet in i.outlets]
    if f.conflict in ("yes", "no"):
        items = [i for i in items if (i.conflicts > 0) == (f.conflict == "yes")]
    elif f.conflict:
        raise InputError("conflict", f"not yes or no: {f.conflict!r}")
    return items


EVENT_SORTS = {
    "when": lambda i: i.event.when or i.event.range_start,
    "reports": lambda i: (i.event.reports, i.event.when or i.event.range_start or ""),
    "conflicts": lambda i: (i.conflicts, i.event.reports),
    "mode": lambda i: i.event.mode,
    "sides": lambda i: "|".join(i.event.sides),
}


def list_events_page(store: Store, filters: EventFilters = EventFilters(), *, sort: str = "",
                     page: int = 1, per_page: int = PER_PAGE) -> Listing:
    """Events passing ``filters``, sorted (``when``, ``reports``, ``conflicts``, ``mode``, ``sides``;
    ``-`` first for descending; default newest first), one page, with facets over all that pass."""
    sort, key, desc = _sorter(sort, EVENT_SORTS, "-when")
    items = _sorted(_event_items(store, filters), key, desc)
    facets = (
        _facet("sides", (s for i in items for s in i.event.sides)),
        _facet("mode", (i.event.mode for i in items)),
        Facet("year", tuple(sorted(Counter(_year(i.event) for i in items if _year(i.event)).items(), reverse=True))),
        _facet("outlet", (o for i in items for o in i.outlets)),
        _facet("conflict", ("yes" if i.conflicts else "no" for i in items)),
    )
    return Listing("events", _page_of(items, page, per_page), len(items), page, per_page, sort, facets)


# ---------------------------------------------------------------- articles and outlets

def _article_items(store: Store) -> list[ArticleItem]:
    return list(_cached(store, "article_items", lambda: _compute_article_items(store)))


def _compute_article_items(store: Store) -> list[ArticleItem]:
    n_st = Counter(r.article_id for r in _run(store, sa.select(st.c.article_id)))
    n_ct = Counter(r.article_id for r in _run(store, sa.select(ct.c.article_id)))
    return [ArticleItem(r.id, r.title, r.url, r.published, outlet_of(r.url), _split(r.sides), n_st[r.id], n_ct[r.id])
            for r in _run(store, sa.select(art.c.id, art.c.title, art.c.url, art.c.published, art.c.sides))]


ARTICLE_SORTS = {
    "published": lambda a: a.published,
    "title": lambda a: (a.title or a.id).lower(),
    "outlet": lambda a: a.outlet,
    "statements": lambda a: a.statements,
    "contacts": lambda a: a.contacts,
}


def list_articles(store: Store, *, outlet: str | None = None, year: str | None = None,
                  side: str | None = None, sort: str = "", page: int = 1, per_page: int = PER_PAGE) -> Listing:
    """Stored articles by outlet, year of publication and a side voiced in them; newest first by default."""
    sort, key, desc = _sorter(sort, ARTICLE_SORTS, "-published")
    items = _article_items(store)
    if outlet:
        items = [a for a in items if a.outlet == outlet]
    if year:
        items = [a for a in items if (a.published or "")[:4] == year]
    if side:
        code = side_code(side, "side")
        items = [a for a in items if code in a.sides]
    items = _sorted(items, key, desc)
    facets = (_facet("outlet", (a.outlet for a in items)),
              Facet("year", tuple(sorted(Counter(a.published[:4] for a in items if a.published).items(),
                                         reverse=True))),
              _facet("side", (s for a in items for s in a.sides)))
    return Listing("articles", _page_of(items, page, per_page), len(items), page, per_page, sort, facets)


def desk_outlets(store: Store, *, sort: str = "", page: int = 1, per_page: int = PER_PAGE) -> Listing:
    """The sites articles came from, with how many articles and the sides voiced in them."""
    sort, key, desc = _sorter(sort, {"articles": lambda o: o.articles, "outlet": lambda o: o.outlet,
                                     "last": lambda o: o.last_published}, "-articles")
    by_outlet: dict[str, list[ArticleItem]] = defaultdict(list)
    for a in _article_items(store):
        by_outlet[a.outlet].append(a)
    items = []
    for outlet, arts in by_outlet.items():
        days = sorted(a.published for a in arts if a.published)
        items.append(OutletItem(outlet, len(arts), days[0] if days else None, days[-1] if days else None,
                                tuple(sorted({s for a in arts for s in a.sides}))))
    items = _sorted(items, key, desc)
    return Listing("outlets", _page_of(items, page, per_page), len(items), page, per_page, sort, ())


# ---------------------------------------------------------------- people

@dataclass(slots=True)
class _Person:
    name: str
    aliases: set
    sides: Counter
    actor_ids: set
    articles: set


def _people(store: Store, everyone: bool = False) -> dict[str, _Person]:
    """Person actors (``everyone``: actors of every kind) merged by name; a one-word name joins the
    only longer name ending in it."""
    q = sa.select(schema.actors.c.id, schema.actors.c.article_id, schema.actors.c.name, schema.actors.c.side)
    rows = _run(store, q if everyone else q.where(schema.actors.c.kind == "person"))
    full = defaultdict(set)  # surname -> full names
    for r in rows:
        words = r.name.split()
        if len(words) > 1:
            full[words[-1].lower()].add(r.name)
    people: dict[str, _Person] = {}
    for r in rows:
        words = r.name.split()
        # "Putin" -> "Vladimir Putin" only when one stored person has that surname.
        name = next(iter(full[words[0].lower()])) if len(words) == 1 and len(full[words[0].lower()]) == 1 else r.name
        p = people.setdefault(name.lower(), _Person(name, set(), Counter(), set(), set()))
        p.aliases.add(r.name)
        if r.side:
            p.sides[r.side] += 1
        p.actor_ids.add(r.id)
        p.articles.add(r.article_id)
    return people


def _event_of_article(store: Store) -> dict[str, set[str]]:
    """Article id -> the events it reports as they happened."""
    return _cached(store, "event_of_article", lambda: _compute_event_of_article(store))


def _compute_event_of_article(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in _run(store, sa.select(ct.c.article_id, ct.c.event_id).where(ct.c.event_id.is_not(None), ct.c.current)):
        out[r.article_id].add(r.event_id)
    return out


def _person_items(store: Store, everyone: bool = False) -> list[tuple[PersonItem, _Person]]:
    return list(_cached(store, f"person_items:{everyone}", lambda: _compute_person_items(store, everyone)))


def _compute_person_items(store: Store, everyone: bool) -> list[tuple[PersonItem, _Person]]:
    people = _people(store, everyone)
    by_actor = {a: key for key, p in people.items() for a in p.actor_ids}
    said = Counter()
    for r in _run(store, sa.select(st.c.actor_id).where(st.c.actor_id.is_not(None))):
        if r.actor_id in by_actor:
            said[by_actor[r.actor_id]] += 1
    events = _event_of_article(store)
    out = []
    for key, p in people.items():
        n_events = len({e for a in p.articles for e in events.get(a, ())})
        sides = tuple(s for s, _ in p.sides.most_common())
        out.append((PersonItem(p.name, sides, tuple(sorted(p.aliases - {p.name})), len(p.articles), said[key],
                               n_events), p))
    return out


PEOPLE_SORTS = {"name": lambda p: p.name.lower(), "statements": lambda p: (p.statements, p.articles),
                "articles": lambda p: (p.articles, p.statements), "events": lambda p: (p.events, p.statements)}


def list_people(store: Store, *, side: str | None = None, sort: str = "", page: int = 1,
                per_page: int = PER_PAGE) -> Listing:
    """People (actors merged by name across articles) with what they said; most statements first."""
    sort, key, desc = _sorter(sort, PEOPLE_SORTS, "-statements")
    items = [i for i, _ in _person_items(store)]
    if side:
        code = side_code(side, "side")
        items = [p for p in items if code in p.sides]
    items = _sorted(items, key, desc)
    return Listing("people", _page_of(items, page, per_page), len(items), page, per_page, sort,
                   (_facet("side", (s for p in items for s in p.sides)),))


def _unlisted_person(store: Store, name: str) -> tuple[PersonItem, _Person]:
    """A name no actor has: a participant of an event, or a speaker's name ("the Kremlin (Russia)")."""
    wanted = name.lower()
    sides = Counter(p.get("side") for r in _run(store, sa.select(ev.c.participants)) for p in r.participants or ()
                    if (p.get("name") or "").lower() == wanted and p.get("side"))
    spoke = _run(store, sa.select(st.c.side, st.c.article_id).where(sa.func.lower(st.c.speaker_name) == wanted))
    if not sides and not spoke:
        raise NotFound(name, f"no such person in {store.name}")
    sides.update(r.side for r in spoke if r.side)
    return (PersonItem(name, tuple(s for s, _ in sides.most_common()), (), len({r.article_id for r in spoke}),
                       len(spoke), 0),
            _Person(name, {name}, sides, set(), {r.article_id for r in spoke}))


def desk_person(store: Store, name: str) -> PersonDetail:
    """Everything a person said, grouped by the event the article reports, newest event first.

    Any actor can be looked up (a body such as "the Kremlin" too), and so can a
    participant of an event that no article quotes.
    """
    wanted = name.strip().lower()
    found = [(i, p) for i, p in _person_items(store, everyone=True) if i.name.lower() == wanted]
    if found:
        item, person = found[0]
    else:
        item, person = _unlisted_person(store, name.strip())
    names = sorted({a.lower() for a in person.aliases})
    rows = _run(store, sa.select(st).join(art, art.c.id == st.c.article_id)
                .where(sa.or_(st.c.actor_id.in_(person.actor_ids), sa.func.lower(st.c.speaker_name).in_(names)))
                .order_by(art.c.published.desc().nulls_last(), st.c.article_id, st.c.content_start))
    events_of = _event_of_article(store)
    groups: dict[str | None, list[StatementView]] = defaultdict(list)
    for r in rows:
        for event_id in sorted(events_of.get(r.article_id, ())) or [None]:
            groups[event_id].append(_statement(r))
    ids = [e for e in groups if e]
    summaries = {r.id: event_summary(r) for r in _run(store, sa.select(ev).where(ev.c.id.in_(ids)))} if ids else {}
    ordered = _sorted([summaries[e] for e in ids], lambda e: e.when or e.range_start, True)
    by_event = [EventStatements(e, tuple(groups[e.id])) for e in ordered]
    if groups.get(None):
        by_event.append(EventStatements(None, tuple(groups[None])))
    took_part = [event_summary(r) for r in _run(store, sa.select(ev).order_by(ev.c.range_start.desc().nulls_last()))
                 if any((p.get("name") or "").lower() in names for p in r.participants or ())]
    return PersonDetail(item, tuple(by_event), tuple(took_part))


# ---------------------------------------------------------------- sides

def _side_items(store: Store) -> dict[str, SideItem]:
    return _cached(store, "side_items", lambda: _compute_side_items(store))


def _compute_side_items(store: Store) -> dict[str, SideItem]:
    events = Counter(r.side for r in _run(store, sa.select(es.c.side)))
    statements = Counter(r.side for r in _run(store, sa.select(st.c.side).where(st.c.side.is_not(None))))
    articles = Counter(s for r in _run(store, sa.select(art.c.sides)) for s in _split(r.sides))
    people = Counter(s for i, _ in _person_items(store) for s in i.sides[:1])
    sides = set(events) | set(statements) | set(articles)
    return {s: SideItem(s, events[s], articles[s], statements[s], people[s]) for s in sides}


def desk_sides(store: Store, *, sort: str = "", page: int = 1, per_page: int = PER_PAGE) -> Listing:
    """Every side (country or body) with its events, articles, statements and people; most events first."""
    sort, key, desc = _sorter(sort, {"side": lambda s: s.side, "events": lambda s: (s.events, s.statements),
                                     "statements": lambda s: s.statements, "articles": lambda s: s.articles},
                              "-events")
    items = _sorted(list(_side_items(store).values()), key, desc)
    return Listing("sides", _page_of(items, page, per_page), len(items), page, per_page, sort, ())


def get_side(store: Store, side: str, *, sort: str = "", page: int = 1, per_page: int = PER_PAGE) -> SideDetail:
    """One side: its counts, the sides it met, its people and its events."""
    code = side_code(side)
    item = _side_items(store).get(code)
    if item is None:
        raise NotFound(side, f"no such side in {store.name}")
    events = list_events_page(store, EventFilters(sides=(code,)), sort=sort, page=page, per_page=per_page)
    counterparts = tuple((s, n) for s, n in next(f for f in events.facets if f.name == "sides").values if s != code)
    people = tuple(p for p in _sorted([i for i, _ in _person_items(store) if code in i.sides[:1]],
                                      PEOPLE_SORTS["statements"], True))
    return SideDetail(item, counterparts, people, events)


# ---------------------------------------------------------------- search

def search_terms(query: str) -> tuple[str, ...]:
    """The words of a query, a "quoted phrase" kept whole: 'Obama "phone call"' -> ('obama', 'phone call')."""
    terms = [m.group(1) or m.group(2) for m in re.finditer(r'"([^"]+)"|(\S+)', query.lower())]
    return tuple(dict.fromkeys(t.strip(".,;:!?'") for t in terms if t.strip(".,;:!?'")))


def _like(column, term: str):
    return sa.func.lower(sa.cast(column, sa.Text)).contains(term, autoescape=True)


def _events_with(store: Store, term: str) -> set[str]:
    """Events whose participants, sides, topics, or reporting articles (title or text) hold ``term``."""
    ids = {r.id for r in _run(store, sa.select(ev.c.id).where(sa.or_(_like(ev.c.participants, term),
                                                                      _like(ev.c.mode, term))))}
    if re.fullmatch(r"[a-z]{2}", term):
        ids |= {r.event_id for r in _run(store, sa.select(es.c.event_id).where(es.c.side == term.upper()))}
    ids |= {r.event_id for r in _run(store, sa.select(schema.event_points.c.event_id)
                                     .where(_like(schema.event_points.c.topic, term)))}
    ids |= {r.event_id for r in _run(store, sa.select(ct.c.event_id).join(art, art.c.id == ct.c.article_id)
                                     .where(ct.c.event_id.is_not(None), ct.c.current,
                                            sa.or_(_like(art.c.title, term), _like(art.c.text, term))))}
    return ids


def desk_search(store: Store, query: str, *, limit: int = 50) -> DeskSearch:
    """Events, people, statements and articles that hold every word of ``query`` (a person: any word)."""
    terms = search_terms(query)
    if not terms:
        return DeskSearch(query.strip(), (), (), (), (), ())
    event_ids = set.intersection(*(_events_with(store, t) for t in terms))
    events = _sorted([event_summary(r) for r in _run(store, sa.select(ev).where(ev.c.id.in_(event_ids)))],
                     lambda e: e.when or e.range_start, True)[:limit] if event_ids else []
    people = []
    for item, _ in _person_items(store):
        names = " ".join((item.name, *item.aliases)).lower()
        hits = sum(t in names for t in terms)
        if hits:
            people.append((hits, item))
    people.sort(key=lambda hp: (-hp[0], -hp[1].statements, hp[1].name))
    sq = sa.select(st).join(art, art.c.id == st.c.article_id)
    for t in terms:
        sq = sq.where(sa.or_(_like(st.c.content_text, t), _like(st.c.speaker_name, t), _like(st.c.speaker_text, t)))
    statements = [_statement(r) for r in _run(store, sq.order_by(art.c.published.desc().nulls_last(),
                                                                  st.c.content_start).limit(limit))]
    aq = sa.select(art.c.id)
    for t in terms:
        aq = aq.where(sa.or_(_like(art.c.title, t), _like(art.c.text, t)))
    matching = {r.id for r in _run(store, aq)}
    articles = _sorted([a for a in _article_items(store) if a.id in matching], lambda a: a.published, True)[:limit]
    return DeskSearch(query.strip(), terms, tuple(events), tuple(p for _, p in people[:limit]), tuple(statements),
                      tuple(articles))
