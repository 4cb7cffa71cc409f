"""The gazetteer: names, demonyms, institutions, bodies and officials to sides."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from readouts.sides.gazetteer import Entry, Gazetteer, Official, gazetteer

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return gazetteer()


def side(gz: Gazetteer, phrase: str) -> str | None:
    entry = gz.lookup(phrase)
    return entry.side if entry else None


# -- lookup ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected", "kind"),
    [
        ("the Kremlin", "RU", "seat"),
        ("The Kremlin", "RU", "seat"),
        ("Kyiv", "UA", "capital"),
        ("Kiev", "UA", "capital"),
        ("Moscow", "RU", "capital"),
        ("Pyongyang", "KP", "capital"),
        ("Seoul", "KR", "capital"),
        ("Tehran", "IR", "capital"),
        ("Damascus", "SY", "capital"),
        ("Washington", "US", "capital"),
        ("Beijing", "CN", "capital"),
        ("the White House", "US", "seat"),
        ("Downing Street", "GB", "seat"),
        ("the Elysee", "FR", "seat"),
        ("Zhongnanhai", "CN", "seat"),
        ("Bankova", "UA", "seat"),
        ("the Pentagon", "US", "institution"),
        ("State Department", "US", "institution"),
        ("the U.S. State Department", "US", "institution"),
        ("Foreign Office", "GB", "institution"),
        ("Quai d'Orsay", "FR", "institution"),
        ("Quai d\u2019Orsay", "FR", "institution"),
        ("Bundestag", "DE", "institution"),
        ("the Knesset", "IL", "institution"),
        ("Xinhua", "CN", "institution"),
        ("KCNA", "KP", "institution"),
        ("TASS", "RU", "institution"),
        ("RIA Novosti", "RU", "institution"),
        ("IRNA", "IR", "institution"),
        ("Yonhap", "KR", "institution"),
        ("Taiwan Affairs Office", "CN", "institution"),
        ("South Korea", "KR", "country"),
        ("North Korea", "KP", "country"),
        ("the United States", "US", "country"),
        ("U.S.", "US", "country"),
        ("US", "US", "country"),
        ("America", "US", "country"),
        ("Britain", "GB", "country"),
        ("U.K.", "GB", "country"),
        ("Czechia", "CZ", "country"),
        ("Ivory Coast", "CI", "country"),
        ("Burma", "MM", "country"),
        ("Iran", "IR", "country"),
        ("Russian Federation", "RU", "country"),
        ("Kosovo", "XK", "country"),
        ("Taiwan", "TW", "country"),
        ("Democratic Republic of Congo", "CD", "country"),
        ("Republic of Congo", "CG", "country"),
        ("The Hague", "NL", "capital"),
        ("Russia's", "RU", "country"),
        ("Russia\u2019s", "RU", "country"),
        ("the Palestinians'", "PS", "demonym"),
    ],
)
def test_lookup_names_a_state(gz, phrase, expected, kind):
    entry = gz.lookup(phrase)
    assert entry is not None, phrase
    assert (entry.side, entry.kind) == (expected, kind)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("NATO", "ORG:NATO"),
        ("North Atlantic Council", "ORG:NATO"),
        ("UN", "ORG:UN"),
        ("U.N.", "ORG:UN"),
        ("United Nations", "ORG:UN"),
        ("the U.N. Security Council", "ORG:UN"),
        ("UN Security Council", "ORG:UN"),
        ("EU", "ORG:EU"),
        ("European Commission", "ORG:EU"),
        ("IAEA", "ORG:IAEA"),
        ("WHO", "ORG:WHO"),
        ("Red Cross", "ORG:ICRC"),
        ("Amnesty International", "ORG:Amnesty International"),
        ("Human Rights Watch", "ORG:Human Rights Watch"),
        ("Hamas", "ORG:Hamas"),
        ("Hezbollah", "ORG:Hezbollah"),
        ("the Taliban", "ORG:Taliban"),
        ("Islamic State", "ORG:Islamic State"),
        ("ISIS", "ORG:Islamic State"),
        ("ISIL", "ORG:Islamic State"),
        ("al-Qaida", "ORG:al-Qaida"),
        ("African Union", "ORG:African Union"),
        ("OPEC", "ORG:OPEC"),
        ("M23", "ORG:M23"),
        ("Tigray People's Liberation Front", "ORG:Tigray People's Liberation Front"),
    ],
)
def test_lookup_names_a_body(gz, phrase, expected):
    entry = gz.lookup(phrase)
    assert entry is not None and entry.kind == "body"
    assert entry.side == expected


@pytest.mark.parametrize("phrase", ["us", "turkey", "china", "Who", "kremlin", "the", "", "un", "President"])
def test_lookup_keeps_the_case_of_names(gz, phrase):
    assert gz.lookup(phrase) is None


def test_lookup_tells_state_media_from_a_lowercase_word(gz):
    assert side(gz, "Turkey") == "TR" and side(gz, "China") == "CN"
    assert side(gz, "Korea") is None  # North or South: the text must say
    assert side(gz, "Korean") is None


def test_entry_carries_canonical_name(gz):
    assert gz.lookup("the Kremlin") == Entry("Kremlin", "RU", "seat", "Kremlin (Russia)")
    assert gz.lookup("NATO").canonical == "NATO"
    assert gz.lookup("France").canonical == "France"


# -- demonym, country_name, is_generic_institution --------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("French", "FR"),
        ("Russian", "RU"),
        ("U.S.", "US"),
        ("American", "US"),
        ("Americans", "US"),
        ("British", "GB"),
        ("North Korean", "KP"),
        ("South Korean", "KR"),
        ("Palestinian", "PS"),
        ("Palestinians", "PS"),
        ("Israeli", "IL"),
        ("Taiwanese", "TW"),
        ("Chinese", "CN"),
        ("Iranians", "IR"),
        ("Sudanese", "SD"),
        ("South Sudanese", "SS"),
        ("Chadian", "TD"),
        ("Kosovar", "XK"),
        ("Ukrainian", "UA"),
    ],
)
def test_demonym(gz, word, expected):
    assert gz.demonym(word) == expected


def test_demonym_of_a_body_used_as_modifier(gz):
    assert gz.demonym("U.N.") == "ORG:UN"
    assert gz.demonym("European Union") == "ORG:EU"


@pytest.mark.parametrize("word", ["french", "russian", "Korean", "Kremlin", "Moscow", "Latin American", ""])
def test_demonym_is_none_for_what_is_no_demonym(gz, word):
    assert gz.demonym(word) is None


def test_country_name(gz):
    assert gz.country_name("FR") == "France"
    assert gz.country_name("KP") == "North Korea"
    assert gz.country_name("KR") == "South Korea"
    assert gz.country_name("ORG:NATO") == "NATO"
    assert gz.country_name("XK") == "Kosovo"
    assert gz.country_name("ZZ") is None


@pytest.mark.parametrize(
    "phrase",
    ["ministry", "foreign ministry", "the Defence Ministry", "defense ministry", "government", "military",
     "army", "embassy", "parliament", "cabinet", "presidency", "security services", "navy", "police",
     "state media", "news agency", "spokesman", "officials", "ministry of foreign affairs", "air force"],
)
def test_generic_institutions(gz, phrase):
    assert gz.is_generic_institution(phrase)


@pytest.mark.parametrize(
    "phrase",
    ["the Kremlin", "Russian defence ministry", "Pentagon", "the Foreign Office", "State Department", "rebels", "", "the"],
)
def test_named_or_modified_heads_are_not_generic(gz, phrase):
    assert not gz.is_generic_institution(phrase)


# -- scan -----------------------------------------------------------------------------


def test_scan_finds_longest_names_with_offsets(gz):
    text = (
        "French Defence Minister Sebastien Lecornu said the Russian defence ministry\u2019s claims were "
        "false, while U.S. officials, the Kremlin and Kyiv declined to comment at the U.N. Security Council."
    )
    found = [(text[a:b], e.side, e.kind) for a, b, e in gz.scan(text)]
    assert found == [
        ("French", "FR", "demonym"),
        ("Russian", "RU", "demonym"),
        ("U.S.", "US", "country"),
        ("Kremlin", "RU", "seat"),
        ("Kyiv", "UA", "capital"),
        ("U.N. Security Council", "ORG:UN", "body"),
    ]
    for a, b, e in gz.scan(text):
        assert e.text == text[a:b]


def test_scan_prefers_the_longer_name(gz):
    text = "South Korean officials met North Korea's delegates; the Russian Security Council and South Sudan spoke."
    found = [(e.text, e.side) for _, _, e in gz.scan(text)]
    assert found == [
        ("South Korean", "KR"), ("North Korea", "KP"), ("Russian Security Council", "RU"), ("South Sudan", "SS"),
    ]


def test_scan_skips_phrases_that_only_contain_a_name(gz):
    text = "The Washington Post said pro-Russian rebels and Latin American leaders met Chad Smith in Turkey."
    found = [(e.text, e.side) for _, _, e in gz.scan(text)]
    assert found == [("Turkey", "TR")]


def test_scan_keeps_both_sides_of_a_hyphenated_pair_but_not_a_prefixed_name(gz):
    text = "U.S.-Russian talks and Israeli-Palestinian contacts went on as anti-American and Pro-Kremlin crowds marched."
    found = [(e.text, e.side) for _, _, e in gz.scan(text)]
    assert found == [("U.S.", "US"), ("Russian", "RU"), ("Israeli", "IL"), ("Palestinian", "PS")]


def test_scan_over_a_real_voa_sentence_with_a_hyphenated_patron(gz):
    needs_shared()
    article = json.loads((SHARED / "gold/dev/articles/d15.json").read_text(encoding="utf-8"))
    sentence = article["text"].split("\n")[0]
    assert sentence.startswith("A court in Russia-annexed Crimea")
    found = [(e.text, e.side) for _, _, e in gz.scan(sentence)]
    assert found == [("Ukrainian", "UA"), ("Russian", "RU")]


def test_scan_drops_places_of_work_patrons_and_posts(gz):
    text = ("A Dakar-based spokesman for Iran-backed Houthis said U.S. Ambassador to the United Nations "
            "Jane Marsh and the Russian envoy in Kyiv met Moscow-appointed officials.")
    found = [(e.text, e.side) for _, _, e in gz.scan(text)]
    assert found == [("Houthis", "ORG:Houthis"), ("U.S.", "US"), ("Russian", "RU"), ("Moscow", "RU")]


def test_scan_keeps_a_country_that_is_also_a_given_name_before_a_title(gz):
    text = "Chad President Idriss Deby said Chad's army repelled the attack; Chad Johnson was not there."
    found = [(a, e.side) for a, _, e in gz.scan(text)]
    assert found == [(0, "TD"), (text.index("Chad's"), "TD")]
    assert [e.side for _, _, e in gz.scan("Chad Tuesday accused Sudan.")] == ["TD", "SD"]
    assert [e.side for _, _, e in gz.scan("Defense Minister Israel Katz said")] == []


def test_scan_skips_seas_and_rivers_named_after_a_state(gz):
    text = "Chinese ships in the South China Sea, the Taiwan Strait and Lake Chad; Reunion talks; Northern Ireland."
    assert [(e.text, e.side) for _, _, e in gz.scan(text)] == [("Chinese", "CN")]


def test_scan_keeps_case(gz):
    assert gz.scan("they asked us to carve the turkey in china") == []


def needs_shared():
    if not (SHARED / "gold" / "dev" / "articles").is_dir():
        pytest.skip(f"shared gold not found at {SHARED}")


def test_scan_real_voa_sentence_from_dev_gold(gz):
    needs_shared()
    article = json.loads((SHARED / "gold/dev/articles/d02.json").read_text(encoding="utf-8"))
    sentence = article["text"].split("\n")[0]
    assert sentence.startswith("U.S. President Barack Obama spoke by telephone")
    found = [(e.text, e.side, e.kind) for _, _, e in gz.scan(sentence)]
    assert found == [
        ("U.S.", "US", "country"),
        ("Russian", "RU", "demonym"),
        ("White House", "US", "seat"),
    ]


def test_every_dev_gold_side_named_by_a_demonym_or_place_is_found(gz):
    """Speakers like "Chinese Foreign Ministry spokesperson Hong Lei" or "Pyongyang":
    when the speaker phrase names a side the gazetteer knows, scan gives the gold side."""
    needs_shared()
    checked = 0
    for path in sorted((SHARED / "gold/dev/articles").glob("*.json")):
        for st in json.loads(path.read_text(encoding="utf-8"))["statements"]:
            sides = {e.side for _, _, e in gz.scan(st["speaker"])}
            gold = st.get("side")
            if not gold or not sides or " and " in st["speaker"] or " from " in st["speaker"]:
                continue
            if "rebel" in st["speaker"]:  # "An Ethiopian rebel group" speaks for itself
                continue
            checked += 1
            assert gold in sides, (path.name, st["speaker"], gold, sides)
    assert checked > 40


# -- officials ------------------------------------------------------------------------


def test_official_by_alias_and_term(gz):
    assert gz.official("Putin").side == "RU"
    assert gz.official("Mr. Putin", on="2010-01-01").role == "Prime Minister"
    assert gz.official("Putin", on="2016-01-13").role == "President"
    assert gz.official("Lavrov", on="2000-01-01").role == "Ambassador to the United Nations"  # before 2004
    assert gz.official("Belousov", on="2000-01-01") is None  # not yet defence minister
    assert gz.official("Sergei Lavrov", on="2017-03-01").side == "RU"
    assert gz.official("Zelenskyy").name == "Volodymyr Zelensky"
    assert gz.official("Kim Jong Un").side == "KP"
    assert gz.official("Antony J. Blinken", on="2023-06-18").name == "Antony Blinken"
    assert gz.official("Sebastien Lecornu", on="2024-04-04").role == "Minister of the Armed Forces"
    assert gz.official("Recep Tayyip Erdoğan", on="2020-01-01").role == "President"
    assert gz.official("Erdoğan's", on="2020-01-01").side == "TR"


def test_official_with_two_sides_needs_the_date(gz):
    assert gz.official("Ban Ki-moon", on="2012-06-01").side == "ORG:UN"
    assert gz.official("Ban Ki-moon", on="2005-06-01") is None  # Korea's foreign ministers are not (yet) a whole series
    assert gz.official("Guterres", on="2017-09-01").side == "ORG:UN"
    assert gz.official("Stoltenberg", on="2015-01-01").side == "ORG:NATO"
    assert gz.official("Stoltenberg", on="2010-01-01").side == "NO"


def test_official_alias_shared_by_two_people(gz):
    assert gz.official("Clinton") is None
    assert gz.official("Clinton", on="2010-03-01").name == "Hillary Clinton"
    assert gz.official("Clinton", on="1999-03-01").name == "Bill Clinton"
    assert gz.official("Rice", on="2006-01-01").name == "Condoleezza Rice"
    # A surname names an official only on a date inside the term.
    assert gz.official("Moon", on="2018-01-01").name == "Moon Jae-in"
    assert gz.official("Moon", on="2012-01-01") is None


def test_official_term_known_to_the_month(gz):
    # Zhao Lijian's term is known to the month: all of February 2020 counts, January does not.
    assert gz.official("Zhao Lijian", on="2020-02-01").side == "CN"
    assert gz.official("Zhao Lijian", on="2020-01-31") is None


def test_official_returns_the_record(gz):
    assert gz.official("Jen Psaki", on="2014-06-01") == Official(
        "Jen Psaki", "US", "State Department spokesperson", "2013-04", "2015-03",
        "Wikipedia: Spokesperson for the United States Department of State",
    )
    assert gz.official("Psaki", on="2018-06-15") is None  # between her two offices


def test_unknown_official(gz):
    assert gz.official("Hong Lei").side == "CN"  # a foreign ministry spokesman: the series is whole
    assert gz.official("Zhang Wei") is None  # a common name, in no office of the table
    assert gz.official("Kim") is None


# -- the data files -------------------------------------------------------------------


def data(name: str) -> dict:
    return json.loads(resources.files("readouts").joinpath("data", name).read_text(encoding="utf-8"))


def valid_side(code: str, user_assigned: dict) -> bool:
    if code.startswith("ORG:"):
        return len(code) > 4
    return pycountry.countries.get(alpha_2=code) is not None or code in user_assigned


def test_gazetteer_json_has_sources_and_valid_sides():
    raw = data("gazetteer.json")
    assert "pycountry" in raw["_source"] and "Factbook" in raw["_source"]
    assert "LGPL" in raw["_license"]
    bad = [e for e in raw["entries"] if not valid_side(e["side"], raw["user_assigned"])]
    assert bad == []
    assert {e["kind"] for e in raw["entries"]} == {"country", "demonym", "capital", "seat", "institution", "body"}
    assert len(raw["entries"]) > 1000


def test_officials_json_has_sources_dates_and_valid_sides():
    raw = data("officials.json")
    assert raw["_source"]
    user_assigned = data("gazetteer.json")["user_assigned"]
    assert 60 <= len({o["name"] for o in raw["officials"]})
    for o in raw["officials"]:
        assert valid_side(o["side"], user_assigned), o
        assert o["source"].startswith("Wikipedia: "), o
        assert o["from"], o
        assert o["to"] is None or o["from"][:4] <= o["to"][:4], o


# Series the officials table's source says are whole from 2000: each holder's term starts
# within a few months of the previous one's end (acting holders under three months are left
# out), and the series reaches from before 2000-06 to the latest holder still in office.
WHOLE_SERIES = [
    ("US", "President"), ("US", "Secretary of State"), ("US", "Secretary of Defense"),
    ("GB", "Prime Minister"), ("GB", "Foreign Secretary"), ("GB", "Defence Secretary"),
    ("FR", "President"), ("FR", "Prime Minister"), ("FR", "Foreign Minister"), ("FR", "Minister of the Armed Forces"),
    ("DE", "President"), ("DE", "Chancellor"), ("DE", "Foreign Minister"), ("DE", "Defence Minister"),
    ("RU", "President"), ("RU", "Prime Minister"), ("RU", "Foreign Minister"), ("RU", "Defence Minister"),
    ("CN", "President"), ("CN", "Premier"), ("CN", "Foreign Minister"), ("CN", "Defence Minister"),
    ("IR", "President"), ("IR", "Foreign Minister"), ("IN", "Prime Minister"), ("IN", "External Affairs Minister"),
    ("ORG:UN", "Secretary-General of the United Nations"), ("ORG:NATO", "Secretary General of NATO"),
    ("ORG:EU", "President of the European Commission"), ("ORG:IAEA", "Director General of the IAEA"),
]


def _month(date: str, end: bool) -> int:
    """A date as a month count; a year-only date is its first (or, as an end, last) month."""
    year, month = int(date[:4]), int(date[5:7]) if len(date) >= 7 else (12 if end else 1)
    return year * 12 + month


@pytest.mark.parametrize(("side", "role"), WHOLE_SERIES)
def test_officials_series_have_no_gap(side, role):
    rows = sorted((o for o in data("officials.json")["officials"] if (o["side"], o["role"]) == (side, role)),
                  key=lambda o: o["from"])
    assert rows and rows[0]["from"] < "2000-06", (side, role)
    assert rows[-1]["to"] is None, (side, role)
    reach = _month(rows[0]["to"] or "9999", True)
    for o in rows[1:]:
        assert _month(o["from"], False) - reach <= 4, (side, role, o["name"])  # a gap of months
        reach = max(reach, _month(o["to"] or "9999", True))
