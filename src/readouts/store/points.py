"""Comparing the accounts of one event from stored statements: the comparer interface.

The store never re-reads article text to compare accounts. For each pair of an
event's sides it hands a comparer each side's stored statements as plain
``StoredPoint`` records and stores the pairs it returns as the event's
conflicts and shared points. The comparer itself (the alignment of accounts)
belongs to ``readouts.divergence``; the caller passes it in (``readouts.corpus``
does), so the store imports no analysis stage.

A comparer is any callable::

    comparer(left: Sequence[StoredPoint], right: Sequence[StoredPoint]) -> Iterable[PointPair]

where a ``PointPair`` is a plain tuple ``(kind, i, j, topic, rule, score)``:
``kind`` is ``"conflict"`` or ``"shared"``, ``left[i]`` and ``right[j]`` the two
points, ``topic`` a short line, ``rule`` what found it, ``score`` its strength.
A comparer that raises or returns something else is skipped for that pair of
sides: the articles stay stored.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import sqlalchemy as sa

from readouts.store import schema

MAX_POINTS_PER_SIDE = 60  # the first statements (by publication) of each side an event compares
KINDS = ("conflict", "shared")


@dataclass(frozen=True, slots=True)
class StoredPoint:
    """One stored statement as a comparer sees it: its content text and where it is."""

    article_id: str
    statement_id: str
    side: str | None
    speaker: str | None
    stance: str
    start: int  # content span in the article's text
    end: int
    text: str


PointPair = tuple[str, int, int, str, str, float]
PointComparer = Callable[[Sequence[StoredPoint], Sequence[StoredPoint]], Iterable[PointPair]]


FIRST_ARTICLES = 64  # the first page of an event's reports its accounts are read from (then 4x more, ...)


def accounts_of(conn: sa.Connection, events: dict[str, Sequence[str]]) -> dict[str, dict[str, list[StoredPoint]]]:
    """``event_accounts`` for many events ({event id: its sides}), 500 events a query.

    Each side's first statements come from the event's first reports (by publication),
    so the statements of its first ``FIRST_ARTICLES`` reports are read first, and more
    only for an event where some side has fewer than ``MAX_POINTS_PER_SIDE`` there: an
    event reported by five hundred articles costs about what one of fifty does.
    """
    out: dict[str, dict[str, list[StoredPoint]]] = {e: {s: [] for s in sides} for e, sides in events.items()}
    pending, first = list(events), FIRST_ARTICLES
    totals = _reports_of(conn, pending)
    while pending:
        for e in pending:
            out[e] = {s: [] for s in events[e]}
        for chunk in range(0, len(pending), 500):
            for r in conn.execute(_first_statements(pending[chunk:chunk + 500], first)):
                side = out[r.event_id].get(r.side)
                if side is not None:
                    side.append(StoredPoint(r.article_id, r.id, r.side, r.speaker_name, r.stance, r.content_start,
                                            r.content_end, r.content_text))
        pending = [e for e in pending if totals.get(e, 0) > first
                   and any(len(points) < MAX_POINTS_PER_SIDE for points in out[e].values())]
        first *= 4
    return out


def _reports_of(conn: sa.Connection, ids: Sequence[str]) -> dict[str, int]:
    """How many articles report each event as it happened."""
    ct = schema.contacts
    out: dict[str, int] = {}
    for chunk in range(0, len(ids), 500):
        out.update(conn.execute(sa.select(ct.c.event_id, sa.func.count(ct.c.article_id.distinct()))
                                .where(ct.c.event_id.in_(ids[chunk:chunk + 500]), ct.c.current.is_(True))
                                .group_by(ct.c.event_id)).all())
    return out


def _first_statements(ids: Sequence[str], first: int):
    """The first ``MAX_POINTS_PER_SIDE`` statements of each side among the first ``first`` reports of each event."""
    st, ct, art = schema.statements, schema.contacts, schema.articles
    # the articles that report each event as it happened, each once however many contacts it has there
    reporting = (sa.select(ct.c.event_id, ct.c.article_id).distinct()
                 .where(ct.c.event_id.in_(ids), ct.c.current.is_(True)).subquery())
    numbered = (sa.select(reporting.c.event_id, reporting.c.article_id, art.c.published,
                          sa.func.row_number().over(partition_by=reporting.c.event_id,
                                                    order_by=(art.c.published.nulls_last(), reporting.c.article_id))
                          .label("k"))
                .join(art, art.c.id == reporting.c.article_id).subquery())
    order = (numbered.c.published.nulls_last(), st.c.article_id, st.c.content_start, st.c.id)
    # numbered per event and side in the database, so that only the first few of each come back
    ranked = (sa.select(numbered.c.event_id, st.c.id, st.c.article_id, st.c.side, st.c.speaker_name, st.c.stance,
                        st.c.content_start, st.c.content_end, st.c.content_text, numbered.c.published,
                        sa.func.row_number().over(partition_by=(numbered.c.event_id, st.c.side),
                                                  order_by=order).label("n"))
              .join(st, st.c.article_id == numbered.c.article_id).where(numbered.c.k <= first).subquery())
    return (sa.select(ranked).where(ranked.c.n <= MAX_POINTS_PER_SIDE)
            .order_by(ranked.c.event_id, ranked.c.published.nulls_last(), ranked.c.article_id, ranked.c.content_start,
                      ranked.c.id))


def event_accounts(conn: sa.Connection, event_id: str, sides: Sequence[str]) -> dict[str, list[StoredPoint]]:
    """Each side's statements from the articles that report the event as it happened."""
    return accounts_of(conn, {event_id: sides})[event_id]


