"""Words that report a contact, and whether the contact they report happened.

``find_triggers`` finds the verbs ("met", "spoke by phone", "hosted") and nouns
("a phone call", "talks", "their February summit") of ``data/contact_modes.json``,
each with its mode and the token that owns its dates and parties ("held" in
"held phone talks", "string" in "a string of phone calls"). ``planned_or_negated``
tells a contact that was held from one announced or proposed ("ready to host",
"will meet", "a proposal for talks") or denied ("did not meet", "rather than talks").
"""
from __future__ import annotations

from dataclasses import dataclass

from readouts.lexicons import contact_modes as lexicon
from readouts.lexicons import speech_verbs, titles
from readouts.parse.dates import DateMention

CLAUSE_PREPS = {"in", "during", "at", "after", "following", "before", "on", "since", "from", "throughout"}
_FUTURE_AUX = {"will", "shall", "'ll", "would", "could", "might", "may", "should", "can", "must"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that reports a contact: ``head`` is the verb or noun token index, ``anchor``
    the token that owns its dates and parties (a light verb, "a series of")."""

    head: int
    anchor: int
    mode: str
    kind: str  # verb | noun
    rule: str


# ---------------------------------------------------------------- 1. triggers

def _channel(tok) -> str | None:
    """The mode a channel word near ``tok`` sets: "phone call", "by telephone", "video talks"."""
    modes = lexicon()["channel_modifiers"]
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.lower_ in modes:
            return modes[child.lower_]
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "over", "on", "via"):
            for obj in child.children:
                if obj.lemma_.lower() in modes:
                    return modes[obj.lemma_.lower()]
        if child.dep_ == "advmod" and child.lower_ in lexicon()["channel_adverbs"]:
            return lexicon()["channel_adverbs"][child.lower_]
    return None


def _by_channel(verb) -> str | None:
    """The mode of "by telephone", "over the phone", "via video link" on a verb, else None."""
    modes = lexicon()["channel_modifiers"]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "over", "via"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in modes:
                    return modes[obj.lemma_.lower()]
    return None


def _spoke_mode(verb) -> str:
    """"X spoke with Y" in diplomatic news is a call unless a place or venue says they met
    ("spoke with Y in Paris", "on the sidelines of the summit")."""
    # the place may hang on the verb or on the party it names: "spoke with Kuleba in Kyiv"; not on
    # what they spoke about ("spoke with Y about the fighting in Ruritania" is no venue)
    preps = [c for c in verb.children if c.dep_ == "prep"]
    preps += [c for p in list(preps) if p.lower_ in ("with", "to") for o in p.children if o.dep_ == "pobj"
              for c in o.children if c.dep_ == "prep"]
    for prep in preps:
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if prep.lower_ == "on" and any(o.lower_ in lexicon()["venue_nouns"] for o in objects):
            return "meeting"
        if prep.lower_ in ("in", "at") and any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in objects):
            return "meeting"
    return "call"


def attached_preps(tok) -> list:
    """``tok``'s prepositional phrases, with those the parser hangs one level off: on a date
    after it ("the call on Friday between X and Y") or on the noun it completes ("a summary of
    the call between X and Y")."""
    preps = [c for c in tok.children if c.dep_ in ("prep", "dative")]
    for c in list(preps):
        preps += [pp for o in c.children if o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME")
                  for pp in o.children if pp.dep_ == "prep"]
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.pos_ in ("NOUN", "PROPN"):
        preps += [c for c in tok.head.head.children if c.dep_ == "prep" and c.i > tok.i]
    return preps


def _summoned(tok) -> str | None:
    """The mode of a summons: "called in the envoy", "called the envoy to the ministry" (a place,
    not a person: "called Y to discuss Z" is a call with a purpose)."""
    mode = lexicon()["summon_verbs"].get(tok.lemma_.lower())
    if mode is None:
        return None
    if any(c.dep_ == "prt" and c.lower_ == "in" for c in tok.children):
        return mode
    places = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children if o.dep_ == "pobj"]
    if any(o.ent_type_ != "PERSON" and o.pos_ in ("NOUN", "PROPN") for o in places):
        return mode
    # on the object, only a common noun is a place: "the envoy to the ministry"; "the envoy to Chile" is a post
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return mode if any(o.pos_ == "NOUN" for d in objects for o in prep_objects(d, {"to"})) else None


def _purpose(clause) -> bool:
    """An infinitive of purpose: "to discuss" in "phoned Y to discuss Z"."""
    return clause.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def has_party_prep(tok) -> bool:
    return any(c.lower_ in ("between", "with") for c in attached_preps(tok))


def _spoke_to_a_person(tok) -> bool:
    """"spoke to" a person is a contact: "the minister spoke to President Ruiz", "spoke to
    the Chancellor of Ruritania"; "spoke to reporters", "talked to the BBC" are not (no person)."""
    people = titles()["person_titles"] | lexicon()["spoken_to_nouns"]
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in people for o in prep_objects(tok, {"to"}))


