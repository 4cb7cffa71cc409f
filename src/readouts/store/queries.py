"""Reading the store: events by sides, actor and date; one event; one article; a pair; search.

Every function takes an open ``Store`` and returns the records of
``readouts.store.views``; a missing id raises ``NotFound`` (an ``InputError``
naming the id).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

import sqlalchemy as sa

from readouts.errors import InputError, StoreError
from readouts.records import Span
from readouts.store import schema
from readouts.store.db import Store
from readouts.store.views import (
    Account,
    AgreementView,
    ArticleDetail,
    ContactView,
    DisputeView,
    EventDetail,
    EventSummary,
    PairHistory,
    Person,
    PointEvidence,
    PointView,
    Report,
    Sided,
    StatementView,
)

ev, es, ct, art, st = schema.events, schema.event_sides, schema.contacts, schema.articles, schema.statements
MODES = ("call", "meeting", "video", "letter", "talks")


class NotFound(InputError):
    """An event or article id that is not in the store."""


def period_start(value: str, source: str = "--since") -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first day."""
    return _period(value, source)[0]


def period_end(value: str, source: str = "--until") -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its last day."""
    return _period(value, source)[1]


def _period(value: str, source: str) -> tuple[str, str]:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        raise InputError(source, f"not a date in the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = dt.date(year, int(month), int(day)).isoformat()
            return d, d
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return f"{year:04d}-{month}-01", f"{year:04d}-{month}-{last:02d}"
    except ValueError as err:
        raise InputError(source, f"not a valid date: {value!r}") from err
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def side_code(value: str, source: str = "side") -> str:
    """A side as the store keys it: an ISO alpha-2 code (upper case) or ``ORG:<name>``."""
    value = value.strip()
    if value.upper().startswith("ORG:"):
        return "ORG:" + value[4:]
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise InputError(source, f"not a side (a two-letter country code such as FR, or ORG:<name>): {value!r}")
    return value.upper()


def _run(store: Store, query):
    try:
        with store.engine.connect() as conn:
            return conn.execute(query).all()
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err


def _span(row, prefix: str) -> Span:
    return Span(getattr(row, f"{prefix}_start"), getattr(row, f"{prefix}_end"), getattr(row, f"{prefix}_text"))


def _json_span(obj: dict | None) -> Span | None:
    return Span(obj["start"], obj["end"], obj["text"]) if obj else None


def _split(sides: str | None) -> tuple[str, ...]:
    return tuple(s for s in (sides or "").split("|") if s)


def _people(items) -> tuple[Person, ...]:
    return tuple(Person(p["name"], p.get("side")) for p in items or ())


def event_summary(row) -> EventSummary:
    return EventSummary(row.id, row.mode, _split(row.sides), row.when_date, row.range_start, row.range_end,
                        bool(row.planned), _people(row.participants), row.reports, row.first_published,
                        row.last_published, row.conflicts or 0, row.shared or 0, row.year)


def _lowered_text(column):
    return sa.func.lower(sa.cast(column, sa.Text))


def list_events(store: Store, *, sides: tuple[str, ...] = (), actor: str | None = None,
                since: str | None = None, until: str | None = None, mode: str | None = None,
                oldest_first: bool = False, limit: int = 500, offset: int = 0) -> list[EventSummary]:
    """Events with all of ``sides``, a participant matching ``actor``, in the period, newest first.

    ``since``/``until`` take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an event is
    in the period when any day it may have happened on is; undated events are
    left out when a period is given. ``limit`` and ``offset`` page through them.
    """
    q = sa.select(ev)
    for side in sides:
        q = q.where(ev.c.id.in_(sa.select(es.c.event_id).where(es.c.side == side_code(side, "--between"))))
    if actor:
        q = q.where(_lowered_text(ev.c.participants).contains(actor.lower(), autoescape=True))
    if mode:
        if mode not in MODES:
            raise InputError("--mode", f"not a mode ({', '.join(MODES)}): {mode!r}")
        q = q.where(ev.c.mode == mode)
    if since:
        q = q.where(ev.c.range_end >= period_start(since, "--since"))
    if until:
        q = q.where(ev.c.range_start <= period_end(until, "--until"))
    order = ev.c.range_start.asc().nulls_last() if oldest_first else ev.c.range_start.desc().nulls_last()
    q = q.order_by(order, ev.c.id).limit(limit).offset(offset)
    return [event_summary(r) for r in _run(store, q)]


def pair_history(store: Store, a: str, b: str) -> PairHistory:
    """Every event between sides ``a`` and ``b``, oldest first, with counts by mode."""
    pair = (side_code(a), side_code(b))
    events = list_events(store, sides=pair, oldest_first=True, limit=100_000)
    modes: dict[str, int] = {}
    for e in events:
        modes[e.mode] = modes.get(e.mode, 0) + 1
    dated = [e for e in events if e.range_start]
    return PairHistory(pair, tuple(events), tuple(sorted(modes.items())), dated[-1] if dated else None)


def statement_view(row) -> StatementView:
    """A ``statements`` row as a ``StatementView``."""
    return StatementView(row.id, row.article_id, row.side, row.speaker_name, row.stance, bool(row.direct),
                         row.rule, _span(row, "speaker"), _span(row, "cue"), _span(row, "content"),
                         row.confidence, row.person_key)


_statement = statement_view


def _dispute(row) -> DisputeView:
    return DisputeView(row.id, row.article_id, row.topic, row.kind, Sided(row.claim_side, _span(row, "claim")),
                       Sided(row.counter_side, _span(row, "counter")), row.rule, row.confidence)


def _agreement(row) -> AgreementView:
    return AgreementView(row.id, row.article_id, row.topic, _split(row.sides),
                         tuple(_json_span(e) for e in row.evidence), row.rule, row.confidence)


def get_event(store: Store, event_id: str) -> EventDetail:
    """One event: its reports, each side's account, and where the accounts conflict or agree."""
    rows = _run(store, sa.select(ev).where(ev.c.id == event_id))
    if not rows:
        raise NotFound(event_id, f"no such event in {store.name}")
    event = event_summary(rows[0])
    report_rows = _run(store, sa.select(ct, art.c.title, art.c.url, art.c.published, art.c.outlet,
                                        art.c.sides.label("art_sides"))
                       .join(art, art.c.id == ct.c.article_id).where(ct.c.event_id == event_id)
                       .order_by(art.c.published.nulls_last(), ct.c.article_id, ct.c.evidence_start))
    reports = _reports(report_rows)
    # Accounts come from articles reporting the contact as it happened, not from those recalling it.
    accounts_from = sorted({r.article_id for r in reports if r.current})
    sides = set(event.sides)
    statements = _run(store, sa.select(st, art.c.published).join(art, art.c.id == st.c.article_id)
                      .where(st.c.article_id.in_(accounts_from), st.c.side.in_(sides))
                      .order_by(art.c.published.nulls_last(), st.c.article_id, st.c.content_start))
    accounts = tuple(Account(side, tuple(_statement(r) for r in statements if r.side == side))
                     for side in event.sides)
    disputes = tuple(_dispute(r) for r in _run(store, sa.select(schema.disputes).where(
        schema.disputes.c.article_id.in_(accounts_from), schema.disputes.c.claim_side.in_(sides),
        schema.disputes.c.counter_side.in_(sides)).order_by(schema.disputes.c.article_id,
                                                            schema.disputes.c.claim_start)))
    agreements = tuple(_agreement(r) for r in _run(store, sa.select(schema.agreements).where(
        schema.agreements.c.article_id.in_(accounts_from)).order_by(schema.agreements.c.article_id))
        if len(set(_split(r.sides)) & sides) >= min(2, len(sides)))
    points = [PointView(r.id, r.kind, r.topic, tuple(
        PointEvidence(e["article_id"], e.get("side"), Span(e["start"], e["end"], e["text"])) for e in r.evidence),
        r.rule, r.score) for r in _run(store, sa.select(schema.event_points).where(
            schema.event_points.c.event_id == event_id).order_by(schema.event_points.c.score.desc(),
                                                                   schema.event_points.c.id))]
    return EventDetail(event, reports, accounts, tuple(p for p in points if p.kind == "conflict"),
                       tuple(p for p in points if p.kind == "shared"), disputes, agreements)


