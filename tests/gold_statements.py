"""Statement records built from gold annotations (../shared/gold), for testing divergence alone.

Content, cue and speaker spans are found with ``str.find`` (the cue and speaker
occurrence nearest the content); the stance comes from the cue lexicon; a
statement whose content lies inside another's content is nested in it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from readouts.records import Span, Statement

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _nearest(text: str, piece: str, anchor: int) -> tuple[int, int] | None:
    if not piece:
        return None
    best = None
    for m in re.finditer(re.escape(piece), text):
        if best is None or abs(m.start() - anchor) < abs(best[0] - anchor):
            best = (m.start(), m.end())
    return best


def _stance(cue: str) -> str:
    from readouts.attribution.statements import lexicon

    lex = lexicon()
    for word in reversed(cue.lower().split()):
        for lemma in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-3] + "e", word[:-2] + "e"):
            if lemma in lex.verbs:
                return lex.verbs[lemma]
            if lemma in lex.nouns:
                return lex.nouns[lemma]
    return "assert"


def gold_statements(gold: dict) -> tuple[Statement, ...]:
    text = gold["text"]
    out: list[Statement] = []
    for n, g in enumerate(gold["statements"]):
        start = text.find(g["content"])
        if start < 0:
            continue
        content = Span.of(text, start, start + len(g["content"]))
        cue = _nearest(text, g.get("cue") or "", start) or (start, start)
        spk = _nearest(text, g.get("speaker") or "", cue[0]) or cue
        out.append(Statement(id=f"g{n}", speaker=Span.of(text, *spk), cue=Span.of(text, *cue), content=content,
                             direct=bool(g.get("direct")), stance=_stance(g.get("cue") or ""), rule="gold",
                             speaker_name=g.get("speaker_canonical"), side=g.get("side")))
    nested = []
    for s in out:
        outer = [o for o in out if o is not s and o.content.start <= s.content.start and s.content.end <= o.content.end
                 and (o.content.end - o.content.start) > (s.content.end - s.content.start)]
        parent = min(outer, key=lambda o: o.content.end - o.content.start).id if outer else None
        nested.append(Statement(**{f: getattr(s, f) for f in s.__slots__ if f != "parent"}, parent=parent))
    return tuple(nested)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
