"""Writing one analysed article: every record with its evidence spans, in the caller's transaction."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import sqlalchemy as sa

from readouts.errors import InputError, StoreError
from readouts.records import Analysis, Span
from readouts.store import schema
from readouts.store.db import Store, article_key, record_key
from readouts.store.events import attach_article_contacts, compare_accounts

WRITE_LOCK = 0x7265_6164  # PostgreSQL advisory lock key held while an article is stored ("read")


def joined_sides(sides: Iterable[str | None]) -> str:
    """Sides as the store keys them: distinct, sorted, joined by ``|``."""
    return "|".join(sorted({s for s in sides if s}))


def _span(prefix: str, span: Span) -> dict:
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _spans(spans: Iterable[Span]) -> list[dict]:
    return [s.to_json() for s in spans]


def article_exists(conn: sa.Connection, article_id: str) -> bool:
    t = schema.articles
    return conn.execute(sa.select(t.c.id).where(t.c.id == article_id)).first() is not None


def insert_analysis(conn: sa.Connection, analysis: Analysis, *, source: str | None = None) -> str:
    """Insert the article and all its records; returns the article id.

    The caller checks ``article_exists`` first and owns the transaction, so an
    article is stored whole or not at all.
    """
    art = analysis.article
    aid = article_key(art.text)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute(schema.articles.insert().values(
        id=aid, source_id=art.id, source=source, url=art.url, title=art.title, published=art.published,
        text=art.text, sides="|".join(analysis.sides()), analysis=analysis.to_json(), ingested_at=now))

    def key(local: str | None) -> str | None:
        return record_key(aid, local) if local else None

    if analysis.actors:
        conn.execute(schema.actors.insert(), [{
            "id": key(a.id), "article_id": aid, "local_id": a.id, "name": a.name, "kind": a.kind,
            "side": a.side, "title": a.title, "side_rule": a.side_rule,
            "side_evidence": a.side_evidence.to_json() if a.side_evidence else None,
            "mentions": _spans(a.mentions)} for a in analysis.actors])
    if analysis.statements:
        conn.execute(schema.statements.insert(), [{
            "id": key(s.id), "article_id": aid, "local_id": s.id, "actor_id": key(s.actor_id),
            "speaker_name": s.speaker_name, "side": s.side, "stance": s.stance, "direct": s.direct,
            "rule": s.rule, "speaker_rule": s.speaker_rule, "parent": key(s.parent), "confidence": s.confidence,
            **_span("speaker", s.speaker), **_span("cue", s.cue), **_span("content", s.content),
        } for s in analysis.statements])
    kinds = {a.id: a.kind for a in analysis.actors}
    if analysis.contacts:
        conn.execute(schema.contacts.insert(), [{
            "id": key(c.id), "article_id": aid, "local_id": c.id, "event_id": None, "mode": c.mode,
            "sides": joined_sides(c.sides), "when_date": c.when,
            "when_span": c.when_span.to_json() if c.when_span else None, "current": c.current,
            "planned": c.planned, "participants": [dict(p.to_json(), kind=kinds.get(p.actor_id)) for p in c.participants],
            "initiator": c.initiator, "initiator_per": c.initiator_per, "rule": c.rule,
            "confidence": c.confidence, **_span("evidence", c.evidence[0]), "all_evidence": _spans(c.evidence),
        } for c in analysis.contacts if c.evidence])
    if analysis.disputes:
        conn.execute(schema.disputes.insert(), [{
            "id": key(d.id), "article_id": aid, "local_id": d.id, "topic": d.topic, "kind": d.kind,
            "claim_side": d.claim.side, "claim_statement": key(d.claim.statement_id), **_span("claim", d.claim.span),
            "counter_side": d.counter.side, "counter_statement": key(d.counter.statement_id),
            **_span("counter", d.counter.span), "conflict_words": list(d.conflict_words), "rule": d.rule,
            "confidence": d.confidence,
        } for d in analysis.disputes])
    if analysis.agreements:
        conn.execute(schema.agreements.insert(), [{
            "id": key(g.id), "article_id": aid, "local_id": g.id, "topic": g.topic,
            "sides": joined_sides(g.sides), "evidence": _spans(g.evidence),
            "statement_ids": [key(s) for s in g.statement_ids], "rule": g.rule, "confidence": g.confidence,
        } for g in analysis.agreements])
    return aid


def store_analysis(store: Store, analysis: Analysis, *, source: str | None = None,
                   comparer: Callable | None = None) -> tuple[str, bool, dict[str, int]]:
    """Store one analysed article in one transaction: (article id, stored now?, counts).

    Already stored (same text) means nothing is written and ``stored now`` is False.
    """
    if store.read_only:
        raise StoreError(f"{store.name}: opened read-only")
    aid = article_key(analysis.article.text)
    counts = {"events_created": 0, "reports_merged": 0, "points_added": 0}
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # One writer at a time merges events, so two ingests never make two events of one contact.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            if article_exists(conn, aid):
                return aid, False, counts
            insert_analysis(conn, analysis, source=source)
            touched = attach_article_contacts(conn, aid)
            for event_id in touched:
                reports = conn.execute(sa.select(sa.func.count()).select_from(schema.contacts)
                                       .where(schema.contacts.c.event_id == event_id)).scalar_one()
                if reports == 1:
                    counts["events_created"] += 1
                else:
                    counts["reports_merged"] += 1
                if comparer is not None and reports > 1:
                    counts["points_added"] += compare_accounts(conn, event_id, aid, comparer)
    except sa.exc.IntegrityError as err:
        with store.engine.connect() as conn:
            if article_exists(conn, aid):  # another ingest stored it first
                return aid, False, counts
        raise InputError(source or aid, f"cannot store: {str(err.orig).splitlines()[0]}") from err
    except sa.exc.DataError as err:
        raise InputError(source or aid, f"cannot store: {str(err.orig).splitlines()[0]}") from err
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err
    return aid, True, counts
