"""Lists to browse the store like a table: filters, sorting, facets and pagination.

Each ``browse_*`` function returns a ``Page``: the items of one page, the total
of the filtered list, and (unless ``facets=False``) the counts of each facet over
the whole filtered list, so a page can show "US 120 · RU 98" beside its filters.
Filters are keyword arguments; ``None`` or ``()`` means not filtered. Bad
values (an unknown sort, a side that is not a code) are an ``InputError`` naming
the parameter. ``limit`` is capped at ``MAX_LIMIT``.
"""
from __future__ import annotations

import sqlalchemy as sa

from readouts.errors import InputError
from readouts.store import facets as event_facets
from readouts.store import schema
from readouts.store.db import Store
from readouts.store.derive import side_name, surname
from readouts.store.queries import (
    MODES,
    NotFound,
    _run,
    _split,
    event_summary,
    period_end,
    period_start,
    side_code,
    statement_view,
)
from readouts.store.search import matching, query_words, search
from readouts.store.views import (
    ArticleSummary,
    Facet,
    OutletSummary,
    Page,
    PersonDetail,
    PersonEvent,
    PersonSummary,
    SideSummary,
)

MAX_LIMIT = 1000
FACET_SIZE = 30
ev, es, eo, ct, art, ars, st, pp, ac = (schema.events, schema.event_sides, schema.event_outlets, schema.contacts,
                                        schema.articles, schema.article_sides, schema.statements, schema.people,
                                        schema.actors)
_NEWEST = (ev.c.range_start.desc().nulls_last(), ev.c.id)
EVENT_SORTS = {"-date": _NEWEST, "date": (ev.c.range_start.asc().nulls_last(), ev.c.id),
               "-reports": (ev.c.reports.desc(), *_NEWEST), "reports": (ev.c.reports.asc(), *_NEWEST),
               "-conflicts": (ev.c.conflicts.desc(), *_NEWEST), "conflicts": (ev.c.conflicts.asc(), *_NEWEST),
               "mode": (ev.c.mode.asc(), *_NEWEST), "-mode": (ev.c.mode.desc(), *_NEWEST)}
ARTICLE_SORTS = {"-published": (art.c.published.desc().nulls_last(), art.c.id),
                 "published": (art.c.published.asc().nulls_last(), art.c.id), "title": (art.c.title, art.c.id),
                 "-title": (art.c.title.desc(), art.c.id), "outlet": (art.c.outlet, art.c.published.desc(), art.c.id),
                 "-outlet": (art.c.outlet.desc(), art.c.published.desc(), art.c.id)}
PEOPLE_SORTS = {"-articles": (pp.c.articles.desc(), pp.c.key), "articles": (pp.c.articles.asc(), pp.c.key),
                "-statements": (pp.c.statements.desc(), pp.c.key), "statements": (pp.c.statements.asc(), pp.c.key),
                "name": (pp.c.name, pp.c.key), "-name": (pp.c.name.desc(), pp.c.key)}


def _paging(limit: int, offset: int) -> tuple[int, int]:
    if not 0 < limit <= MAX_LIMIT:
        raise InputError("limit", f"must be between 1 and {MAX_LIMIT}: {limit}")
    if offset < 0:
        raise InputError("offset", f"must be 0 or more: {offset}")
    return limit, offset


def _sort(sorts: dict, sort: str):
    if sort not in sorts:
        raise InputError("sort", f"not a sort ({', '.join(sorts)}): {sort!r}")
    return sorts[sort]


def _facet(store: Store, name: str, column, where: list, *, via=None, limit: int = FACET_SIZE) -> Facet:
    """Counts of ``column`` over the filtered rows.

    ``where`` filters the rows of ``column``'s own table; for a column of a link table
    (an event's sides), ``via`` is the join from the filtered table to it, used only
    when there is a filter, so the unfiltered first page counts straight from an index.
    """
    n = sa.func.count().label("n")
    q = sa.select(column, n)
    if via is not None and where:
        q = q.select_from(via).where(*where)
    elif via is None:
        q = q.where(*where)
    rows = _run(store, q.group_by(column).order_by(sa.desc("n"), column).limit(limit))
    return Facet(name, tuple((r[0], r[1]) for r in rows if r[0] is not None))


def _sum_by(values, key) -> dict:
    out: dict = {}
    for v, n in values:
        out[key(v)] = out.get(key(v), 0) + n
    return out


