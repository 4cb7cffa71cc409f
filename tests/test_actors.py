"""Actors and their sides: tagger corrections, titles, appositions, officials, no guessing."""
from __future__ import annotations

from readouts import analyze
from readouts.parse.nlp import parse
from readouts.sides.actors import ActorTable


def actors_of(text, published=None):
    return {a.name: a for a in analyze(text, published=published).actors}


def test_a_capital_tagged_as_a_person_is_a_place():
    text = "Turkey offered to host talks, but Kyiv has pushed back at the idea of negotiating with Moscow."
    doc = parse(text)
    table = ActorTable(doc)
    kyiv = table.at(text.index("Kyiv"), text.index("Kyiv") + 4)
    assert kyiv is not None and kyiv.kind == "state" and kyiv.side == "UA"


def test_a_surname_tagged_as_a_place_is_the_person():
    text = ("French Defence Minister Sebastien Lecornu spoke with his Russian counterpart Sergei Shoigu.\n"
            "The French ministry said Lecornu told Shoigu that France was ready for more exchanges.")
    doc = parse(text)
    table = ActorTable(doc)
    second = text.rindex("Shoigu")
    shoigu = table.at(second, second + len("Shoigu"))
    assert shoigu is not None and shoigu.name == "Sergei Shoigu" and shoigu.side == "RU"


def test_side_from_a_title_demonym_and_from_a_possessive_country():
    actors = actors_of("Russian Foreign Minister Sergei Lavrov said the talks failed.\n"
                       "South Sudan's President Salva Kiir said the north had bombed the border.")
    assert actors["Sergei Lavrov"].side == "RU" and actors["Sergei Lavrov"].side_rule == "title"
    assert actors["Salva Kiir"].side == "SS"


def test_a_post_abroad_does_not_change_the_side():
    actors = actors_of("U.S. Ambassador to the United Nations Jane Marsh condemned the seizure.")
    assert actors["Jane Marsh"].side == "US"


def test_apposition_gives_the_side():
    actors = actors_of("Moussa Doumgor, Chad's communications minister, said the rebels were defeated.")
    assert actors["Moussa Doumgor"].side == "TD"


def test_a_named_official_without_title_takes_the_dated_list_and_says_so():
    a = analyze("Vladimir Putin said the sanctions would fail.", published="2015-03-01")
    (putin,) = [x for x in a.actors if x.name == "Vladimir Putin"]
    assert putin.side == "RU" and putin.side_rule.startswith("officials:")


def test_an_unknown_person_without_title_has_no_side():
    a = analyze("Jordan Smith said the meeting went well.")
    assert a.statements and a.statements[0].side is None


def test_a_place_after_a_person_only_says_where_they_are():
    a = analyze("Roland Nash with Renaissance Capital in Moscow says there are political issues involved.")
    assert a.statements and a.statements[0].side is None


def test_media_and_analysts_do_not_speak_for_their_country():
    a = analyze("Israeli media reported that the convoy carried missiles.\n"
                "Russian analysts said the move was expected.")
    assert [s.side for s in a.statements] == [None, None]


def test_official_without_country_takes_the_side_of_that_institution_named_before():
    text = ("The Democratic Republic of Congo's government has rejected a demand for peace talks by the rebels.\n"
            "Government spokesman Lambert Mende said the rebels were a fiction.")
    a = analyze(text)
    (mende,) = [s for s in a.statements if s.speaker_name == "Lambert Mende"]
    assert mende.side == "CD"


def test_every_actor_mention_points_at_the_text():
    text = ("French President Emmanuel Macron dismissed the claim.\n"
            '"It is out of the question," he told reporters.')
    for actor in analyze(text).actors:
        for m in actor.mentions:
            assert text[m.start:m.end] == m.text


def test_a_title_with_a_country_is_the_person_holding_it():
    text = ("Russian President Vladimir Putin spoke by phone with U.S. President Barack Obama.\n"
            "The President of Russia stressed the importance of Russian-US relations.\n"
            "The leaders of the two nations agreed that their ministers will keep in contact.")
    a = analyze(text, published="2014-03-07")
    by_speaker = {}
    for s in a.statements:
        by_speaker.setdefault(s.speaker.text, []).append((s.speaker_name, s.side))
    assert by_speaker["The President of Russia"] == [("Vladimir Putin", "RU")]
    assert sorted(by_speaker["The leaders of the two nations"]) == [("Barack Obama", "US"), ("Vladimir Putin", "RU")]


def test_armed_groups_speak_for_themselves_not_for_their_country():
    text = ("Congo's government rejected a demand for talks by the rebel group M23.\n"
            "The rebels accused the government of violating a peace deal.\n"
            "A U.N. report said the M23 rebels were well armed.")
    a = analyze(text)
    (rebels,) = [s for s in a.statements if s.speaker.text == "The rebels"]
    assert rebels.side == "ORG:M23" and rebels.speaker_rule == "armed_group"


def test_unnamed_rebels_take_the_demonym_group_not_the_state():
    a = analyze("Chadian rebels said they had retreated to their bases.")
    assert a.statements[0].side == "ORG:Chadian rebel groups"


def test_a_spokesman_for_a_group_speaks_for_it():
    a = analyze("A spokesman for the Tigray People's Liberation Front, Hailu Kebede, said its fighters "
                "had attacked a convoy.")
    assert a.statements[0].side == "ORG:Tigray People's Liberation Front"
