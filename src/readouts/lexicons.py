"""Every data file under ``readouts/data``, read through one module.

Each accessor loads its file once per process (cached) and returns a typed value;
a missing or corrupt file, or one without a field the code needs, raises
``ModelError`` naming the file. Nothing else in readouts opens a data file.

===================  ==================================  ===============================
accessor             returns                             file
===================  ==================================  ===============================
``cues()``           :class:`Cues` (speech cues, stance)  ``data/cues.json``
``speech_verbs()``   ``frozenset`` of speech cue lemmas   ``data/cues.json``
``contact_modes()``  :class:`ContactModes`               ``data/contact_modes.json``
``divergence()``     :class:`DivergenceLexicon`          ``data/divergence_lexicon.json``
``speech_acts()``    :class:`SpeechActs`                 ``data/speech_acts.json``
``titles()``         :class:`Titles`                     ``data/titles.json``
``gazetteer_table()`` :class:`GazetteerTable` (raw)      ``data/gazetteer.json``
``officials()``      ``tuple[OfficialRow, ...]``         ``data/officials.json``
``gazetteer()``      ``sides.gazetteer.Gazetteer``       the two above, indexed once
``source(name)``     the ``_source`` field of a file     any of them
===================  ==================================  ===============================

Every file states where its entries come from in its ``_source`` field: a whole
table from a named source, or a general class of English seen in independent
texts. Lists are lower-case lemmas unless a file's notes say otherwise.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, TypedDict

from readouts.errors import ModelError

if TYPE_CHECKING:  # the index is built by the sides stage; imported lazily in gazetteer()
    from readouts.sides.gazetteer import Gazetteer

__all__ = [
    "ContactModes", "Cues", "DivergenceLexicon", "GazetteerTable", "OfficialRow", "SpeechActs", "Titles",
    "contact_modes", "cue_frames", "cues", "divergence", "gazetteer", "gazetteer_table", "officials", "source", "speech_acts",
    "speech_verbs", "titles",
]


@functools.cache
def _read(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("readouts").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as err:
        raise ModelError(f"data file missing: readouts/data/{name}") from err
    try:
        data = json.loads(raw)
    except ValueError as err:
        raise ModelError(f"data file corrupt: readouts/data/{name}: {err}") from err
    if not isinstance(data, dict):
        raise ModelError(f"data file corrupt: readouts/data/{name}: not a JSON object")
    return data


def cue_frames() -> dict[str, Any]:
    """``data/cues.json`` ``frames``: cue verbs with the phrases that carry their content
    ("congratulated X on Y", "views X as Y"), read by ``readouts.attribution.frames``."""
    raw = _read("cues.json")
    _require("cues.json", raw, ("frames",))
    return raw["frames"]


def _require(name: str, data: dict[str, Any], keys: Iterable[str]) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise ModelError(f"data file corrupt: readouts/data/{name}: missing field {', '.join(missing)}")


def source(name: str) -> str:
    """The ``_source`` field of ``data/<name>``: where its entries come from."""
    return str(_read(name).get("_source", ""))


# ---------------------------------------------------------------- cues.json

@dataclass(frozen=True, slots=True)
class Cues:
    """The cue lexicon; each field is one list of ``data/cues.json`` (see its notes there)."""

    verbs: dict[str, str]  # lemma -> stance; belief verbs ("hope", "believe") included
    object_verbs: frozenset[str]
    nouns: dict[str, str]
    cognition: frozenset[str]
    report_nouns: frozenset[str]
    communication_events: frozenset[str]
    infinitive_verbs: frozenset[str]
    newsroom: tuple[str, ...]
    non_speakers: frozenset[str]
    light_verbs: frozenset[str]
    anaphoric_nouns: frozenset[str]
    phrases: dict[str, str]
    decision_verbs: frozenset[str] = frozenset()  # 'agreed to X': content only in official texts


_CUES_FIELDS = ("verbs", "object_verbs", "nouns", "cognition", "report_nouns", "communication_events",
                "infinitive_verbs", "newsroom", "non_speakers", "light_verbs", "anaphoric_nouns")


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """``data/cues.json``: cue verbs and nouns with their stance, and the word classes around them."""
    raw = _read("cues.json")
    _require("cues.json", raw, _CUES_FIELDS)
    cognition = frozenset(raw["cognition"])
    verbs = dict(raw["verbs"])
    stances = raw.get("cognition_stances", {})
    for word in cognition:
        verbs.setdefault(word, stances.get(word, "assert"))
    return Cues(verbs, frozenset(raw["object_verbs"]), dict(raw["nouns"]),
                cognition, frozenset(raw["report_nouns"]), frozenset(raw["communication_events"]),
                frozenset(raw["infinitive_verbs"]), tuple(raw["newsroom"]), frozenset(raw["non_speakers"]),
                frozenset(raw["light_verbs"]), frozenset(raw["anaphoric_nouns"]), dict(raw.get("phrases", {})),
                frozenset(raw.get("decision_verbs", ())))


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Cue lemmas that report speech as such (stance assert or acknowledge, not belief): 'say',
    'tell', 'confirm' ..., and 'accord' of 'according to'."""
    lex = cues()
    # the lemma of a participle phrase's head: "according to" -> "accord"
    heads = {p.split()[0].removesuffix("ing") for p, stance in lex.phrases.items() if stance == "assert"}
    return frozenset(w for w, s in lex.verbs.items()
                     if s in ("assert", "acknowledge") and w not in lex.cognition) | heads