def _year(value: int | str | None, name: str = "year") -> int | None:
    if value is None or value == "":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InputError(name, f"not a year: {value!r}") from None
    if not 1 <= year <= 9999:
        raise InputError(name, f"not a year: {value!r}")
    return year


def _event_filters(store: Store, *, sides, mode, year, outlet, has_conflict, q, since, until, reported_by=()) -> list:
    where, exact, wider = [], None, None
    if reported_by:
        where.append(ev.c.id.in_(sa.select(ct.c.event_id).where(ct.c.article_id.in_(list(reported_by)), ct.c.current,
                                                                ct.c.event_id.is_not(None))))
    codes = sorted({side_code(side, "sides") for side in sides})
    if len(codes) >= 2:
        # Nearly every event has two sides: those whose sides are exactly these come from the
        # (sides, year, range_start) index; events of more sides that include them all are found
        # too, from the partial index of such events (its condition spelled out in the SQL text).
        link = es.alias("wider_sides")
        exact = ev.c.sides == "|".join(codes)
        wider = sa.and_(ev.c.sides.like(sa.literal_column("'%|%|%'")),
                        *(sa.exists().where(link.c.event_id == ev.c.id, link.c.side == c) for c in codes))
    elif codes:
        link = es.alias("one_side")
        where.append(ev.c.id.in_(sa.select(link.c.event_id).where(link.c.side == codes[0])))
    if mode:
        if mode not in MODES:
            raise InputError("mode", f"not a mode ({', '.join(MODES)}): {mode!r}")
        where.append(ev.c.mode == mode)
    if _year(year) is not None:
        where.append(ev.c.year == _year(year))
    if outlet:
        where.append(ev.c.id.in_(sa.select(eo.c.event_id).where(eo.c.outlet == outlet)))
    if has_conflict is not None:
        where.append(ev.c.conflicts > 0 if has_conflict else ev.c.conflicts == 0)
    words = query_words(q or "")
    if words:
        where.append(ev.c.id.in_(matching(store.engine.dialect.name, "event", words, None).subquery().select()))
    if since:
        where.append(ev.c.range_end >= period_start(since, "since"))
    if until:
        where.append(ev.c.range_start <= period_end(until, "until"))
    if exact is not None:
        # The other filters inside each branch of the OR: SQLite then reads each branch from its own index.
        return [sa.or_(sa.and_(exact, *where), sa.and_(wider, *where))]
    return where


def browse_events(store: Store, *, sides: tuple[str, ...] = (), mode: str | None = None, year: int | None = None,
                  outlet: str | None = None, has_conflict: bool | None = None, q: str | None = None,
                  since: str | None = None, until: str | None = None, reported_by: tuple[str, ...] = (),
                  sort: str = "-date", limit: int = 50, offset: int = 0, facets: bool = True) -> Page:
    """Events, filtered, sorted and paged: ``Page`` of ``EventSummary``.

    ``browse_events(store, sides=("US", "RU"), mode="call", year=2014, outlet="kremlin.ru",
    has_conflict=True, q="Crimea", since="2014-03", until="2014", sort="-date", limit=50,
    reported_by=(), offset=0, facets=True) -> Page``. ``sides``: all of them (ISO codes or ``ORG:<name>``);
    ``q``: every word in the event's people, sides, report titles or point topics;
    ``reported_by``: article ids, the events any of them reports as it happened;
    ``sort``: ``-date`` (newest first), ``date``, ``-reports``, ``-conflicts``. Facets:
    ``sides``, ``mode``, ``year``, ``outlet``, ``has_conflict``.
    """
    limit, offset = _paging(limit, offset)
    order = _sort(EVENT_SORTS, sort)
    where = _event_filters(store, sides=sides, mode=mode, year=year, outlet=outlet, has_conflict=has_conflict,
                           q=q, since=since, until=until, reported_by=reported_by)
    rows = _run(store, sa.select(ev).where(*where).order_by(*order).limit(limit).offset(offset))
    if facets and not where:  # every event: the counts the writer keeps (readouts.store.facets)
        total, kept = event_facets.all_events(store, size=FACET_SIZE, years=200)
        return Page(tuple(event_summary(r) for r in rows), total, limit, offset, sort, kept)
    total = _run(store, sa.select(sa.func.count()).select_from(ev).where(*where))[0][0]
    found = []
    if facets:
        conflicted = _facet(store, "has_conflict", ev.c.conflicts, where, limit=10_000)
        found = [
            _facet(store, "sides", es.c.side, where, via=ev.join(es, es.c.event_id == ev.c.id)),
            _facet(store, "mode", ev.c.mode, where),
            _facet(store, "year", ev.c.year, where, limit=200),
            _facet(store, "outlet", eo.c.outlet, where, via=ev.join(eo, eo.c.event_id == ev.c.id)),
            Facet("has_conflict", tuple(sorted(_sum_by(conflicted.values, lambda v: v > 0).items(),
                                               key=lambda kv: (-kv[1], kv[0])))),
        ]
    return Page(tuple(event_summary(r) for r in rows), total, limit, offset, sort, tuple(found))


