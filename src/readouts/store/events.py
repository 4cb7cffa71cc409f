"""Events: the reports of one contact from several articles, merged.

Two reports are of one contact when they have the same sides (or, with no
sides, the same participants), the same mode ("talks", which may have been a
call or a meeting, agrees with any and gives way to it), the same planned flag, named
participants that do not contradict each other (by surname, side by side), and
dates that agree within the precision each gives: "2024-04" agrees with
"2024-04-03", "2024-04-03" does not agree with "2024-04-05". A current report
with no date stands for the week before its publication. An event keeps the
days every report allows (``range_start``..``range_end``) and the most precise
date any report gives, so a later article that dates the contact more
precisely refines it. A report whose days are unknown gets an event of its own.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from readouts.store import schema

UNDATED_WINDOW_DAYS = 7  # a current contact reported without a date happened in the week before


@dataclass(frozen=True, slots=True)
class Report:
    """What event merging reads from one stored contact."""

    contact_id: str
    mode: str
    sides: str
    when: str | None
    current: bool
    planned: bool
    participants: tuple[tuple[str, str | None], ...]  # (name, side)
    published: str | None


def day_range(when: str | None, published: str | None, current: bool) -> tuple[str, str] | None:
    """The first and last day (ISO) a report allows, or None when it does not tell."""
    if when:
        parts = [int(p) for p in when.split("-")]
        if len(parts) == 3:
            return when, when
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return f"{when}-01", f"{when}-{last:02d}"
        return f"{when}-01-01", f"{when}-12-31"
    if current and published:
        day = dt.date.fromisoformat(published)
        return (day - dt.timedelta(days=UNDATED_WINDOW_DAYS)).isoformat(), published
    return None


def overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None:
    """The days two ranges share, or None."""
    if a is None or b is None:
        return None
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def more_precise(a: str | None, b: str | None) -> str | None:
    """The more precise of two agreeing dates (``2024-04-03`` over ``2024-04``)."""
    if not a or not b:
        return a or b
    return a if len(a) >= len(b) else b


def surname(name: str) -> str:
    words = re.findall(r"[^\W\d_]+", name.lower())
    return words[-1] if words else name.lower()


def participants_agree(a: Iterable[tuple[str, str | None]], b: Iterable[tuple[str, str | None]]) -> bool:
    """False when some side has named participants in both and no surname in common."""
    def by_side(ps):
        out: dict[str | None, set[str]] = {}
        for name, side in ps:
            out.setdefault(side, set()).add(surname(name))
        return out

    sa_, sb = by_side(a), by_side(b)
    return all(sa_[side] & sb[side] for side in sa_.keys() & sb.keys() if side is not None)


def _same_people(a: Iterable[tuple[str, str | None]], b: Iterable[tuple[str, str | None]]) -> bool:
    names_a, names_b = {surname(n) for n, _ in a}, {surname(n) for n, _ in b}
    return bool(names_a) and names_a == names_b


def is_person(name: str, side: str | None, kind: str | None) -> bool:
    """Whether a participant names someone: not a state, body or group, nor the side's country name."""
    if kind is not None:
        return kind == "person"
    if side and len(side) == 2:
        import pycountry

        country = pycountry.countries.get(alpha_2=side)
        names = {getattr(country, f, "").lower() for f in ("name", "common_name", "official_name")} if country else set()
        if any(n.startswith(name.lower()) for n in names if n):
            return False
    return True


def event_key(contact_id: str) -> str:
    """An event's id: a hash of the first report that made it, so re-ingesting makes the same id."""
    return "e" + hashlib.sha256(contact_id.encode("utf-8")).hexdigest()[:16]


def _participants_union(old: list[dict], new: Iterable[tuple[str, str | None]]) -> list[dict]:
    out = {(surname(p["name"]), p.get("side")): p["name"] for p in old}
    for name, side in new:
        k = (surname(name), side)
        if len(name) > len(out.get(k, "")):
            out[k] = name
    return [{"name": n, "side": s} for (_, s), n in sorted(out.items(), key=lambda kv: (kv[0][1] or "", kv[1]))]


GENERIC_MODE = "talks"  # "held talks" may have been a call or a meeting: it agrees with either


def _mode_agrees(column, mode: str):
    if mode == GENERIC_MODE:
        return sa.true()
    return column.in_((mode, GENERIC_MODE))


def refine_mode(a: str, b: str) -> str:
    """The more specific of two agreeing modes (``call`` over ``talks``)."""
    return b if a == GENERIC_MODE else a


def _candidates(conn: sa.Connection, report: Report, days: tuple[str, str]) -> list[sa.Row]:
    ev = schema.events
    rows = conn.execute(sa.select(ev).where(
        _mode_agrees(ev.c.mode, report.mode), ev.c.sides == report.sides, ev.c.planned == report.planned,
        ev.c.range_start.is_not(None), ev.c.range_start <= days[1], ev.c.range_end >= days[0],
    )).all()
    out = []
    for row in rows:
        people = [(p["name"], p.get("side")) for p in row.participants]
        if report.sides and participants_agree(people, report.participants) or not report.sides and _same_people(people, report.participants):
            out.append(row)
    # The most precisely dated event first, then the one with most reports.
    out.sort(key=lambda r: ((dt.date.fromisoformat(r.range_end) - dt.date.fromisoformat(r.range_start)).days,
                            -r.reports, r.id))
    return out


