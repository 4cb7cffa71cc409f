"""A side's statements as points of its account: what disputes and agreements both read.

``Said`` is a statement with the content words it is about and, when it answers another
side, the kind of answer (denial, rejection). The helpers here are shared by
``readouts.divergence.disputes`` and ``readouts.divergence.agreements``: the similarity
thresholds of one article, record ids, spans, and the joint statements of several sides
("Both Ruritania and Freedonia said ...") with the ways they are no agreement.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from readouts import lexicons
from readouts.divergence import align, relate
from readouts.records import Span, Statement

AGREE_STANCES = {"assert", "acknowledge", "hope", "describe", "promise", "praise", "appeal"}
CONTRADICT_SIM = 0.25    # least similarity for two sides' statements to be about one matter
BLAME_SIM = 0.15         # ... when each names the other side as the actor (a strong sign of one matter)
AGREE_SIM = 0.45         # least similarity for two sides' separate statements to say the same thing
# statements of one article: opposite words tie two statements that share little else
THRESHOLDS = relate.Thresholds(same=AGREE_SIM, conflict=CONTRADICT_SIM, antonym=BLAME_SIM)


@dataclass(frozen=True, slots=True)
class Said:
    """A statement with the words it is about."""

    st: Statement
    point: align.ClausePoint  # the statement's content as a point of its side's account
    counter: str | None  # denial | rejection when the statement answers another side

    @property
    def keys(self) -> frozenset[str]:
        return self.point.keys


def lower_words(text: str) -> str:
    return " " + re.sub(r"\s+", " ", text.lower().replace("’", "'")) + " "


def overlap(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    short = min(a.end - a.start, b.end - b.start)
    return inter / short if short > 0 else 0.0


def whole(st: Statement, text: str) -> Span:
    """The statement from its first to its last character (speaker, cue and content)."""
    parts = [p for p in (st.speaker, st.cue, st.content) if p is not None and p.end > p.start]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    if end - start > 400:  # a far speaker ("he" two sentences up): keep cue and content
        parts = [st.cue, st.content]
        start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Span.of(text, start, end)


def other_side(a: Statement, b: Statement) -> bool:
    return bool(a.side and b.side and a.side != b.side)


def topic(claim: str, prefix: str = "whether ") -> str:
    words = claim.replace("\n", " ").split()
    line = " ".join(words[:10]) + (" ..." if len(words) > 10 else "")
    return prefix + line


def record_id(prefix: str, *parts: Span | str | None | tuple) -> str:
    """A record id from everything that makes the record distinct: its kind, its sides, the
    statements it links and its spans (one claim disputed by two sides gives two ids; so do two
    statements of one span agreeing with a third). Analysis-level ids are checked unique."""
    def key(part) -> str:
        if isinstance(part, Span):
            return f"{part.start}:{part.end}"
        if isinstance(part, tuple):
            return ",".join(key(p) for p in part)
        return "" if part is None else str(part)

    return f"{prefix}-{hashlib.sha1('|'.join(key(p) for p in parts).encode()).hexdigest()[:8]}"


def sim(a: Said, b: Said, weights: align.Weights) -> float:
    return align.similarity(a.point, b.point, weights)


def related(a: Statement, b: Statement) -> bool:
    return a.parent == b.id or b.parent == a.id


def joint_groups(said: Sequence[Said]) -> list[list[Said]]:
    """Statements of two or more sides sharing one content span ("Both Chile and Peru said ...")."""
    by_content: dict[tuple[int, int], list[Said]] = {}
    for s in said:
        if s.st.side and not s.counter:
            by_content.setdefault((s.st.content.start, s.st.content.end), []).append(s)
    return [g for g in by_content.values() if len({s.st.side for s in g}) >= 2]


_CLAIM_VERB = re.compile(r"\bclaim(?:s|ed|ing)?\b", re.IGNORECASE)
_OWN_SUBJECT = re.compile(r"^(?:that\s+)?(?:they|it|each|both)\b", re.IGNORECASE)
_NOT_A_THING = re.compile(r"\b(?:that|to|is|are|was|were|will|would|has|have|had)\b", re.IGNORECASE)


def competing_claims(st: Statement) -> bool:
    """Several sides 'claim' one thing, which only one can hold: a dispute, not an agreement.

    "Both countries claim the islands", "both sides claimed victory": the
    content is a thing (no verb). "Both sides said the truce held" is an agreement.
    """
    content = st.content.text.strip()
    return bool(_CLAIM_VERB.search(st.cue.text)) and len(content.split()) <= 8 and not _NOT_A_THING.search(content)


def self_claims(st: Statement) -> bool:
    """Several sides each 'claim' something of itself ("both sides claimed they acted in self-defence").

    Each speaks for itself, against the other: no agreement (and no dispute of its own: the
    article tells what each claims elsewhere, or the claim is only a gesture).
    """
    return bool(_CLAIM_VERB.search(st.cue.text)) and bool(_OWN_SUBJECT.match(st.content.text.strip()))


def reciprocal(st: Statement) -> bool:
    around = lower_words(st.speaker.text + " " + st.cue.text + " " + st.content.text)
    markers = lexicons.divergence()["reciprocal_markers"]
    found = [m for m in markers if re.search(rf"\b{re.escape(m)}\b", around)]
    # "the other" alone is reciprocal only in an accusation ("accused the other's soldiers")
    return any(m != "the other" for m in found) or (st.stance == "accuse" and bool(found))
