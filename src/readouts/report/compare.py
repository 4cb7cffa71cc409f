"""Views of a ``Comparison`` (and of the disputes and agreements of one ``Analysis``).

``render_comparison(comparison, fmt)`` for fmt in text | json | md | html:
the sides side by side, then what both report, where they conflict (with the
words that clash), and what only one side reports. Every line quotes the
documents' own words, so a reader can find it in the source.

``page(title, body)`` is the self-contained HTML shell (inline CSS, no
external assets) that the analyze view can share; ``disputes_lines``,
``divergence_md`` and ``divergence_html`` render the divergence part of one
``Analysis``.
"""
from __future__ import annotations

import html
import json
import textwrap

from readouts.errors import InputError
from readouts.records import Analysis, Comparison, DocSpan, Point

FORMATS = ("text", "json", "md", "html")
WIDTH = 100


def render_comparison(comparison: Comparison, fmt: str = "text") -> str:
    """The comparison as text, json, md or html."""
    if fmt == "json":
        return json.dumps(comparison.to_json(), ensure_ascii=False, indent=2)
    if fmt == "text":
        return _text(comparison)
    if fmt == "md":
        return _md(comparison)
    if fmt == "html":
        return _html(comparison)
    raise InputError("--format", f"unknown format {fmt!r} for compare ({', '.join(FORMATS)})")


def _label(comparison: Comparison, i: int) -> str:
    side = comparison.sides[i] if i < len(comparison.sides) else None
    return f"[{i + 1}] {side or 'side ?'}"


def _doc_title(comparison: Comparison, i: int) -> str:
    art = comparison.articles[i]
    bits = [art.title or art.id or art.url or f"document {i + 1}"]
    if art.published:
        bits.append(art.published)
    return "  ".join(bits)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _by_doc(point: Point) -> dict[int, DocSpan]:
    out: dict[int, DocSpan] = {}
    for e in point.evidence:
        out.setdefault(e.doc, e)
    return out


def _statements_carry(c: Comparison, i: int) -> list:
    """The top-level statements of document i when they carry most of its text, else []."""
    text = c.articles[i].text
    analysis = c.analyses[i] if i < len(c.analyses) else None
    statements = [st for st in (analysis.statements if analysis else ()) if not st.parent]
    covered = sum(st.content.end - st.content.start for st in statements)
    return statements if statements and covered >= 0.4 * len(text.strip()) else []


def account_lines(c: Comparison, i: int) -> list[str]:
    """One document's account: who said what in it, or its own paragraphs.

    An official readout is the side's account from its first word, much of it
    narration ("the presidents discussed ..."), so unless statements carry most
    of every document, each is shown as its paragraphs (the same way for all).
    """
    if all(_statements_carry(c, j) for j in range(len(c.articles))):
        return [f"{_one_line(st.speaker_name or st.speaker.text)} ({st.cue.text}): {_one_line(st.content.text)}"
                for st in sorted(_statements_carry(c, i), key=lambda s: s.content.start)]
    return [_one_line(line) for line in c.articles[i].text.splitlines() if line.strip()]


# ---- text -----------------------------------------------------------------------------------

