"""What a point's leaders did with its topic: discussed it, agreed on it, stressed it.

Two readouts of one call tell the same point with other verbs: "the
ministers discussed the harbour dispute" and "the ministers exchanged views
on the harbour dispute". The verbs and set phrases of ``data/speech_acts.json``
name a class of speech act (discuss, agree, stress, welcome, look forward):
two points of one class that share content words ("the harbour dispute")
are likelier one point told twice than two points that only share them. A
few set phrases stand for a content word instead: "agreed to stay in touch"
is the "contact" of "agreed to continue contacts".
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from readouts.lexicons import speech_acts as lexicon

# Words that may stand between the words of a set phrase: "exchanged their frank views", "exchange of views".
_SKIPPABLE = {"DET", "PRON", "ADJ", "ADV", "ADP"}
_MAX_GAP = 2


@dataclass(frozen=True, slots=True)
class Acts:
    """The speech-act classes found in a run of tokens, and the content words set phrases stand for."""

    classes: frozenset[str]
    replaced: frozenset[int]         # token indices (doc-level) of set phrases that stand for a content word
    topic_words: tuple[str, ...]     # the words those phrases stand for ("contact" for "in touch")


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], tuple[tuple[tuple[str, ...], str, bool], ...]]:
    """verb lemma -> class; (phrase, class or topic word, is_topic), longest phrases first."""
    lex = lexicon()
    verbs = {v: name for name, cls in lex["classes"].items() for v in cls["verbs"]}
    phrases = [(tuple(p), name, False) for name, cls in lex["classes"].items() for p in cls["phrases"]]
    phrases += [(tuple(p), word, True) for word, plist in lex["topic_phrases"].items() for p in plist]
    phrases.sort(key=lambda item: -len(item[0]))
    return verbs, tuple(phrases)


def _match(tokens: Sequence, i: int, phrase: tuple[str, ...]) -> list[int] | None:
    """Positions in ``tokens`` of ``phrase`` starting at ``i``, with short gaps of function words and adjectives."""
    if tokens[i].lemma_.lower() != phrase[0]:
        return None
    found, j = [i], i + 1
    for word in phrase[1:]:
        gap = 0
        while j < len(tokens) and tokens[j].lemma_.lower() != word:
            if gap >= _MAX_GAP or tokens[j].pos_ not in _SKIPPABLE:
                return None
            gap, j = gap + 1, j + 1
        if j >= len(tokens):
            return None
        found.append(j)
        j += 1
    return found


def find_acts(tokens: Sequence) -> Acts:
    """The speech acts of a run of spaCy tokens.

    "The ministers exchanged their views on quotas and agreed to stay in
    touch" -> classes {discuss, agree}; "in touch" stands for "contact".
    """
    verbs, phrases = _tables()
    tokens = list(tokens)
    classes: set[str] = set()
    used: set[int] = set()
    replaced: set[int] = set()
    topic: list[str] = []
    for i, t in enumerate(tokens):
        if t.i in used:
            continue
        for phrase, name, is_topic in phrases:
            hit = _match(tokens, i, phrase)
            if hit and not any(tokens[k].i in used for k in hit):
                used.update(tokens[k].i for k in hit)
                if is_topic:
                    topic.append(name)
                    replaced.update(tokens[k].i for k in hit)
                else:
                    classes.add(name)
                break
        else:
            if t.pos_ == "VERB" and t.lemma_.lower() in verbs:
                classes.add(verbs[t.lemma_.lower()])
                used.add(t.i)
    return Acts(frozenset(classes), frozenset(replaced), tuple(topic))