def _article_summary(r) -> ArticleSummary:
    return ArticleSummary(r.id, r.title, r.url, r.published, r.outlet, _split(r.sides), r.analyzer_version)


ARTICLE_COLUMNS = (art.c.id, art.c.title, art.c.url, art.c.published, art.c.outlet, art.c.sides,
                   art.c.analyzer_version)


def browse_articles(store: Store, *, outlet: str | None = None, side: str | None = None, year: int | None = None,
                    q: str | None = None, text: str | None = None, since: str | None = None,
                    until: str | None = None, sort: str = "-published", limit: int = 50, offset: int = 0,
                    facets: bool = True) -> Page:
    """Articles (without their text), filtered, sorted and paged: ``Page`` of ``ArticleSummary``.

    ``browse_articles(store, outlet="kremlin.ru", side="RU", year=2014, q="Crimea", since=None,
    until=None, sort="-published", limit=50, offset=0, facets=True) -> Page``. ``side``: a
    side that speaks in the article; ``q``: every word in the title or in one statement;
    ``text``: every word anywhere in the article's text (a scan of the texts, not an index:
    "Crimea" finds the readouts that name it in passing);
    ``sort``: ``-published``, ``published``, ``title``. Facets: ``outlet``, ``side``, ``year``.
    """
    limit, offset = _paging(limit, offset)
    order = _sort(ARTICLE_SORTS, sort)
    where = []
    if outlet:
        where.append(art.c.outlet == outlet)
    if side:
        where.append(art.c.id.in_(sa.select(ars.c.article_id).where(ars.c.side == side_code(side, "side"))))
    if _year(year) is not None:
        where.append(art.c.published.between(f"{_year(year):04d}-01-01", f"{_year(year):04d}-12-31"))
    if since:
        where.append(art.c.published >= period_start(since, "since"))
    if until:
        where.append(art.c.published <= period_end(until, "until"))
    words = query_words(q or "")
    if words:
        dialect = store.engine.dialect.name
        by_title = matching(dialect, "article", words, None).subquery().select()
        by_statement = sa.select(st.c.article_id).where(
            st.c.id.in_(matching(dialect, "statement", words, None).subquery().select()))
        where.append(sa.or_(art.c.id.in_(by_title), art.c.id.in_(by_statement)))
    for word in query_words(text or ""):
        where.append(sa.func.lower(art.c.text).contains(word, autoescape=True))
    rows = _run(store, sa.select(*ARTICLE_COLUMNS).where(*where).order_by(*order).limit(limit).offset(offset))
    total = _run(store, sa.select(sa.func.count()).select_from(art).where(*where))[0][0]
    found = []
    if facets:
        found = [_facet(store, "outlet", art.c.outlet, where),
                 _facet(store, "side", ars.c.side, where, via=art.join(ars, ars.c.article_id == art.c.id)),
                 _facet(store, "year", sa.func.substr(art.c.published, 1, 4), where, limit=200)]
    return Page(tuple(_article_summary(r) for r in rows), total, limit, offset, sort, tuple(found))


def _person(r) -> PersonSummary:
    return PersonSummary(r.key, r.name, r.side, r.kind, r.articles, r.statements)


