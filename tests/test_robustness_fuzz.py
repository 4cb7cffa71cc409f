"""Fuzz: recombined real sentences with quotation marks and cues inserted never raise, never give a
span that misses its text, a repeated id or a rule fault.

Bounded for CI (a few dozen examples); ``READOUTS_FUZZ_LONG=1`` runs a long profile (2,000 examples).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from robustness_helpers import bad_spans, duplicate_ids

from readouts.analyze import analyze

LONG = bool(os.environ.get("READOUTS_FUZZ_LONG"))
settings.register_profile("readouts-ci", max_examples=30, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("readouts-long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = "readouts-long" if LONG else "readouts-ci"

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Written for this test: short sentences of the shapes news uses, with sides on both ends.
WRITTEN = [
    "Rwanda denied accusations from Congo U.N.",
    "Kenya's foreign ministry said the talks would resume next week.",
    "Somalia rejected the claim as baseless.",
    "The two presidents spoke by phone on Monday, officials in Nairobi said.",
    "India accused Pakistan of firing across the line of control.",
    "Pakistan said Indian troops fired first.",
    "Both Japan and China said the meeting was useful.",
    "A source close to the minister told reporters: France proposed nothing of the sort.",
    "Moscow has denied the report, calling it a provocation.",
    "The Egyptian spokesman said Cairo would not accept any deal, according to state media.",
    "She dismissed his threat to impose a 25% tariff on their exports if they did not stop the flow.",
    "Greece's prime minister met Turkey's president in Ankara on 3 March.",
]
CUES = [" said.", ", the ministry said.", " Russia denied.", ", according to officials.",
        " the spokesman told reporters.", " Both sides agreed.", " China rejected the claim."]
QUOTES = ['"', "“", "”", "«", "»", "''", "``"]


def _sentences() -> list[str]:
    out = list(WRITTEN)
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [s.strip() for s in re.split(r"(?<=[.!?\"”])\s+", text) if 20 <= len(s.strip()) <= 400]
    return out


SENTENCES = _sentences()


@st.composite
def articles(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        s = draw(st.sampled_from(SENTENCES))
        if draw(st.booleans()):  # quote part of it, perhaps with a mark left open
            words = s.split()
            i = draw(st.integers(0, len(words)))
            j = draw(st.integers(i, len(words)))
            left, right = draw(st.sampled_from(QUOTES)), draw(st.sampled_from(QUOTES + [""]))
            s = " ".join(words[:i] + [left + " ".join(words[i:j]) + right] + words[j:])
        if draw(st.booleans()):
            s = s.rstrip(".") + draw(st.sampled_from(CUES))
        parts.append(s)
        parts.append(draw(st.sampled_from([" ", "\n", "\n\n", " \n", "\r\n\r\n"])))
    return "".join(parts)


# Found by the long profile: two statements of one span each agreeing with a third gave one id.
TWO_OF_ONE_SPAN = (
    'Both Japan and ”China said" the meeting was useful.\nsaid negotiator Saeb Erekat, “speaking for" the '
    'Palestinians.\r\n\r\nBoth Japan and China ”said the meeting was useful.”, according to officials.\n'
)


@settings.get_profile(PROFILE)
@given(articles())
@example(TWO_OF_ONE_SPAN)
def test_recombined_sentences_analyse_with_valid_spans_unique_ids_and_no_fault(text):
    if not text.strip():
        return
    a = analyze(text, published="2024-05-02")
    assert not bad_spans(a)
    assert not duplicate_ids(a)
    assert a.warnings == (), [w.message() for w in a.warnings]


MARKS_TEXT = st.text(alphabet=['"', "“", "”", "«", "»", "a", " ", "\n", "'"], max_size=80)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(MARKS_TEXT, st.integers(0, 80), st.integers(0, 80), st.sampled_from([0.5, 0.6]))
def test_quote_lookup_by_bisection_finds_what_a_pass_over_all_quotations_finds(text, a, b, share):
    from readouts.attribution.quotes import find_quotes, quote_at

    quotes = find_quotes(text)
    start, end = min(a, b), max(a, b)
    expected = next((q for q in quotes if end > start and
                     (min(end, q.end) - max(start, q.start)) / (end - start) >= share), None)
    assert quote_at(quotes, start, end, share) == expected
