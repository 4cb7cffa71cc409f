"""End to end on a bundled article (examples/obama-putin-call-2016.txt, VOA, public domain).

The expected statements were written by reading the article, not copied from output:
each is an attribution the text makes, with the side the speaker speaks for.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from readouts import analyze

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "obama-putin-call-2016.txt"

EXPECTED = {
    ("US", ("U.S. President Barack Obama spoke by telephone Wednesday with Russian President Vladimir Putin "
           "on a number of issues")),
    ("US", ("They spent a significant portion of their time discussing the need for the Russians ... to end "
           "their support for separatists that are destabilizing Ukraine right now")),
    ("RU", "Putin has emphasized the need for Ukraine to meet its commitments under the cease-fire deal"),
    ("RU", "the need for Ukraine to meet its commitments under the cease-fire deal"),
    ("US", "Russia to end its support for Assad and stop bombing the rebel groups fighting Assad's regime"),
    ("RU", ("they broached the topic of increased military contacts between the U.S. and Russia to bolster "
           "the fight against the Islamic State group and other terrorists")),
}


@pytest.fixture(scope="module")
def result():
    return analyze(EXAMPLE.read_text(encoding="utf-8"), published="2016-01-13")


def test_every_expected_statement_is_found_with_its_side(result):
    got = {(s.side, s.content.text) for s in result.statements}
    assert EXPECTED <= got


def test_the_direct_quote_is_marked_direct_and_attributed_to_the_spokesman(result):
    (quote,) = [s for s in result.statements if s.direct]
    assert quote.speaker_name == "Josh Earnest" and quote.side == "US" and quote.cue.text == "said"


def test_both_leaders_speak_once_per_side(result):
    joint = sorted(s.side for s in result.statements if s.speaker.text == "Both leaders")
    assert joint == ["RU", "US"]


def test_the_call_is_the_current_contact_on_the_day(result):
    calls = [c for c in result.contacts if c.mode == "call" and c.current]
    assert len(calls) == 1
    assert set(calls[0].sides) == {"US", "RU"} and calls[0].when == "2016-01-13"


def test_nothing_else_is_attributed(result):
    # the six above and "Both leaders voiced support for United Nations talks" once per side
    others = [s for s in result.statements if (s.side, s.content.text) not in EXPECTED]
    assert {(s.speaker.text, s.content.text) for s in others} == {("Both leaders", "support for United Nations talks")}
    assert len(result.statements) == len(EXPECTED) + 2