def prep_objects(tok, preps) -> list:
    """Objects of ``tok``'s prepositions in ``preps`` ("with Y", "to Y"; spaCy calls some "dative")."""
    return [o for c in attached_preps(tok) if c.lower_ in preps for o in c.children if o.dep_ == "pobj"]


def find_triggers(doc) -> list[Trigger]:
    """Every verb and noun in ``doc`` that reports a contact, with its mode."""
    lex = lexicon()
    out: list[Trigger] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in lex["verbs"]:
            summons = None if _channel(tok) else _summoned(tok)
            mode = _channel(tok) or summons or lex["verbs"][lemma]
            if lemma in lex["party_verbs"] and mode == "talks" and not has_party_prep(tok) and \
                    not _spoke_to_a_person(tok) and \
                    not any(c.dep_ == "nsubj" and any(x.dep_ == "conj" for x in c.children) for c in tok.children):
                continue  # a bare "spoke" is not a contact; "Biden and Xi spoke" is
            if lemma in lex["party_verbs"] and mode == "talks":
                mode = _spoke_mode(tok)
            if lemma in lex["verbs_needing_party_object"] and not any(
                    c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
                continue  # "calling on Moscow", "called for talks"
            if any(c.dep_ in ("oprd", "ccomp") or (c.dep_ == "xcomp" and not _purpose(c)) for c in tok.children):
                continue  # "called the attacks a violation"; but "called Y to discuss Z" is a call
            out.append(Trigger(tok.i, tok.i, mode, "verb", f"verb_{lemma}" + ("_summons" if summons else "")))
        elif tok.pos_ == "VERB" and _by_channel(tok):
            # any verb done over a channel is a contact: "X and Y discussed the border by telephone"
            out.append(Trigger(tok.i, tok.i, _by_channel(tok), "verb", "verb_by_channel"))
        elif lemma in lex["gestures"] and any(c.lower_ == lex["gestures"][lemma] for c in tok.children):
            out.append(Trigger(tok.i, tok.i, "meeting", "verb", f"verb_{lemma}_{lex['gestures'][lemma]}"))
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in lex["noun_modes"] or tok.lower_ in lex["noun_modes"]):
            if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in lex["noun_modes"]:
                continue  # "phone" in "phone call": the head noun is the trigger
            if tok.pos_ == "PROPN" and not tok.lower_.startswith(tuple(lex["event_name_prefixes"])):
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "over", "on", "via") and \
                    tok.lemma_.lower() in lex["channel_modifiers"]:
                continue  # "spoke by phone": the channel of the verb, not a contact of its own
            base = lex["noun_modes"].get(tok.lower_) or lex["noun_modes"][lemma]
            mode = _channel(tok) or base
            needs = lemma in lex["needs_channel"] or tok.lower_ in lex["needs_channel"]
            rule = f"noun_{tok.lower_}"
            in_clause = tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during", "on") and \
                tok.head.head.pos_ == "VERB" and lemma in ("call", "conversation")  # "told Y in a call"
            if needs and not _channel(tok) and not has_party_prep(tok) and not _sign_object(tok) and not in_clause:
                if not _governed_by_light_verb(tok) and not is_definite(tok):
                    continue
                if not _governed_by_light_verb(tok):
                    rule += "_anaphor"  # "the unexpected call": only the contact already found
            out.append(Trigger(tok.i, _anchor(tok), mode, "noun", rule))
    return out


