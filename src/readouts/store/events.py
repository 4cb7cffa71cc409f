"""Events: the reports of one contact from several articles, clustered from stored contacts.

Clustering is a function of the set of reports, not of the order they arrive:
storing the same articles in any order gives the same events (a property test
checks it). Reports are grouped by sides and the planned flag, then:

1. **Anchors**: reports with a day and a specific mode (call, meeting, video,
   letter). Anchors of the same mode and day whose named participants agree (by
   surname, side by side) are one event.
2. Day-dated **"talks"** ("held talks" may have been a call or a meeting) join the
   best anchor of their day; with none, they anchor events of their own.
3. Reports with a **vaguer date** ("in April", or none: a current report stands
   for the week before its publication) join the best anchor their days allow,
   a matching mode first, then the nearest day, then the largest event. The rest
   cluster among themselves (same mode, overlapping days, agreeing people), and
   a "talks" cluster joins a specific one it overlaps.

Every choice is made against the anchors alone, and ties break on ids, so no
choice depends on what was stored first. Reports whose days are unknown (a
recalled contact with no date) are events of their own. An event counts the
articles that report it (an article reporting it twice is one report).

Storing an article re-clusters only the *zone* of its contacts: the reports of
the same sides whose days overlap theirs, closed under overlap. Reports outside
the zone cannot join any inside it, so the result equals clustering everything.
Reports alike in everything linking reads (mode, days, people) are linked once,
as one, so a call told the same way by two hundred articles costs what one does;
``readouts.store.merge`` then writes only the events whose reports changed.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from readouts.store.derive import surname

GENERIC_MODE = "talks"
MAX_RANGE_DAYS = 367  # the longest range a report allows (a year): bounds the zone queries


@dataclass(frozen=True, slots=True)
class Report:
    """What event clustering reads from one stored contact."""

    contact_id: str
    article_id: str
    mode: str
    sides: str
    planned: bool
    when: str | None
    days: tuple[str, str] | None
    people: tuple[tuple[str, str | None], ...]  # (name, side) of the participants who are people
    published: str | None
    current: bool = True

    @property
    def day(self) -> str | None:
        """The one day this report gives, if it gives one."""
        return self.days[0] if self.days and self.days[0] == self.days[1] and self.when and len(self.when) == 10 else None


@functools.lru_cache(maxsize=65536)
def _surnames_by_side(people: tuple[tuple[str, str | None], ...]) -> dict[str | None, frozenset[str]]:
    """Each side's surnames among ``people``; a report's people are read once, not per pair."""
    out: dict[str | None, set[str]] = {}
    for name, side in people:
        out.setdefault(side, set()).add(surname(name))
    return {side: frozenset(names) for side, names in out.items()}


def participants_agree(a: Iterable[tuple[str, str | None]], b: Iterable[tuple[str, str | None]]) -> bool:
    """False when some side has named participants in both and no surname in common."""
    return _names_agree(_surnames_by_side(tuple(a)), _surnames_by_side(tuple(b)))


def _names_agree(a: dict[str | None, frozenset[str]], b: dict[str | None, frozenset[str]]) -> bool:
    return all(a[side] & b[side] for side in a.keys() & b.keys() if side is not None)


def _people_key(people: Iterable[tuple[str, str | None]]) -> str:
    return "|".join(sorted({surname(n) for n, _ in people}))


def group_key(r: Report) -> tuple[str, bool, str]:
    """Reports that may be one contact share this: sides and planned (people when no sides are known)."""
    return r.sides, r.planned, "" if r.sides else _people_key(r.people)


@dataclass
class _Cluster:
    mode: str
    day: str | None
    anchors: list[Report]
    members: list[Report]

    @property
    def key(self) -> str:
        return min(r.contact_id for r in self.anchors or self.members)

    def people(self) -> list[tuple[str, str | None]]:
        return [p for r in self.anchors or self.members for p in r.people]

    @functools.cached_property
    def anchor_names(self) -> dict[str | None, frozenset[str]]:
        """Each side's surnames among the anchors' people (the anchors do not change once chosen)."""
        return _surnames_by_side(tuple(p for r in self.anchors for p in r.people))


def _signature(r: Report) -> tuple:
    """What linking two reports reads: reports alike in it link alike (and always to each other)."""
    return r.mode, r.day, r.days, r.people


def _components(reports: Sequence[Report], linked, bucket=None) -> list[list[Report]]:
    """Connected components under ``linked``, each sorted by contact id; stable for any input order.

    Only reports in the same ``bucket`` (a key function) and, for ranged reports, with
    overlapping days are compared: a sweep over the reports sorted by their first day.
    Reports with one ``_signature`` are compared once, as one: a call reported by two
    hundred articles alike ("Biden and Xi spoke by phone on 6 May") costs what one costs.
    """
    alike: dict[tuple, list[Report]] = {}
    for r in reports:
        alike.setdefault(_signature(r), []).append(r)
    # each kind of report stands for its members by its first contact id: the order stays stable
    kinds = sorted((sorted(group, key=lambda r: r.contact_id) for group in alike.values()),
                   key=lambda group: group[0].contact_id)
    firsts = [group[0] for group in kinds]
    index = {r.contact_id: i for i, r in enumerate(firsts)}
    parent = list(range(len(firsts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict = {}
    for r in firsts:
        buckets.setdefault(bucket(r) if bucket else None, []).append(r)
    for members in buckets.values():
        members.sort(key=lambda r: (r.days[0], r.contact_id))
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                if b.days[0] > a.days[1]:
                    break  # sorted by first day: no later report overlaps a
                if find(index[a.contact_id]) == find(index[b.contact_id]):
                    continue  # joined already: linking them again changes nothing
                if linked(a, b):
                    parent[find(index[b.contact_id])] = find(index[a.contact_id])
    out: dict[int, list[Report]] = {}
    for i, group in enumerate(kinds):
        out.setdefault(find(i), []).extend(group)
    return sorted((sorted(c, key=lambda r: r.contact_id) for c in out.values()), key=lambda c: c[0].contact_id)


def _same_day(a: Report, b: Report) -> bool:
    return a.mode == b.mode and a.day == b.day and participants_agree(a.people, b.people)


def _overlapping(a: Report, b: Report) -> bool:
    return (a.mode == b.mode and a.days[0] <= b.days[1] and b.days[0] <= a.days[1]
            and participants_agree(a.people, b.people))


def _days_between(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _best(clusters: dict[str, list[_Cluster]], r: Report) -> _Cluster | None:
    """The anchored cluster a report joins: modes agree, its day is allowed, the people agree.

    ``clusters`` maps a day to the anchored clusters of that day.
    """
    best, best_score = None, None
    day = dt.date.fromisoformat(r.days[0])
    last = dt.date.fromisoformat(r.days[1])
    while day <= last:
        for c in clusters.get(day.isoformat(), ()):
            if r.mode != GENERIC_MODE and c.mode not in (r.mode, GENERIC_MODE):
                continue
            if not _names_agree(c.anchor_names, _surnames_by_side(r.people)):
                continue
            score = (c.mode != r.mode, _days_between(c.day, r.days[1]), -len(c.members), c.key)
            if best_score is None or score < best_score:
                best, best_score = c, score
        day += dt.timedelta(days=1)
    return best


def _attach(clusters: Sequence[_Cluster], reports: Iterable[Report]) -> list[Report]:
    """Add each report to its best cluster (chosen against ``clusters`` as they were); returns the rest."""
    by_day: dict[str, list[_Cluster]] = {}
    for c in clusters:
        by_day.setdefault(c.day, []).append(c)
    best: dict[tuple, _Cluster | None] = {}  # reports alike choose alike
    chosen = [(r, best[k] if (k := _signature(r)) in best else best.setdefault(k, _best(by_day, r)))
              for r in reports]
    for r, c in chosen:
        if c is not None:
            c.members.append(r)
    return [r for r, c in chosen if c is None]


def _cluster_group(reports: Sequence[Report]) -> list[list[Report]]:
    dated = [r for r in reports if r.days]
    out: list[list[Report]] = [[r] for r in reports if not r.days]
    anchored = [r for r in dated if r.day and r.mode != GENERIC_MODE]
    talks_days = [r for r in dated if r.day and r.mode == GENERIC_MODE]
    vague = [r for r in dated if not r.day]
    by_day = lambda r: (r.mode, r.day)
    clusters = [_Cluster(c[0].mode, c[0].day, c, list(c)) for c in _components(anchored, _same_day, by_day)]
    left = _attach(clusters, talks_days)
    clusters += [_Cluster(GENERIC_MODE, c[0].day, c, list(c)) for c in _components(left, _same_day, by_day)]
    left = _attach(clusters, vague)
    loose = [_Cluster(c[0].mode, None, [], list(c)) for c in _components(left, _overlapping, lambda r: r.mode)]
    specific = [c for c in loose if c.mode != GENERIC_MODE]
    for c in (c for c in loose if c.mode == GENERIC_MODE):
        target = _loose_target(specific, c)
        if target is None:
            out.append(c.members)
        else:
            target.members.extend(c.members)
    out += [c.members for c in clusters] + [c.members for c in specific]
    return [sorted(c, key=lambda r: r.contact_id) for c in out]


def _loose_target(specific: Sequence[_Cluster], talks: _Cluster) -> _Cluster | None:
    """The specific-mode cluster (without a day) a cluster of vague "talks" joins: they overlap, people agree."""
    def fits(c: _Cluster) -> bool:
        return any(a.days[0] <= b.days[1] and b.days[0] <= a.days[1] for a in c.members for b in talks.members) \
            and participants_agree(c.people(), talks.people())

    found = sorted((c for c in specific if fits(c)), key=lambda c: (-len(c.members), c.key))
    return found[0] if found else None


def cluster_reports(reports: Iterable[Report]) -> list[tuple[Report, ...]]:
    """The events a set of reports makes: each a tuple of reports sorted by contact id.

    Depends only on the set, not its order; events are sorted by their first contact id.
    """
    groups: dict[tuple, list[Report]] = {}
    for r in reports:
        groups.setdefault(group_key(r), []).append(r)
    out = [tuple(c) for key in sorted(groups) for c in _cluster_group(groups[key])]
    return sorted(out, key=lambda c: c[0].contact_id)


# ---------------------------------------------------------------- the event a cluster makes

def event_key(reports: Sequence[Report]) -> str:
    """An event's id: a hash of its first anchor's contact id (or first report's when it has no anchor).

    Vaguer reports joining later leave the id as it was.
    """
    anchors = [r.contact_id for r in reports if r.day and r.mode != GENERIC_MODE] \
        or [r.contact_id for r in reports if r.day] or [r.contact_id for r in reports]
    return "e" + hashlib.sha256(min(anchors).encode("utf-8")).hexdigest()[:16]


def _participants_union(people: Iterable[tuple[str, str | None]]) -> list[dict]:
    out: dict[tuple[str, str | None], str] = {}
    for name, side in sorted(people, key=lambda p: (p[1] or "", p[0])):
        k = (surname(name), side)
        if len(name) > len(out.get(k, "")):
            out[k] = name
    return [{"name": n, "side": s} for (_, s), n in sorted(out.items(), key=lambda kv: (kv[0][1] or "", kv[1]))]


def _event_mode(reports: Sequence[Report]) -> str:
    specific = Counter(r.mode for r in reports if r.mode != GENERIC_MODE)
    anchored = Counter(r.mode for r in reports if r.day and r.mode != GENERIC_MODE)
    votes = anchored or specific
    if not votes:
        return GENERIC_MODE
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _event_days(reports: Sequence[Report]) -> tuple[str | None, str | None, str | None]:
    """(when, range start, range end): an anchor's day, else the days every report allows."""
    days = sorted({r.day for r in reports if r.day})
    if days:
        return days[0], days[0], days[0]
    ranged = [r for r in reports if r.days]
    if not ranged:
        return None, None, None
    lo, hi = max(r.days[0] for r in ranged), min(r.days[1] for r in ranged)
    if lo > hi:  # a chain of overlaps with no day in common: the span they cover
        lo, hi = min(r.days[0] for r in ranged), max(r.days[1] for r in ranged)
    whens = sorted((r.when for r in ranged if r.when), key=lambda w: (-len(w), w))
    return (whens[0] if whens else None), lo, hi


def event_row(reports: Sequence[Report]) -> dict:
    """The ``events`` row of one cluster (without its points counts and topic)."""
    when, lo, hi = _event_days(reports)
    pubs = sorted(r.published for r in reports if r.published)
    first = reports[0]
    return {"id": event_key(reports), "mode": _event_mode(reports), "sides": first.sides, "when_date": when,
            "range_start": lo, "range_end": hi, "planned": first.planned,
            "participants": _participants_union(p for r in reports for p in r.people),
            "first_published": pubs[0] if pubs else None, "last_published": pubs[-1] if pubs else None,
            "reports": len({r.article_id for r in reports}),
            "year": int((lo or when)[:4]) if (lo or when) else None, "conflicts": 0, "shared": 0, "topic": ""}
