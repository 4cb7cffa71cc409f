"""The cue lexicon (``data/cues.json``) and the token tests built on it.

Which words introduce an attribution, with what stance; which take an object, a
clause or an infinitive as their content; which subjects are things, not speakers.
Loaded once per process.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue lexicon; each field is one list of ``data/cues.json`` (see its notes there)."""

    verbs: dict[str, str]
    object_verbs: frozenset[str]
    nouns: dict[str, str]
    cognition: frozenset[str]
    report_nouns: frozenset[str]
    communication_events: frozenset[str]
    infinitive_verbs: frozenset[str]
    newsroom: tuple[str, ...]
    non_speakers: frozenset[str]
    light_verbs: frozenset[str]
    anaphoric_nouns: frozenset[str]
    decision_verbs: frozenset[str] = frozenset()  # 'agreed to X': content only in official texts


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("readouts").joinpath("data/cues.json").read_text(encoding="utf-8"))
    cognition = frozenset(raw["cognition"])
    verbs = dict(raw["verbs"])
    for word in cognition:
        verbs.setdefault(word, "hope" if word in {"hope", "wish", "trust"} else "assert")
    return Lexicon(verbs, frozenset(raw["object_verbs"]), dict(raw["nouns"]),
                   cognition, frozenset(raw["report_nouns"]), frozenset(raw["communication_events"]),
                   frozenset(raw["infinitive_verbs"]), tuple(raw["newsroom"]), frozenset(raw["non_speakers"]),
                   frozenset(raw["light_verbs"]), frozenset(raw["anaphoric_nouns"]),
                   frozenset(raw.get("decision_verbs", ())))


def lemma(tok) -> str:
    """The token's lemma in lower case."""
    return tok.lemma_.lower()


def is_cue_verb(tok, lex: Lexicon) -> bool:
    """A verb form whose lemma is a cue ('said', 'has denied', 'saying')."""
    return tok.pos_ in ("VERB", "AUX") and lemma(tok) in lex.verbs or (
        tok.tag_ in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB") and lemma(tok) in lex.verbs)