def _sign_object(tok) -> bool:
    return tok.lemma_.lower() in lexicon()["sign_objects"] and tok.dep_ in ("dobj", "nsubjpass") and \
        tok.head.lemma_.lower() in lexicon()["sign_verbs"]


def _governed_by_light_verb(tok) -> bool:
    lex = lexicon()
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in lex["light_verbs"] and \
        tok.lemma_.lower() not in lex["outcome_nouns"]


def _anchor(tok):
    """The token that owns a noun trigger's dates and parties."""
    lex = lexicon()
    head = tok
    # "a string of calls ..., the latest of them in May": the series holds the date
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in lex["collective_nouns"]:
        head = head.head.head
    if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in lex["light_verbs"]:
        return head.head.i
    return head.i


def is_definite(head) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "their", "its", "his", "her")
               or c.dep_ == "poss" for c in head.children)


# ---------------------------------------------------------------- 4. planned, negated

def planned_or_negated(doc, trig: Trigger, when: DateMention | None) -> tuple[bool, bool]:
    """(planned, negated) for one trigger."""
    lex = lexicon()
    plan = lex["planning_words"]
    head, anchor = doc[trig.head], doc[trig.anchor]
    if when is not None and when.future:
        return True, False
    for w in {head, anchor}:
        for c in w.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return False, True
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX:
                return True, False
            if c.dep_ == "aux" and c.lower_ == "to":
                return True, False
            if c.dep_ in ("amod", "compound") and c.lemma_.lower() in plan:
                return True, False
    node, steps = anchor, 0
    while node.head.i != node.i and steps < 6:
        dep, up = node.dep_, node.head
        if dep in ("pobj", "pcomp") and up.lower_ == "than":
            return False, True
        if dep == "pobj" and (up.lower_ in ("before", "until") or (up.lower_, up.head.lower_) in (
                ("of", "ahead"), ("to", "prior"))):
            return True, False  # "pressing hard ahead of her meeting with the premier"
        if dep == "pobj" and up.lower_ == "for" and up.head.pos_ in ("VERB", "AUX") and \
                up.head.tag_ not in ("VBD", "VBN"):
            return True, False  # "the envoy flew to Oslo for talks with them": a purpose, not yet held
        if dep == "pobj" and up.lower_ in CLAUSE_PREPS:
            break  # "tried to advance the process during talks": the talks took place
        if any(c.dep_ == "mark" and c.lower_ in ("before", "until", "unless", "if") for c in node.children):
            return True, False  # "Days before Israel resumes talks"
        if dep in ("dobj", "nsubjpass", "nsubj") and up.lemma_.lower() in lex["cancel_words"]:
            return False, True  # "the summit was postponed", "Kyiv cancelled the talks"
        if dep in ("dobj", "nsubjpass", "nsubj") and up.lemma_.lower() in plan:
            return True, False  # "Russia requested talks", "talks are expected to resume"
        if dep in ("xcomp",) and (up.lemma_.lower() in plan or any(c.lower_ == "to" for c in node.children)):
            return True, False
        if dep in ("pobj", "pcomp") and up.dep_ == "prep" and up.head.lemma_.lower() in plan:
            return True, False
        if dep in ("acl",) and any(c.lower_ == "to" for c in node.children):
            return True, False
        if dep == "ccomp" and up.lemma_.lower() in lex["denial_verbs"]:
            return False, True  # "Moscow denied that Putin had spoken with Trump"
        if up.lemma_.lower() in speech_verbs() or dep in ("ccomp", "relcl", "advcl", "conj"):
            break
        if dep in ("pobj", "prep", "dobj") and up.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in up.children):
            return True, False  # "Lavrov will travel to Ankara for talks with Cavusoglu"
        node, steps = up, steps + 1
    return False, False
