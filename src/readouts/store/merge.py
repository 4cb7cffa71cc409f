"""Keeping the events table in step with the stored contacts (see ``readouts.store.events``).

``rebuild_zone`` re-clusters the contacts near some new ones and writes what
changed in the events they make: rows, sides, outlets, search text and (given a
comparer) the points where the accounts conflict or agree. An event a report
joins is updated where it is, and its accounts are compared again only when the
statements it compares changed, so that a report costs about the same whether its
event has two reports or two hundred. ``rebuild_all`` does it for every
contact, after a migration or a re-analysis.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from readouts.store import facets, schema
from readouts.store.derive import is_person, side_name
from readouts.store.events import MAX_RANGE_DAYS, Report, cluster_reports, event_key, event_row, group_key
from readouts.store.points import PointComparer, accounts_of, compare_event

ct, art, ev = schema.contacts, schema.articles, schema.events


@functools.lru_cache(maxsize=65536)
def _people(participants: str) -> tuple[tuple[str, str | None], ...]:
    """The people among a contact's stored participants (their JSON text): read once, not per zone.

    A zone is read again each time a report joins it; its contacts do not change.
    """
    return tuple(sorted((p["name"], p.get("side")) for p in json.loads(participants)
                        if is_person(p["name"], p.get("side"), p.get("kind"))))


def _report(row) -> Report:
    days = (row.range_start, row.range_end) if row.range_start and row.range_end else None
    return Report(row.id, row.article_id, row.mode, row.sides, bool(row.planned), row.when_date, days,
                  _people(row.participants), row.published, bool(row.current))


def _select():
    # the participants as their JSON text, decoded by ``_people`` (cached), not by the driver for every row
    return (sa.select(ct.c.id, ct.c.article_id, ct.c.mode, ct.c.sides, ct.c.planned, ct.c.when_date, ct.c.range_start,
                      ct.c.range_end, sa.cast(ct.c.participants, sa.Text).label("participants"), ct.c.current,
                      ct.c.event_id, art.c.published)
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
        _drop_parts(conn, part)
        conn.execute(ev.delete().where(ev.c.id.in_(part)))


def _drop_parts(conn: sa.Connection, ids: Sequence[str], *, points: bool = True) -> None:
    """Delete what hangs on these events (their sides, outlets, search row and, with ``points``, points)."""
    for table in (schema.event_sides, schema.event_outlets) + ((schema.event_points,) if points else ()):
        conn.execute(table.delete().where(table.c.event_id.in_(ids)))
    conn.execute(schema.search_docs.delete().where(schema.search_docs.c.kind == "event",
                                                   schema.search_docs.c.ref.in_(ids)))


def _topic(row: dict, titles: Sequence[str], points: Sequence[dict]) -> str:
    """What search finds an event by: its people, its sides' names, its reports' titles, its points' topics."""
    words = [p["name"] for p in row["participants"]]
    for side in row["sides"].split("|"):
        words += [side, side_name(side) or ""]
    words += list(dict.fromkeys(t for t in titles if t)) + sorted({p["topic"] for p in points})
    return " ".join(w for w in words if w)[:4000]


def _article_meta(conn: sa.Connection, articles: set[str]) -> dict[str, tuple[str | None, str | None]]:
    meta, ids = {}, sorted(articles)
    for chunk in range(0, len(ids), 500):
        meta.update({a.id: (a.title, a.outlet) for a in conn.execute(
            sa.select(art.c.id, art.c.title, art.c.outlet).where(art.c.id.in_(ids[chunk:chunk + 500])))})
    return meta


def _compared(rows: Sequence[dict], comparer: PointComparer | None) -> dict[str, list[str]]:
    # Points pair statements of two different articles: an event reported once has none.
    return {r["id"]: [s for s in r["sides"].split("|") if s] for r in rows
            if comparer is not None and r["sides"] and r["reports"] > 1}


def _kept_points(conn: sa.Connection, event_ids: Sequence[str]) -> dict[str, list[dict]]:
    pts = schema.event_points
    out: dict[str, list[dict]] = {e: [] for e in event_ids}
    for chunk in range(0, len(event_ids), 500):
        for r in conn.execute(sa.select(pts.c.event_id, pts.c.kind, pts.c.topic)
                              .where(pts.c.event_id.in_(event_ids[chunk:chunk + 500]))):
            out[r.event_id].append({"kind": r.kind, "topic": r.topic})
    return out


