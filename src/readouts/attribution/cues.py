"""Token tests built on the cue lexicon (``readouts.lexicons.cues()``, ``data/cues.json``).

Which words introduce an attribution, with what stance; which take an object, a
clause or an infinitive as their content; which subjects are things, not speakers.
"""
from __future__ import annotations

from readouts.lexicons import Cues

__all__ = ["is_cue_verb", "lemma"]


def lemma(tok) -> str:
    """The token's lemma in lower case."""
    return tok.lemma_.lower()


def is_cue_verb(tok, lex: Cues) -> bool:
    """A verb form whose lemma is a cue ('said', 'has denied', 'saying')."""
    return tok.pos_ in ("VERB", "AUX") and lemma(tok) in lex.verbs or (
        tok.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB") and lemma(tok) in lex.verbs)
