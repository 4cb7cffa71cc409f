"""Disputes and agreements within one article (readouts.divergence.disputes).

Rules are tested on Statement records built by hand over short texts written
for these tests, then measured on the gold statements of ../shared (skipped
when absent) and, end to end, on the real pipeline's no-dispute articles.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from readouts.divergence.disputes import find_divergence
from readouts.records import Span, Statement

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def st(text: str, sid: str, side: str | None, speaker: str, cue: str, content: str, stance: str = "assert",
       parent: str | None = None, occurrence: int = 0) -> Statement:
    """A statement whose spans are the given pieces of ``text`` (the n-th occurrence of the content)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(content, start + 1)
    assert start >= 0, content
    c = Span.of(text, start, start + len(content))
    k = text.rfind(cue, 0, start + len(content)) if text.rfind(cue, 0, start + len(content)) >= 0 else text.find(cue)
    s = text.rfind(speaker, 0, k + 1) if text.rfind(speaker, 0, k + 1) >= 0 else text.find(speaker)
    return Statement(id=sid, speaker=Span.of(text, s, s + len(speaker)), cue=Span.of(text, k, k + len(cue)),
                     content=c, direct=False, stance=stance, rule="test", side=side, parent=parent)


def check_spans(text, disputes, agreements):
    for d in disputes:
        for part in (d.claim, d.counter):
            assert text[part.span.start:part.span.end] == part.span.text
        assert d.claim.side and d.counter.side and d.claim.side != d.counter.side
        assert d.kind in ("denial", "contradiction", "rejection") and d.rule and d.topic
    for a in agreements:
        for e in a.evidence:
            assert text[e.start:e.end] == e.text
        assert len(set(a.sides)) >= 2


def test_relative_clause_denial_answers_the_claim_not_its_last_noun():
    text = ("Moscow said the two ministers had agreed to reopen talks on the grain corridor, "
            "which Ankara flatly denied.")
    claim = st(text, "s1", "RU", "Moscow", "said", "the two ministers had agreed to reopen talks on the grain corridor")
    disputes, _ = find_divergence(text, [claim])
    # no statement for the denial at all: the trailing clause is read from the text itself
    assert len(disputes) == 1
    d = disputes[0]
    assert d.kind == "denial"
    assert d.claim.span.text == claim.content.text and d.claim.side == "RU"
    assert d.counter.span.text.endswith("Ankara flatly denied")
    check_spans(text, disputes, [])


def test_denial_statement_whose_content_is_the_claim():
    text = "Russia said Paris proposed a ceasefire in Ukraine, which France immediately denied."
    claim = st(text, "s1", "RU", "Russia", "said", "Paris proposed a ceasefire in Ukraine")
    denial = st(text, "s2", "FR", "France", "denied", "Paris proposed a ceasefire in Ukraine", stance="deny")
    disputes, agreements = find_divergence(text, [claim, denial])
    assert len(disputes) == 1
    d = disputes[0]
    assert (d.claim.side, d.counter.side, d.kind) == ("RU", "FR", "denial")
    assert "France immediately denied" in d.counter.span.text
    assert agreements == []


def test_dismissed_suggestion_links_the_nested_claim():
    text = ('The French minister dismissed the Kremlin\'s suggestion that French agents were behind the '
            'bombing as "absurd".')
    outer = st(text, "s1", "FR", "The French minister", "dismissed",
               'the Kremlin\'s suggestion that French agents were behind the bombing as "absurd"', stance="reject")
    inner = st(text, "s2", "RU", "the Kremlin", "suggestion", "French agents were behind the bombing", parent="s1")
    disputes, _ = find_divergence(text, [outer, inner])
    assert len(disputes) == 1
    d = disputes[0]
    assert d.kind == "rejection"
    assert d.claim.span.text == "French agents were behind the bombing" and d.claim.side == "RU"
    assert "dismissed" in d.counter.span.text and d.counter.side == "FR"


def test_bare_denial_of_the_accusation_takes_the_claim_before_it():
    text = ("Pakistan said its troops shot down an Indian drone over Kashmir on Wednesday. "
            "The Indian army denied the accusation.")
    claim = st(text, "s1", "PK", "Pakistan", "said", "its troops shot down an Indian drone over Kashmir on Wednesday")
    denial = st(text, "s2", "IN", "The Indian army", "denied", "the accusation", stance="deny")
    disputes, _ = find_divergence(text, [claim, denial])
    assert [(d.claim.side, d.counter.side) for d in disputes] == [("PK", "IN")]
    assert disputes[0].rule == "counter:anaphoric"


