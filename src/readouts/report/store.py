"""Plain-text views of store query results for the terminal (JSON is ``to_json()``).

The report layer renders the store's records without importing the store: the view
types are named for annotations only.
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readouts.store.views import EventDetail, EventSummary, PairHistory


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def event_line(e: EventSummary) -> str:
    when = e.when or (f"{e.range_start}..{e.range_end}" if e.range_start else "undated")
    planned = " planned" if e.planned else ""
    return (f"{e.id}  {when:<10}  {e.mode:<7}{planned}  {'-'.join(e.sides) or '?':<7}  {e.label()}  "
            f"({e.reports} report{'s' if e.reports != 1 else ''})")


def render_events(events: list[EventSummary]) -> str:
    return "\n".join(event_line(e) for e in events) if events else "no events"


def render_pair(history: PairHistory) -> str:
    a, b = history.sides
    lines = [f"{a} <-> {b}: {len(history.events)} contacts"
             + (" (" + ", ".join(f"{n} {m}" for m, n in history.by_mode) + ")" if history.by_mode else "")]
    if history.last:
        lines.append(f"last: {history.last.when or history.last.range_end}  {history.last.mode}  {history.last.label()}")
    lines += ["", render_events(list(history.events))]
    return "\n".join(lines)


def render_event(d: EventDetail) -> str:
    e = d.event
    out = [f"EVENT {e.id}", f"  {e.mode} {e.when or 'undated'}  {e.label()}",
           f"  {e.reports} report(s), published {e.first_published} .. {e.last_published}", "", "REPORTS"]
    for r in d.reports:
        how = "reports it" if r.current else "recalls it"
        out.append(f"  {r.published or '?'}  {_clip(r.title or r.article_id, 60)} [{r.article_id}] {how}")
        out.append(f"      \"{_clip(r.evidence.text)}\"  [{r.evidence.start}:{r.evidence.end}]")
        if r.initiator:
            out.append(f"      initiated by {r.initiator}" + (f", per {r.initiator_per}" if r.initiator_per else ""))
    out += ["", "ACCOUNTS"]
    for acc in d.accounts:
        out.append(f"  {acc.side}")
        if not acc.statements:
            out.append("    (no statements found)")
        for s in acc.statements:
            who = s.speaker_name or s.speaker.text
            body = textwrap.fill(f"{who}, {s.cue.text}: \"{_clip(s.content.text, 300)}\"", 96,
                                 initial_indent="    ", subsequent_indent="      ")
            out.append(body + f"  [{s.article_id} {s.content.start}:{s.content.end}]")
    if d.conflicts or d.disputes:
        out += ["", "WHERE THE ACCOUNTS CONFLICT"]
        for p in d.conflicts:
            out.append(f"  {p.topic}  ({p.rule})")
            out += [f"    {ev.side or '?'}  \"{_clip(ev.span.text)}\"  [{ev.article_id} {ev.span.start}:{ev.span.end}]"
                    for ev in p.evidence]
        for x in d.disputes:
            out.append(f"  {x.kind}: {x.topic}  ({x.rule})")
            out.append(f"    {x.claim.side or '?'}  \"{_clip(x.claim.span.text)}\"")
            out.append(f"    {x.counter.side or '?'}  \"{_clip(x.counter.span.text)}\"")
    if d.shared or d.agreements:
        out += ["", "WHERE THEY AGREE"]
        for p in d.shared:
            out.append(f"  {p.topic}  ({p.rule})")
            out += [f"    {ev.side or '?'}  \"{_clip(ev.span.text)}\"" for ev in p.evidence]
        for g in d.agreements:
            out.append(f"  {' + '.join(g.sides)}  {g.topic}  ({g.rule})")
            out += [f"    \"{_clip(s.text)}\"" for s in g.evidence]
    return "\n".join(out)
