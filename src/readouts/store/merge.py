"""Keeping the events table in step with the stored contacts (see ``readouts.store.events``).

``rebuild_zone`` re-clusters the contacts near some new ones and rewrites the
events they make: rows, sides, outlets, search text and (given a comparer) the
points where the accounts conflict or agree. ``rebuild_all`` does it for every
contact, after a migration or a re-analysis.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from readouts.store import facets, schema
from readouts.store.derive import is_person, side_name
from readouts.store.events import MAX_RANGE_DAYS, Report, cluster_reports, event_row, group_key
from readouts.store.points import PointComparer, accounts_of, compare_event

ct, art, ev = schema.contacts, schema.articles, schema.events


def _report(row) -> Report:
    people = tuple(sorted((p["name"], p.get("side")) for p in row.participants
                          if is_person(p["name"], p.get("side"), p.get("kind"))))
    days = (row.range_start, row.range_end) if row.range_start and row.range_end else None
    return Report(row.id, row.article_id, row.mode, row.sides, bool(row.planned), row.when_date, days, people,
                  row.published, bool(row.current))


def _select():
    return (sa.select(ct.c.id, ct.c.article_id, ct.c.mode, ct.c.sides, ct.c.planned, ct.c.when_date, ct.c.range_start,
                      ct.c.range_end, ct.c.participants, ct.c.current, ct.c.event_id, art.c.published)
            .join(art, art.c.id == ct.c.article_id))


def load_reports(conn: sa.Connection, contact_ids: Iterable[str]) -> list[tuple[Report, str | None]]:
    """(report, its current event id) for the given contacts."""
    ids = list(contact_ids)
    out = []
    for chunk in range(0, len(ids), 500):
        out += [(_report(r), r.event_id) for r in conn.execute(_select().where(ct.c.id.in_(ids[chunk:chunk + 500])))]
    return out


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def _zone(conn: sa.Connection, seeds: Sequence[Report]) -> dict[str, tuple[Report, str | None]]:
    """The seeds' reports with every report of their group whose days overlap theirs, closed under overlap."""
    sides, planned, people = group_key(seeds[0])
    lo, hi = min(r.days[0] for r in seeds), max(r.days[1] for r in seeds)
    found: dict[str, tuple[Report, str | None]] = {}
    while True:
        rows = conn.execute(_select().where(
            ct.c.sides == sides, ct.c.planned == planned, ct.c.range_start <= hi,
            ct.c.range_start >= _shift(lo, -MAX_RANGE_DAYS), ct.c.range_end >= lo)).all()
        for row in rows:
            report = _report(row)
            if group_key(report)[2] == people:
                found[report.contact_id] = (report, row.event_id)
        new_lo = min([lo, *(r.days[0] for r, _ in found.values())])
        new_hi = max([hi, *(r.days[1] for r, _ in found.values())])
        if (new_lo, new_hi) == (lo, hi):
            return found
        lo, hi = new_lo, new_hi


def _zones(conn: sa.Connection, seeds: Iterable[Report]) -> dict[str, tuple[Report, str | None]]:
    by_group: dict[tuple, list[Report]] = {}
    out: dict[str, tuple[Report, str | None]] = {}
    for r in seeds:
        if r.days:
            by_group.setdefault(group_key(r), []).append(r)
    for group in by_group.values():
        out.update(_zone(conn, group))
    return out


def _drop_events(conn: sa.Connection, event_ids: Sequence[str]) -> None:
    ids = list(event_ids)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        facets.add(conn, facets.stored(conn, part), sign=-1)
        conn.execute(ct.update().where(ct.c.event_id.in_(part)).values(event_id=None))
        for table in (schema.event_sides, schema.event_outlets, schema.event_points):
            conn.execute(table.delete().where(table.c.event_id.in_(part)))
        conn.execute(schema.search_docs.delete().where(schema.search_docs.c.kind == "event",
                                                       schema.search_docs.c.ref.in_(part)))
        conn.execute(ev.delete().where(ev.c.id.in_(part)))


def _topic(row: dict, titles: Sequence[str], points: Sequence[dict]) -> str:
    """What search finds an event by: its people, its sides' names, its reports' titles, its points' topics."""
    words = [p["name"] for p in row["participants"]]
    for side in row["sides"].split("|"):
        words += [side, side_name(side) or ""]
    words += [t for t in titles if t] + [p["topic"] for p in points]
    return " ".join(w for w in words if w)[:4000]


