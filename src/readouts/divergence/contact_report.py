"""The sentence in which an account reports the contact itself, as a point of its own.

Two readouts of one call both open with it, each in its own words:
"President Alvarez held a phone call with Chancellor Weiss" and "The
Chancellor talked to President Alvarez this morning". Nothing but
the contact's frame is left of such a sentence once its parties' names are
set aside, so the lexical alignment cannot pair the two; yet both accounts
report the same thing. Each document's *contact report* is therefore found
from the contact triggers (``contacts.triggers``: "spoke with", "held talks",
"had a phone conversation") and two reports are one shared point when they
tell the same contact: the same mode (a call, a meeting, ...; a bare "talks"
goes with any) and at least one party named in both (a surname every
document writes, or a compared side's name).
"""
from __future__ import annotations

from dataclasses import dataclass

# Modes a report of "talks" or "spoke with" leaves open: it may be a call or a meeting.
_OPEN_MODES = {"talks"}
_REPORT_MODES = {"call", "video", "meeting", "talks"}
# Parts of the reporting clause kept in its evidence: who, the verb, the contact and with whom.
_KEEP_DEPS = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "dobj", "prt", "agent", "dative"}
_PARTY_PREPS = {"with", "to", "between", "by", "over", "via"}


@dataclass(frozen=True, slots=True)
class ContactReport:
    """Where one document reports the contact, its mode and the party words it names."""

    start: int
    end: int
    mode: str
    parties: frozenset[str]
    runs: tuple[tuple[int, int], ...] = ()  # character ranges of the clause's own words


def _held(doc, trig) -> bool:
    from readouts.contacts.triggers import planned_or_negated

    planned, negated = planned_or_negated(doc, trig, None)
    return not planned and not negated and not trig.rule.endswith("_anaphor")


def _clause_tokens(doc, trig) -> list:
    """The reporting clause's own tokens: subject, verb, the contact noun and its parties.

    "Alvarez spoke for an hour with Okafor, and stressed ..." -> "Alvarez
    spoke", "with Okafor": what the clause adds ("for an hour", "and
    stressed ...") stays with the points around it.
    """
    anchor = doc[trig.anchor]
    keep = {anchor.i}
    for child in anchor.children:
        if child.dep_ in _KEEP_DEPS or (child.dep_ == "prep" and child.lower_ in _PARTY_PREPS):
            keep.update(t.i for t in child.subtree)
    if trig.head != trig.anchor:
        keep.update(t.i for t in doc[trig.head].subtree)
    return [doc[i] for i in sorted(keep) if not (doc[i].is_punct or doc[i].is_space)]


def _runs(tokens) -> tuple[tuple[int, int], ...]:
    """Character ranges of the runs of adjacent tokens (a token's trailing space joins it to the next)."""
    runs: list[list[int]] = []
    for t in tokens:
        if runs and t.i == runs[-1][2] + 1:
            runs[-1][1], runs[-1][2] = t.idx + len(t), t.i
        else:
            runs.append([t.idx, t.idx + len(t), t.i])
    return tuple((a, b) for a, b, _ in runs)


def find_report(doc, names: set[str]) -> ContactReport | None:
    """The first held contact a main clause reports ("X held talks with Y", "X spoke to Y"), naming a party.

    A contact noun that is only mentioned ("in regard to his call with Y,
    the minister said") yields to one a verb reports; a planned ("will
    meet"), denied or anaphoric ("the conversation also touched on")
    contact is no report.
    """
    from readouts.contacts.triggers import find_triggers

    found = [t for t in find_triggers(doc) if t.mode in _REPORT_MODES and _held(doc, t)]
    # a verb reports the contact ("spoke", "held a call"); a bare noun phrase only refers to it
    found.sort(key=lambda t: (doc[t.anchor].pos_ not in ("VERB", "AUX"), t.anchor))
    for trig in found:
        tokens = _clause_tokens(doc, trig)
        named = frozenset(t.lower_ for t in doc[trig.anchor].sent if t.lower_ in names)
        if not named or not tokens:
            continue
        runs = _runs(tokens)
        return ContactReport(runs[0][0], runs[-1][1], trig.mode, named, runs)
    return None


def same_contact(a: ContactReport, b: ContactReport) -> bool:
    """Two reports of one contact: the same mode (or an open "talks") and a party both name."""
    modes_agree = a.mode == b.mode or a.mode in _OPEN_MODES or b.mode in _OPEN_MODES
    return modes_agree and bool(a.parties & b.parties)
