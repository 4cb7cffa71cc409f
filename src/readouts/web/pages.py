"""What the page templates need beyond query results: highlighted article text and the timeline chart.

Plain data only; the templates escape every piece of text (Jinja2 autoescape),
so an article's ``<script>`` is shown as text.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from readouts.store.views import ArticleDetail, EventSummary

MODE_COLOURS = {"call": "#1f77b4", "meeting": "#d62728", "video": "#2ca02c", "letter": "#9467bd", "talks": "#ff7f0e"}


def span_link(article_id: str, start: int, end: int) -> str:
    """The URL of an article page with ``start:end`` highlighted and scrolled to."""
    return f"/articles/{article_id}?hl={start}-{end}#hl"


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) holding ``start:end``: from the end of the one before to the next end."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, max(end - 1, lo))
    hi = m.start() + 1 if m and text[m.start()] != "\n" else (m.start() if m else len(text))
    return lo, max(hi, end)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text covered by the same highlights."""

    text: str
    classes: str
    anchor: str | None
    title: str | None


def highlight(article: ArticleDetail, hl: tuple[int, int] | None = None) -> list[Segment]:
    """The article text cut where any statement, contact or the requested span starts or ends."""
    marks: list[tuple[int, int, str, str, str]] = []  # start, end, class, anchor, title
    for s in article.statements:
        side = (s.side or "none").replace(":", "-")
        marks.append((s.content.start, s.content.end, f"st side-{side}", f"st-{s.id.rsplit(':', 1)[-1]}",
                      f"{s.speaker_name or s.speaker.text} ({s.side or '?'}), {s.cue.text}; rule {s.rule}"))
        marks.append((s.speaker.start, s.speaker.end, "speaker", "", ""))
        marks.append((s.cue.start, s.cue.end, "cue", "", ""))
    for c in article.contacts:
        marks.append((c.evidence.start, c.evidence.end, "ct", f"ct-{c.id.rsplit(':', 1)[-1]}",
                      f"{c.mode} {c.when or ''} {'-'.join(c.sides)}; rule {c.rule}"))
    if hl and 0 <= hl[0] < hl[1] <= len(article.text):
        marks.append((hl[0], hl[1], "hl", "hl", "the linked span"))
        lo, hi = sentence_around(article.text, *hl)
        marks.append((lo, hi, "sent", "", ""))
    text = article.text
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[Segment] = []
    for lo, hi in itertools.pairwise(cuts):
        covering = [m for m in marks if m[0] <= lo and hi <= m[1]]
        # The linked span's anchor wins: it is where the page must scroll to.
        anchors = sorted((m[3] for m in covering if m[0] == lo and m[3]), key=lambda a: a != "hl")
        titles = [m[4] for m in covering if m[4]]
        out.append(Segment(text[lo:hi], " ".join(m[2] for m in covering), anchors[0] if anchors else None,
                           "; ".join(titles) or None))
    return out


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    colour: str
    href: str
    label: str
    width: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]


def timeline(events: list[EventSummary] | tuple[EventSummary, ...], width: int = 900) -> Timeline | None:
    """Dated events placed on a time axis (a dot per event, a bar for its possible days)."""
    dated = [e for e in events if e.range_start and e.range_end]
    if not dated:
        return None
    lo = min(dt.date.fromisoformat(e.range_start) for e in dated)
    hi = max(dt.date.fromisoformat(e.range_end) for e in dated)
    lo, hi = lo - dt.timedelta(days=15), hi + dt.timedelta(days=15)
    span = (hi - lo).days or 1
    pad = 20

    def x(day: dt.date) -> float:
        return round(pad + (width - 2 * pad) * (day - lo).days / span, 1)

    dots = []
    for e in dated:
        a, b = dt.date.fromisoformat(e.range_start), dt.date.fromisoformat(e.range_end)
        dots.append(Dot(x(a + (b - a) / 2), MODE_COLOURS.get(e.mode, "#555"), f"/events/{e.id}",
                        f"{e.when or e.range_start} {e.mode}: {e.label()} ({e.reports} reports)",
                        max(2.0, x(b) - x(a))))
    years = range(lo.year + (lo.month > 1 or lo.day > 1), hi.year + 1)
    step = max(1, len(years) // 10)
    ticks = [Tick(x(dt.date(y, 1, 1)), str(y)) for y in years[::step]]
    if not ticks:
        ticks = [Tick(x(lo + dt.timedelta(days=15)), lo.isoformat()[:7])]
    return Timeline(width, 70, tuple(dots), tuple(ticks))