def browse_people(store: Store, *, side: str | None = None, kind: str | None = None, q: str | None = None,
                  sort: str = "-articles", limit: int = 50, offset: int = 0, facets: bool = True) -> Page:
    """People (and bodies) merged across articles by name: ``Page`` of ``PersonSummary``.

    ``browse_people(store, side="RU", kind="person", q="Putin", sort="-articles", limit=50,
    offset=0, facets=True) -> Page``. "Vladimir Putin" and "Putin" of one side are one
    person. ``sort``: ``-articles``, ``-statements``, ``name``. Facets: ``side``, ``kind``.
    """
    limit, offset = _paging(limit, offset)
    order = _sort(PEOPLE_SORTS, sort)
    where = []
    if side:
        where.append(pp.c.side == side_code(side, "side"))
    if kind:
        where.append(pp.c.kind == kind)
    words = query_words(q or "")
    if words:
        where.append(pp.c.key.in_(matching(store.engine.dialect.name, "person", words, None).subquery().select()))
    rows = _run(store, sa.select(pp).where(*where).order_by(*order).limit(limit).offset(offset))
    total = _run(store, sa.select(sa.func.count()).select_from(pp).where(*where))[0][0]
    found = []
    if facets:
        found = [_facet(store, "side", pp.c.side, where), _facet(store, "kind", pp.c.kind, where)]
    return Page(tuple(_person(r) for r in rows), total, limit, offset, sort, tuple(found))


def get_person(store: Store, key: str, *, limit: int = 200, offset: int = 0) -> PersonDetail:
    """Everything one person said, grouped by the event the article reports, newest first.

    ``get_person(store, key, limit=200, offset=0) -> PersonDetail``; ``key`` is a
    ``PersonSummary.key`` ("RU|person|putin"). ``limit``/``offset`` page through the
    statements (newest articles first); an unknown key raises ``NotFound``.
    """
    limit, offset = _paging(limit, offset)
    rows = _run(store, sa.select(pp).where(pp.c.key == key))
    if not rows:
        raise NotFound(key, f"no such person in {store.name}")
    person = _person(rows[0])
    names = tuple(r.name for r in _run(store, sa.select(ac.c.name, sa.func.count().label("n"))
                                       .where(ac.c.person_key == key).group_by(ac.c.name)
                                       .order_by(sa.desc("n"), ac.c.name).limit(20)))
    total = _run(store, sa.select(sa.func.count()).select_from(st).where(st.c.person_key == key))[0][0]
    said = _run(store, sa.select(st).where(st.c.person_key == key)
                .order_by(st.c.published.desc(), st.c.article_id, st.c.content_start)
                .limit(limit).offset(offset))
    article_ids = sorted({r.article_id for r in said})
    event_of: dict[str, str] = {}
    if article_ids:
        # the event an article reports as it happened (the first one it mentions), else any it mentions
        for r in _run(store, sa.select(ct.c.article_id, ct.c.event_id, ct.c.current, ct.c.evidence_start)
                      .where(ct.c.article_id.in_(article_ids), ct.c.event_id.is_not(None))
                      .order_by(ct.c.article_id, ct.c.current.desc(), ct.c.evidence_start)):
            event_of.setdefault(r.article_id, r.event_id)
    events = {r.id: event_summary(r) for r in _run(store, sa.select(ev).where(ev.c.id.in_(set(event_of.values()))))} \
        if event_of else {}
    groups: dict[str | None, list] = {}
    for r in said:
        groups.setdefault(event_of.get(r.article_id), []).append(statement_view(r))
    by_event = tuple(PersonEvent(events.get(e) if e else None, tuple(items)) for e, items in groups.items())
    return PersonDetail(person, names, by_event, total, limit, offset)


def list_sides(store: Store) -> tuple[SideSummary, ...]:
    """Every side with its counts of events, articles it speaks in and people, most events first.

    ``list_sides(store) -> tuple[SideSummary, ...]``.
    """
    events = dict(_run(store, sa.select(es.c.side, sa.func.count()).group_by(es.c.side)))
    articles = dict(_run(store, sa.select(ars.c.side, sa.func.count()).group_by(ars.c.side)))
    people = dict(_run(store, sa.select(pp.c.side, sa.func.count()).where(pp.c.side.is_not(None)).group_by(pp.c.side)))
    sides = set(events) | set(articles)
    out = [SideSummary(s, side_name(s), events.get(s, 0), articles.get(s, 0), people.get(s, 0)) for s in sides]
    return tuple(sorted(out, key=lambda s: (-s.events, -s.articles, s.side)))