def test_no_information_is_a_counter_to_the_matching_claim():
    text = ("Russian officials said the gunmen were linked to Kyiv. "
            "The French minister said Paris had no information to establish a link to Kyiv. "
            "He said France would keep its embassy open.")
    claim = st(text, "s1", "RU", "Russian officials", "said", "the gunmen were linked to Kyiv")
    counter = st(text, "s2", "FR", "The French minister", "said",
                 "Paris had no information to establish a link to Kyiv")
    other = st(text, "s3", "FR", "He", "said", "France would keep its embassy open")
    disputes, _ = find_divergence(text, [claim, counter, other])
    assert len(disputes) == 1
    assert disputes[0].claim.statement_id == "s1" and disputes[0].counter.statement_id == "s2"


def test_opposite_polarity_on_one_matter_is_a_contradiction():
    text = ("Seoul said North Korean troops crossed the border near Panmunjom on Sunday. "
            "Pyongyang said no North Korean troops crossed the border near Panmunjom.")
    a = st(text, "s1", "KR", "Seoul", "said", "North Korean troops crossed the border near Panmunjom on Sunday")
    b = st(text, "s2", "KP", "Pyongyang", "said", "no North Korean troops crossed the border near Panmunjom")
    disputes, agreements = find_divergence(text, [a, b])
    assert len(disputes) == 1 and disputes[0].kind == "contradiction"
    assert "no" in disputes[0].conflict_words
    assert agreements == []


def test_sides_talking_about_different_things_give_no_dispute():
    text = ("The Japanese foreign ministry said the talks covered fishing quotas and tourism. "
            "China's commerce ministry said it would not raise tariffs on rare earth exports this year. "
            "Tokyo said it hopes to host the next round in spring.")
    sts = [st(text, "s1", "JP", "The Japanese foreign ministry", "said", "the talks covered fishing quotas and tourism"),
           st(text, "s2", "CN", "China's commerce ministry", "said",
              "it would not raise tariffs on rare earth exports this year"),
           st(text, "s3", "JP", "Tokyo", "said", "it hopes to host the next round in spring")]
    disputes, agreements = find_divergence(text, sts)
    assert disputes == [] and agreements == []


def test_joint_statement_is_an_agreement_and_mutual_blame_is_a_dispute():
    text = ("Both Serbia and Kosovo said the border crossing would reopen on Monday. "
            "Serbia and Kosovo accused each other of stoking tension in the north.")
    joint = "the border crossing would reopen on Monday"
    blame = "each other of stoking tension in the north"
    sts = [st(text, "s1", "RS", "Both Serbia and Kosovo", "said", joint),
           st(text, "s2", "XK", "Both Serbia and Kosovo", "said", joint),
           st(text, "s3", "RS", "Serbia and Kosovo", "accused", blame, stance="accuse"),
           st(text, "s4", "XK", "Serbia and Kosovo", "accused", blame, stance="accuse")]
    disputes, agreements = find_divergence(text, sts)
    assert [set(a.sides) for a in agreements] == [{"RS", "XK"}]
    assert agreements[0].rule == "agreement:joint-statement"
    assert [(d.kind, d.rule) for d in disputes] == [("contradiction", "contradiction:mutual-accusation")]
    check_spans(text, disputes, agreements)


def test_statements_without_a_side_never_make_a_dispute():
    text = "Analysts said the plan would fail. The ministry denied that the plan would fail."
    a = st(text, "s1", None, "Analysts", "said", "the plan would fail")
    b = st(text, "s2", "FR", "The ministry", "denied", "the plan would fail", stance="deny", occurrence=1)
    disputes, _ = find_divergence(text, [a, b])
    assert disputes == []


# ---- measured on gold statements and on the real pipeline ---------------------------------------

def _gold_files():
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    return [SHARED / "gold" / "seed.json"] + sorted((SHARED / "gold" / "dev" / "articles").glob("*.json"))


def _score():
    sys.path.insert(0, str(SHARED / "eval"))
    import score

    score.EXPLAIN[:] = []
    return score


