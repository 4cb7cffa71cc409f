"""Writing analysed articles: every record with its evidence spans, a batch in one transaction.

``write_batch`` is the one writer: it inserts the new articles of a batch with one
``executemany`` per table, updates the people they name, indexes their statements
for search and re-clusters the events near their contacts, all in one transaction.
``store_analysis`` writes one article through it. A batch that the database
refuses (a broken record) is written again one article at a time, so only the
broken article is lost, and it is reported with its reason.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata

import sqlalchemy as sa

from readouts.errors import InputError, StoreError
from readouts.records import Analysis, Span
from readouts.store import schema
from readouts.store.db import Store, article_key, record_key
from readouts.store.derive import day_range, joined_sides, outlet_of, person_key
from readouts.store.merge import rebuild_zone
from readouts.store.people import count_people
from readouts.store.points import PointComparer

WRITE_LOCK = 0x7265_6164  # PostgreSQL advisory lock key held while articles are stored ("read")

__all__ = ["BatchResult", "joined_sides", "store_analysis", "write_batch"]


@functools.lru_cache(maxsize=1)
def analyzer_version() -> str:
    """The installed readouts version: stored with each analysis, so a re-analysis can find old ones."""
    try:
        return metadata.version("readouts")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "unknown"


def _span(prefix: str, span: Span) -> dict:
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _spans(spans: Iterable[Span]) -> list[dict]:
    return [s.to_json() for s in spans]


def article_exists(conn: sa.Connection, article_id: str) -> bool:
    t = schema.articles
    return conn.execute(sa.select(t.c.id).where(t.c.id == article_id)).first() is not None


@dataclass(slots=True)
class Rows:
    """The rows of a batch, per table, for one ``executemany`` each."""

    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, rows: Iterable[dict]) -> None:
        self.tables.setdefault(table, []).extend(rows)

    def write(self, conn: sa.Connection) -> None:
        for table in ("articles", "article_sides", "actors", "statements", "contacts", "disputes", "agreements"):
            if self.tables.get(table):
                conn.execute(schema.metadata.tables[table].insert(), self.tables[table])
        if self.tables.get("search_docs"):
            conn.execute(schema.search_docs.insert(), self.tables["search_docs"])


def analysis_rows(analysis: Analysis, rows: Rows, *, source: str | None = None, version: str | None = None) -> str:
    """Add the rows of one analysed article to ``rows``; returns the article id."""
    art = analysis.article
    aid = article_key(art.text)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    sides = analysis.sides()
    rows.add("articles", [{
        "id": aid, "source_id": art.id, "source": source, "url": art.url, "title": art.title,
        "published": art.published, "text": art.text, "sides": "|".join(sides), "analysis": analysis.to_json(),
        "ingested_at": now, "outlet": outlet_of(art.url, source), "analyzer_version": version or analyzer_version()}])
    rows.add("article_sides", [{"article_id": aid, "side": s} for s in sides])
    if art.title:
        rows.add("search_docs", [{"kind": "article", "ref": aid, "body": art.title}])
    _record_rows(analysis, aid, rows)
    return aid


def _record_rows(analysis: Analysis, aid: str, rows: Rows) -> None:
    def key(local: str | None) -> str | None:
        return record_key(aid, local) if local else None

    actors = {a.id: a for a in analysis.actors}
    rows.add("actors", [{
        "id": key(a.id), "article_id": aid, "local_id": a.id, "name": a.name, "kind": a.kind, "side": a.side,
        "title": a.title, "side_rule": a.side_rule, "side_evidence": a.side_evidence.to_json() if a.side_evidence else None,
        "mentions": _spans(a.mentions), "person_key": person_key(a.name, a.side, a.kind)} for a in analysis.actors])
    statements = []
    for s in analysis.statements:
        actor = actors.get(s.actor_id)
        pkey = person_key(actor.name, actor.side, actor.kind) if actor else None
        statements.append({
            "id": key(s.id), "article_id": aid, "local_id": s.id, "actor_id": key(s.actor_id),
            "speaker_name": s.speaker_name, "side": s.side, "stance": s.stance, "direct": s.direct, "rule": s.rule,
            "speaker_rule": s.speaker_rule, "parent": key(s.parent), "confidence": s.confidence,
            **_span("speaker", s.speaker), **_span("cue", s.cue), **_span("content", s.content), "person_key": pkey,
            "published": analysis.article.published or ""})
    rows.add("statements", statements)
    rows.add("search_docs", [{"kind": "statement", "ref": r["id"],
                              "body": f"{r['speaker_name'] or ''} {r['content_text']}".strip()} for r in statements])
    published = analysis.article.published
    contacts = []
    for c in analysis.contacts:
        if not c.evidence:
            continue
        days = day_range(c.when, published, c.current, stated=c.when_span is not None)
        contacts.append({
            "id": key(c.id), "article_id": aid, "local_id": c.id, "event_id": None, "mode": c.mode,
            "sides": joined_sides(c.sides), "when_date": c.when, "range_start": days[0] if days else None,
            "range_end": days[1] if days else None, "when_span": c.when_span.to_json() if c.when_span else None,
            "current": c.current, "planned": c.planned,
            "participants": [dict(p.to_json(), kind=actors[p.actor_id].kind if p.actor_id in actors else None)
                             for p in c.participants],
            "initiator": c.initiator, "initiator_per": c.initiator_per, "rule": c.rule, "confidence": c.confidence,
            **_span("evidence", c.evidence[0]), "all_evidence": _spans(c.evidence)})
    rows.add("contacts", contacts)
    rows.add("disputes", [{
        "id": key(d.id), "article_id": aid, "local_id": d.id, "topic": d.topic, "kind": d.kind,
        "claim_side": d.claim.side, "claim_statement": key(d.claim.statement_id), **_span("claim", d.claim.span),
        "counter_side": d.counter.side, "counter_statement": key(d.counter.statement_id),
        **_span("counter", d.counter.span), "conflict_words": list(d.conflict_words), "rule": d.rule,
        "confidence": d.confidence} for d in analysis.disputes])
    rows.add("agreements", [{
        "id": key(g.id), "article_id": aid, "local_id": g.id, "topic": g.topic, "sides": joined_sides(g.sides),
        "evidence": _spans(g.evidence), "statement_ids": [key(s) for s in g.statement_ids], "rule": g.rule,
        "confidence": g.confidence} for g in analysis.agreements])


@dataclass(frozen=True, slots=True)
class Written:
    """One article of a batch: its id, whether it was stored now, and why not when it failed."""

    article_id: str
    stored: bool
    error: InputError | None = None
    events_created: int = 0
    reports_merged: int = 0


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What ``write_batch`` did: one ``Written`` per analysis in order, and the points added."""

    articles: tuple[Written, ...]
    points_added: int = 0

    @property
    def stored(self) -> int:
        return sum(w.stored for w in self.articles)


