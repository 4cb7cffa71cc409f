"""The one classifier of aligned points (readouts.divergence.relate) and the stems it reads.

Short texts written for these tests; the same classifier serves ``analyze``
(sides of one article) and ``compare`` (documents).
"""
from __future__ import annotations

import pytest

from readouts.divergence import align, relate

TH = relate.Thresholds(same=0.45, conflict=0.30, antonym=0.15)


def point(text: str, side: str, **kw) -> align.ClausePoint:
    keys, numbers, negated = align.text_keys(text)
    return align.ClausePoint(0, 0, len(text), text, keys, numbers, negated, keys, side=side, **kw)


def related(a: str, b: str) -> relate.Relation:
    pa, pb = point(a, "AA"), point(b, "BB")
    weights = align.Weights([pa, pb, point("the weather was mild in spring", "CC")])
    return relate.classify(pa, pb, align.similarity(pa, pb, weights), TH)


def test_snowball_stems_meet_across_inflections_and_demonyms():
    assert align.stem("fired") == align.stem("firing") == align.stem("fires")
    assert align.stem("Syrian") == align.stem("Syria")
    assert align.stem("violations") == align.stem("violation")
    assert align.stem("community") != align.stem("communication")  # the old six-letter cut made them one


@pytest.mark.parametrize(("cue", "content", "stance", "kind"), [
    ("denied", "that its ships entered the strait", "assert", "denial"),
    ("said", "the allegations were baseless and fabricated", "assert", "rejection"),
    ("said", "no such meeting had taken place", "assert", "denial"),
    ("said", "there was no evidence of a troop build-up", "assert", "denial"),
    ("brushed off", "the report", "reject", "rejection"),
    ("said", "the talks were useful and would continue", "assert", None),
])
def test_rebuttals_are_a_class_of_words_not_phrases(cue, content, stance, kind):
    assert relate.rebuttal_kind(cue, content, stance) == kind


def test_negated_against_asserted_predicate_is_a_conflict():
    rel = related("troops crossed the river border near the dam", "no troops crossed the river border near the dam")
    assert rel.kind == relate.CONFLICT and rel.rule == "conflict:polarity" and "no" in rel.words


def test_other_numbers_for_one_matter_are_a_conflict():
    rel = related("two patrol jets entered the airspace over the gulf", "one patrol jet entered the airspace over the gulf")
    assert (rel.kind, rel.rule, rel.words) == (relate.CONFLICT, "conflict:numbers", ("2", "1"))


def test_opposite_words_are_a_conflict():
    rel = related("the checkpoint patrols are legal under the accord", "the checkpoint patrols are illegal")
    assert rel.kind == relate.CONFLICT and rel.rule == "conflict:opposite-words"
    assert rel.words == ("legal", "illegal")


def test_same_words_without_clash_are_the_same_point_and_other_matters_unrelated():
    assert related("the ministers discussed grain exports through the port",
                   "grain exports through the port were discussed by the ministers").kind == relate.SAME
    assert related("the ministers discussed grain exports", "a storm closed the airport").kind == relate.UNRELATED


def test_initiators_of_other_sides_conflict():
    a = point("at the Kremlin's request", "US", initiator="Kremlin", initiator_side="RU")
    b = point("on the American side's initiative", "RU", initiator="American", initiator_side="US")
    c = point("initiated by the Russian side", "RU", initiator="Russian", initiator_side="RU")
    assert relate.classify(a, b, 1.0, TH).rule == "conflict:initiator"
    assert relate.classify(a, c, 1.0, TH).kind == relate.SAME


def test_blame_needs_each_side_to_name_the_other_as_actor():
    words = {"AA": {align.stem("Ruritanian")}, "BB": {align.stem("Freedonian")}}
    a = point("Freedonian gunners shelled the village first", "AA")
    b = point("Ruritanian gunners opened fire on the village", "BB")
    assert relate.blame_words(a, b, words) == ("Freedonian", "Ruritanian")
    own = point("Ruritanian gunners returned fire after Freedonian shelling", "AA")
    assert relate.blame_words(own, b, words) is None