def _valid(pair, left: Sequence[StoredPoint], right: Sequence[StoredPoint]) -> bool:
    try:
        kind, i, j, topic, rule, score = pair
    except (TypeError, ValueError):
        return False
    return (kind in KINDS and isinstance(i, int) and isinstance(j, int) and 0 <= i < len(left)
            and 0 <= j < len(right) and isinstance(topic, str) and isinstance(rule, str)
            and isinstance(score, (int, float)))


def _evidence(p: StoredPoint) -> dict:
    return {"article_id": p.article_id, "side": p.side, "statement": p.statement_id, "start": p.start,
            "end": p.end, "text": p.text}


def compare_event(conn: sa.Connection, event_id: str, sides: Sequence[str], comparer: PointComparer,
                  accounts: dict[str, list[StoredPoint]] | None = None) -> list[dict]:
    """The ``event_points`` rows for one event: every pair of its sides compared by ``comparer``.

    Points from one article are left out: the article's own analysis has its disputes and
    agreements; these rows are what two reports tell differently or alike. ``accounts``:
    the event's ``event_accounts``, when the caller read them already (``accounts_of``).
    """
    if accounts is None:
        accounts = event_accounts(conn, event_id, sides)
    rows: dict[str, dict] = {}
    for a, b in combinations(sorted(sides), 2):
        left, right = accounts.get(a, []), accounts.get(b, [])
        if not left or not right:
            continue
        try:
            pairs = [p for p in comparer(left, right) if _valid(p, left, right)]
        except Exception:  # noqa: BLE001 - a failed or crashed comparison must not lose the articles
            continue
        for kind, i, j, topic, rule, score in pairs:
            if left[i].article_id == right[j].article_id:
                continue
            evidence = [_evidence(left[i]), _evidence(right[j])]
            pid = "p" + hashlib.sha256(repr((event_id, kind, evidence)).encode()).hexdigest()[:16]
            rows[pid] = {"id": pid, "event_id": event_id, "kind": kind, "topic": topic[:500],
                         "evidence": evidence, "rule": rule, "score": float(score)}
    return list(rows.values())
