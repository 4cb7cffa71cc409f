"""Denials that only point back to a claim told before them ("Freedonia has denied this").

End to end through ``readouts.analyze`` on short texts written for these tests: the
denial is found in the parse, its side from the side resolver, and linked to the
claim of another side it answers; it is not reported as a statement of its own.
"""
from __future__ import annotations

from readouts import analyze
from readouts.divergence.disputes import find_divergence
from readouts.records import Span, Statement


def _disputes(text: str):
    a = analyze(text)
    for d in a.disputes:
        for part in (d.claim, d.counter):
            assert text[part.span.start:part.span.end] == part.span.text
    return a


def test_bare_denial_in_its_own_sentence_answers_the_claim_before_it():
    text = ("Chile's foreign ministry said that Peruvian troops crossed the river near the old mill "
            "on Tuesday night. Peru has denied this.")
    a = _disputes(text)
    assert [(d.claim.side, d.counter.side, d.counter.span.text, d.rule) for d in a.disputes] == [
        ("CL", "PE", "denied this", "counter:anaphoric")]
    d = a.disputes[0]
    assert d.claim.span.text.startswith("Peruvian troops crossed the river")
    # the denial is an answer, not a statement of its own
    assert not [s for s in a.statements if s.content.text == "this"]


def test_denial_sharing_its_speaker_with_another_verb():
    text = ("The Chilean defence ministry said that the rebels had broken the truce and shelled two villages. "
            "However, a Peruvian army officer rejected these reports and blamed Chile of staging the attack.")
    a = _disputes(text)
    hits = [d for d in a.disputes if d.counter.span.text == "rejected these reports"]
    assert len(hits) == 1
    assert hits[0].claim.span.text.startswith("the rebels had broken the truce")
    assert (hits[0].claim.side, hits[0].counter.side) == ("CL", "PE")


def test_denial_with_a_content_of_its_own_is_left_to_the_statements():
    # "denied that ..." says what it denies: the statement stage reports it; no bare counter is added
    text = "Chile said the talks had failed. Peru denied that the talks had failed."
    a = _disputes(text)
    assert all(d.rule != "counter:anaphoric" or d.counter.span.text != "denied" for d in a.disputes)


def test_no_side_no_bare_counter():
    # "the lawyer" speaks for no state: nothing to dispute with
    text = "Chile's president said the election was fair. The lawyer denied this."
    assert analyze(text).disputes == ()


def _st(text, sid, side, speaker, cue, content, stance="assert"):
    c = text.index(content)
    k = text.index(cue)
    s = text.index(speaker)
    return Statement(id=sid, speaker=Span.of(text, s, s + len(speaker)), cue=Span.of(text, k, k + len(cue)),
                     content=Span.of(text, c, c + len(content)), direct=False, stance=stance, rule="test", side=side)


def test_contrasted_denial_answers_the_claim_just_before_it():
    text = ("Ruritania has accused Freedonia of arming the rebels in the hills. "
            "But the Freedonian minister denied the convoy carried any cargo at all.")
    claim = _st(text, "a", "RU", "Ruritania", "has accused", "Freedonia of arming the rebels in the hills", "accuse")
    denial = _st(text, "b", "FD", "the Freedonian minister", "denied", "the convoy carried any cargo at all", "deny")
    disputes, _ = find_divergence(text, [claim, denial])
    assert [(d.claim.side, d.counter.side, d.rule) for d in disputes] == [("RU", "FD", "counter:contrast")]
    assert disputes[0].counter.span.text == "denied the convoy carried any cargo at all"


def test_without_contrast_an_unrelated_denial_links_nothing():
    text = ("Ruritania has accused Freedonia of arming the rebels in the hills. "
            "The Freedonian minister denied the convoy carried any cargo at all.")
    claim = _st(text, "a", "RU", "Ruritania", "has accused", "Freedonia of arming the rebels in the hills", "accuse")
    denial = _st(text, "b", "FD", "The Freedonian minister", "denied", "the convoy carried any cargo at all", "deny")
    disputes, _ = find_divergence(text, [claim, denial])
    assert disputes == []


def test_contrast_needs_the_claim_in_the_sentence_just_before():
    text = ("Ruritania has accused Freedonia of arming the rebels in the hills. The weather was cold all week. "
            "But the Freedonian minister denied the convoy carried any cargo at all.")
    claim = _st(text, "a", "RU", "Ruritania", "has accused", "Freedonia of arming the rebels in the hills", "accuse")
    denial = _st(text, "b", "FD", "the Freedonian minister", "denied", "the convoy carried any cargo at all", "deny")
    disputes, _ = find_divergence(text, [claim, denial])
    assert disputes == []


# ---- a contact one side asserts and the other denies ----------------------------------------

