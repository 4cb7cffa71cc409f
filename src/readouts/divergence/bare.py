"""Bare denials: a side answers a claim told in an earlier sentence ("Freedonia has denied this").

The attribution stage reports what is said; a denial whose object only points
back ("denied this", "rejected the claims", "disputed these allegations") says
nothing of its own, and may hang on a verb the speaker shares with another
statement ("the envoy rejected the charge and blamed ..."). Such a
denial is still one side's answer to another's claim: this module finds it in
the parse, with its side from the Doc's one side resolver, and hands it to
``disputes`` as a counter, which links it to the claim it answers (the
nearest claim of another side before it). It is not a statement of its own.

Read from the parse, written as plain records (no spaCy object leaves here).
"""
from __future__ import annotations

import hashlib

from readouts import lexicons
from readouts.records import Span, Statement

# what a bare object points back to: "this", "these claims", "the allegation", "such reports"
_POINTERS = {"this", "that", "it", "these", "those"}
_DETERMINERS = {"the", "this", "that", "these", "those", "such", "all", "any"}
_MAX_OBJECT_TOKENS = 4  # "the latest such claims"; a longer object says what it denies


def _rebuttal_verbs() -> dict[str, str]:
    """Lemma -> denial | rejection, from the rebuttal verbs of the divergence lexicon."""
    verbs = lexicons.divergence()["rebuttal"]["verbs"]
    return {w: kind for kind, words in verbs.items() for w in words}


def _bare_object(verb):
    """The object of ``verb`` when it only points back ("this", "these claims"), else None."""
    claim_nouns = set(lexicons.divergence()["claim_nouns"])
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        sub = list(child.subtree)
        if len(sub) > _MAX_OBJECT_TOKENS:
            return None
        if child.lower_ in _POINTERS and len(sub) == 1:
            return child
        if child.lower_ in claim_nouns and any(t.lower_ in _DETERMINERS for t in sub if t.i < child.i) \
                and all(t.i <= child.i for t in sub):
            return child
        return None
    return None


def _subject(verb):
    """The subject of ``verb``, or of the verb it is coordinated with ("X rejected A and blamed B")."""
    for tok in (verb, verb.head if verb.dep_ == "conj" else None):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ == "nsubj":
                return child
    return None


def find_bare_counters(doc, statements, resolver) -> list[Statement]:
    """Denials whose object only points back, by a mention the resolver gives a side.

    "Freedonia has denied this." -> a counter of side FD: speaker "Freedonia",
    cue "denied", content "this". Skipped where a statement of the attribution
    stage already has this cue (the divergence stage links that statement itself)
    and where the subject is a pronoun (whose side is the statement stage's call).
    """
    verbs = _rebuttal_verbs()
    cues = {(s.cue.start, s.cue.end) for s in statements}
    cue_starts = {s.cue.start for s in statements}
    text = resolver.text
    out: list[Statement] = []
    for tok in doc:
        kind = verbs.get(tok.lower_)
        if kind is None or tok.pos_ not in ("VERB", "AUX") or tok.idx in cue_starts:
            continue
        if any(a <= tok.idx < b for a, b in cues):
            continue
        obj, subj = _bare_object(tok), _subject(tok)
        if obj is None or subj is None or subj.pos_ == "PRON":
            continue
        sub = list(subj.subtree)
        s_start, s_end = sub[0].idx, sub[-1].idx + len(sub[-1])
        decision = resolver.resolve(s_start, s_end, subj.lower_) or resolver.antecedent(subj.lower_, s_start)
        if not decision.side:
            continue
        o_sub = list(obj.subtree)
        o_start, o_end = o_sub[0].idx, o_sub[-1].idx + len(o_sub[-1])
        key = f"{s_start}:{tok.idx}:{o_end}"
        out.append(Statement(
            id="bare-" + hashlib.sha1(key.encode()).hexdigest()[:8],
            speaker=Span.of(text, s_start, s_end), cue=Span.of(text, tok.idx, tok.idx + len(tok)),
            content=Span.of(text, o_start, o_end), direct=False,
            stance="deny" if kind == "denial" else "reject", rule="divergence:bare-counter",
            side=decision.side, side_rule=decision.rule,
            side_evidence=tuple(Span.of(text, a, b) for a, b in decision.evidence)))
    return out