def list_outlets(store: Store) -> tuple[OutletSummary, ...]:
    """Every outlet with its counts of articles and events and its first and last publication day.

    ``list_outlets(store) -> tuple[OutletSummary, ...]``, most articles first.
    """
    events = dict(_run(store, sa.select(eo.c.outlet, sa.func.count()).group_by(eo.c.outlet)))
    rows = _run(store, sa.select(art.c.outlet, sa.func.count().label("n"), sa.func.min(art.c.published),
                                 sa.func.max(art.c.published)).where(art.c.outlet.is_not(None))
                .group_by(art.c.outlet).order_by(sa.desc("n"), art.c.outlet))
    return tuple(OutletSummary(r[0], r[1], events.get(r[0], 0), r[2], r[3]) for r in rows)


SIDE_SORTS = ("side", "events", "articles", "people")       # each also with "-": most (or Z) first
OUTLET_SORTS = ("outlet", "articles", "events", "last")


def _order(sorts: tuple[str, ...], sort: str, cols: dict) -> list:
    """The ORDER BY of ``sort`` over the named columns ("-events": most first), then by name."""
    name = sort.removeprefix("-")
    if name not in sorts:
        raise InputError("sort", f"not a sort ({', '.join(sorts)}, each also with '-'): {sort!r}")
    column = cols[name]
    first = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    return [first, cols[sorts[0]].asc()]


def browse_sides(store: Store, *, sides: tuple[str, ...] = (), sort: str = "-events", limit: int = 50,
                 offset: int = 0) -> Page:
    """Every side (country or body) with its counts of events, articles it speaks in and people.

    ``browse_sides(store, sides=("RU",), sort="-events", limit=50, offset=0) -> Page`` of
    ``SideSummary``; ``sides`` keeps only those codes; ``sort``: ``side``, ``events``,
    ``articles`` or ``people``, with ``-`` for most first. Counted, sorted and paged in SQL.
    """
    limit, offset = _paging(limit, offset)
    n = sa.func.count().label("n")
    by_event = sa.select(es.c.side.label("side"), n).group_by(es.c.side).subquery()
    by_article = sa.select(ars.c.side.label("side"), n).group_by(ars.c.side).subquery()
    by_person = sa.select(pp.c.side.label("side"), n).where(pp.c.side.is_not(None)).group_by(pp.c.side).subquery()
    every = sa.union(sa.select(by_event.c.side), sa.select(by_article.c.side)).subquery()
    cols = {"side": every.c.side, "events": sa.func.coalesce(by_event.c.n, 0).label("events"),
            "articles": sa.func.coalesce(by_article.c.n, 0).label("articles"),
            "people": sa.func.coalesce(by_person.c.n, 0).label("people")}
    q = sa.select(*cols.values()).select_from(
        every.outerjoin(by_event, by_event.c.side == every.c.side)
        .outerjoin(by_article, by_article.c.side == every.c.side)
        .outerjoin(by_person, by_person.c.side == every.c.side))
    codes = [side_code(s, "sides") for s in sides]
    if codes:
        q = q.where(every.c.side.in_(codes))
    total = _run(store, sa.select(sa.func.count()).select_from(q.subquery()))[0][0]
    rows = _run(store, q.order_by(*_order(SIDE_SORTS, sort, cols)).limit(limit).offset(offset))
    return Page(tuple(SideSummary(r.side, side_name(r.side), r.events, r.articles, r.people) for r in rows),
                total, limit, offset, sort)


def browse_outlets(store: Store, *, sort: str = "-articles", limit: int = 50, offset: int = 0) -> Page:
    """Every outlet with its counts of articles and events and its first and last publication day.

    ``browse_outlets(store, sort="-articles", limit=50, offset=0) -> Page`` of ``OutletSummary``;
    ``sort``: ``outlet``, ``articles``, ``events`` or ``last`` (publication), with ``-`` for
    most (latest) first. Counted, sorted and paged in SQL.
    """
    limit, offset = _paging(limit, offset)
    by_event = sa.select(eo.c.outlet, sa.func.count().label("n")).group_by(eo.c.outlet).subquery()
    by_article = (sa.select(art.c.outlet, sa.func.count().label("articles"),
                            sa.func.min(art.c.published).label("first"), sa.func.max(art.c.published).label("last"))
                  .where(art.c.outlet.is_not(None)).group_by(art.c.outlet).subquery())
    cols = {"outlet": by_article.c.outlet, "articles": by_article.c.articles,
            "events": sa.func.coalesce(by_event.c.n, 0).label("events"), "first": by_article.c.first,
            "last": by_article.c.last}
    q = sa.select(*cols.values()).select_from(by_article.outerjoin(by_event, by_event.c.outlet == by_article.c.outlet))
    total = _run(store, sa.select(sa.func.count()).select_from(by_article))[0][0]
    rows = _run(store, q.order_by(*_order(OUTLET_SORTS, sort, cols)).limit(limit).offset(offset))
    return Page(tuple(OutletSummary(r.outlet, r.articles, r.events, r.first, r.last) for r in rows),
                total, limit, offset, sort)


