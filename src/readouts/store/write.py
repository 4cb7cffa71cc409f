"""Writing one analysed article: every record with its evidence spans, in the caller's transaction."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from ..records import Analysis, Span
from . import schema
from .db import article_key, record_key


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
