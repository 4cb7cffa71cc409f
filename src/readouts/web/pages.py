"""What the page templates need beyond query results: highlighted article text and the timeline chart.

Plain data only; the templates escape every piece of text (Jinja2 autoescape),
so an article's ``<script>`` is shown as text.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from readouts.records import Span
from readouts.report.names import side_label, side_name
from readouts.store.views import Account, ArticleDetail, EventDetail, EventSummary

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


def anchor_id(prefix: str, record_id: str) -> str:
    """The in-page id of a record: "st-s3" for statement "<article>:s3"; safe in an HTML id and a URL."""
    return f"{prefix}-" + re.sub(r"[^\w-]", "_", record_id.rsplit(":", 1)[-1])


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text covered by the same highlights; ``anchors`` are the ids of the spans starting here."""

    text: str
    classes: str
    anchors: tuple[str, ...]
    title: str | None

    @property
    def anchor(self) -> str | None:
        return self.anchors[0] if self.anchors else None


def highlight(article: ArticleDetail, hl: tuple[int, int] | None = None) -> list[Segment]:
    """The article text cut where any statement, contact or the requested span starts or ends.

    Two records may share a span (a statement nested in another, two contacts in
    one sentence); each keeps its own id, so every in-page link has its target
    and no id is used twice.
    """
    marks: list[tuple[int, int, str, str, str]] = []  # start, end, class, anchor, title
    for s in article.statements:
        side = re.sub(r"[^\w-]", "-", s.side or "none")
        marks.append((s.content.start, s.content.end, f"st side-{side}", anchor_id("st", s.id),
                      f"{s.speaker_name or s.speaker.text} ({side_label(s.side)}), {s.cue.text}"))
        marks.append((s.speaker.start, s.speaker.end, "speaker", "", ""))
        marks.append((s.cue.start, s.cue.end, "cue", "", ""))
    for c in article.contacts:
        marks.append((c.evidence.start, c.evidence.end, "ct", anchor_id("ct", c.id),
                      f"{c.mode} {c.when or ''} {' – '.join(side_name(x) for x in c.sides)}"))
    if hl and 0 <= hl[0] < hl[1] <= len(article.text):
        marks.append((hl[0], hl[1], "hl", "hl", "the linked span"))
        lo, hi = sentence_around(article.text, *hl)
        marks.append((lo, hi, "sent", "", ""))
    text = article.text
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[Segment] = []
    placed: set[str] = set()
    for lo, hi in itertools.pairwise(cuts):
        covering = [m for m in marks if m[0] <= lo and hi <= m[1]]
        # The linked span's anchor comes first: it is where the page must scroll to.
        anchors = sorted({m[3] for m in covering if m[0] == lo and m[3]} - placed, key=lambda a: (a != "hl", a))
        placed.update(anchors)
        titles = list(dict.fromkeys(m[4] for m in covering if m[4]))
        out.append(Segment(text[lo:hi], " ".join(m[2] for m in covering), tuple(anchors), "; ".join(titles) or None))
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def only_one_side(detail: EventDetail) -> tuple[Account, ...]:
    """Each side's statements that no point both sides report, no conflict and no agreement covers.

    Spans are compared within one article: a statement is "only this side's"
    when none of the evidence of a shared point, a conflict, a dispute or an
    agreement in its article overlaps its content.
    """
    covered: dict[str, list[Span]] = {}
    for p in (*detail.conflicts, *detail.shared):
        for e in p.evidence:
            covered.setdefault(e.article_id, []).append(e.span)
    for x in detail.disputes:
        covered.setdefault(x.article_id, []).extend((x.claim.span, x.counter.span))
    for g in detail.agreements:
        covered.setdefault(g.article_id, []).extend(g.evidence)
    out = []
    for acc in detail.accounts:
        alone = tuple(s for s in acc.statements
                      if not any(_overlaps(s.content, c) for c in covered.get(s.article_id, ())))
        if alone:
            out.append(Account(acc.side, alone))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Dot:
    """An event on the timeline: ``x`` and ``width`` in percent of the axis, so it scales to any screen."""

    x: float
    width: float
    colour: str
    mode: str
    href: str
    label: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Dots on a time axis from ``lo`` to ``hi``; the page draws it as SVG (links; no script needed),
    and static/timeline.js adds zoom and a brush that filters the list below it."""

    lo: str
    hi: str
    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[tuple[str, str], ...]  # mode, colour
    height: int = 120


PAD = 3.0  # percent of the width kept free at each end


def timeline(events: list[EventSummary] | tuple[EventSummary, ...]) -> Timeline | None:
    """Dated events placed on a time axis (a dot per event, a bar for its possible days)."""
    dated = [e for e in events if e.range_start and e.range_end]
    if not dated:
        return None
    lo = min(dt.date.fromisoformat(e.range_start) for e in dated)
    hi = max(dt.date.fromisoformat(e.range_end) for e in dated)
    lo, hi = lo - dt.timedelta(days=15), hi + dt.timedelta(days=15)
    span = (hi - lo).days or 1

    def x(day: dt.date) -> float:
        return round(PAD + (100 - 2 * PAD) * (day - lo).days / span, 3)

    dots = []
    for e in dated:
        a, b = dt.date.fromisoformat(e.range_start), dt.date.fromisoformat(e.range_end)
        who = ", ".join(p.name for p in e.participants) or " – ".join(side_name(s) for s in e.sides)
        dots.append(Dot(x(a + (b - a) / 2), round(x(b) - x(a), 3), MODE_COLOURS.get(e.mode, "#555"), e.mode,
                        f"/events/{e.id}", f"{e.when or e.range_start} {e.mode}: {who} ({e.reports} reports)",
                        e.range_start, e.range_end))
    years = range(lo.year + (lo.month > 1 or lo.day > 1), hi.year + 1)
    step = max(1, len(years) // 8)
    ticks = [Tick(x(dt.date(y, 1, 1)), str(y)) for y in years[::step] if 4 <= x(dt.date(y, 1, 1)) <= 96]
    if not ticks:
        ticks = [Tick(x(lo + dt.timedelta(days=15)), lo.isoformat()[:7])]
    modes = sorted({e.mode for e in dated})
    return Timeline(lo.isoformat(), hi.isoformat(), tuple(dots), tuple(ticks),
                    tuple((m, MODE_COLOURS.get(m, "#555")) for m in modes))
