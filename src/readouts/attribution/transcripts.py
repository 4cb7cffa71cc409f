"""Transcripts and the layouts of official texts: labelled turns, headings, colon blocks.

A paragraph that opens with a speaker label in capitals ("PRIME MINISTER: ...", "JANE
DOE, FOREIGN MINISTER: ...", "MR SMITH: ...") is a direct statement of that speaker,
the colon its cue; the paragraphs after it, up to the next label, are the same turn.
A questioner's turns ("Q:", "QUESTION:") are skipped: they close a turn and state nothing
for a side. The speaker label is resolved to a side like any other mention (a title in
an official transcript speaks for the issuer).

Official texts also put what is said after a colon that ends a paragraph ("A spokesperson
said:" / "The Vice-Minister stated the following points:"): :func:`colon_block` finds it.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from readouts.attribution.quotes import trim


class Turn(NamedTuple):
    """One paragraph of a labelled turn: speaker tokens ``(start, end)``, the head token,
    the cue (the colon) and the content, both in characters."""

    speaker: tuple[int, int]
    head: int
    cue: tuple[int, int]
    content: tuple[int, int]


# A speaker label opening a paragraph of a transcript: "PRIME MINISTER: ...",
# "JANE DOE, FOREIGN MINISTER: ...", "MR SMITH: ...". Capitals only, so a sentence with a
# colon ("Note: ...", "The aim: peace") is no label.
_LABEL = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Z.'’\-]*)(?:[ ,]+[A-Z][A-Z.'’\-]*){0,7})[ \t]*:[ \t]+(?=\S)")
# Labels of a questioner: their turns are questions, not the issuer's statements.
_QUESTIONER = {"Q", "QUESTION", "JOURNALIST", "REPORTER", "MODERATOR", "OPERATOR"}


def transcript_turns(doc, text: str) -> list[Turn]:
    """Each paragraph of a labelled speaker's turn is one direct statement of that speaker,
    with the label as speaker and the colon as cue; unlabelled paragraphs after a turn go
    on with it until the next label ("PRIME MINISTER: We will ..." / "Q: Will you ...")."""
    labels = list(_LABEL.finditer(text))
    if not labels:
        return []
    out = []
    for k, m in enumerate(labels):
        name = m.group(1).strip(" ,")
        if name.replace(".", "") in _QUESTIONER or len(name) < 2:
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None:
            continue
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        colon = text.index(":", m.end(1))
        head = span[-1].i
        for start, end in _paragraphs(text, m.end(), stop):
            content = trim(text, start, end, chars=" \t\r\n.")
            if content[1] - content[0] >= 3:
                out.append(Turn((span.start, span.end), head, (colon, colon + 1), content))
    return out


def _paragraphs(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Character ranges of the non-empty paragraphs between ``start`` and ``stop``."""
    out = []
    pos = start
    while pos < stop:
        nl = text.find("\n", pos, stop)
        end = stop if nl < 0 else nl
        if text[pos:end].strip():
            out.append((pos, end))
        pos = end + 1
    return out


# A numbered point: "(1) ...", "1. ...", "2) ...".
_POINT = re.compile(r"[ \t]*(?:\(\d{1,2}\)|\d{1,2}[.)])[ \t]+")
MAX_BLOCK_PARAGRAPHS = 8


def colon_block(text: str, after: int) -> list[tuple[int, int]]:
    """The content of a cue whose paragraph ends with a colon right after ``after`` ("A
    spokesperson said:"): each numbered point below it, else the paragraphs below it
    (at most ``MAX_BLOCK_PARAGRAPHS``) as one content; [] when no colon ends the paragraph."""
    nl = text.find("\n", after)
    line_end = len(text) if nl < 0 else nl
    tail = text[after:line_end].rstrip()
    if not tail.endswith(":") or len(tail) > 60 or nl < 0:
        return []
    paras = _paragraphs(text, nl + 1, len(text))[:MAX_BLOCK_PARAGRAPHS]
    points = []
    for start, end in paras:
        m = _POINT.match(text, start)
        if m is None:
            break
        points.append(trim(text, m.end(), end, chars=" \t\r\n"))
    if points:
        return points
    if not paras:
        return []
    return [trim(text, paras[0][0], paras[-1][1], chars=" \t\r\n")]
