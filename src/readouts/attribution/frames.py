"""Speech acts whose content is not a clause: object-plus-preposition and "as" frames,
joint decisions, traded accusations; and cue verbs used in a sense that is not speech.

The frames (``data/cues.json``, ``frames``) name, per verb, the prepositions that carry
its content:

- object plus phrase: "Chile congratulated Peru on the vote" -> "Peru on the vote";
  "Ana thanked Bo for his help" -> "Bo for his help";
- construal: "Lima views the drill as a provocation" -> "the drill as a provocation";
  "Quito considers the islet part of its waters" -> "the islet part of its waters";
- phrase alone: "Bo complained about the delay" -> "the delay" (the preposition joins the cue);
  "she apologized to the crew for the remark" -> "the crew for the remark";
- traded accusations: "Chile and Peru traded accusations that each fired first" ->
  one statement per side, "each fired first";
- joint decisions: "Chile and Peru agreed to reopen the border", "the two leaders resolved
  to meet again" -> the infinitive (official texts get this for any subject already).

And the uses of a cue verb that report no speech (``not_speech``): a negated cue ("he has
not said that ..."), hospitality ("welcomed the envoy to the capital") and a summons
("called the ambassador to the ministry").

Pure functions over a parsed Doc; ``statements.py`` calls them where its own rules find no
content.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from readouts import lexicons
from readouts.attribution.cues import lemma
from readouts.attribution.quotes import trim
from readouts.parse.nlp import text_of

COMPLEMENT_DEPS = ("oprd", "ccomp", "xcomp")


@dataclass(frozen=True, slots=True)
class Frames:
    """The ``frames`` table of ``data/cues.json`` (see its notes there)."""

    preps: dict[str, frozenset[str]]  # verb -> prepositions whose phrase is content
    lead_preps: dict[str, frozenset[str]]  # verb -> a preposition naming the addressee ('apologized to X for Y')
    construal: frozenset[str]  # 'views X as Y', 'considers X Y'
    trade_nouns: frozenset[str]  # 'traded accusations / charges'
    joint_decisions: frozenset[str]  # 'the two leaders agreed to ...'
    decision_people: frozenset[str]  # 'leaders', 'ministers': people whose joint decision is a statement
    hospitality: frozenset[str]  # 'welcomed X to <place>'
    summons: frozenset[str]  # 'called X to <place>'
    noun_preps: dict[str, tuple[str, ...]]  # cue noun -> prepositions of its content ('lodged a protest over Y')


@functools.lru_cache(maxsize=1)
def frames() -> Frames:
    raw = lexicons.cue_frames()
    return Frames({v: frozenset(p) for v, p in raw["preps"].items()},
                  {v: frozenset(p) for v, p in raw["lead_preps"].items()},
                  frozenset(raw["construal"]), frozenset(raw["trade_nouns"]),
                  frozenset(raw["joint_decisions"]), frozenset(raw["decision_people"]), frozenset(raw["hospitality"]), frozenset(raw["summons"]),
                  {n: tuple(p) for n, p in raw.get("noun_preps", {}).items()})


def _chars(doc, lo: int, hi: int) -> tuple[int, int]:
    """Trimmed characters of tokens ``lo..hi-1``, cut before a non-restrictive relative
    clause that comments on the content ("thanked X for the aid, which arrived on Monday")."""
    for t in doc[lo:hi]:
        left = t.left_edge.i
        if t.dep_ == "relcl" and left - 1 > lo and doc[left - 1].text == ",":
            hi = left - 1
            break
    return trim(text_of(doc), doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))


def _after(verb, deps) -> list:
    return [c for c in verb.children if c.dep_ in deps and c.i > verb.i]


# ---------------------------------------------------------------- not speech

def not_speech(verb) -> bool:
    """A cue verb that reports no speech here: negated ("has not said that ..."), hospitality
    ("welcomed the envoy to the capital") or a summons ("called the ambassador to the ministry")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    # "announced no agreements": an absence, not a statement
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in verb.children):
        return True
    fr, word = frames(), lemma(verb)
    if word not in fr.hospitality and word not in fr.summons:
        return False
    # the place phrase follows an object: "welcomed X to Y", "called X to Y" (not "called on X to V")
    return bool(_after(verb, ("dobj",))) and any(
        p.lower_ == "to" and any(g.dep_ == "pobj" for g in p.children) for p in _after(verb, ("prep",)))


