"""How two aligned points relate: told the *same*, in *conflict*, or *unrelated*.

One classifier for the sides of one article (``disputes``) and for compared
documents (``compare``). It reads general evidence only, never a phrase of
one article:

- an explicit rebuttal: a point that denies, rejects, refutes or dismisses,
  or calls the other's claim false, baseless, fabricated ("no such talks took
  place"), from the ``rebuttal`` classes of the divergence lexicon;
- polarity: one point negates what the other asserts ("troops crossed the
  border" / "no troops crossed the border");
- numbers: the same matter told with other numbers ("two jets" / "one jet");
- the initiator: each account names another side as the one who asked for
  the contact ("at the Kremlin's request" / "on the American side's initiative");
- opposite words from the antonym table ("in violation of" / "in compliance with");
- blame: each side tells one event with the other side as its actor
  ("Ruritanian troops fired first" / "Freedonian forces opened fire").

Two points about one matter (their similarity at or above ``same``) with none
of that evidence are the same point told by both.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from readouts import lexicons
from readouts.divergence import align

SAME, CONFLICT, UNRELATED = "same", "conflict", "unrelated"


@dataclass(frozen=True, slots=True)
class Relation:
    """The relation of two points, the rule that decided it and the words that show it."""

    kind: str  # same | conflict | unrelated
    rule: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Similarities (0..1) that two points need before each kind of evidence counts."""

    same: float      # one matter told alike
    conflict: float  # one matter, so that a negation or other numbers make a conflict
    antonym: float   # opposite words tie two points on their own, so less shared context is needed


# ---- rebuttals ---------------------------------------------------------------------------------

def _lower_words(text: str) -> str:
    return " " + re.sub(r"[^\w'’-]+", " ", text.lower().replace("’", "'")).strip() + " "


@functools.lru_cache(maxsize=1)
def _rebuttal_table() -> tuple[dict[str, str], frozenset[str], tuple[str, ...]]:
    lex = lexicons.divergence()["rebuttal"]
    verbs = {w: kind for kind, words in lex["verbs"].items() for w in words}
    return verbs, frozenset(lex["falsity_words"]), tuple(lex["absence_nouns"])


def rebuttal_verbs() -> dict[str, str]:
    """The verbs by which one party answers another's claim, each with its kind (denial | rejection)."""
    return _rebuttal_table()[0]


def rebuttal_kind(cue: str, content: str, stance: str | None = None) -> str | None:
    """denial | rejection when a point answers a claim as untrue, else None.

    From the stance the attribution stage gave, the cue verb ("denied",
    "dismissed"), or the content's words: a falsity word ("baseless", "lies",
    "fabricated") or the absence of what was claimed ("no such meeting",
    "no evidence", "not true").
    """
    if stance in ("deny", "reject"):
        return "denial" if stance == "deny" else "rejection"
    verbs, falsity, absence = _rebuttal_table()
    cue_words = _lower_words(cue).split()
    for w in cue_words:
        if w in verbs:
            return verbs[w]
    words = _lower_words(content)
    if any(f" {w} " in words for w in falsity):
        return "rejection"
    # "no such talks", "no (credible) evidence", "not true"
    if re.search(r" no (?:such|(?:\w+ )?(?:" + "|".join(map(re.escape, absence)) + r")) ", words) or " not true " in words:
        return "denial"
    # "cannot accept the explanation", "could not in any way accept it": a refusal of the other's account
    if re.search(r" (?:cannot|can't|could not|couldn't|will not|won't|does not|do not|did not) (?:\w+ ){0,4}?accept ",
                 words.replace("’", "'")):
        return "rejection"
    return None


# ---- conflict evidence --------------------------------------------------------------------------

def _word_in(text: str, key: str) -> str:
    for w in re.findall(r"[\w’'-]+", text):
        if align.stem(w) == key:
            return w
    return key


def opposite_words(a: align.ClausePoint, b: align.ClausePoint) -> tuple[str, ...]:
    """Opposite words across two points ('violation' / 'compliance'), as written; () when none."""
    opp = align.antonyms_between(a.keys, b.keys)
    return (_word_in(a.text, opp[0]), _word_in(b.text, opp[1])) if opp else ()