def _columns(cells: list[str], width: int = WIDTH, indent: str = "  ") -> list[str]:
    """Cells side by side, each wrapped to its column."""
    col = max(20, (width - len(indent)) // max(1, len(cells)) - 2)
    wrapped = [textwrap.wrap(c, col) or [""] for c in cells]
    rows = max(len(w) for w in wrapped)
    lines = []
    for r in range(rows):
        parts = [(w[r] if r < len(w) else "").ljust(col) for w in wrapped]
        lines.append((indent + "  ".join(parts)).rstrip())
    return lines


def _text(c: Comparison) -> str:
    n = len(c.articles)
    out = [f"COMPARING {n} ACCOUNTS   (alignment: {c.backend})"]
    for i in range(n):
        out.append(f"  {_label(c, i)}  {_doc_title(c, i)}")
    out.append("")
    out.append("EACH SIDE'S ACCOUNT")
    out += _columns([_label(c, i) for i in range(n)])
    accounts = [account_lines(c, i) for i in range(n)]
    for row in range(max(len(a) for a in accounts)):
        out += _columns([accounts[i][row] if row < len(accounts[i]) else "" for i in range(n)])
    out.append("")
    out.append(f"WHAT BOTH REPORT ({len(c.shared)})")
    if c.shared:
        out += _columns([_label(c, i) for i in range(n)])
    for p in c.shared:
        spans = _by_doc(p)
        out += _columns([_one_line(spans[i].text) if i in spans else "-" for i in range(n)])
        out.append("")
    out.append(f"WHERE THEY CONFLICT ({len(c.conflicts)})")
    for p in c.conflicts:
        spans = _by_doc(p)
        if p.conflict_words:
            out.append("  clash: " + "  vs  ".join(p.conflict_words))
        out += _columns([f"{_label(c, i)}: {_one_line(spans[i].text)}" if i in spans else "-" for i in range(n)])
        out.append("")
    if not c.conflicts:
        out.append("  (none found)")
        out.append("")
    for i in range(n):
        mine = [p for p in c.only_in if p.doc == i]
        out.append(f"ONLY IN {_label(c, i)} ({len(mine)})")
        for p in mine:
            out += textwrap.wrap(_one_line(p.evidence[0].text), WIDTH - 4, initial_indent="  - ",
                                 subsequent_indent="    ")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---- markdown -------------------------------------------------------------------------------

def _md_cell(text: str) -> str:
    """One table cell: one line, pipes escaped, and no raw HTML a Markdown renderer would run."""
    return _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _md(c: Comparison) -> str:
    n = len(c.articles)
    out = [f"# Comparing {n} accounts", "", f"Alignment backend: `{c.backend}`", ""]
    for i in range(n):
        art = c.articles[i]
        src = f" ({art.url})" if art.url else ""
        out.append(f"- **{_label(c, i)}** {_md_cell(_doc_title(c, i))}{src}")
    header = "| " + " | ".join(_label(c, i) for i in range(n)) + " |"
    rule = "|" + "---|" * n
    out += ["", "## Each side's account", "", header, rule]
    accounts = [account_lines(c, i) for i in range(n)]
    for row in range(max(len(a) for a in accounts)):
        out.append("| " + " | ".join(_md_cell(accounts[i][row]) if row < len(accounts[i]) else ""
                                     for i in range(n)) + " |")
    out += ["", f"## What both report ({len(c.shared)})", ""]
    if c.shared:
        out += [header, rule]
        for p in c.shared:
            spans = _by_doc(p)
            out.append("| " + " | ".join(_md_cell(spans[i].text) if i in spans else "" for i in range(n)) + " |")
    out += ["", f"## Where they conflict ({len(c.conflicts)})", ""]
    if c.conflicts:
        out += ["| " + " | ".join(_label(c, i) for i in range(n)) + " | clashing words |", rule + "---|"]
        for p in c.conflicts:
            spans = _by_doc(p)
            cells = [_md_cell(spans[i].text) if i in spans else "" for i in range(n)]
            out.append("| " + " | ".join(cells) + " | " + _md_cell(" vs ".join(p.conflict_words)) + " |")
    else:
        out.append("None found.")
    for i in range(n):
        mine = [p for p in c.only_in if p.doc == i]
        out += ["", f"## Only in {_label(c, i)} ({len(mine)})", ""]
        out += [f"- {_md_cell(p.evidence[0].text)}" for p in mine] or ["Nothing."]
    return "\n".join(out) + "\n"


# ---- html -----------------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;
padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{border:1px solid #ddd;padding:.45rem .6rem;
vertical-align:top;text-align:left}th{background:#f5f5f7}mark{background:#ffd5cc;padding:0 .1em}
.meta{color:#555;font-size:.9rem}.rule{color:#888;font-size:.8rem}ul{padding-left:1.2rem}li{margin:.3rem 0}
.side{font-weight:600}
"""


def page(title: str, body: str) -> str:
    """A self-contained HTML page: inline CSS, no scripts, no external assets. ``body`` must be escaped HTML."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


def _marked(text: str, words) -> str:
    """Escaped text with the clashing words highlighted."""
    out = html.escape(_one_line(text))
    for w in words:
        w = html.escape(w)
        if w and w in out:
            out = out.replace(w, f"<mark>{w}</mark>", 1)
    return out


def _points_table(points, head: str, n: int, cell) -> str:
    """One row per aligned point, one column per document; ``cell(point, text)`` is escaped HTML."""
    rows = []
    for p in points:
        spans = _by_doc(p)
        rows.append("<tr>" + "".join(f"<td>{cell(p, spans[i].text) if i in spans else ''}</td>"
                                     for i in range(n)) + "</tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _html(c: Comparison) -> str:
    """The page of ``readouts compare --format html``: the desk's templates and style sheet, inlined."""
    from readouts.report.html import comparison_html

    return comparison_html(c, [account_lines(c, i) for i in range(len(c.articles))])


# ---- the divergence part of one analysis ----------------------------------------------------

def disputes_lines(analysis: Analysis, width: int = WIDTH) -> list[str]:
    """Terminal lines for WHERE THE ACCOUNTS CONFLICT and WHERE THEY AGREE of one analysis."""
    out = ["WHERE THE ACCOUNTS CONFLICT"]
    if not analysis.disputes:
        out.append("  (none found)")
    for n, d in enumerate(analysis.disputes, 1):
        out.append(f"  {n}  {d.kind:<13} {d.topic}")
        for label, part in (("claim", d.claim), ("counter", d.counter)):
            out += textwrap.wrap(_one_line(part.span.text), width - 12,
                                 initial_indent=f"     {part.side or '?':<5} ", subsequent_indent=" " * 11)
        if d.conflict_words:
            out.append("     clash: " + "  vs  ".join(d.conflict_words))
    out += ["", "WHERE THEY AGREE"]
    if not analysis.agreements:
        out.append("  (none found)")
    for a in analysis.agreements:
        out.append(f"  {' + '.join(a.sides)}  {a.topic}")
        for e in a.evidence:
            out += textwrap.wrap(_one_line(e.text), width - 8, initial_indent="     ", subsequent_indent="     ")
    return out


def divergence_md(analysis: Analysis) -> str:
    """Markdown sections for the disputes and agreements of one analysis."""
    out = ["## Where the accounts conflict", ""]
    if analysis.disputes:
        out += ["| kind | topic | claim | counter |", "|---|---|---|---|"]
        for d in analysis.disputes:
            out.append(f"| {d.kind} | {_md_cell(d.topic)} | **{d.claim.side}**: {_md_cell(d.claim.span.text)} | "
                       f"**{d.counter.side}**: {_md_cell(d.counter.span.text)} |")
    else:
        out.append("None found.")
    out += ["", "## Where they agree", ""]
    out += [f"- **{' + '.join(a.sides)}**: " + " / ".join(_md_cell(e.text) for e in a.evidence)
            for a in analysis.agreements] or ["None found."]
    return "\n".join(out) + "\n"


def divergence_html(analysis: Analysis) -> str:
    """HTML sections (escaped, no assets) for the disputes and agreements of one analysis."""
    esc = html.escape
    parts = ["<h2>Where the accounts conflict</h2>"]
    if analysis.disputes:
        parts.append("<table><tr><th>kind</th><th>claim</th><th>counter</th></tr>")
        for d in analysis.disputes:
            parts.append(
                f"<tr><td>{esc(d.kind)}<br><span class=\"rule\">{esc(d.rule)}</span></td>"
                f"<td><span class=\"side\">{esc(d.claim.side or '?')}</span> {esc(_one_line(d.claim.span.text))}</td>"
                f"<td><span class=\"side\">{esc(d.counter.side or '?')}</span> "
                f"{_marked(d.counter.span.text, d.conflict_words)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>None found.</p>")
    parts.append("<h2>Where they agree</h2>")
    if analysis.agreements:
        parts.append("<ul>")
        parts += [f"<li><span class=\"side\">{esc(' + '.join(a.sides))}</span> "
                  + " / ".join(esc(_one_line(e.text)) for e in a.evidence) + "</li>" for a in analysis.agreements]
        parts.append("</ul>")
    else:
        parts.append("<p>None found.</p>")
    return "\n".join(parts)
