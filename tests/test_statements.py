"""Each attribution rule on short texts (written for these tests), then the cue lexicon."""
from __future__ import annotations

import pytest

from readouts import analyze
from readouts.attribution.quotes import find_quotes, trim
from readouts.attribution.statements import find_statements, lexicon


def found(text):
    from readouts.parse.nlp import parse

    doc = parse(text)
    out = []
    for f in find_statements(doc):
        speaker = doc[f.speaker[0]:f.speaker[1]].text if f.speaker else None
        out.append((speaker, text[f.cue[0]:f.cue[1]], text[f.content[0]:f.content[1]], f.direct, f.stance, f.rule))
    return out


def contents(text):
    return [c for _s, _cue, c, *_ in found(text)]


def test_reported_that_clause():
    (st,) = found("The foreign ministry said that the talks would resume next week.")
    assert st[0] == "The foreign ministry"
    assert st[1] == "said"
    assert st[2] == "the talks would resume next week"
    assert st[3] is False and st[4] == "assert"


def test_told_with_object_and_clause():
    (st,) = found("The envoy told reporters the border would stay closed.")
    assert st[1] == "told" and st[2] == "the border would stay closed"


def test_direct_quote_after_cue_and_before_it():
    sts = found('"We will not accept this," the minister said.\nThe president said: "Our forces are ready."')
    assert [(s[2], s[3]) for s in sts] == [("We will not accept this", True), ("Our forces are ready.", True)]


def test_quote_spanning_two_sentences():
    (st,) = found('"The plan is dead. Nobody will sign it," the spokesman said.')
    assert st[2] == "The plan is dead. Nobody will sign it" and st[3] is True


def test_split_quote_gives_two_statements_with_one_speaker():
    sts = found('"We are ready to talk," he said, "but not under threat."')
    assert [s[2] for s in sts] == ["We are ready to talk", "but not under threat."]
    assert {s[0] for s in sts} == {"he"}


def test_quoted_as_saying_takes_the_quote_before():
    (st,) = found('"The decision is final and will not change," Lavrov was quoted as saying.')
    assert st[0] == "Lavrov" and st[1] == "was quoted as saying" and st[3] is True
    assert st[2] == "The decision is final and will not change"


def test_denied_that():
    (st,) = found("A government spokesman denied that troops had crossed the border.")
    assert st[2] == "troops had crossed the border" and st[4] == "deny"


def test_rejected_object_phrase():
    (st,) = found("North Korea has rejected the proposal for talks on family reunions.")
    assert st[1] == "has rejected" and st[2] == "the proposal for talks on family reunions" and st[4] == "reject"


def test_described_as():
    (st,) = found("The North described the launches as routine and defensive.")
    assert st[2] == "the launches as routine and defensive"


def test_according_to():
    (st,) = found("According to the ministry's statement, the two sides agreed to meet again.")
    assert st[1] == "According to" and st[0] == "the ministry"
    assert st[2] == "the two sides agreed to meet again"


def test_nested_attribution_gives_two_statements():
    sts = found("The minister said that the talks had failed, the ministry said.")
    assert ("The minister", "said", "the talks had failed") in [s[:3] for s in sts]
    assert any(s[0] == "the ministry" and s[2].startswith("The minister said that") for s in sts)


def test_relative_denial_is_cut_from_the_claim():
    sts = found("Moscow said the ministers discussed peace talks, which Paris immediately denied.")
    assert sts[0][2] == "the ministers discussed peace talks"


def test_coordinated_cue_continues_the_speaker():
    sts = found("The president acknowledged that the attack happened, but suggested it was staged abroad.")
    assert [(s[0], s[1], s[2]) for s in sts] == [
        ("The president", "acknowledged", "the attack happened"),
        ("The president", "suggested", "it was staged abroad"),
    ]


def test_participle_continues_the_reporting_speaker():
    sts = found("The minister said that there was no evidence, calling on Tehran to stop the accusations.")
    assert ("The minister", "calling on", "Tehran to stop the accusations") in [s[:3] for s in sts]
    assert ("The minister", "said", "there was no evidence") in [s[:3] for s in sts]


def test_participle_on_a_message_speaks_for_its_sender():
    sts = found("Seoul said the North delivered the message on Thursday, saying the time was not right for talks.")
    assert ("the North", "saying", "the time was not right for talks") in [s[:3] for s in sts]


def test_noun_with_that_clause():
    sts = found("The president dismissed the general's suggestion that the army was behind the attack as absurd.")
    assert ("the general", "suggestion", "the army was behind the attack") in [s[:3] for s in sts]


def test_joint_speakers_speak_one_statement_each():
    sts = found("Both Russia and France said the ministers discussed the attack.")
    assert len(sts) == 2 and {s[2] for s in sts} == {"the ministers discussed the attack"}


def test_narration_is_not_a_statement():
    assert found("The ministers met in Geneva on Tuesday and toured the old town.") == []
    assert found("He refused to rule out sending troops.") == []


def test_cognition_verb_inside_reported_content_is_not_its_own_statement():
    sts = found("The minister told his counterpart that he hoped the talks would go on.")
    assert len(sts) == 1 and sts[0][2] == "he hoped the talks would go on"


def test_speech_inside_a_quote_is_not_a_new_attribution():
    sts = found('"As we have said many times, the issue must be solved first," said Kim.')
    assert len(sts) == 1 and sts[0][0] == "Kim"


