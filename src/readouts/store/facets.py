"""The events list's facets over every event, kept by the writer instead of counted per request.

Beside its filters, the events list shows how many events each side, mode,
year and outlet has, and how many have conflicting accounts ("US 120 · RU 98").
Unfiltered, that meant counting every event, its sides and its outlets on each
request, a cost that grows with the store. ``event_facet_counts`` holds those
counts, one row per facet value: whenever ``readouts.store.merge`` drops events it
subtracts theirs, whenever it writes events it adds theirs, in the same
transaction (under the writer's lock on PostgreSQL). A filtered list still counts
its own rows (``readouts.store.browse``).

``value`` is text: a side, a mode, an outlet, a year ("2014"; "" for an undated
event), or has_conflict "1" / "0".
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from readouts.store import schema
from readouts.store.db import Store
from readouts.store.queries import _run
from readouts.store.views import Facet

fc, ev, es, eo = schema.event_facet_counts, schema.events, schema.event_sides, schema.event_outlets


def _counts(events: Iterable[tuple[str, int | None, int]], sides: Iterable[str], outlets: Iterable[str]) -> Counter:
    """{(facet, value): events} of some events: (mode, year, conflicts) of each, their sides and outlets."""
    out: Counter = Counter()
    for mode, year, conflicts in events:
        out["mode", mode] += 1
        out["year", "" if year is None else str(year)] += 1
        out["has_conflict", "1" if conflicts > 0 else "0"] += 1
    out.update(("sides", s) for s in sides)
    out.update(("outlet", o) for o in outlets)
    return out


def written(rows: Sequence[dict], sides: Sequence[dict], outlets: Sequence[dict]) -> Counter:
    """The counts of events about to be written: their ``events``, ``event_sides`` and ``event_outlets`` rows."""
    return _counts(((r["mode"], r["year"], r["conflicts"]) for r in rows), (s["side"] for s in sides),
                   (o["outlet"] for o in outlets))


def stored(conn: sa.Connection, event_ids: Sequence[str]) -> Counter:
    """The counts of stored events (at most a few hundred ids: one query each for rows, sides, outlets)."""
    ids = list(event_ids)
    return _counts(conn.execute(sa.select(ev.c.mode, ev.c.year, ev.c.conflicts).where(ev.c.id.in_(ids))).all(),
                   conn.execute(sa.select(es.c.side).where(es.c.event_id.in_(ids))).scalars(),
                   conn.execute(sa.select(eo.c.outlet).where(eo.c.event_id.in_(ids))).scalars())


def add(conn: sa.Connection, counts: Counter, sign: int = 1) -> None:
    """Add ``counts`` to the kept ones (``sign=-1``: subtract them); a value counted down to 0 goes."""
    # Sorted: two writers update the rows in one order (no deadlock).
    rows = [{"facet": f, "value": v, "n": sign * n} for (f, v), n in sorted(counts.items()) if n]
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(fc)
    conn.execute(stmt.on_conflict_do_update(index_elements=[fc.c.facet, fc.c.value],
                                            set_={"n": fc.c.n + stmt.excluded.n}), rows)
    conn.execute(fc.delete().where(fc.c.n == 0))


def clear(conn: sa.Connection) -> None:
    conn.execute(fc.delete())


def recount(conn: sa.Connection) -> dict[tuple[str, str], int]:
    """The counts as they should be, counted over every event (what tests compare the kept ones with)."""
    out = _counts(conn.execute(sa.select(ev.c.mode, ev.c.year, ev.c.conflicts)).all(),
                  conn.execute(sa.select(es.c.side)).scalars(), conn.execute(sa.select(eo.c.outlet)).scalars())
    return dict(out)


def kept(conn: sa.Connection) -> dict[tuple[str, str], int]:
    """The counts the store keeps."""
    return {(r.facet, r.value): r.n for r in conn.execute(sa.select(fc))}


def _top(store: Store, facet: str, limit: int) -> tuple:
    # Ordered in the database, as a count over the events' own column would be (its collation breaks ties).
    return tuple((r.value, r.n) for r in _run(store, sa.select(fc.c.value, fc.c.n).where(fc.c.facet == facet)
                                              .order_by(fc.c.n.desc(), fc.c.value).limit(limit)))


def all_events(store: Store, *, size: int, years: int) -> tuple[int, tuple[Facet, ...]]:
    """(number of events, facets) of the unfiltered events list, from the kept counts.

    The same values in the same order as counting the events would give: most events
    first, ties by value (sides, modes and outlets as the database orders text, years
    as numbers); at most ``size`` values a facet (``years`` years), undated events not
    shown as a year.
    """
    rows = _run(store, sa.select(fc).where(fc.c.facet.in_(("year", "has_conflict"))))
    # An undated event's year is NULL, which sorts first in SQLite and last in PostgreSQL: it
    # takes its place among the first ``years`` and is then left out, as in a count over events.
    year = [(int(r.value) if r.value else None, r.n) for r in rows if r.facet == "year"]
    nulls_first = store.engine.dialect.name == "sqlite"
    year.sort(key=lambda vn: (-vn[1], (vn[0] is None) != nulls_first, vn[0] or 0))
    conflict = sorted(((r.value == "1", r.n) for r in rows if r.facet == "has_conflict"),
                      key=lambda vn: (-vn[1], vn[0]))
    total = sum(n for _, n in conflict)
    return total, (Facet("sides", _top(store, "sides", size)), Facet("mode", _top(store, "mode", size)),
                   Facet("year", tuple(vn for vn in year[:years] if vn[0] is not None)),
                   Facet("outlet", _top(store, "outlet", size)), Facet("has_conflict", tuple(conflict)))