def _lock(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        # One writer at a time merges events, so two ingests never make two events of one contact.
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def _existing(conn: sa.Connection, ids: Sequence[str]) -> set[str]:
    t = schema.articles
    return {r.id for r in conn.execute(sa.select(t.c.id).where(t.c.id.in_(list(ids))))} if ids else set()


def _write(conn: sa.Connection, items: Sequence[tuple[Analysis, str | None]], comparer, version) -> BatchResult:
    _lock(conn)
    ids = [article_key(a.article.text) for a, _ in items]
    skip = _existing(conn, ids)
    rows = Rows()
    fresh: list[Analysis] = []
    for (analysis, source), aid in zip(items, ids):
        if aid in skip:
            continue
        skip.add(aid)  # the same text twice in one batch is stored once
        analysis_rows(analysis, rows, source=source, version=version)
        fresh.append(analysis)
    rows.write(conn)
    count_people(conn, rows.tables.get("actors", []), rows.tables.get("statements", []))
    new_contacts = [r["id"] for r in rows.tables.get("contacts", [])]
    events = rebuild_zone(conn, new_contacts, comparer) if new_contacts else {}
    points = _points_of(conn, set(events.values())) if comparer is not None else 0
    size = _event_sizes(conn, set(events.values()))
    fresh_ids = {article_key(a.article.text) for a in fresh}
    per_article: dict[str, list[int]] = {}
    for row in rows.tables.get("contacts", []):
        event = events.get(row["id"])
        if event is not None:
            per_article.setdefault(row["article_id"], []).append(size.get(event, 1))
    written, seen = [], set()
    for aid in ids:
        stored = aid in fresh_ids and aid not in seen
        seen.add(aid)
        sizes = per_article.get(aid, []) if stored else []
        written.append(Written(aid, stored, None, sum(n == 1 for n in sizes), sum(n > 1 for n in sizes)))
    return BatchResult(tuple(written), points)


def _event_sizes(conn: sa.Connection, event_ids: set[str]) -> dict[str, int]:
    if not event_ids:
        return {}
    ev = schema.events
    return dict(conn.execute(sa.select(ev.c.id, ev.c.reports).where(ev.c.id.in_(list(event_ids)))).all())


def _points_of(conn: sa.Connection, event_ids: set[str]) -> int:
    if not event_ids:
        return 0
    pts = schema.event_points
    return conn.execute(sa.select(sa.func.count()).select_from(pts).where(pts.c.event_id.in_(list(event_ids)))).scalar_one()


def write_batch(store: Store, analyses: Sequence[Analysis | tuple[Analysis, str | None]], *,
                comparer: PointComparer | None = None, version: str | None = None) -> BatchResult:
    """Store a batch of analysed articles in one transaction; articles already stored are skipped.

    ``write_batch(store, [analysis, (analysis, "source name"), ...], comparer=None, version=None)
    -> BatchResult``. ``comparer`` compares the accounts of the events touched (see
    ``readouts.store.points``); ``version`` is the readouts version that made the
    analyses (default: the installed one). Meant to be called from one writer
    process; concurrent writers queue on a lock. A batch the database refuses is
    written article by article: each broken one is a ``Written`` with its error.
    """
    if store.read_only:
        raise StoreError(f"{store.name}: opened read-only")
    items = [a if isinstance(a, tuple) else (a, None) for a in analyses]
    if not items:
        return BatchResult(())
    try:
        with store.engine.begin() as conn:
            return _write(conn, items, comparer, version)
    except (sa.exc.IntegrityError, sa.exc.DataError) as err:
        if len(items) == 1:
            return BatchResult((_refused(store, items[0], err),))
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err
    parts = [write_batch(store, [item], comparer=comparer, version=version) for item in items]
    return BatchResult(tuple(w for p in parts for w in p.articles), sum(p.points_added for p in parts))


def _refused(store: Store, item: tuple[Analysis, str | None], err: sa.exc.SQLAlchemyError) -> Written:
    analysis, source = item
    aid = article_key(analysis.article.text)
    with store.engine.connect() as conn:
        if article_exists(conn, aid):  # another writer stored it first
            return Written(aid, False)
    return Written(aid, False, InputError(source or analysis.article.id or aid,
                                          f"cannot store: {str(err.orig).splitlines()[0]}"))


def store_analysis(store: Store, analysis: Analysis, *, source: str | None = None,
                   comparer: PointComparer | None = None) -> tuple[str, bool, dict[str, int]]:
    """Store one analysed article in one transaction: (article id, stored now?, counts).

    ``store_analysis(store, analysis, source=None, comparer=None) -> (id, stored, counts)``;
    counts has ``events_created``, ``reports_merged`` and ``points_added``. Already stored
    (same text) means nothing is written and ``stored`` is False; a record the database
    refuses raises ``InputError`` naming the source.
    """
    result = write_batch(store, [(analysis, source)], comparer=comparer)
    (one,) = result.articles
    if one.error is not None:
        raise one.error
    return one.article_id, one.stored, {"events_created": one.events_created, "reports_merged": one.reports_merged,
                                        "points_added": result.points_added}
