"""The comparer ingest hands the store: two sides' stored statements aligned, pairs out.

A bridge from ``readouts.divergence``'s lexical alignment (content stems, negation,
numbers, opposite words) to the store's comparer interface
(``readouts.store.points``): plain points in, ``(kind, i, j, topic, rule, score)``
out. When ``readouts.divergence`` offers its own function over stored points, this
module becomes a one-line re-export of it.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence


@functools.lru_cache(maxsize=8192)
def _text_keys(text: str):
    """A stored point's stems, numbers and negation: an event's points are compared again each time
    a report joins it, their text does not change."""
    from readouts.divergence import align

    return align.text_keys(text)


def compare_points(left: Sequence, right: Sequence) -> list[tuple[str, int, int, str, str, float]]:
    """Align two sides' statements one to one, best match first: shared, or a conflict when they clash.

    Made-up example: "the talks were constructive" (one side) and "the talks were not
    constructive" (the other) align and conflict (negation); "both sides will keep
    talking" and "the ministers will continue talking" align as shared.
    """
    from readouts.divergence import align
    from readouts.divergence.compare import LEXICAL_ALIGN, LEXICAL_CONFLICT

    def point(doc: int, p) -> align.ClausePoint:
        keys, numbers, negated = _text_keys(p.text)
        return align.ClausePoint(doc, p.start, p.end, p.text, keys, numbers, negated, keys)

    a = [point(0, p) for p in left]
    b = [point(1, p) for p in right]
    weights = align.Weights(a + b)
    candidates = sorted(((align.similarity(x, y, weights), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_a, used_b, out = set(), set(), []
    for score, i, j in candidates:
        if score < LEXICAL_ALIGN:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = a[i], b[j]
        clash = align.antonyms_between(x.keys, y.keys) or (score >= LEXICAL_CONFLICT and (
            x.negated != y.negated or (x.numbers and y.numbers and not x.numbers & y.numbers)))
        kind, rule = ("conflict", "lexical:stored-conflict") if clash else ("shared", "lexical:stored-aligned")
        out.append((kind, i, j, align.topic_of(x), rule, round(score, 3)))
    return out
