"""Speech-act frames, joint decisions, non-speech uses of cue verbs and quotes across
abbreviations, on short texts written for these tests."""
from __future__ import annotations

import pytest

from readouts import analyze
from readouts.attribution.quotes import ends_sentence
from readouts.attribution.statements import find_statements


def found(text):
    from readouts.parse.nlp import parse

    doc = parse(text)
    out = []
    for f in find_statements(doc):
        speaker = doc[f.speaker[0]:f.speaker[1]].text if f.speaker else None
        out.append((speaker, text[f.cue[0]:f.cue[1]], text[f.content[0]:f.content[1]], f.rule))
    return out


@pytest.mark.parametrize("text, speaker, content", [
    ("The Chilean president congratulated the Peruvian leader on his election victory.",
     "The Chilean president", "the Peruvian leader on his election victory"),
    ("The minister thanked the Ruritanian navy for its help in the rescue.",
     "The minister", "the Ruritanian navy for its help in the rescue"),
    ("Lima views the naval drill as a provocation.", "Lima", "the naval drill as a provocation"),
    ("The mayor complained about the slow pace of repairs.", "The mayor", "the slow pace of repairs"),
    ("The spokeswoman apologized to the crew for the remarks made by her deputy.",
     "The spokeswoman", "the crew for the remarks made by her deputy"),
])
def test_object_and_phrase_frames(text, speaker, content):
    sts = found(text)
    assert (speaker, content) in [(s, c) for s, _cue, c, _r in sts]


def test_traded_accusations_give_one_statement_per_side():
    sts = found("Chile and Peru traded accusations that each had fired first near the border.")
    assert {(s, c) for s, _cue, c, _r in sts} == {
        ("Chile", "each had fired first near the border"), ("Peru", "each had fired first near the border")}


@pytest.mark.parametrize("text", [
    "The company agreed to pay a fine of ten million dollars.",
    "Chile and Peru agreed to reopen the border crossing next month.",
    "The two sides agreed to resume talks in March.",
])
def test_a_decision_of_states_or_sides_in_news_is_narration(text):
    assert found(text) == []


def test_the_two_leaders_agreed_to_is_a_statement():
    sts = found("The two leaders agreed to reopen the border crossing next month.")
    assert [(s, c) for s, _cue, c, _r in sts] == [("The two leaders", "to reopen the border crossing next month")]


def test_agreed_on_takes_the_phrase():
    sts = found("The two ministers agreed on the need for closer cooperation.")
    assert [c for _s, _cue, c, _r in sts] == ["the need for closer cooperation"]


def test_frame_content_stops_before_a_comment_clause():
    sts = found("The mayor congratulated the volunteers on the repairs, which took three weeks.")
    assert [c for _s, _cue, c, _r in sts] == ["the volunteers on the repairs"]


def test_announced_nothing_is_not_a_statement():
    assert found("The two presidents announced no new agreements.") == []


def test_two_leaders_agreed_is_one_statement_per_side():
    text = ("Chilean President Carlos Mendoza met Peruvian President Jorge Salas in Lima on Monday. "
            "The two leaders agreed to reopen the border.")
    result = analyze(text)
    sides = sorted(s.side for s in result.statements if "reopen" in s.content.text)
    assert sides == ["CL", "PE"]
    # the divergence stage sees the joint statement as an agreement of the two sides
    assert [sorted(a.sides) for a in result.agreements] == [["CL", "PE"]]


@pytest.mark.parametrize("text", [
    "The president welcomed the Chilean leader to the White House on Tuesday.",
    "The foreign ministry called the Peruvian ambassador to the ministry on Monday.",
    "Officials have not said that the plant will close.",
])
def test_cue_verbs_in_a_non_speech_sense(text):
    assert found(text) == []


def test_welcome_with_an_object_is_still_speech():
    assert [c for _s, _cue, c, _r in found("The minister welcomed the ceasefire.")] == ["the ceasefire"]


def test_quote_attributed_across_an_abbreviation():
    text = '"We urge both sides to show restraint," U.S. spokesman John Kirby said.'
    sts = found(text)
    assert [(c, r) for _s, _cue, c, r in sts] == [("We urge both sides to show restraint,", "quote")] or \
        [c for _s, _cue, c, _r in sts] == ["We urge both sides to show restraint"]


@pytest.mark.parametrize("gap, ends", [
    (", U.S. spokesman John Kirby", False), (", U.N. envoy", False), (", Mr. Ruiz", False),
    ("the minister said. Then", True), ("he asked? Yes", True),
])
def test_sentence_end_ignores_abbreviations(gap, ends):
    assert ends_sentence(gap) is ends


def test_quoted_as_saying_gives_both_speakers():
    sts = found("The minister quoted the president as saying the army would not retreat.")
    assert {(s, cue, c) for s, cue, c, _r in sts} == {
        ("The minister", "quoted the president as saying", "the army would not retreat"),
        ("the president", "saying", "the army would not retreat")}


@pytest.mark.parametrize("text, speaker, content", [
    ("Peru lodged a strong protest over the arrest of its fishermen by Chilean police.",
     "Peru", "the arrest of its fishermen by Chilean police"),
    ("The Japanese vice-minister lodged a protest against the Chinese ambassador regarding the entry "
     "of patrol boats into the waters near the islands.",
     "The Japanese vice-minister", "the entry of patrol boats into the waters near the islands"),
    ("Chile filed a complaint against the new tariffs imposed by Argentina.",
     "Chile", "the new tariffs imposed by Argentina"),
])
def test_protest_noun_with_its_topic_phrase(text, speaker, content):
    sts = found(text)
    assert (speaker, content, "light_verb_noun_topic") in [(s, c, r) for s, _cue, c, r in sts]
    assert any(cue.startswith("lodged") or cue.startswith("filed") for _s, cue, _c, _r in sts)


@pytest.mark.parametrize("text", [
    "Chile lodged a protest against the ambassador.",   # the addressee, not what is protested
    "Chile lodged a protest against Peru.",
    "The students held a protest over the weekend.",    # not a light verb of speech: no statement
    "Chile lodged a protest over the weekend.",          # a time, not a topic
])
def test_protest_noun_without_a_topic_gives_no_statement(text):
    assert [r for *_x, r in found(text) if r == "light_verb_noun_topic"] == []


def test_contrasted_second_speaker_ends_the_first_content():
    sts = found("Chile said the ship sank near the port with all its cargo, while Peru said it was towed "
                "to safety by a navy tug.")
    assert ("Chile", "the ship sank near the port with all its cargo") in [(s, c) for s, _cue, c, _r in sts]
    assert ("Peru", "it was towed to safety by a navy tug") in [(s, c) for s, _cue, c, _r in sts]


def test_while_without_a_speaker_stays_in_the_content():
    sts = found("Chile said the ship sank while the crew was asleep.")
    assert [(s, c) for s, _cue, c, _r in sts] == [("Chile", "the ship sank while the crew was asleep")]