def attach_report(conn: sa.Connection, report: Report) -> tuple[str, bool]:
    """Put one stored contact into its event, making or refining the event: (event id, new?)."""
    ev, sides_t, ct = schema.events, schema.event_sides, schema.contacts
    days = day_range(report.when, report.published, report.current)
    found = _candidates(conn, report, days) if days else []
    match = found[0] if found else None
    if match is None:
        event_id = event_key(report.contact_id)
        conn.execute(ev.insert().values(
            id=event_id, mode=report.mode, sides=report.sides, when_date=report.when,
            range_start=days[0] if days else None, range_end=days[1] if days else None,
            planned=report.planned, participants=_participants_union([], report.participants),
            first_published=report.published, last_published=report.published, reports=1))
        if report.sides:
            conn.execute(sides_t.insert(), [{"event_id": event_id, "side": s} for s in report.sides.split("|")])
        created = True
    else:
        event_id = match.id
        shared = overlap((match.range_start, match.range_end), days)
        pubs = [p for p in (match.first_published, match.last_published, report.published) if p]
        conn.execute(ev.update().where(ev.c.id == event_id).values(
            mode=refine_mode(match.mode, report.mode), when_date=more_precise(match.when_date, report.when), range_start=shared[0], range_end=shared[1],
            participants=_participants_union(match.participants, report.participants),
            first_published=min(pubs) if pubs else None, last_published=max(pubs) if pubs else None,
            reports=match.reports + 1))
        created = False
    conn.execute(ct.update().where(ct.c.id == report.contact_id).values(event_id=event_id))
    return event_id, created


def attach_article_contacts(conn: sa.Connection, article_id: str) -> list[str]:
    """Merge every contact of a just-stored article into events; returns the event ids touched."""
    ct, art = schema.contacts, schema.articles
    published = conn.execute(sa.select(art.c.published).where(art.c.id == article_id)).scalar_one()
    touched: list[str] = []
    for row in conn.execute(sa.select(ct).where(ct.c.article_id == article_id).order_by(ct.c.evidence_start)).all():
        people = tuple((p["name"], p.get("side")) for p in row.participants
                       if is_person(p["name"], p.get("side"), p.get("kind")))
        report = Report(row.id, row.mode, row.sides, row.when_date, row.current, row.planned, people, published)
        event_id, _ = attach_report(conn, report)
        if event_id not in touched:
            touched.append(event_id)
    return touched


# ---------------------------------------------------------------- accounts of one event compared

Comparer = Callable[..., object]  # readouts.compare(articles, sides=...) -> Comparison


def compare_accounts(conn: sa.Connection, event_id: str, article_id: str, comparer: Comparer,
                     limit: int = 3) -> int:
    """Compare a new account of an event with the stored accounts of the other sides.

    An account is an article reporting the event as current whose main voice
    (the side with most statements) is one of the event's sides, or unknown. Conflicts and
    shared points between two accounts become ``event_points``; returns how
    many were added. A comparison that fails is skipped: the article is kept.
    """
    from readouts.records import Article

    art, ct, ev, pts = schema.articles, schema.contacts, schema.events, schema.event_points
    sides = set((conn.execute(sa.select(ev.c.sides).where(ev.c.id == event_id)).scalar_one() or "").split("|"))
    rows = conn.execute(
        sa.select(art.c.id, art.c.text, art.c.published, art.c.url, art.c.title, art.c.sides)
        .join(ct, ct.c.article_id == art.c.id)
        .where(ct.c.event_id == event_id, ct.c.current.is_(True)).distinct()
    ).all()
    main = {r.id: (r.sides.split("|")[0] if r.sides else None) for r in rows}
    new = next((r for r in rows if r.id == article_id), None)
    if new is None or (main[new.id] is not None and main[new.id] not in sides):
        return 0
    added = 0
    # Two accounts are worth comparing unless both are known to speak for the same side; an
    # account whose voice is unknown (no attributed statement) is compared with the others.
    others = [r for r in rows if r.id != article_id and (main[r.id] is None or main[r.id] in sides)
              and (main[r.id] is None or main[new.id] is None or main[r.id] != main[new.id])]
    for other in sorted(others, key=lambda r: r.id)[:limit]:
        pair = (other, new)
        articles = [Article(text=r.text, id=r.id, published=r.published, url=r.url, title=r.title) for r in pair]
        try:
            result = comparer(articles, sides=[main[r.id] for r in pair])
        except Exception:  # noqa: BLE001, S112 - a failed or crashed comparison must not lose the article
            continue
        for kind, points in (("conflict", result.conflicts), ("shared", result.shared)):
            for point in points:
                evidence = [{"article_id": pair[e.doc].id, "side": main[pair[e.doc].id], "start": e.start,
                             "end": e.end, "text": e.text} for e in point.evidence]
                pid = "p" + hashlib.sha256(repr((event_id, kind, evidence)).encode()).hexdigest()[:16]
                if conn.execute(sa.select(pts.c.id).where(pts.c.id == pid)).first() is None:
                    conn.execute(pts.insert().values(id=pid, event_id=event_id, kind=kind, topic=point.topic,
                                                     evidence=evidence, rule=point.rule, score=point.score))
                    added += 1
    return added