def _write_events(conn: sa.Connection, clusters: Sequence[Sequence[Report]], comparer: PointComparer | None,
                  before: dict[str, str | None] | None = None,
                  previous: dict[str, Sequence[Report]] | None = None) -> dict:
    """Write the events these clusters make; those in ``previous`` ({id: its reports before}) are updated in place.

    ``before`` is each contact's event before (only contacts whose event changes are
    updated). A grown event whose compared accounts are what they were keeps its points:
    once each side has its first ``MAX_POINTS_PER_SIDE`` statements, most new reports
    change nothing there, and the comparison is not made again.
    """
    before, was = before or {}, previous or {}
    rows = [event_row(c) for c in clusters]
    grown = [r["id"] for r in rows if r["id"] in was]
    compared = _compared(rows, comparer)
    if grown:
        facets.add(conn, facets.stored(conn, grown), sign=-1)
        _drop_parts(conn, grown, points=False)
    fresh = [r for r in rows if r["id"] not in was]
    if fresh:
        conn.execute(ev.insert(), fresh)
    contact_event = {rep.contact_id: row["id"] for row, c in zip(rows, clusters) for rep in c}
    moved = [{"cid": k, "eid": v} for k, v in contact_event.items() if before.get(k) != v]
    if moved:
        conn.execute(ct.update().where(ct.c.id == sa.bindparam("cid")).values(event_id=sa.bindparam("eid")), moved)
    accounts = accounts_of(conn, compared) if compared else {}
    now = {row["id"]: c for row, c in zip(rows, clusters)}
    kept = _kept_points(conn, [e for e in grown if e in compared and _same_accounts(was[e], now[e], accounts[e])])
    redo = [e for e in grown if e not in kept]
    if redo:
        conn.execute(schema.event_points.delete().where(schema.event_points.c.event_id.in_(redo)))
    sides, outlets = _finish_rows(conn, rows, clusters, comparer, compared, accounts, kept)
    conn.execute(ev.update().where(ev.c.id == sa.bindparam("eid")), [_as_update(r) for r in rows])
    docs = [{"kind": "event", "ref": r["id"], "body": r["topic"]} for r in rows]
    for table, values in ((schema.event_sides, sides), (schema.event_outlets, outlets), (schema.search_docs, docs)):
        if values:
            conn.execute(table.insert(), values)
    facets.add(conn, facets.written(rows, sides, outlets))
    return contact_event


def _same_accounts(was: Sequence[Report], now: Sequence[Report], accounts: dict[str, list]) -> bool:
    """Whether an event's compared accounts are what they were, without reading the old ones.

    They are when it was compared before (two articles or more), no article that
    reported it as it happened left it, and no statement among the first of each side
    comes from an article that joined: the first of a larger set are then the first of the old one.
    """
    old = {r.article_id for r in was if r.current}
    new = {r.article_id for r in now if r.current}
    joined = new - old
    return len({r.article_id for r in was}) > 1 and old <= new and \
        not any(p.article_id in joined for points in accounts.values() for p in points)


def _finish_rows(conn: sa.Connection, rows: Sequence[dict], clusters: Sequence[Sequence[Report]], comparer,
                 compared: dict, accounts: dict, kept: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
    """Points (kept or compared anew), counts and topic of each row; its sides' and outlets' rows."""
    meta = _article_meta(conn, {r.article_id for c in clusters for r in c})
    sides = [{"event_id": r["id"], "side": s} for r in rows for s in r["sides"].split("|") if s]
    outlets = []
    for row, cluster in zip(rows, clusters):
        reporting = sorted({r.article_id for r in cluster})
        outlets += [{"event_id": row["id"], "outlet": o} for o in sorted({meta[a][1] for a in reporting if meta[a][1]})]
        points = kept.get(row["id"])
        if points is None:
            points = compare_event(conn, row["id"], compared[row["id"]], comparer, accounts[row["id"]]) \
                if row["id"] in compared else []
            if points:
                conn.execute(schema.event_points.insert(), points)
        row["conflicts"] = sum(p["kind"] == "conflict" for p in points)
        row["shared"] = sum(p["kind"] == "shared" for p in points)
        row["topic"] = _topic(row, [meta[a][0] for a in reporting], points)
    return sides, outlets


def _as_update(row: dict) -> dict:
    """An events row as the parameters of ``UPDATE events ... WHERE id = :eid``."""
    return {"eid": row["id"], **{k: v for k, v in row.items() if k != "id"}}


def rebuild_zone(conn: sa.Connection, contact_ids: Iterable[str], comparer: PointComparer | None = None) -> dict:
    """Re-cluster the zone of these (newly stored) contacts; returns {contact id: event id} for the zone.

    Only what changed is written: an event whose reports are what they were is left as
    it is, one that gained or lost reports is updated in place (its id stays), an event
    no cluster makes any more is dropped and a new one written.
    """
    seeds = load_reports(conn, contact_ids)
    zone = _zones(conn, [r for r, _ in seeds])
    for report, event_id in seeds:
        zone.setdefault(report.contact_id, (report, event_id))  # undated: an event of its own
    if not zone:
        return {}
    # Contacts of the old events outside the zone (none when the zones are closed) stay with their events.
    before = {cid: eid for cid, (_, eid) in zone.items()}
    old: dict[str, set[str]] = {}
    for cid, eid in before.items():
        if eid:
            old.setdefault(eid, set()).add(cid)
    clusters = cluster_reports(r for r, _ in zone.values())
    ids = [event_key(c) for c in clusters]
    changed = [(e, c) for e, c in zip(ids, clusters) if old.get(e) != {r.contact_id for r in c}]
    _drop_events(conn, sorted(set(old) - set(ids)))
    reports = {r.contact_id: r for r, _ in zone.values()}
    was = {e: [reports[cid] for cid in old[e]] for e, _ in changed if e in old}
    _write_events(conn, [c for _, c in changed], comparer, before, was)
    return {r.contact_id: e for e, c in zip(ids, clusters) for r in c}


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