def test_mixed_quote_marks():
    quotes = find_quotes('He called for “increased exchanges" and "a review".')
    assert len(quotes) == 2


def test_trim_keeps_a_balanced_closing_quote():
    text = 'dismissed it as "ridiculous".'
    start, end = trim(text, 0, len(text) - 2)
    assert text[start:end] == 'dismissed it as "ridiculous"'


def test_every_cue_has_a_known_stance():
    lex = lexicon()
    allowed = {"assert", "deny", "reject", "accuse", "acknowledge", "appeal", "criticize", "praise", "warn",
               "hope", "promise", "question", "describe"}
    assert set(lex.verbs.values()) <= allowed
    assert lex.object_verbs <= set(lex.verbs)


@pytest.mark.parametrize("text, side", [
    ('"We will not back down," the Russian foreign ministry said.', "RU"),
    ("French President Emmanuel Macron said the claim was ridiculous.", "FR"),
    ("The Kremlin said the talks were useful.", "RU"),
    ("Seoul's Unification Ministry said the North had sent a message.", "KR"),
    ("U.S. officials said the drills were defensive.", "US"),
    ("NATO said it would send more troops.", "ORG:NATO"),
])
def test_side_of_the_speaker(text, side):
    a = analyze(text)
    assert a.statements and a.statements[0].side == side


def test_pronoun_and_short_name_resolve_to_the_full_name():
    text = ("French President Emmanuel Macron dismissed the report as false.\n"
            '"It is out of the question," he told reporters.\n'
            "Macron said France would keep its troops in place.")
    a = analyze(text)
    names = [s.speaker_name for s in a.statements]
    assert names == ["Emmanuel Macron"] * 3
    assert [s.side for s in a.statements] == ["FR"] * 3
    assert a.statements[1].speaker_rule.startswith("pronoun")


def test_source_close_to_takes_the_side_of_the_person():
    text = ("German Chancellor Olaf Scholz met the envoy.\n"
            "A source close to Scholz denied that Germany had changed its position.")
    a = analyze(text)
    (st,) = [s for s in a.statements if s.cue.text == "denied"]
    assert st.side == "DE" and st.speaker_rule == "source_close_to"


def test_spans_point_at_the_text():
    text = '"We are ready," the Chinese foreign ministry said on Monday, adding that talks must resume.'
    a = analyze(text)
    for s in a.statements:
        for span in (s.speaker, s.cue, s.content):
            assert text[span.start:span.end] == span.text


def test_both_leaders_speak_for_both_sides():
    text = ("U.S. President Barack Obama spoke by telephone with Russian President Vladimir Putin.\n"
            "Both leaders voiced support for United Nations talks on Syria.")
    a = analyze(text)
    joint = [s for s in a.statements if s.speaker.text == "Both leaders"]
    assert sorted(s.side for s in joint) == ["RU", "US"]
    assert {s.content.text for s in joint} == {"support for United Nations talks on Syria"}
    assert all(s.speaker_rule == "joint_nominal" for s in joint)


def test_pressing_someone_to_act_is_an_appeal():
    (st,) = found("The U.S. has been pressing Russia to end its support for Assad.")
    assert st[2] == "Russia to end its support for Assad" and st[4] == "appeal"


def test_noun_cue_with_its_source_in_a_from_phrase():
    sts = found("Rwanda rejected accusations from Congo that it supports the rebels.")
    assert ("Congo", "accusations", "it supports the rebels") in [s[:3] for s in sts]


def test_light_verb_carries_a_noun_cue_for_its_subject():
    sts = found("The Venezuelan leader renewed a threat to halt oil sales to the United States.")
    assert [(s[0], s[2], s[4]) for s in sts] == [
        ("The Venezuelan leader", "to halt oil sales to the United States", "warn")]


def test_both_sides_are_the_two_states_and_both_leaders_the_heads_of_state():
    text = ("Indian Prime Minister Narendra Modi spoke with Pakistani Prime Minister Nawaz Sharif.\n"
            "An Indian army spokesman, Colonel Rajesh Kalia, said troops returned fire.\n"
            "Both sides accused the other of violating the cease-fire.\n"
            "Both leaders voiced support for more talks.")
    a = analyze(text, published="2015-07-16")
    sides = sorted(s.side for s in a.statements if s.speaker.text == "Both sides")
    leaders = sorted(s.speaker_name for s in a.statements if s.speaker.text == "Both leaders")
    assert sides == ["IN", "PK"]
    assert leaders == ["Narendra Modi", "Nawaz Sharif"]  # not the army spokesman named last


def test_that_clause_misattached_to_a_place_of_speaking():
    (st,) = found("The spokeswoman said at a Tuesday news briefing that the vessel breached the barrier.")
    assert st[1] == "said" and st[2] == "the vessel breached the barrier"


def test_call_on_with_its_infinitive_and_a_kept_object_relative_clause():
    sts = found('The council called on Russia to release the sailors "without delay."')
    assert sts[0][2].startswith("Russia to release the sailors")
    sts = found("Mr. Sharon called the attacks a violation of the understanding that he and Abbas agreed upon.")
    assert sts[0][2] == "the attacks a violation of the understanding that he and Abbas agreed upon"


def test_a_singular_verb_does_not_continue_a_plural_speaker():
    sts = found("Mainland officials say no dialogue can take place unless Taiwan accepts the principle "
                "and acknowledges Beijing as the only government.")
    assert [s[1] for s in sts] == ["say"]