def event_outlets(store: Store, event_ids: list[str]) -> dict[str, tuple[str, ...]]:
    """The outlets that published a report of each event: ``{event id: ("en.kremlin.ru", ...)}``."""
    out: dict[str, list[str]] = {}
    for start in range(0, len(event_ids), 500):
        for r in _run(store, sa.select(eo.c.event_id, eo.c.outlet).where(eo.c.event_id.in_(event_ids[start:start + 500]))
                      .order_by(eo.c.event_id, eo.c.outlet)):
            out.setdefault(r.event_id, []).append(r.outlet)
    return {e: tuple(v) for e, v in out.items()}


def article_counts(store: Store, article_ids: list[str]) -> dict[str, tuple[int, int]]:
    """How many statements and contacts each article holds: ``{article id: (statements, contacts)}``."""
    out = {a: (0, 0) for a in article_ids}
    for start in range(0, len(article_ids), 500):
        part = article_ids[start:start + 500]
        for table, i in ((st, 0), (ct, 1)):
            for r in _run(store, sa.select(table.c.article_id, sa.func.count()).where(table.c.article_id.in_(part))
                          .group_by(table.c.article_id)):
                counts = list(out[r[0]])
                counts[i] = r[1]
                out[r[0]] = (counts[0], counts[1])
    return out


def find_person(store: Store, name: str) -> str:
    """The key of the person (or body) named ``name``, as the fullest name or any form an article uses.

    ``find_person(store, "Putin") -> "RU|person|putin"``; the one named in most articles
    when several share the name; a form no article uses finds the person of its surname;
    ``NotFound`` when no one has it.
    """
    wanted = name.strip().lower()
    rows = _run(store, sa.select(pp.c.key).where(sa.func.lower(pp.c.name) == wanted)
                .order_by(pp.c.articles.desc(), pp.c.key).limit(1))
    if not rows:
        rows = _run(store, sa.select(ac.c.person_key).where(sa.func.lower(ac.c.name) == wanted,
                                                            ac.c.person_key.is_not(None))
                    .group_by(ac.c.person_key).order_by(sa.func.count().desc(), ac.c.person_key).limit(1))
    if not rows and surname(name):
        # a form no article uses ("Putin" where they all say "Vladimir Putin"): the person of that
        # surname (people are keyed by side and surname), the one in most articles
        rows = _run(store, sa.select(pp.c.key).where(pp.c.kind == "person",
                                                     pp.c.key.like(f"%|person|{surname(name)}"))
                    .order_by(pp.c.articles.desc(), pp.c.key).limit(1))
    if not rows:
        raise NotFound(name, f"no such person in {store.name}")
    return rows[0][0]


def get_person_named(store: Store, name: str, *, limit: int = 200, offset: int = 0) -> PersonDetail:
    """A person's page by key or by any name: ``get_person`` of ``find_person(name)``.

    A name no stored person has (a participant no article quotes, a speaker such as "the
    Ministry") gives what is said under that name: a ``PersonDetail`` whose person has no key
    and the kind "name", its statements in one group without an event. ``NotFound`` when no
    statement has that speaker and no event names it.
    """
    try:
        key = name if name.count("|") == 2 else find_person(store, name)
    except NotFound:
        pass
    else:
        return get_person(store, key, limit=limit, offset=offset)
    limit, offset = _paging(limit, offset)
    said = tuple(h.statement for h in search(store, name, limit=MAX_LIMIT).statements
                 if (h.statement.speaker_name or "").lower() == name.strip().lower())
    named = browse_events(store, q=name, limit=1, facets=False).total if query_words(name) else 0
    if not said and not named:
        raise NotFound(name, f"no such person in {store.name}")
    sides = [s.side for s in said if s.side]
    person = PersonSummary("", name.strip(), max(sorted(set(sides)), key=sides.count) if sides else None, "name",
                           len({s.article_id for s in said}), len(said))
    page = said[offset:offset + limit]
    return PersonDetail(person, (name.strip(),), (PersonEvent(None, page),) if page else (), len(said), limit, offset)