def test_gold_statements_reach_the_dispute_and_agreement_floors():
    from gold_statements import gold_statements

    files = _gold_files()
    score = _score()
    seed, dev = score.new_acc(), score.new_acc()
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        disputes, agreements = find_divergence(gold["text"], gold_statements(gold), ())
        check_spans(gold["text"], disputes, agreements)
        pred = {"disputes": [d.to_json() for d in disputes], "agreements": [a.to_json() for a in agreements]}
        score.score_article(gold, pred, seed if path.name == "seed.json" else dev)
    s, d = score.summary(seed), score.summary(dev)
    # seed: at least three of four disputes, at most one extra; the joint statement's agreement (the
    # gold's second agreement repeats a disputed claim, which readouts never lists as agreed too)
    assert s["disputes"]["tp"] >= 3 and s["disputes"]["fp"] <= 1
    assert s["agreements"]["tp"] >= 1 and s["agreements"]["fp"] == 0
    # dev: disputes F1 of at least 0.5 and at most one false alarm on the no-dispute articles
    assert d["disputes"]["f1"] >= 0.5
    assert int(d["articles"]["control_false_alarms"].split("/")[0]) <= 1


def test_real_pipeline_finds_no_dispute_on_most_no_dispute_articles():
    from readouts import analyze

    files = [p for p in _gold_files() if p.name != "seed.json"]
    controls = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    controls = [g for g in controls if not g["disputes"]]
    assert controls
    alarms = [g["id"] for g in controls if analyze(g["text"], published=g.get("published")).disputes]
    assert len(alarms) <= 1, alarms


def test_denial_naming_its_claim_and_sources_gives_one_dispute_per_source_side():
    text = ("Kigali has denied accusations from Congo and U.N. experts that it arms the rebels in North Kivu. "
            "Kigali said it wants peace.")
    denial = st(text, "s1", "RW", "Kigali", "has denied",
                "accusations from Congo and U.N. experts that it arms the rebels in North Kivu", stance="deny")
    other = st(text, "s2", "RW", "Kigali", "said", "it wants peace")
    disputes, _ = find_divergence(text, [denial, other])
    assert {d.claim.side for d in disputes} == {"CD", "ORG:UN"}
    for d in disputes:
        assert d.claim.span.text == "it arms the rebels in North Kivu"
        # the counter is what denies, never who: the speaker is the side, not the evidence
        assert d.counter.side == "RW" and d.counter.span.text == "has denied"
        assert d.rule == "counter:embedded-claim" and d.claim.statement_id is None
    check_spans(text, disputes, [])


def test_accounts_are_grouped_by_contact_then_topic():
    from readouts.divergence.accounts import group_accounts
    from readouts.records import Analysis, Article, Contact, Participant

    text = ("The French minister spoke by phone with his Russian counterpart on Wednesday. "
            "Paris said the call covered grain exports.\n"
            "Paris said the grain exports must resume through the Black Sea ports. "
            "Paris also said the embassy in Moscow stays open. "
            "Paris added that the Black Sea ports need grain convoys.\n"
            "Moscow said grain exports depend on sanctions relief.")
    sts = [st(text, "s1", "FR", "Paris", "said", "the call covered grain exports"),
           st(text, "s2", "FR", "Paris", "said", "the grain exports must resume through the Black Sea ports"),
           st(text, "s3", "FR", "Paris", "also said", "the embassy in Moscow stays open"),
           st(text, "s4", "RU", "Moscow", "said", "grain exports depend on sanctions relief"),
           st(text, "s5", "FR", "Paris", "added", "the Black Sea ports need grain convoys")]
    call = text.find("spoke by phone")
    contact = Contact(id="c1", participants=(Participant("French minister", "FR"), Participant("Russian minister", "RU")),
                      sides=("FR", "RU"), mode="call", when="2024-04-03", current=True,
                      evidence=(Span.of(text, call, call + len("spoke by phone")),), rule="test")
    accounts = group_accounts(Analysis(Article(text), statements=tuple(sts), contacts=(contact,)))
    assert [a.side for a in accounts] == ["FR", "RU"]
    fr = accounts[0].groups
    assert fr[0].contact_id == "c1" and [s.id for s in fr[0].statements] == ["s1"]
    assert fr[0].topic.startswith("call of French minister and Russian minister")
    # the two statements on the Black Sea ports share a topic; the embassy is another
    assert [[s.id for s in g.statements] for g in fr[1:]] == [["s2", "s5"], ["s3"]]
    assert fr[1].topic == "the grain exports must resume through the Black ..."
    assert [[s.id for s in g.statements] for g in accounts[1].groups] == [["s4"]]
    assert accounts[0].to_json()["groups"][0]["statements"] == ["s1"]