def _write_events(conn: sa.Connection, clusters: Sequence[Sequence[Report]], comparer: PointComparer | None) -> dict:
    rows = [event_row(c) for c in clusters]
    conn.execute(ev.insert(), rows)
    sides = [{"event_id": r["id"], "side": s} for r in rows for s in r["sides"].split("|") if s]
    if sides:
        conn.execute(schema.event_sides.insert(), sides)
    contact_event = {rep.contact_id: row["id"] for row, c in zip(rows, clusters) for rep in c}
    conn.execute(ct.update().where(ct.c.id == sa.bindparam("cid")).values(event_id=sa.bindparam("eid")),
                 [{"cid": k, "eid": v} for k, v in contact_event.items()])
    articles = {r.article_id for c in clusters for r in c}
    meta = {}
    ids = list(articles)
    for chunk in range(0, len(ids), 500):
        meta.update({a.id: (a.title, a.outlet) for a in conn.execute(
            sa.select(art.c.id, art.c.title, art.c.outlet).where(art.c.id.in_(ids[chunk:chunk + 500])))})
    outlets, docs = [], []
    # Points pair statements of two different articles: an event reported once has none.
    compared = {r["id"]: [s for s in r["sides"].split("|") if s] for r in rows
                if comparer is not None and r["sides"] and r["reports"] > 1}
    accounts = accounts_of(conn, compared) if compared else {}
    for row, cluster in zip(rows, clusters):
        reporting = sorted({r.article_id for r in cluster})
        outlets += [{"event_id": row["id"], "outlet": o} for o in sorted({meta[a][1] for a in reporting if meta[a][1]})]
        points = compare_event(conn, row["id"], compared[row["id"]], comparer, accounts[row["id"]]) \
            if row["id"] in compared else []
        if points:
            conn.execute(schema.event_points.insert(), points)
        row["conflicts"] = sum(p["kind"] == "conflict" for p in points)
        row["shared"] = sum(p["kind"] == "shared" for p in points)
        row["topic"] = _topic(row, [meta[a][0] for a in reporting], points)
        docs.append({"kind": "event", "ref": row["id"], "body": row["topic"]})
    if outlets:
        conn.execute(schema.event_outlets.insert(), outlets)
    facets.add(conn, facets.written(rows, sides, outlets))
    conn.execute(ev.update().where(ev.c.id == sa.bindparam("eid")).values(
        conflicts=sa.bindparam("n_conflicts"), shared=sa.bindparam("n_shared"), topic=sa.bindparam("t")),
        [{"eid": r["id"], "n_conflicts": r["conflicts"], "n_shared": r["shared"], "t": r["topic"]} for r in rows])
    if docs:
        conn.execute(schema.search_docs.insert(), docs)
    return contact_event


def rebuild_zone(conn: sa.Connection, contact_ids: Iterable[str], comparer: PointComparer | None = None) -> dict:
    """Re-cluster the zone of these (newly stored) contacts; returns {contact id: event id} for the zone."""
    seeds = load_reports(conn, contact_ids)
    zone = _zones(conn, [r for r, _ in seeds])
    for report, event_id in seeds:
        zone.setdefault(report.contact_id, (report, event_id))  # undated: an event of its own
    if not zone:
        return {}
    old = sorted({e for _, e in zone.values() if e})
    # Contacts of the old events outside the zone (none when the zones are closed) stay with their events.
    _drop_events(conn, old)
    return _write_events(conn, cluster_reports(r for r, _ in zone.values()), comparer)


def rebuild_all(conn: sa.Connection, comparer: PointComparer | None = None, group: int = 2000) -> int:
    """Drop every event and cluster all stored contacts again; returns the number of events."""
    for table in (schema.event_sides, schema.event_outlets, schema.event_points):
        conn.execute(table.delete())
    conn.execute(schema.search_docs.delete().where(schema.search_docs.c.kind == "event"))
    conn.execute(ct.update().values(event_id=None))
    conn.execute(ev.delete())
    facets.clear(conn)
    reports = [_report(r) for r in conn.execute(_select())]
    clusters = cluster_reports(reports)
    for start in range(0, len(clusters), group):
        _write_events(conn, clusters[start:start + group], comparer)
    return len(clusters)
