"""Quotation spans in a text.

News mixes straight and curly double quotes, sometimes within one quotation
(“increased exchanges"), so the marks are read as toggles within a paragraph:
an opening curly mark always opens, a closing curly mark always closes, and a
straight mark closes an open quotation or opens a new one. A quotation left
open at the end of a paragraph closes there (news repeats the opening mark on
the next paragraph of a long quotation).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPEN = {"“", "„", "«"}
CLOSE = {"”", "»"}
STRAIGHT = {'"'}
QUOTE_MARKS = "\"“”„«»"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start:end`` are the characters inside the marks."""

    start: int
    end: int
    closed: bool  # False when the paragraph ended before a closing mark

    def words(self, text: str) -> int:
        return text.count(" ", self.start, self.end) + 1 if self.end > self.start else 0


_MARKS = re.compile(r"''|``|[\"“”„«»\n]")


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in ("''", "``"):
            ch = '"' if ch == "''" else "“"  # typewriter quotes: ``A,'' he said
        if ch == "\n":
            if open_at is not None and i - open_at > 1:
                quotes.append(Quote(open_at + 1, i, False))
            open_at = None
        elif ch in OPEN:
            if open_at is None:
                open_at = i + (1 if m.group() == "``" else 0)
        elif ch in CLOSE or ch in STRAIGHT:
            if open_at is not None:
                quotes.append(Quote(open_at + 1, i, True))
                open_at = None
            elif ch in STRAIGHT:
                open_at = i
    if open_at is not None and len(text) - open_at > 1:
        quotes.append(Quote(open_at + 1, len(text), False))
    return quotes


def trim(text: str, start: int, end: int, chars: str = " \t\r\n,;:-–—") -> tuple[int, int]:
    """Shrink ``start:end`` past leading and trailing ``chars`` and stray quote marks."""
    marks = chars + QUOTE_MARKS
    while start < end and text[start] in marks:
        start += 1
    while end > start and text[end - 1] in marks:
        end -= 1
    # keep a quotation mark that closes or opens one inside the span: '... as "ridiculous"'
    inner = sum(text[i] in QUOTE_MARKS for i in range(start, end))
    if inner % 2 == 1:
        if end < len(text) and text[end] in QUOTE_MARKS:
            end += 1
        elif start > 0 and text[start - 1] in QUOTE_MARKS:
            start -= 1
    return start, end


def quote_at(quotes: list[Quote], start: int, end: int, share: float = 0.5) -> Quote | None:
    """The quotation that covers at least ``share`` of ``start:end`` (``quotes`` sorted, not
    overlapping: only those that meet the span are looked at, so a text of many quotations
    costs a lookup, not a pass over them all)."""
    if end <= start:
        return None
    i = bisect.bisect_right(quotes, start, key=lambda q: q.end)
    while i < len(quotes) and quotes[i].start < end:
        q = quotes[i]
        if (min(end, q.end) - max(start, q.start)) / (end - start) >= share:
            return q
        i += 1
    return None


def inside_quote(quotes: list[Quote], pos: int) -> bool:
    """Whether character ``pos`` lies inside a quotation (``quotes`` sorted, not overlapping)."""
    i = bisect.bisect_right(quotes, pos, key=lambda q: q.start) - 1
    return i >= 0 and quotes[i].start <= pos < quotes[i].end
