"""Rebuilding what the store derives from its records, and re-analysing stored articles.

``refresh`` recomputes every derived value (outlets, person keys, contact day
ranges, article sides, people, the search index, events and their points) from
the stored records; it runs after a migration that changes them. ``reanalyze``
runs the caller's analysis over stored articles again (the store imports no
analysis stage: ``readouts reanalyze`` passes ``readouts.analyze_many`` in),
replaces their records and rebuilds the events.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from readouts.errors import ReadoutsError, StoreError
from readouts.records import Analysis, Article
from readouts.store import schema
from readouts.store.db import Store
from readouts.store.derive import day_range, outlet_of, person_key
from readouts.store.merge import rebuild_all
from readouts.store.people import rebuild_people
from readouts.store.points import PointComparer
from readouts.store.queries import period_start

REBUILD_AFTER = {2}  # revisions after which the derived tables are rebuilt from the records
art, ac, st, ct = schema.articles, schema.actors, schema.statements, schema.contacts


def _update(conn: sa.Connection, table: sa.Table, values: list[dict], columns: Sequence[str]) -> None:
    if values:
        conn.execute(table.update().where(table.c.id == sa.bindparam("_id")).values(
            **{c: sa.bindparam(c) for c in columns}), values)


def _refresh_records(conn: sa.Connection) -> None:
    """Outlets, article sides, person keys and contact day ranges, from the stored rows."""
    rows = conn.execute(sa.select(art.c.id, art.c.url, art.c.source, art.c.sides, art.c.title)).all()
    _update(conn, art, [{"_id": r.id, "outlet": outlet_of(r.url, r.source)} for r in rows], ["outlet"])
    conn.execute(schema.article_sides.delete())
    sides = [{"article_id": r.id, "side": s} for r in rows for s in (r.sides or "").split("|") if s]
    if sides:
        conn.execute(schema.article_sides.insert(), sides)
    docs = schema.search_docs
    conn.execute(docs.delete().where(docs.c.kind.in_(("article", "statement"))))
    titles = [{"kind": "article", "ref": r.id, "body": r.title} for r in rows if r.title]
    if titles:
        conn.execute(docs.insert(), titles)
    actors = conn.execute(sa.select(ac.c.id, ac.c.name, ac.c.side, ac.c.kind)).all()
    keys = {r.id: person_key(r.name, r.side, r.kind) for r in actors}
    _update(conn, ac, [{"_id": k, "person_key": v} for k, v in keys.items()], ["person_key"])
    statements = conn.execute(sa.select(st.c.id, st.c.actor_id, st.c.speaker_name, st.c.content_text,
                                        art.c.published).join(art, art.c.id == st.c.article_id)).all()
    _update(conn, st, [{"_id": r.id, "person_key": keys.get(r.actor_id), "published": r.published or ""}
                       for r in statements], ["person_key", "published"])
    said = [{"kind": "statement", "ref": r.id, "body": f"{r.speaker_name or ''} {r.content_text}".strip()}
            for r in statements]
    for start in range(0, len(said), 5000):
        conn.execute(docs.insert(), said[start:start + 5000])
    contacts = conn.execute(sa.select(ct.c.id, ct.c.when_date, ct.c.when_span, ct.c.current, art.c.published)
                            .join(art, art.c.id == ct.c.article_id)).all()
    ranges = []
    for r in contacts:
        days = day_range(r.when_date, r.published, bool(r.current), stated=r.when_span is not None)
        ranges.append({"_id": r.id, "range_start": days[0] if days else None, "range_end": days[1] if days else None})
    _update(conn, ct, ranges, ["range_start", "range_end"])


def refresh(store: Store, *, comparer: PointComparer | None = None) -> int:
    """Rebuild every derived value from the stored records, in one transaction; returns the events made.

    ``refresh(store, comparer=None) -> int``.
    """
    try:
        with store.engine.begin() as conn:
            _refresh_records(conn)
            rebuild_people(conn)
            return rebuild_all(conn, comparer)
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err


@dataclass(frozen=True, slots=True)
class ReanalyzeResult:
    """Articles re-analysed, those whose new analysis failed (kept as they were), and events made."""

    analysed: int
    failures: tuple[tuple[str, str], ...]
    events: int

    def to_json(self) -> dict:
        return {"analysed": self.analysed, "failed": len(self.failures), "events": self.events,
                "failures": [{"article": a, "reason": r} for a, r in self.failures]}


Analyzer = Callable[[list[Article]], Sequence[Analysis | ReadoutsError]]


def _delete_records(conn: sa.Connection, ids: list[str]) -> None:
    docs = schema.search_docs
    old = [r.id for r in conn.execute(sa.select(st.c.id).where(st.c.article_id.in_(ids)))]
    for start in range(0, len(old), 500):
        conn.execute(docs.delete().where(docs.c.kind == "statement", docs.c.ref.in_(old[start:start + 500])))
    for table in (schema.disputes, schema.agreements, ct, st, ac, schema.article_sides):
        conn.execute(table.delete().where(table.c.article_id.in_(ids)))


def _replace(conn: sa.Connection, pairs: list[tuple[str, Analysis]], version: str | None) -> None:
    from readouts.store.write import Rows, _record_rows, analyzer_version

    ids = [aid for aid, _ in pairs]
    _delete_records(conn, ids)
    rows = Rows()
    for aid, analysis in pairs:
        _record_rows(analysis, aid, rows)
        rows.add("article_sides", [{"article_id": aid, "side": s} for s in analysis.sides()])
        conn.execute(art.update().where(art.c.id == aid).values(
            analysis=analysis.to_json(), sides="|".join(analysis.sides()),
            analyzer_version=version or analyzer_version()))
    rows.write(conn)


def reanalyze(store: Store, analyzer: Analyzer, *, since: str | None = None, comparer: PointComparer | None = None,
              batch_size: int = 32, version: str | None = None,
              on_progress: Callable[[int, int], None] | None = None) -> ReanalyzeResult:
    """Analyse stored articles again with ``analyzer`` and rebuild the events.

    ``reanalyze(store, analyzer, since=None, comparer=None, batch_size=32, version=None,
    on_progress=None) -> ReanalyzeResult``. ``analyzer`` takes a list of ``Article`` and
    returns one ``Analysis`` or ``ReadoutsError`` each (``readouts.analyze_many`` fits);
    ``since`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) limits it to articles published
    then or later. An article whose new analysis fails keeps its old records.
    ``on_progress(done, total)`` is called after each batch.
    """
    if store.read_only:
        raise StoreError(f"{store.name}: opened read-only")
    query = sa.select(art.c.id, art.c.text, art.c.source_id, art.c.published, art.c.url, art.c.title)
    if since:
        query = query.where(art.c.published >= period_start(since, "--since"))
    with store.engine.connect() as conn:
        ids = [r.id for r in conn.execute(query.with_only_columns(art.c.id).order_by(art.c.id))]
    failures: list[tuple[str, str]] = []
    done = 0
    for start in range(0, len(ids), batch_size):
        part = ids[start:start + batch_size]
        with store.engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(query.where(art.c.id.in_(part)))}
        articles = [Article(text=rows[i].text, id=rows[i].source_id, published=rows[i].published, url=rows[i].url,
                            title=rows[i].title) for i in part]
        results = analyzer(articles)
        pairs = []
        for aid, result in zip(part, results):
            if isinstance(result, Analysis):
                pairs.append((aid, result))
            else:
                failures.append((aid, getattr(result, "problem", str(result))))
        with store.engine.begin() as conn:
            _replace(conn, pairs, version)
        done += len(part)
        if on_progress:
            on_progress(done, len(ids))
    with store.engine.begin() as conn:
        rebuild_people(conn)
        events = rebuild_all(conn, comparer)
    return ReanalyzeResult(done - len(failures), tuple(failures), events)
