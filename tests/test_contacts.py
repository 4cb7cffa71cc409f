"""Contacts between sides, each phrasing on a short text written for the test."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from readouts.contacts.find import find_contacts, find_triggers
from readouts.errors import ModelError
from readouts.parse.nlp import parse

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module", autouse=True)
def needs_gazetteer():
    try:
        from readouts.sides.gazetteer import gazetteer

        gazetteer()
    except (ImportError, ModelError) as err:
        pytest.skip(f"gazetteer not available: {err}")


def contacts(text: str, published: str | None = "2024-04-04", **kw):
    found = find_contacts(parse(text), (), published, **kw)
    for c in found:
        for span in (*c.evidence, *(p.mention for p in c.participants if p.mention)):
            assert text[span.start:span.end] == span.text
    return found


def one(text: str, published: str | None = "2024-04-04"):
    found = contacts(text, published)
    assert len(found) == 1, [(c.sides, c.mode, c.evidence[0].text) for c in found]
    return found[0]


def test_phone_call_between_with_demonym_titles():
    c = one("France and Russia gave different accounts of a phone call on Wednesday between French "
            "Defence Minister Sebastien Lecornu and his Russian counterpart Sergei Shoigu.")
    assert set(c.sides) == {"FR", "RU"}
    assert (c.mode, c.when, c.current) == ("call", "2024-04-03", True)
    # names are canonical: the gazetteer's officials list may write "Sébastien"
    assert [p.name.split()[-1] for p in c.participants] == ["Lecornu", "Shoigu"]
    assert c.evidence[0].text.startswith("a phone call on Wednesday between")


def test_spoke_by_phone_with():
    c = one("U.S. President Barack Obama spoke by telephone Wednesday with Russian President Vladimir Putin, "
            "White House officials said.", "2016-01-13")
    assert (set(c.sides), c.mode, c.when) == ({"US", "RU"}, "call", "2016-01-13")


def test_states_held_talks():
    c = one("Washington and Beijing held talks in Geneva on Tuesday.")
    assert (set(c.sides), c.mode, c.when) == ({"US", "CN"}, "talks", "2024-04-02")


def test_demonym_delegations_are_two_parties():
    c = one("Russian and Ukrainian delegations held talks in Istanbul on Monday.")
    assert set(c.sides) == {"RU", "UA"}


def test_met_in_a_city():
    c = one("Turkish President Recep Tayyip Erdogan met Iranian President Ebrahim Raisi in Ankara on Friday.")
    assert (set(c.sides), c.mode, c.when) == ({"TR", "IR"}, "meeting", "2024-03-29")


def test_hosted():
    c = one("Israeli Prime Minister Ehud Olmert hosted Palestinian President Mahmoud Abbas at his residence "
            "in Jerusalem on Monday.", "2008-04-07")
    assert (set(c.sides), c.mode, c.when) == ({"IL", "PS"}, "meeting", "2008-04-07")


def test_in_a_call_with_takes_the_clause_subject():
    c = one("In a call with German Chancellor Olaf Scholz on Tuesday, French President Emmanuel Macron "
            "discussed energy prices.")
    assert set(c.sides) == {"DE", "FR"} and c.mode == "call"


def test_recalled_contacts_with_month_and_that_year():
    text = ("The French Defence Minister Sebastien Lecornu spoke to Russian Defence Minister Sergei Shoigu "
            "by phone on Wednesday.\nLecornu and Shoigu last held phone talks in October 2022, following a "
            "series of phone calls between Macron and Putin, the last of which was in September of that year.\n"
            "French President Emmanuel Macron and Russian President Vladimir Putin have not spoken since.")
    found = contacts(text)
    assert [(c.when, c.current) for c in found] == [("2024-04-03", True), ("2022-10", False), ("2022-09", False)]
    assert [p.name for p in found[2].participants] == ["Emmanuel Macron", "Vladimir Putin"]
    assert all(c.mode == "call" and set(c.sides) == {"FR", "RU"} for c in found)


def test_mentions_of_one_contact_merge_and_the_initiator_is_attributed():
    text = ("Russian Foreign Minister Sergei Lavrov and US Secretary of State Antony Blinken held a phone "
            "call on Thursday.\nThe Russian foreign ministry said in a statement on the call, which Moscow "
            "said was initiated by Washington, that the two ministers discussed Ukraine.")
    c = one(text)
    assert len(c.evidence) == 2
    assert (c.initiator, c.initiator_per) == ("US", "RU")
    assert c.initiator_evidence.text == "initiated by Washington"


def test_plural_reference_points_back():
    text = ("Chinese President Xi Jinping and US President Joe Biden met in California on Wednesday.\n"
            "It was their first meeting in a year.")
    c = one(text, "2023-11-16")
    assert (set(c.sides), c.when) == ({"CN", "US"}, "2023-11-15")
    assert len(c.evidence) == 2


@pytest.mark.parametrize("text", [
    "Turkey said last month it was ready to again host a peace summit between Russia and Ukraine.",
    "Russian President Vladimir Putin will meet Chinese President Xi Jinping next week.",
    "The Kremlin rejected a proposal for talks between Russia and Ukraine.",
    "Macron wants contact at a technical level rather than direct talks with Russian President Vladimir Putin.",
    "Days before Israel resumes peace talks with the Palestinians, a dispute erupted.",
    "Talks between Russia and Ukraine are expected to resume next week.",
    "The summit between Russia and the United States was postponed.",
    "Ukraine cancelled talks with Russia on Monday.",
])
def test_planned_proposed_and_negated_contacts_are_not_current(text):
    assert contacts(text) == []
    for c in contacts(text, planned=True):
        assert c.planned and not c.current


def test_planned_contacts_on_request():
    found = contacts("Russian President Vladimir Putin will meet Chinese President Xi Jinping next week.", planned=True)
    assert [(set(c.sides), c.planned) for c in found] == [({"RU", "CN"}, True)]


def test_contact_with_unknown_second_party_is_not_emitted():
    assert contacts("French President Emmanuel Macron met the committee on Friday.") == []


def test_call_verb_needs_a_party_object():
    assert contacts("Macron called on Russia to stop the war and called the attack ridiculous.") == []


def test_letter_and_video_modes():
    assert one("Iranian President Hassan Rouhani wrote to French President Emmanuel Macron on Monday.").mode == "letter"
    assert one("Russian President Vladimir Putin held a video call with Chinese President Xi Jinping "
               "on Friday.").mode == "video"


def test_no_published_date_leaves_relative_when_unknown():
    c = one("Washington and Beijing held talks on Tuesday.", None)
    assert c.when is None


def test_triggers_on_a_plain_sentence():
    doc = parse("The two leaders met and later spoke by phone.")
    assert [(doc[t.head].text, t.mode) for t in find_triggers(doc)] == [("met", "meeting"), ("spoke", "call")]


def test_seed_article_has_its_four_contacts():
    path = SHARED / "gold" / "seed.json"
    if not path.exists():
        pytest.skip("../shared not present")
    gold = json.loads(path.read_text(encoding="utf-8"))
    found = find_contacts(parse(gold["text"]), (), gold["published"])
    got = sorted((tuple(sorted(c.sides)), c.mode, c.when) for c in found)
    want = sorted((tuple(sorted(g["sides"])), g["mode"], g["when"]) for g in gold["contacts"])
    assert got == want
    first = next(c for c in found if c.when == "2024-04-03")
    assert (first.initiator, first.initiator_per) == ("FR", "RU")


@pytest.mark.slow
def test_dev_articles_contacts_f1_and_when():
    articles = sorted((SHARED / "gold" / "dev" / "articles").glob("*.json"))
    if not articles:
        pytest.skip("../shared not present")
    sys.path.insert(0, str(SHARED / "eval"))
    import score

    from readouts.records import Analysis, Article

    acc = score.new_acc()
    for path in articles:
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = find_contacts(parse(gold["text"]), (), gold["published"])
        pred = Analysis(Article(gold["text"], gold["id"], gold["published"]), contacts=tuple(found)).to_json()
        score.score_article(gold, pred, acc)
    summary = score.summary(acc)
    assert summary["contacts"]["f1"] >= 0.75
    assert summary["matched contacts"]["when_acc"] >= 0.75


@pytest.mark.parametrize("text, sides, mode", [
    ("The U.S. ambassador was summoned to the Russian foreign ministry on Monday.", {"US", "RU"}, "meeting"),
    ("North Korean leader Kim Jong Un sent a letter to South Korean President Moon Jae-in.", {"KP", "KR"}, "letter"),
    ("Xi told Biden during their call that Taiwan was a red line.", {"CN", "US"}, "call"),
    ("Blinken discussed Gaza with Egyptian Foreign Minister Sameh Shoukry in a phone call on Tuesday.",
     {"US", "EG"}, "call"),
    ("The talks between Israel and Hamas, mediated by Qatar, stalled on Thursday.", {"IL", "ORG:Hamas"}, "talks"),
    ("After three days of talks, Red Cross officials from South and North Korea agreed to resume reunions.",
     {"KR", "KP"}, "talks"),
    # "spoke to" a person (a title or a named person) reports a contact, as "spoke with" does
    ("The Dutch prime minister spoke to the President of Chile, Ana Ruiz, this evening.", {"NL", "CL"}, "call"),
    ("Lavrov spoke to his Turkish counterpart on Monday.", {"RU", "TR"}, "call"),
    # "called Y to a place" is a summons, a meeting; "called Y to discuss" a call
    ("The Dutch foreign minister called the Chilean ambassador to the ministry on Monday.", {"NL", "CL"}, "meeting"),
    ("The Dutch foreign minister called the Chilean president on Monday to discuss trade.", {"NL", "CL"}, "call"),
    # the other party on the verb's object: "a joint statement with Y after a meeting"
    ("Xi issued a joint statement with Brazilian President Lula da Silva after a meeting on Tuesday.",
     {"CN", "BR"}, "meeting"),
])
def test_more_phrasings(text, sides, mode):
    c = one(text)
    assert (set(c.sides), c.mode) == (sides, mode)


@pytest.mark.parametrize("text", [
    "Putin called Biden's remarks a provocation.",                       # "remarks" is not a party
    "He accused Sharon of stepping up the pressure before his meeting with President Bush.",
    "Moscow and Kyiv said they look forward to meeting again in September for a bilateral summit.",
    "Russian Foreign Minister Sergei Lavrov spoke to reporters in Paris on Monday.",  # no person spoken to
    "The French president spoke to German lawmakers in Berlin on Tuesday.",
    "Russian Foreign Minister Sergei Lavrov spoke to the BBC on Monday.",
])
def test_not_contacts(text):
    assert contacts(text) == []


def test_after_a_dated_event_gives_the_shared_year():
    c = one("However after Yanukovych came to power in February, Moscow and Kyiv signed an agreement "
            "to extend the lease.", "2010-07-24")
    assert (set(c.sides), c.when) == ({"RU", "UA"}, "2010")


@pytest.mark.parametrize("text, initiator, per", [
    (("French President Emmanuel Macron spoke by phone with Russian President Vladimir Putin on Friday. "
     "The Kremlin said the call was held at the request of the French side."), "FR", "RU"),
    (("Russian President Vladimir Putin and U.S. President Joe Biden held a video call on Tuesday at "
     "Washington's request, the Kremlin said."), "US", "RU"),
    (("The White House said Chinese President Xi Jinping initiated the call with U.S. President Joe Biden "
     "on Thursday."), "CN", "US"),
])
def test_initiator_and_who_says_so(text, initiator, per):
    c = one(text)
    assert (c.initiator, c.initiator_per) == (initiator, per)
    assert text[c.initiator_evidence.start:c.initiator_evidence.end] == c.initiator_evidence.text


def test_armed_groups_are_a_side_of_their_own():
    c = one("Sudanese Prime Minister Omar Hassan met with leaders of Sudanese rebel groups in Juba on Thursday.")
    assert set(c.sides) == {"SD", "ORG:Sudanese rebel groups"}


def test_requests_and_rejections_of_talks_are_not_contacts():
    assert contacts("Russia requested talks with Ukraine. Kyiv rejected a meeting with Moscow.") == []


def test_planned_meeting_on_a_weekday_is_the_one_to_come():
    found = contacts("Obama and Cuban President Raul Castro are expected to meet on Saturday. U.S. President "
                     "Barack Obama said he was ready.", "2015-04-09", planned=True)
    assert [(set(c.sides), c.planned, c.current, c.when) for c in found] == [({"US", "CU"}, True, False, "2015-04-11")]


@pytest.mark.parametrize("text, mode", [
    ("Secretary Blinken spoke today with Ukrainian Foreign Minister Dmytro Kuleba.", "call"),
    ("Secretary Blinken spoke with Ukrainian Foreign Minister Dmytro Kuleba in Kyiv on Monday.", "meeting"),
    # a place in what they spoke about is no venue
    ("Secretary Blinken spoke today with Ukrainian Foreign Minister Dmytro Kuleba about the fighting in Kharkiv.",
     "call"),
])
def test_spoke_with_is_a_call_unless_a_place_says_they_met(text, mode):
    c = one(text)
    assert (set(c.sides), c.mode) == ({"US", "UA"}, mode)


def test_their_meeting_with_nothing_before_is_not_guessed_but_the_two_sides_is():
    text = ("Russia and the United States traded accusations on Monday.\n"
            "NATO defence ministers said their meeting in Brussels had been useful.")
    assert contacts(text) == []
    c = one("Russia and the United States traded accusations on Monday.\n"
            "The two sides held bilateral talks in Geneva last year.")
    assert (set(c.sides), c.when, c.current) == ({"RU", "US"}, "2023", False)


def test_seed_through_analyze_with_the_actor_table():
    path = SHARED / "gold" / "seed.json"
    if not path.exists():
        pytest.skip("../shared not present")
    import readouts

    gold = json.loads(path.read_text(encoding="utf-8"))
    result = readouts.analyze(gold["text"], published=gold["published"])
    held = [c for c in result.contacts if not c.planned]
    got = sorted((tuple(sorted(c.sides)), c.mode, c.when, c.current) for c in held)
    want = sorted((tuple(sorted(g["sides"])), g["mode"], g["when"], g["current"]) for g in gold["contacts"])
    assert got == want
    # Turkey's offer to host a summit is planned, never a contact that happened
    assert all(not c.current for c in result.contacts if c.planned)
    for c in result.contacts:
        for span in c.evidence:
            assert gold["text"][span.start:span.end] == span.text


@pytest.mark.parametrize("text, planned", [
    (("Russian Foreign Minister Sergei Lavrov traveled to Ankara for talks with Turkish Foreign Minister "
     "Mevlut Cavusoglu."), False),
    (("Russian Foreign Minister Sergei Lavrov will travel to Ankara for talks with Turkish Foreign Minister "
     "Mevlut Cavusoglu."), True),
    ("Israeli Prime Minister Ariel Sharon is in Texas for talks with U.S. President George W. Bush.", True),
])
def test_travel_for_talks(text, planned):
    found = contacts(text, planned=True)
    assert [c.planned for c in found] == [planned]


def test_undated_news_contact_is_dated_the_published_day_and_says_so():
    c = one("The Chilean president telephoned his Argentine counterpart to discuss the fires.")
    assert (c.when, c.when_rule, c.current) == ("2024-04-04", "published_day", True)


def test_any_verb_done_by_telephone_is_a_call():
    c = one("The German and Polish foreign ministers discussed the border by telephone on Sunday.")
    assert (set(c.sides), c.mode, c.when, c.rule) == ({"DE", "PL"}, "call", "2024-03-31", "verb_by_channel")


def test_a_verb_without_a_channel_is_no_contact():
    assert contacts("The German and Polish foreign ministers discussed the border on Sunday.") == []


def test_talks_of_a_visitor_are_with_the_country_visited():
    c = one("The U.S. envoy, John Smith, was in Ethiopia for official talks this week.")
    assert (set(c.sides), c.mode) == ({"US", "ET"}, "talks")


def test_a_city_visited_for_talks_is_a_venue_not_a_party():
    # Vienna hosts others' talks: no Iran-Austria contact
    assert all("AT" not in c.sides for c in contacts("The Iranian negotiator was in Vienna for talks this week."))


def test_every_side_of_a_multi_party_meeting():
    c = one("Envoys of the United States, Russia, China, Britain, France and Germany held talks in Vienna on Monday.")
    assert set(c.sides) == {"US", "RU", "CN", "GB", "FR", "DE"}


def _hand_doc(words, heads, deps, pos, ents=()):
    """A Doc built by hand, so a rule is tested on the attachment it is about, whatever the parser does."""
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [doc.char_span(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), label=label) for i, j, label in ents]
    return doc


def test_party_phrases_the_parser_hangs_off_a_date_or_the_governing_noun():
    from readouts.contacts.triggers import attached_preps

    # "a summary of the call on Friday between A and B": "between" on "summary" (the noun the call completes)
    doc = _hand_doc(["a", "summary", "of", "the", "call", "on", "Friday", "between", "A", "and", "B"],
                    [1, 1, 1, 4, 2, 4, 5, 1, 7, 8, 8],
                    ["det", "ROOT", "prep", "det", "pobj", "prep", "pobj", "prep", "pobj", "cc", "conj"],
                    ["DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "CCONJ", "PROPN"],
                    ents=[(6, 7, "DATE")])
    assert [t.text for t in attached_preps(doc[4])] == ["on", "between"]
    # "the call on Friday between A and B": "between" on the date
    doc = _hand_doc(["the", "call", "on", "Friday", "between", "A", "and", "B"],
                    [1, 1, 1, 2, 3, 4, 5, 5],
                    ["det", "ROOT", "prep", "pobj", "prep", "pobj", "cc", "conj"],
                    ["DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "CCONJ", "PROPN"],
                    ents=[(3, 4, "DATE")])
    assert [t.text for t in attached_preps(doc[1])] == ["on", "between"]
    # not off a place: "the call in Paris between ..." hangs where the parser put it
    doc = _hand_doc(["the", "call", "in", "Paris", "between", "A"],
                    [1, 1, 1, 2, 3, 4],
                    ["det", "ROOT", "prep", "pobj", "prep", "pobj"],
                    ["DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN"],
                    ents=[(3, 4, "GPE")])
    assert [t.text for t in attached_preps(doc[1])] == ["in"]


def test_a_purpose_infinitive_keeps_a_call_a_call():
    c = one("The Chilean president telephoned his Argentine counterpart to discuss the fires.")
    assert (set(c.sides), c.mode) == ({"CL", "AR"}, "call")
    assert contacts("The Chilean president called the Argentine decision a mistake.") == []


def test_subject_of_the_clause_a_contact_phrase_hangs_on():
    c = one("Chancellor Olaf Scholz made the remark on Friday after speaking by phone with President Emmanuel Macron.")
    assert set(c.sides) == {"DE", "FR"}


def test_a_contact_one_side_asserts_and_the_other_denies_is_kept_and_marked():
    text = ("Iranian Foreign Minister Ali Bagheri met Saudi Foreign Minister Faisal bin Farhan in Oman on Monday, "
            "Tehran said. Riyadh dismissed reports of a meeting.")
    c = one(text)
    assert (set(c.sides), c.mode, c.current) == ({"IR", "SA"}, "meeting", True)
    assert c.disputed_by == ("SA",)
    assert [e.text for e in c.dispute_evidence] == ["Riyadh dismissed reports of a meeting."]
    assert all(text[e.start:e.end] == e.text for e in c.dispute_evidence)
    assert c.to_json()["disputed"] is True


def test_denying_what_was_said_in_a_contact_does_not_dispute_the_contact():
    c = one("The Kremlin said Vladimir Putin spoke with Emmanuel Macron on Monday. "
            "The Elysee denied that the two leaders discussed sanctions.")
    assert c.disputed_by == () and c.to_json()["disputed"] is False


def test_denial_that_a_call_took_place():
    c = one("The Kremlin said Vladimir Putin spoke with Emmanuel Macron on Monday. "
            "The Elysee denied that any call took place.")
    assert c.disputed_by == ("FR",)


@pytest.mark.parametrize("text, mediators", [
    ("Iran and the United States held indirect talks in Muscat through Omani mediators on Tuesday.", {"OM"}),
    ("Israel and Hamas held talks in Cairo mediated by Egypt and Qatar on Tuesday.", {"EG", "QA"}),
    ("Armenia and Azerbaijan held talks with the mediation of Russia on Tuesday.", {"RU"}),
])
def test_mediated_talks_keep_the_parties_and_name_the_go_betweens(text, mediators):
    c = one(text)
    assert {m.side for m in c.mediators} == mediators
    assert not mediators & set(c.sides) and len(c.sides) == 2
    assert all(text[m.mention.start:m.mention.end] == m.mention.text for m in c.mediators)