# ---- the shared classifier in one article --------------------------------------------------------

def test_falsity_words_make_a_counter_to_the_claim_they_answer():
    text = ("Ruritania said Freedonian drones struck the Kessel power plant on Tuesday. "
            "Freedonia's defence ministry said the report of drones striking the power plant was fabricated.")
    claim = st(text, "s1", "RR", "Ruritania", "said", "Freedonian drones struck the Kessel power plant on Tuesday")
    counter = st(text, "s2", "FD", "Freedonia's defence ministry", "said",
                 "the report of drones striking the power plant was fabricated")
    disputes, agreements = find_divergence(text, [claim, counter])
    assert [(d.kind, d.claim.statement_id, d.counter.statement_id) for d in disputes] == [("rejection", "s1", "s2")]
    assert agreements == []


def test_other_numbers_in_two_sides_statements_are_a_contradiction():
    text = ("Ruritania said two of its patrol boats were seized near the reef on Monday. "
            "Freedonia said one Ruritanian patrol boat was seized near the reef on Monday.")
    a = st(text, "s1", "RR", "Ruritania", "said", "two of its patrol boats were seized near the reef on Monday")
    b = st(text, "s2", "FD", "Freedonia", "said", "one Ruritanian patrol boat was seized near the reef on Monday")
    disputes, agreements = find_divergence(text, [a, b])
    assert [(d.kind, d.rule, d.conflict_words) for d in disputes] == [
        ("contradiction", "contradiction:numbers", ("2", "1"))]
    assert agreements == []


def test_competing_claims_to_one_thing_are_a_dispute_not_an_agreement():
    text = "Ruritania and Freedonia both claim the Kessel islands."
    sts = [st(text, "s1", "RR", "Ruritania and Freedonia", "claim", "the Kessel islands"),
           st(text, "s2", "FD", "Ruritania and Freedonia", "claim", "the Kessel islands")]
    disputes, agreements = find_divergence(text, sts)
    assert [d.rule for d in disputes] == ["contradiction:competing-claims"] and agreements == []
    # one sentence tells both accounts, but the two parts of the dispute never carry the same text
    assert disputes[0].claim.span.text != disputes[0].counter.span.text
    check_spans(text, disputes, agreements)


def test_mutual_accusation_never_shows_the_same_text_on_both_sides():
    text = "Ruritania and Freedonia accused each other of shelling the border village."
    sts = [st(text, "s1", "RR", "Ruritania and Freedonia", "accused", "each other of shelling the border village",
              stance="accuse"),
           st(text, "s2", "FD", "Ruritania and Freedonia", "accused", "each other of shelling the border village",
              stance="accuse")]
    disputes, agreements = find_divergence(text, sts)
    assert len(disputes) == 1 and agreements == []
    assert disputes[0].claim.span.text == "each other of shelling the border village"
    assert disputes[0].counter.span.text == text.rstrip(".")


def test_a_disputed_claim_is_not_also_an_agreement():
    text = ("Moscow said the ministers discussed a ceasefire in the Black Sea ports, which Paris denied. "
            "Paris said the ministers discussed grain in the Black Sea ports.")
    claim = st(text, "s1", "RU", "Moscow", "said", "the ministers discussed a ceasefire in the Black Sea ports")
    same = st(text, "s2", "FR", "Paris", "said", "the ministers discussed grain in the Black Sea ports")
    disputes, agreements = find_divergence(text, [claim, same])
    assert [d.claim.statement_id for d in disputes] == ["s1"]
    assert agreements == []  # the two would agree on their words, but the claim is disputed


def test_ids_come_from_kind_sides_and_both_spans():
    text = "Kigali has denied accusations from Congo and U.N. experts that it arms the rebels in North Kivu."
    denial = st(text, "s1", "RW", "Kigali", "has denied",
                "accusations from Congo and U.N. experts that it arms the rebels in North Kivu", stance="deny")
    disputes, _ = find_divergence(text, [denial])
    # one claim and one counter, two claiming sides: two disputes, two ids
    assert len(disputes) == 2 and len({d.id for d in disputes}) == 2
    assert find_divergence(text, [denial])[0][0].id == disputes[0].id  # the same input, the same id