def _negators_in(text: str) -> tuple[str, ...]:
    negators = set(lexicons.divergence()["negators"])
    words = [w for w in re.findall(r"[\w’']+", text)
             if w.lower() in negators or w.lower().endswith(("n't", "n’t"))]
    return tuple(words[:2]) or ("not",)


def conflict_evidence(a: align.ClausePoint, b: align.ClausePoint, sim: float,
                      th: Thresholds) -> tuple[str, tuple[str, ...]] | None:
    """(rule, clashing words) when two points tell one matter incompatibly, else None."""
    if a.is_contact or b.is_contact:
        return None
    if a.is_initiator or b.is_initiator:
        if a.is_initiator and b.is_initiator and a.initiator_side and b.initiator_side \
                and a.initiator_side != b.initiator_side:
            return "initiator", (a.initiator or "", b.initiator or "")
        return None
    if sim >= th.antonym:
        words = opposite_words(a, b)
        if words:
            return "opposite-words", words
    if sim < th.conflict:
        return None
    if a.negated != b.negated:
        return "polarity", _negators_in((a if a.negated else b).text)
    clash = number_clash(a.numbers, b.numbers)
    if clash:
        return "numbers", clash
    return None


def number_clash(a: frozenset[str], b: frozenset[str]) -> tuple[str, str] | None:
    """Other numbers for one counted thing: '2 jet' / '1 jet' -> ('2', '1'); bare numbers against bare ones.

    Numbers of different things ("two jets" / "40 minutes") never clash.
    """
    def by_thing(numbers):
        out: dict[str, set[str]] = {}
        for n in numbers:
            value, _, thing = n.partition(" ")
            out.setdefault(thing, set()).add(value)
        return out

    ca, cb = by_thing(a), by_thing(b)
    for thing in sorted(ca.keys() & cb.keys()):
        if not ca[thing] & cb[thing]:
            return ",".join(sorted(ca[thing])), ",".join(sorted(cb[thing]))
    return None


def classify(a: align.ClausePoint, b: align.ClausePoint, sim: float, th: Thresholds) -> Relation:
    """Same, conflict or unrelated, with the rule and the words that decided it."""
    found = conflict_evidence(a, b, sim, th)
    if found:
        return Relation(CONFLICT, "conflict:" + found[0], found[1])
    if a.is_initiator and b.is_initiator:
        return Relation(SAME, "same:initiator")
    if a.is_contact and b.is_contact and sim > 0:
        return Relation(SAME, "same:contact")
    if sim >= th.same and not (a.is_special or b.is_special):
        return Relation(SAME, "same:shared-words")
    return Relation(UNRELATED, "unrelated")


# ---- blame: each side names the other as the actor ----------------------------------------------

def side_word_in(text: str, names: set[str]) -> str:
    """The first capitalised word of ``text`` whose stem is one of ``names`` ('' when none).

    Compounds count by their parts: "Freedonian-backed militias" names Freedonia.
    """
    for w in re.findall(r"[A-Za-z][A-Za-z0-9’']*", text):
        if w[:1].isupper() and align.stem(w) in names:
            return w
    return ""


def blame_words(a: align.ClausePoint, b: align.ClausePoint,
                side_words: dict[str, set[str]]) -> tuple[str, str] | None:
    """The words by which each point makes the other side the actor, when each does and neither names its own.

    "Ruritania said Freedonian troops fired first" against "Freedonia said
    Ruritanian forces opened fire": who did it is what they dispute.
    """
    if a.negated or b.negated or not (a.side and b.side) or a.side == b.side:
        return None
    names = {s: side_words.get(s, set()) for s in (a.side, b.side)}
    a_other, b_other = side_word_in(a.text, names[b.side]), side_word_in(b.text, names[a.side])
    if not (a_other and b_other):
        return None
    if side_word_in(a.text, names[a.side]) or side_word_in(b.text, names[b.side]):
        return None
    return a_other, b_other