def test_disputed_contact_gives_a_dispute_on_the_assertion_and_the_denial():
    text = ("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Friday. "
            "Turkish officials denied any meeting took place.")
    a = _disputes(text)
    [c] = a.contacts
    assert c.disputed_by == ("TR",)
    [d] = a.disputes
    assert (d.claim.side, d.counter.side, d.rule) == ("RU", "TR", "counter:disputed-contact")
    # spans on the claim and the counter themselves, not on who denies
    assert d.claim.span.text.startswith("Vladimir Putin met Recep Tayyip Erdogan")
    assert d.counter.span.text == "denied any meeting took place"


def test_disputed_contact_denial_read_from_the_contact_when_no_statement_holds_it():
    from readouts.records import Contact

    text = "Putin met Erdogan in Sochi, Moscow said. Reports of such a meeting were dismissed in Ankara."
    claim = _st(text, "s1", "RU", "Moscow", "said", "Putin met Erdogan in Sochi")
    ev = text.index("Reports of such")
    contact = Contact(id="c1", participants=(), sides=("RU", "TR"), mode="meeting", when=None, current=True,
                      evidence=(Span.of(text, 0, len("Putin met Erdogan")),), rule="test",
                      disputed_by=("TR",), dispute_evidence=(Span.of(text, ev, len(text)),))
    disputes, _ = find_divergence(text, [claim], [contact])
    assert [(d.claim.side, d.counter.side, d.kind, d.rule) for d in disputes] == [
        ("RU", "TR", "rejection", "counter:disputed-contact")]
    assert disputes[0].claim.statement_id == "s1"
    assert disputes[0].counter.span.text == "dismissed in Ankara"
    assert text[disputes[0].counter.span.start:disputes[0].counter.span.end] == "dismissed in Ankara"


def test_undisputed_contact_gives_no_dispute():
    text = "Vladimir Putin met Recep Tayyip Erdogan in Sochi on Friday, the Kremlin said."
    assert analyze(text).disputes == ()


# ---- a rejection naming the claim's source after a participle ------------------------------

def test_claims_made_about_a_matter_by_a_named_source():
    text = ("The foreign ministry of Chile strongly denounces the false claims made regarding the border by "
            "Peruvian Foreign Minister Elmer Schialer during the summit in Brasilia.")
    counter = _st(text, "s1", "CL", "The foreign ministry of Chile", "denounces",
                  text[text.index("the false claims"):-1], "criticize")
    disputes, _ = find_divergence(text, [counter])
    # the source is Peru; the place where the claims were made (Brazil) is not a side of the dispute
    assert [(d.claim.side, d.counter.side, d.kind, d.counter.span.text) for d in disputes] == [
        ("PE", "CL", "rejection", "denounces")]


# ---- a refusal to accept the other side's account is a rejection ---------------------------

def test_refusing_to_accept_the_other_account_answers_it():
    from readouts.divergence.relate import rebuttal_kind

    assert rebuttal_kind("said", "Chile could not in any way accept the explanation given by Peru") == "rejection"
    assert rebuttal_kind("said", "Chile will accept the explanation given by Peru") is None
    text = ("Peru said the incident as described by Chile did not match the facts of the matter. "
            "The Chilean minister stated that Chile cannot accept the account of the incident given by Peru, "
            "which does not match the facts of the matter.")
    claim = _st(text, "a", "PE", "Peru", "said", "the incident as described by Chile did not match the facts of the matter")
    answer = _st(text, "b", "CL", "The Chilean minister", "stated",
                 "Chile cannot accept the account of the incident given by Peru, which does not match the facts of "
                 "the matter")
    disputes, _ = find_divergence(text, [claim, answer])
    assert [(d.claim.side, d.counter.side, d.kind) for d in disputes] == [("PE", "CL", "rejection")]


# ---- a text several states issue together -------------------------------------------------

def test_plural_nominal_in_a_joint_statement_speaks_for_every_issuer():
    text = ("Statement by the Foreign Ministers of Chile, Peru and Bolivia:\n\n"
            "The ministers stressed that the water agreement must be respected by all upstream users.")
    sides = sorted(s.side for s in analyze(text).statements)
    assert sides == ["BO", "CL", "PE"]


def test_plural_nominal_naming_its_country_keeps_it():
    text = ("Statement by the Foreign Ministers of Chile, Peru and Bolivia:\n\n"
            "The Chilean ministers stressed that the water agreement must be respected by all upstream users.")
    assert [s.side for s in analyze(text).statements] == ["CL"]


# ---- two accounts set against each other in one sentence -----------------------------------

def test_accounts_set_against_each_other_blaming_the_other_side():
    text = ("Chile said Peruvian troops fired first near the river, "
            "while Peru said its soldiers only answered shots from Chilean positions.")
    a = _disputes(text)
    assert [(d.claim.side, d.counter.side, d.rule) for d in a.disputes] == [
        ("CL", "PE", "contradiction:blame-each-other")]
    assert a.disputes[0].claim.span.text == "Peruvian troops fired first near the river"


def test_accounts_set_against_each_other_about_different_things_are_no_dispute():
    text = "Chile said the talks covered trade and fishing, while Peru said the ministers discussed the border."
    assert analyze(text).disputes == ()