def test_sides_claiming_something_of_themselves_do_not_agree():
    text = "Both Ruritania and Freedonia claimed they were acting in self-defence."
    content = "they were acting in self-defence"
    sts = [st(text, "s1", "RR", "Both Ruritania and Freedonia", "claimed", content),
           st(text, "s2", "FD", "Both Ruritania and Freedonia", "claimed", content)]
    assert find_divergence(text, sts) == ([], [])


def test_two_sides_blaming_each_other_is_one_dispute_however_often_told():
    text = ("Peru accused Chilean troops of shelling the border villages. "
            "Chile said Peruvian gunners had shelled the border villages first. "
            "Peru also accused Chilean forces of mining the river crossing. "
            "Chile said Peruvian sappers mined the river crossing.")
    sts = [st(text, "s1", "PE", "Peru", "accused", "Chilean troops of shelling the border villages",
              stance="accuse"),
           st(text, "s2", "CL", "Chile", "said", "Peruvian gunners had shelled the border villages first"),
           st(text, "s3", "PE", "Peru", "also accused", "Chilean forces of mining the river crossing",
              stance="accuse"),
           st(text, "s4", "CL", "Chile", "said", "Peruvian sappers mined the river crossing")]
    disputes, _ = find_divergence(text, sts)
    assert [(d.rule, d.claim.statement_id, d.counter.statement_id) for d in disputes] == [
        ("contradiction:blame-each-other", "s1", "s2")]


def test_a_bare_rebuttal_after_a_dispute_of_the_same_sides_adds_none():
    text = ("Chile said Peruvian trawlers fished inside its waters in May. "
            "Peru denied that its trawlers fished inside Chilean waters. "
            "Chile also said the catch was sold in Arica. "
            "Peru's minister dismissed the report.")
    sts = [st(text, "s1", "CL", "Chile", "said", "Peruvian trawlers fished inside its waters in May"),
           st(text, "s2", "PE", "Peru", "denied", "that its trawlers fished inside Chilean waters", stance="deny"),
           st(text, "s3", "CL", "Chile", "also said", "the catch was sold in Arica"),
           st(text, "s4", "PE", "Peru's minister", "dismissed", "the report", stance="reject")]
    disputes, _ = find_divergence(text, sts)
    assert [(d.claim.statement_id, d.counter.statement_id) for d in disputes] == [("s1", "s2")]
    # alone, the same bare rebuttal answers the claim just before it
    disputes, _ = find_divergence(text, [sts[2], sts[3]])
    assert [(d.rule, d.claim.statement_id) for d in disputes] == [("counter:anaphoric", "s3")]


def test_one_point_of_agreement_told_twice_is_listed_once():
    text = "Chile and Peru agreed and pledged to reopen the border crossing at Chacalluta."
    content = "to reopen the border crossing at Chacalluta"
    sts = [st(text, "s1", "CL", "Chile and Peru", "agreed", content),
           st(text, "s2", "PE", "Chile and Peru", "agreed", content),
           st(text, "s3", "CL", "Chile and Peru", "pledged", content[3:]),
           st(text, "s4", "PE", "Chile and Peru", "pledged", content[3:])]
    _, agreements = find_divergence(text, sts)
    assert [set(a.sides) for a in agreements] == [{"CL", "PE"}]


def test_a_counter_span_is_what_is_said_not_who_says_it():
    text = ("Chile said Peruvian trawlers fished inside its waters in May. "
            "The report about the trawlers was false, Peru's fisheries ministry said on Tuesday. "
            "Peru's navy chief dismissed the Chilean claim about the trawlers as baseless. "
            "Chile said its consulate in Tacna stays open.")
    claim = st(text, "s1", "CL", "Chile", "said", "Peruvian trawlers fished inside its waters in May")
    after = st(text, "s2", "PE", "Peru's fisheries ministry", "said", "The report about the trawlers was false")
    cue_at = text.index("said on Tuesday")  # the cue after its content ("..., the ministry said")
    after = Statement(**{f: getattr(after, f) for f in after.__slots__ if f != "cue"},
                      cue=Span.of(text, cue_at, cue_at + 4))
    before = st(text, "s3", "PE", "Peru's navy chief", "dismissed", "the Chilean claim about the trawlers as baseless",
                stance="reject")
    for counter, expected in ((after, "The report about the trawlers was false"),
                              (before, "dismissed the Chilean claim about the trawlers as baseless")):
        other = st(text, "s4", "CL", "Chile", "said", "its consulate in Tacna stays open")
        disputes, _ = find_divergence(text, [claim, counter, other])
        assert [d.counter.span.text for d in disputes] == [expected]
