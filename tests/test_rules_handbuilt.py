"""Rules tested on Docs built by hand (words, lemmas, tags, heads, deps, entities), so the rule is
what is tested, not the statistical parser's choice. The sentences are written for these tests."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from readouts.attribution.cues import is_cue_verb
from readouts.contacts.triggers import find_triggers, planned_or_negated
from readouts.lexicons import cues

VOCAB = spacy.blank("en").vocab


def build(rows: str, ents: list[str] | None = None) -> Doc:
    """One token a line: ``word lemma POS TAG dep head`` (head: the index of the head token).
    Punctuation is glued to the word before it."""
    toks = [line.split() for line in rows.strip().splitlines()]
    words = [t[0] for t in toks]
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, lemmas=[t[1] for t in toks], pos=[t[2] for t in toks],
               tags=[t[3] for t in toks], deps=[t[4] for t in toks], heads=[int(t[5]) for t in toks],
               ents=ents or ["O"] * len(words))


# "Lula and Petro spoke by phone."
JOINT_CALL = """
Lula Lula PROPN NNP nsubj 3
and and CCONJ CC cc 0
Petro Petro PROPN NNP conj 0
spoke speak VERB VBD ROOT 3
by by ADP IN prep 3
phone phone NOUN NN pobj 4
. . PUNCT . punct 3
"""

# "The minister spoke."
BARE_SPOKE = """
The the DET DT det 1
minister minister NOUN NN nsubj 2
spoke speak VERB VBD ROOT 2
. . PUNCT . punct 2
"""

# "She spoke with him on the sidelines."
SIDELINES = """
She she PRON PRP nsubj 1
spoke speak VERB VBD ROOT 1
with with ADP IN prep 1
him he PRON PRP pobj 2
on on ADP IN prep 1
the the DET DT det 6
sidelines sideline NOUN NNS pobj 4
. . PUNCT . punct 1
"""

# "They will meet in Lima."
WILL_MEET = """
They they PRON PRP nsubj 2
will will AUX MD aux 2
meet meet VERB VB ROOT 2
in in ADP IN prep 2
Lima Lima PROPN NNP pobj 3
. . PUNCT . punct 2
"""

# "She did not meet the envoy."
DID_NOT_MEET = """
She she PRON PRP nsubj 3
did do AUX VBD aux 3
not not PART RB neg 3
meet meet VERB VB ROOT 3
the the DET DT det 5
envoy envoy NOUN NN dobj 3
. . PUNCT . punct 3
"""

# "Quito cancelled the talks."
CANCELLED = """
Quito Quito PROPN NNP nsubj 1
cancelled cancel VERB VBD ROOT 1
the the DET DT det 3
talks talk NOUN NNS dobj 1
. . PUNCT . punct 1
"""


def test_a_joint_subject_and_a_channel_make_a_call():
    doc = build(JOINT_CALL)
    (trig,) = find_triggers(doc)
    assert doc[trig.head].text == "spoke" and trig.mode == "call" and trig.rule == "verb_speak"


def test_a_bare_spoke_is_no_contact():
    assert find_triggers(build(BARE_SPOKE)) == []


def test_spoke_on_the_sidelines_is_a_meeting():
    (trig,) = find_triggers(build(SIDELINES))
    assert trig.mode == "meeting"


def test_a_future_auxiliary_makes_a_contact_planned():
    doc = build(WILL_MEET)
    (trig,) = find_triggers(doc)
    assert trig.mode == "meeting"
    assert planned_or_negated(doc, trig, None) == (True, False)


def test_a_negation_makes_a_contact_not_held():
    doc = build(DID_NOT_MEET)
    (trig,) = find_triggers(doc)
    assert planned_or_negated(doc, trig, None) == (False, True)


def test_a_cancelled_contact_was_not_held():
    doc = build(CANCELLED)
    (trig,) = [t for t in find_triggers(doc) if doc[t.head].text == "talks"]
    assert planned_or_negated(doc, trig, None) == (False, True)


def test_a_cue_verb_is_a_verb_form_of_a_cue_lemma():
    doc = build("""
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
said say VERB VBD ROOT 2
its its PRON PRP$ poss 4
statement statement NOUN NN dobj 2
. . PUNCT . punct 2
""")
    lex = cues()
    assert is_cue_verb(doc[2], lex)
    assert not is_cue_verb(doc[4], lex)  # "statement" is a cue noun, not a verb
    assert not is_cue_verb(doc[1], lex)


def test_a_clause_after_a_cue_verb_is_the_content_of_its_subject():
    from readouts.attribution.statements import find_statements

    doc = build("""
The the DET DT det 1
ministry ministry NOUN NN nsubj 2
said say VERB VBD ROOT 2
the the DET DT det 4
talks talk NOUN NNS nsubj 5
failed fail VERB VBD ccomp 2
. . PUNCT . punct 2
""")
    (found,) = find_statements(doc)
    assert doc.text[found.cue[0]:found.cue[1]] == "said"  # cue and content are character offsets
    assert doc[found.speaker[0]:found.speaker[1]].text == "The ministry"  # the speaker a token range
    assert doc.text[found.content[0]:found.content[1]] == "the talks failed"
    assert found.stance == "assert" and not found.direct