# ---------------------------------------------------------------- contact_modes.json

class ContactModes(TypedDict):
    """``data/contact_modes.json`` (see its ``_doc``); the list fields are frozensets."""

    verbs: dict[str, str]
    verbs_needing_party_object: frozenset[str]
    noun_modes: dict[str, str]
    needs_channel: frozenset[str]
    channel_modifiers: dict[str, str]
    light_verbs: frozenset[str]
    sign_objects: frozenset[str]
    collective_nouns: frozenset[str]
    planning_words: frozenset[str]
    initiative_words: frozenset[str]
    past_markers: frozenset[str]
    plural_references: frozenset[str]
    pronouns: frozenset[str]
    plural_modifiers: frozenset[str]
    body_heads: frozenset[str]
    party_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    non_state_words: frozenset[str]
    cancel_words: frozenset[str]
    channel_adverbs: dict[str, str]
    venue_nouns: frozenset[str]
    party_verbs: frozenset[str]
    gestures: dict[str, str]
    event_name_prefixes: frozenset[str]
    sign_verbs: frozenset[str]
    outcome_nouns: frozenset[str]
    mediator_nouns: frozenset[str]
    mediation_verbs: frozenset[str]
    summon_verbs: dict[str, str]
    spoken_to_nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def contact_modes() -> ContactModes:
    """``data/contact_modes.json``: words that report a contact, its mode, and the words around it."""
    raw = _read("contact_modes.json")
    _require("contact_modes.json", raw, ContactModes.__annotations__)
    out = {k: (dict(v) if isinstance(v, dict) else frozenset(v)) for k, v in raw.items() if not k.startswith("_")}
    return ContactModes(**out)  # type: ignore[typeddict-item]


# ---------------------------------------------------------------- divergence_lexicon.json

class Rebuttal(TypedDict):
    """The ``rebuttal`` classes: cue words by kind (denial, rejection), falsity words, absence nouns."""

    verbs: dict[str, list[str]]
    falsity_words: list[str]
    absence_nouns: list[str]


class DivergenceLexicon(TypedDict, total=False):
    """``data/divergence_lexicon.json`` (see its ``_doc``); lists stay lists (order is kept)."""

    negators: list[str]
    rebuttal: Rebuttal
    number_words: list[str]
    claim_nouns: list[str]
    joint_subject_words: list[str]
    antonym_pairs: list[list[str]]
    contact_frame_words: list[str]
    initiator_patterns: list[str]
    synonym_groups: list[list[str]]
    reciprocal_markers: list[str]
    trailing_denial_pattern: str
    embedded_claim_patterns: list[str]
    topic_verbs: list[str]


_DIVERGENCE_FIELDS = ("negators", "rebuttal", "number_words", "claim_nouns", "antonym_pairs", "contact_frame_words",
                      "initiator_patterns", "reciprocal_markers", "trailing_denial_pattern",
                      "embedded_claim_patterns")


@functools.lru_cache(maxsize=1)
def divergence() -> DivergenceLexicon:
    """``data/divergence_lexicon.json``: negators, rebuttal words, antonyms and the patterns of disputes."""
    raw = _read("divergence_lexicon.json")
    _require("divergence_lexicon.json", raw, _DIVERGENCE_FIELDS)
    return DivergenceLexicon(**{k: v for k, v in raw.items() if not k.startswith("_")})


# ---------------------------------------------------------------- speech_acts.json

class SpeechActClass(TypedDict):
    """One class of speech acts: verb lemmas and set phrases (lemma sequences)."""

    verbs: list[str]
    phrases: list[list[str]]


class SpeechActs(TypedDict):
    """``data/speech_acts.json`` (see its ``_doc``)."""

    classes: dict[str, SpeechActClass]
    topic_phrases: dict[str, list[list[str]]]