# ---------------------------------------------------------------- content

def frame_content(doc, verb, subj, official: bool):
    """(content chars, rule, extra cue tokens) for a cue whose own rules found no content, or None."""
    fr, word = frames(), lemma(verb)
    if verb.dep_ == "ccomp":
        return None  # inside another speaker's reported content: that speaker's statement covers it
    found = _quoted_as(doc, verb) if word == "quote" else None
    if found is None and word in fr.trade_nouns or _trade_noun(verb, fr) is not None:
        found = _traded(doc, verb, fr)
    if found is None and word in fr.joint_decisions and not official and _joint_people(subj, fr):
        found = _infinitive(doc, verb)
    if found is None and word in fr.construal:
        found = _construal(doc, verb)
    if found is None and word in fr.preps:
        found = _prep_frame(doc, verb, fr.preps[word], fr.lead_preps.get(word, frozenset()))
    return found


def noun_prep_content(doc, noun):
    """Chars of the content of a cue noun carried by a light verb, from its topic phrase:
    "Lima lodged a protest with Quito over the arrests" -> "the arrests". The prepositions are
    tried in the table's order; a person or state after one ("a protest against the envoy")
    is the addressee, not the content. None when there is no such phrase."""
    preps = frames().noun_preps.get(lemma(noun))
    if not preps:
        return None
    near = [p for p in (*noun.children, *noun.head.children) if p.dep_ == "prep" and p.i > noun.i]
    # "a protest against the envoy regarding Y": the parser hangs the topic on the addressee
    near += [q for p in near if p.lower_ in ("against", "with", "to") for o in p.children if o.dep_ == "pobj"
             for q in o.children if q.dep_ == "prep"]
    found = [p for p in near if p.lower_ in preps]
    for word in preps:
        for p in found:
            obj = next((c for c in p.children if c.dep_ == "pobj"), None)
            if p.lower_ != word or obj is None or obj.ent_type_ in ("PERSON", "GPE", "NORP", "ORG", "DATE", "TIME"):
                continue
            if obj.pos_ == "PROPN" or obj.lemma_.lower() in lexicons.titles()["person_titles"]:
                continue
            return _chars(doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _quoted_as_parts(verb):
    """(person quoted, 'saying' token, its clause) of "X quoted Y as saying C", or None."""
    dobj = next(iter(_after(verb, ("dobj",))), None)
    prep = next((p for p in _after(verb, ("prep",)) if p.lower_ == "as"), None)
    if dobj is None or prep is None:
        return None
    says = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
    clause = None if says is None else next((c for c in says.children if c.dep_ == "ccomp" and c.i > says.i), None)
    return None if clause is None else (dobj, says, clause)


def _quoted_as(doc, verb):
    """ "The envoy quoted the governor as saying ports would reopen": the clause, with
    "quoted the governor as saying" as the cue."""
    parts = _quoted_as_parts(verb)
    if parts is None:
        return None
    dobj, says, clause = parts
    lo = clause.left_edge.i
    while lo < clause.i and doc[lo].dep_ == "mark":
        lo += 1
    return _chars(doc, lo, clause.right_edge.i + 1), "quoted_as_saying", list(dobj.subtree) + [says]


def quoted_person(verb):
    """The inner speaker of "X quoted Y as saying C" (Y says C too), with the 'saying' token;
    None for any other cue."""
    if lemma(verb) != "quote" or verb.dep_ == "ccomp":
        return None
    parts = _quoted_as_parts(verb)
    return None if parts is None else parts[:2]


def _prep_frame(doc, verb, preps, leads):
    """ "congratulated X on Y" -> "X on Y"; "complained about Y" -> "Y" (the preposition is cue);
    "apologized to X for Y" -> "X for Y" ('to' is cue)."""
    frame = next((p for p in _after(verb, ("prep",)) if p.lower_ in preps and _has_object(p)), None)
    if frame is None:
        return None
    dobj = next((c for c in _after(verb, ("dobj",)) if c.i < frame.i), None)
    if dobj is not None:
        return _chars(doc, dobj.left_edge.i, frame.right_edge.i + 1), "frame", []
    lead = next((p for p in _after(verb, ("prep",)) if p.lower_ in leads and p.i < frame.i and _has_object(p)), None)
    if lead is not None:
        return _chars(doc, lead.i + 1, frame.right_edge.i + 1), "frame", [lead]
    if frame.i > verb.i + 3:
        return None  # "complained on Monday about ...": too loose to be the verb's phrase
    return _chars(doc, frame.i + 1, frame.right_edge.i + 1), "frame", [frame]


def _has_object(prep) -> bool:
    return any(c.dep_ in ("pobj", "pcomp") for c in prep.children)


def _construal(doc, verb):
    """ "views X as Y", "considers X Y": the object and what it is taken as."""
    dobj = next(iter(_after(verb, ("dobj",))), None)
    if dobj is None:
        comp = next(iter(_after(verb, ("ccomp", "oprd"))), None)  # "considers [the islet part of ...]"
        return None if comp is None else (_chars(doc, comp.left_edge.i, comp.right_edge.i + 1), "frame", [])
    tail = [c for c in verb.children if c.i > dobj.i and
            (c.dep_ in COMPLEMENT_DEPS or c.dep_ == "prep" and c.lower_ == "as" and _has_object(c))]
    if not tail:
        return None
    end = max(t.right_edge.i for t in tail) + 1
    return _chars(doc, dobj.left_edge.i, end), "frame", []


def _trade_noun(verb, fr: Frames):
    return next((c for c in _after(verb, ("dobj",)) if lemma(c) in fr.trade_nouns), None)


def _traded(doc, verb, fr: Frames):
    """ "traded accusations (that) C" -> C; "traded charges over Y" -> Y."""
    noun = _trade_noun(verb, fr)
    if noun is None:
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i), None)
    if clause is None:
        clause = next((c for c in _after(verb, ("ccomp",)) if c.i > noun.i), None)
    if clause is not None:
        lo = clause.left_edge.i
        while lo < clause.i and doc[lo].dep_ == "mark":
            lo += 1
        return _chars(doc, lo, clause.right_edge.i + 1), "traded", [noun]
    prep = next((p for p in list(noun.children) + _after(verb, ("prep",))
                 if p.dep_ == "prep" and p.i > noun.i and p.lower_ in ("over", "about", "on") and _has_object(p)), None)
    if prep is None:
        return None
    return _chars(doc, prep.i + 1, prep.right_edge.i + 1), "traded", [noun, prep]


def _infinitive(doc, verb):
    xcomp = next((c for c in _after(verb, ("xcomp",)) if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
                 None)
    if xcomp is None:
        return None
    return _chars(doc, xcomp.left_edge.i, xcomp.right_edge.i + 1), "joint_decision", []


def _joint_people(subj, fr: Frames) -> bool:
    """ "Both leaders", "the two ministers": people who decided together, reporting their talks.
    Not "the two sides agreed to meet again" or "Chile and Peru agreed to ...": in news copy
    a decision of states or sides narrates an event."""
    if subj is None or subj.tag_ != "NNS" or lemma(subj) not in fr.decision_people:
        return False
    return any(t.lower_ in ("both", "two") for t in subj.subtree)
