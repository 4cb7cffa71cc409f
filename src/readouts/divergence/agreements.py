"""Agreements between the sides of one article, and the disputes and agreements kept together.

An agreement is one statement made jointly by several sides ("Both Ruritania and Freedonia
said ..."), unless it is a mutual accusation or a claim only one can hold, or two sides'
own statements that ``relate`` calls the same. ``consistent`` drops a dispute showing the
same text on both sides and an agreement on a point that is disputed.
"""
from __future__ import annotations

from collections.abc import Sequence

from readouts.divergence import align, relate
from readouts.divergence.said import AGREE_STANCES, THRESHOLDS
from readouts.divergence.said import Said as _Said
from readouts.divergence.said import competing_claims as _competing_claims
from readouts.divergence.said import joint_groups as _joint_groups
from readouts.divergence.said import other_side as _other_side
from readouts.divergence.said import overlap as _overlap
from readouts.divergence.said import reciprocal as _reciprocal
from readouts.divergence.said import record_id as _id
from readouts.divergence.said import related as _related
from readouts.divergence.said import self_claims as _self_claims
from readouts.divergence.said import sim as _sim
from readouts.divergence.said import topic as _topic
from readouts.divergence.said import whole as _whole
from readouts.records import Agreement, Dispute


def agreements(text: str, said: Sequence[_Said], weights: align.Weights,
                disputes: Sequence[Dispute]) -> list[Agreement]:
    """Points two sides tell the same: one statement made jointly, or two statements the classifier calls the same."""
    out = _joint_agreements(text, said)
    done = {(e.start, e.end) for a in out for e in a.evidence} | {
        (s.st.content.start, s.st.content.end) for g in _joint_groups(said) for s in g}
    disputed = {frozenset((d.claim.statement_id, d.counter.statement_id)) for d in disputes}
    for i, a in enumerate(said):
        for b in said[i + 1:]:
            if not _may_agree(a, b) or frozenset((a.st.id, b.st.id)) in disputed:
                continue
            if (a.st.content.start, a.st.content.end) in done and (b.st.content.start, b.st.content.end) in done:
                continue
            rel = relate.classify(a.point, b.point, _sim(a, b, weights), THRESHOLDS)
            if rel.kind != relate.SAME:
                continue
            sides = (a.st.side, b.st.side)
            out.append(Agreement(_id("agreement", "same", a.st.side, b.st.side, a.st.id, b.st.id, a.st.content,
                                     b.st.content),
                                 _topic(a.st.content.text, ""), sides, (a.st.content, b.st.content),
                                 "agreement:" + rel.rule.removeprefix("same:"), (a.st.id, b.st.id), 0.6))
    return out


def _joint_agreements(text: str, said: Sequence[_Said]) -> list[Agreement]:
    """One statement, several sides: "Both Ruritania and Freedonia said ..." (not "accused each other")."""
    out = []
    for group in _joint_groups(said):
        first = group[0].st
        if _reciprocal(first) or _competing_claims(first) or _self_claims(first):
            continue
        sides = tuple(dict.fromkeys(s.st.side for s in group))
        evidence = _whole(first, text)
        out.append(Agreement(_id("agreement", "joint", sides, tuple(s.st.id for s in group), evidence),
                             _topic(first.content.text, ""), sides,
                             (evidence,), "agreement:joint-statement", tuple(s.st.id for s in group), 0.8))
    return out


def _may_agree(a: _Said, b: _Said) -> bool:
    """Two sides' own statements that could say the same thing: neither answers the other, both assert."""
    if not _other_side(a.st, b.st) or a.counter or b.counter or _related(a.st, b.st):
        return False
    if a.st.stance not in AGREE_STANCES or b.st.stance not in AGREE_STANCES:
        return False
    return a.st.content != b.st.content


def consistent(disputes: Sequence[Dispute], agreements: Sequence[Agreement]
               ) -> tuple[list[Dispute], list[Agreement]]:
    """The disputes and agreements an analyst can trust together.

    A dispute whose two sides carry the same text says nothing; a point that
    is disputed is not also agreed: the agreement sharing a span with a
    dispute of the same sides is dropped; an agreement told twice is listed once.
    """
    kept = [d for d in disputes if _norm(d.claim.span.text) != _norm(d.counter.span.text)]
    in_dispute = [(frozenset((d.claim.side, d.counter.side)), part.span) for d in kept for part in (d.claim, d.counter)]
    agreed: list[Agreement] = []
    for a in agreements:
        if any(sides <= set(a.sides) and _overlap(e, span) >= 0.8 for e in a.evidence for sides, span in in_dispute):
            continue
        # one point of agreement told twice (a joint sentence with two cues) is listed once
        if any(set(b.sides) == set(a.sides) and all(any(_overlap(e, f) >= 0.8 for f in b.evidence) for e in a.evidence)
               for b in agreed):
            continue
        agreed.append(a)
    return kept, agreed


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
