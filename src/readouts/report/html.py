"""Static HTML reports (``readouts analyze|compare --format html``) with the web pages' templates and styles.

The desk's Jinja2 templates (``readouts/web/templates``) and its style sheet
(``readouts/web/static/style.css``) are package files: a report renders the
same ``base.html`` with the sheet inlined, so a saved report looks like the
page a reader knows, works offline and runs no script. Every text from an
article goes through Jinja2 autoescaping.
"""
from __future__ import annotations

import functools
from pathlib import Path

from readouts.records import Analysis, Comparison
from readouts.report.names import side_label, side_name


@functools.lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("readouts", "web/templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(side_name=side_name, side_label=side_label)
    env.filters["marked"] = _marked
    return env


def _marked(text: str, words) -> object:
    """``text`` escaped, with the first occurrence of each clashing word in ``<mark>``."""
    from markupsafe import Markup, escape

    out = str(escape(" ".join(text.split())))
    for w in words or ():
        w = str(escape(w))
        if w and w in out:
            out = out.replace(w, f"<mark>{w}</mark>", 1)
    return Markup(out)


@functools.lru_cache(maxsize=1)
def _css() -> str:
    # The web pages' sheet, a package file beside their templates (not a lexicon: no data loader).
    return (Path(__file__).parent.parent / "web" / "static" / "style.css").read_text(encoding="utf-8")


def _segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[tuple[str, str, str]]:
    """``text`` cut into (text, class, title) runs; marks are (start, end, class, title), earliest wins on overlap."""
    out, pos = [], 0
    for start, end, cls, title in sorted(marks):
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], "", ""))
        out.append((text[start:end], cls, title))
        pos = end
    if pos < len(text):
        out.append((text[pos:], "", ""))
    return out


def analysis_html(analysis: Analysis, contacts: list) -> str:
    """One analysis as a page: what happened, conflicts, agreements, each side's account, the marked text."""
    art = analysis.article
    marks = [(s.content.start, s.content.end, f"st side-{(s.side or 'none').replace(':', '-').replace(' ', '-')}",
              f"{s.speaker_name or s.speaker.text} ({side_label(s.side)}), {s.cue.text}") for s in analysis.statements]
    accounts = analysis.accounts()
    return _environment().get_template("report_analysis.html").render(
        inline_css=_css(), a=analysis, art=art, contacts=contacts, accounts=accounts,
        segments=_segments(art.text, marks))


def comparison_html(c: Comparison, accounts: list[list[str]]) -> str:
    """A comparison as a page: the accounts side by side, what both report, conflicts, only in one."""
    n = len(c.articles)
    labels = [f"[{i + 1}] {side_label(c.sides[i]) if i < len(c.sides) and c.sides[i] else 'side unknown'}"
              for i in range(n)]
    by_doc = [{e.doc: e for e in reversed(p.evidence)} for p in c.shared]
    conflicts = [{e.doc: e for e in reversed(p.evidence)} for p in c.conflicts]
    return _environment().get_template("report_compare.html").render(
        inline_css=_css(), c=c, n=n, labels=labels, accounts=accounts, shared=list(zip(c.shared, by_doc)),
        conflicts=list(zip(c.conflicts, conflicts)))