def _reports(rows) -> tuple[Report, ...]:
    """One report per article: its first mention of the event, the others as ``also``."""
    by_article: dict[str, list] = {}
    for r in rows:
        by_article.setdefault(r.article_id, []).append(r)
    out = []
    for group in by_article.values():
        # a current mention speaks for the article over one recalling the event
        r = next((g for g in group if g.current), group[0])
        also = tuple(_span(g, "evidence") for g in group if g is not r)
        out.append(Report(r.id, r.article_id, r.title, r.url, r.published, _split(r.art_sides), r.when_date,
                          bool(r.current), _span(r, "evidence"), _json_span(r.when_span), r.initiator,
                          r.initiator_per, r.rule, r.outlet, also))
    return tuple(out)


def get_article(store: Store, article_id: str) -> ArticleDetail:
    """One article with its text and everything found in it."""
    rows = _run(store, sa.select(art).where(art.c.id == article_id))
    if not rows:
        raise NotFound(article_id, f"no such article in {store.name}")
    a = rows[0]
    statements = tuple(_statement(r) for r in _run(store, sa.select(st).where(st.c.article_id == article_id)
                                                   .order_by(st.c.content_start)))
    contacts = tuple(ContactView(r.id, r.event_id, r.mode, _split(r.sides), r.when_date, bool(r.current),
                                 bool(r.planned), _people(r.participants), _span(r, "evidence"), r.rule)
                     for r in _run(store, sa.select(ct).where(ct.c.article_id == article_id)
                                   .order_by(ct.c.evidence_start)))
    disputes = tuple(_dispute(r) for r in _run(store, sa.select(schema.disputes).where(
        schema.disputes.c.article_id == article_id).order_by(schema.disputes.c.claim_start)))
    agreements = tuple(_agreement(r) for r in _run(store, sa.select(schema.agreements).where(
        schema.agreements.c.article_id == article_id)))
    return ArticleDetail(a.id, a.title, a.url, a.published, a.source, _split(a.sides), a.text, statements,
                         contacts, disputes, agreements)


def search(store: Store, query: str, *, limit: int = 50):
    """``readouts.store.search.search`` (kept here for callers that import it from this module)."""
    from readouts.store.search import search as full_text

    return full_text(store, query, limit=limit)