@functools.lru_cache(maxsize=1)
def speech_acts() -> SpeechActs:
    """``data/speech_acts.json``: the classes of what leaders did with a topic (discuss, agree, stress ...)."""
    raw = _read("speech_acts.json")
    _require("speech_acts.json", raw, ("classes", "topic_phrases"))
    return SpeechActs(classes={k: SpeechActClass(verbs=v.get("verbs", []), phrases=v.get("phrases", []))
                               for k, v in raw["classes"].items()},
                      topic_phrases=raw["topic_phrases"])


# ---------------------------------------------------------------- titles.json

class Titles(TypedDict):
    """``data/titles.json``: titles and the head nouns of speakers."""

    title_sides: dict[str, str]  # a title that names one country's office: "Secretary of State" -> US
    government: frozenset[str]  # heads that speak for a government: "minister", "spokesman"
    no_side: frozenset[str]  # speakers not their country's voice: "analysts", "media"
    groups: frozenset[str]  # non-state groups: "rebels", "militants"
    not_armed: frozenset[str]  # bodies named beside armed groups that are not them: "ORG:UN"
    person_titles: frozenset[str]  # a title that is one person: "president", "envoy"
    leader_titles: frozenset[str]  # heads of state or government: "president", "premier"
    joint_people: frozenset[str]  # heads of a joint subject of people: "the two ministers"
    joint_bodies: frozenset[str]  # heads of a joint subject of states: "both sides"
    group_speakers: frozenset[str]  # heads speaking for a group: "a rebel spokesman"
    joint_title_matches: dict[str, frozenset[str]]  # "leaders" -> the titles a leader holds


_TITLE_FIELDS = {"title_sides": "title_sides", "government": "government_titles", "no_side": "no_side_heads",
                 "groups": "group_heads", "not_armed": "not_armed_groups", "person_titles": "person_titles",
                 "leader_titles": "leader_titles", "joint_people": "joint_people",
                 "joint_bodies": "joint_bodies", "group_speakers": "group_speakers",
                 "joint_title_matches": "joint_title_matches"}


@functools.lru_cache(maxsize=1)
def titles() -> Titles:
    """``data/titles.json``: titles that name one country's office, government titles, speaker heads."""
    raw = _read("titles.json")
    _require("titles.json", raw, _TITLE_FIELDS.values())
    out: dict[str, Any] = {"title_sides": dict(raw["title_sides"])}
    out["joint_title_matches"] = {k: frozenset(v) for k, v in raw["joint_title_matches"].items()}
    for key, field in _TITLE_FIELDS.items():
        if key not in out:
            out[key] = frozenset(raw[field])
    return Titles(**out)  # type: ignore[typeddict-item]


# ---------------------------------------------------------------- gazetteer.json, officials.json

class GazetteerTable(TypedDict, total=False):
    """``data/gazetteer.json`` as built by ``scripts/build_gazetteer.py``."""

    _source: str
    names: dict[str, str]  # ISO 3166-1 alpha-2 -> short name
    user_assigned: dict[str, str]
    entries: list[dict[str, str]]  # {"text", "side", "kind", "canonical"}
    not_actors: list[str]
    also_given_names: list[str]
    calendar_words: list[str]
    no_side_prefixes: list[str]
    no_side_suffixes: list[str]
    posted_to_heads: list[str]
    generic_heads: list[str]
    generic_modifiers: list[str]


class OfficialRow(TypedDict, total=False):
    """One row of ``data/officials.json``: a person, the side and office, the term, a source."""

    name: str
    aliases: list[str]
    side: str
    role: str
    source: str


@functools.lru_cache(maxsize=1)
def gazetteer_table() -> GazetteerTable:
    """``data/gazetteer.json``: country names, demonyms, capitals, seats, institutions, bodies."""
    raw = _read("gazetteer.json")
    _require("gazetteer.json", raw, ("_source", "names", "entries", "generic_heads", "generic_modifiers"))
    return GazetteerTable(**raw)  # type: ignore[typeddict-item]


@functools.lru_cache(maxsize=1)
def officials() -> tuple[OfficialRow, ...]:
    """``data/officials.json``: office holders with their terms ("from"/"to") and a source each."""
    raw = _read("officials.json")
    _require("officials.json", raw, ("officials",))
    return tuple(raw["officials"])


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer index (names to sides, officials by date), built once from the two tables."""
    from readouts.sides.gazetteer import Gazetteer

    try:
        return Gazetteer(dict(gazetteer_table()), list(officials()))
    except (KeyError, TypeError) as err:
        raise ModelError(f"gazetteer data file corrupt: missing field {err}") from err
