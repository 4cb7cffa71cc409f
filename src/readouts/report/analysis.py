"""Views of one ``Analysis``: terminal text, Markdown, JSON and a self-contained HTML page.

Every view shows what happened (contacts) first, then where the accounts
conflict, where they agree, each side's account side by side, and the other
voices. Text from the article is escaped in HTML and Markdown.
"""
from __future__ import annotations

import html
import json
import shutil
import textwrap

from readouts.records import Analysis, Contact, Statement
from readouts.report.compare import disputes_lines, divergence_md

WIDTH = 100


def render_analysis(analysis: Analysis, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(analysis.to_json(), ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return json.dumps(analysis.to_json(), ensure_ascii=False)
    if fmt == "md":
        return _markdown(analysis)
    if fmt == "html":
        return _html(analysis)
    return _text(analysis)


def _side_name(side: str | None) -> str:
    if not side:
        return "side unknown"
    if side.startswith("ORG:"):
        return side[4:]
    from readouts.sides.gazetteer import gazetteer

    return gazetteer().country_name(side) or side


def _contact_line(c: Contact) -> str:
    who = " <-> ".join(f"{p.name} ({p.side or '?'})" for p in c.participants)
    label = "planned" if c.planned else ("now" if c.current else "earlier")
    extra = ""
    if c.initiator:
        extra = f"   initiated by {c.initiator}" + (f", per {c.initiator_per}" if c.initiator_per else "")
    return f"{label:8s} {c.mode:8s} {c.when or 'date ?':10s}  {who}{extra}"


def _in_order(contacts) -> list[Contact]:
    """The contacts happening now first (as the article gives them), then the earlier ones oldest first;
    an undated earlier contact goes last."""
    contacts = list(contacts)
    now = [c for c in contacts if c.current]
    earlier = sorted((c for c in contacts if not c.current), key=lambda c: (c.when is None, c.when or ""))
    return now + earlier


def _speaker(s: Statement) -> str:
    name = s.speaker_name or s.speaker.text
    if s.speaker_name and s.speaker.text.lower() not in s.speaker_name.lower():
        name = f"{s.speaker.text} [{s.speaker_name}]"
    return name


def _statement_line(s: Statement) -> str:
    content = f'"{s.content.text}"' if s.direct else s.content.text
    return f"{_speaker(s)}, {s.cue.text}: {content}"


def _main_sides(analysis: Analysis) -> list[str]:
    sides = [s for s in analysis.sides() if s]
    from_disputes = []
    for d in analysis.disputes:
        for side in (d.claim.side, d.counter.side):
            if side and side not in from_disputes:
                from_disputes.append(side)
    ordered = from_disputes + [s for s in sides if s not in from_disputes]
    return ordered[:2]


def _text(analysis: Analysis) -> str:
    width = min(WIDTH, shutil.get_terminal_size((WIDTH, 20)).columns)
    art = analysis.article
    out = []
    head = art.title or art.id or "article"
    out.append(f"{head}" + (f"        published {art.published}" if art.published else ""))
    out.append("")
    out.append("WHAT HAPPENED")
    contacts = _in_order(c for c in analysis.contacts if not c.planned)
    out.extend(f"  {_contact_line(c)}" for c in contacts) if contacts else out.append("  no contact between sides found")
    planned = [c for c in analysis.contacts if c.planned]
    if planned:
        out += ["", "PLANNED OR PROPOSED (not held)"]
        out.extend(f"  {_contact_line(c)}" for c in planned)
    if analysis.disputes or analysis.agreements:
        out += [""] + disputes_lines(analysis, width)
    accounts = analysis.accounts()
    main = _main_sides(analysis)
    if main:
        out += ["", "ACCOUNTS, SIDE BY SIDE"]
        if len(main) == 2:
            out.extend(_columns(accounts.get(main[0], ()), accounts.get(main[1], ()), main, width))
        else:
            out.append(f"  {main[0]} ({_side_name(main[0])})")
            for s in accounts.get(main[0], ()):
                out.extend(_wrap(_statement_line(s), width, "    "))
    others = [side for side in accounts if side not in main]
    if others:
        out += ["", "OTHER VOICES"]
        for side in others:
            for s in accounts[side]:
                out.extend(_wrap(f"{side or '?':4s} {_statement_line(s)}", width, "  "))
    if not analysis.statements:
        out += ["", "no attributed statements found"]
    return "\n".join(out)


def _wrap(line: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(line, width=width, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _columns(left, right, sides, width) -> list[str]:
    col = (width - 6) // 2
    lines = [f"  {sides[0] + ' (' + _side_name(sides[0]) + ')':{col}s}  {sides[1] + ' (' + _side_name(sides[1]) + ')'}"]

    def block(items):
        rows = []
        for s in items:
            rows += textwrap.wrap(f"{_speaker(s)}, {s.cue.text}:", col)
            content = f'"{s.content.text}"' if s.direct else s.content.text
            rows += textwrap.wrap(content, col, initial_indent="  ", subsequent_indent="  ")
        return rows

    a, b = block(left), block(right)
    for i in range(max(len(a), len(b))):
        lines.append(f"  {a[i] if i < len(a) else '':{col}s}  {b[i] if i < len(b) else ''}")
    return lines


def _md_escape(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def _markdown(analysis: Analysis) -> str:
    art = analysis.article
    out = [f"# {_md_escape(art.title or art.id or 'Article')}", ""]
    if art.published or art.url:
        out += [" · ".join(x for x in (f"published {art.published}" if art.published else "",
                                        _md_escape(art.url or "")) if x), ""]
    out += ["## What happened", ""]
    contacts = _in_order(c for c in analysis.contacts if not c.planned)
    if contacts:
        out += ["| when | mode | between | current | initiated by | evidence |", "|---|---|---|---|---|---|"]
        for c in contacts:
            who = " ↔ ".join(f"{_md_escape(p.name)} ({p.side or '?'})" for p in c.participants)
            init = f"{c.initiator} (per {c.initiator_per})" if c.initiator else ""
            out.append(f"| {c.when or '?'} | {c.mode} | {who} | {'yes' if c.current else 'no'} | {init} | "
                       f"{_md_escape(c.evidence[0].text)} |")
    else:
        out.append("No contact between sides found.")
    planned = [c for c in analysis.contacts if c.planned]
    if planned:
        out += ["", "Planned or proposed, not held:", ""]
        out += [f"- {c.mode} {c.when or ''} "
                f"{' ↔ '.join(_md_escape(p.name) + ' (' + (p.side or '?') + ')' for p in c.participants)}: "
                f"{_md_escape(c.evidence[0].text)}" for c in planned]
    out += ["", divergence_md(analysis), "## Accounts by side", ""]
    by_id = {st.id: st for st in analysis.statements}
    for account in analysis.grouped_accounts():
        out += [f"### {account.side or '?'} ({_side_name(account.side)})", ""]
        for group in account.groups:
            out.append(f"- **{_md_escape(group.topic)}**")
            out += [f"  - {_md_escape(_statement_line(by_id[st.id]))} _({st.stance}, {st.rule})_"
                    for st in group.statements]
        out.append("")
    return "\n".join(out)


def _html(analysis: Analysis) -> str:
    """The page of ``readouts analyze --format html``: the desk's templates and style sheet, inlined."""
    from readouts.report.html import analysis_html

    return analysis_html(analysis, _in_order(c for c in analysis.contacts if not c.planned)
                         + [c for c in analysis.contacts if c.planned])
