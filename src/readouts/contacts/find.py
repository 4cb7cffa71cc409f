"""Contacts between sides: who called, met, wrote to or held talks with whom, and when.

Stages, each over the parsed Doc:
1. triggers: verbs ("met", "spoke by phone", "hosted") and nouns ("a phone call",
   "talks", "their February summit") from ``data/contact_modes.json``, with a mode;
2. parties: the trigger's subject and object, "between X and Y", "with Y", the
   subject of a light verb ("X and Y held talks") or of the clause ("in a call
   with Y"), each resolved to a name and a side (``contact_parties``);
3. when: the date expression the dependency tree hangs under the trigger,
   resolved against the published date (``dates``); current or recalled;
4. planned or negated: "ready to host", "will meet", "a proposal for talks",
   "rather than talks" did not happen;
5. one contact per event: mentions of the same sides, mode family and date are
   merged; "the call", "their meeting" add their evidence to the contact before;
6. initiator: "initiated by France", "at the request of X", and who says so.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from readouts.contacts.parties import Party, PartyResolver, conjuncts, span_of
from readouts.contacts.triggers import (
    CLAUSE_PREPS,
    Trigger,
    attached_preps,
    find_triggers,
    is_definite,
    planned_or_negated,
    prep_objects,
)
from readouts.faults import confined
from readouts.lexicons import contact_modes as lexicon
from readouts.lexicons import speech_verbs
from readouts.parse.dates import WEEKDAYS, DateMention, as_date, find_dates, next_weekday
from readouts.parse.nlp import text_of
from readouts.records import Actor, Contact, Participant, Span

_FAMILY = {"meeting": "meet", "talks": "meet", "call": "call", "video": "call", "letter": "letter"}
_PARTY_PREPS = {"with", "between", "to", "from", "among", "amongst"}
_STATE_RULES = {"gazetteer", "phrase_sides", "host_country", "modifier_sides", "principal_pair", "demonym", "context_side",
                "actor_state", "actor_body", "actor_group", "actor_other"}


@dataclass(slots=True)
class _Mention:
    trigger: Trigger
    parties: list[Party]
    evidence: Span
    when: DateMention | None
    planned: bool
    past: bool
    plural: bool = False  # "their talks", "the two leaders": the parties are named before
    sentence: int = 0
    dual: bool = False  # "the two", "both", "bilateral": two sides, the article's main pair if none before
    mediators: list[Party] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    parties: list[Party]
    mode: str
    when: DateMention | None
    past: bool
    planned: bool
    evidence: list[Span]
    rule: str
    sentences: set[int] = field(default_factory=set)
    mediators: list[Party] = field(default_factory=list)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.side for p in self.parties if p.side))


# ---------------------------------------------------------------- 2. parties

def _subjects(verb) -> list:
    """The subject heads of ``verb`` (inherited by a conjoined verb: "greeted ... and shook hands")."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subj and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head.i != verb.i:
        # "after speaking with Y, X said": the subject of the clause the phrase hangs on
        verb = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    agent = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    return subj + agent


def _with_all_conjuncts(heads) -> list:
    out = []
    for h in heads:
        for c in conjuncts(h):
            out.append(c)
            for ap in c.children:
                if ap.dep_ == "appos":
                    out.extend(x for x in conjuncts(ap)[1:])
    return list(dict.fromkeys(out))


def _fallback_heads(doc, trig: Trigger) -> list:
    """Parties named outside the trigger's own phrase, used when it names fewer than two:
    "in a call with Y, X said" (X is the clause subject), "It was the pair's second meeting"."""
    head = doc[trig.anchor]
    heads: list = []
    if trig.kind == "noun" and head.pos_ in ("NOUN", "PROPN"):
        # "in a call with Y, X said", "X traveled to Ankara for talks with Y"
        verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ in CLAUSE_PREPS | {"for"} else None
        while verb is not None and verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("pobj", "dobj") and \
                verb.head.i != verb.i:
            verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head  # "thanked Y for support during a call"
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            heads += _subjects(verb)
            heads += prep_objects(verb, {"with"})  # "discussed Gaza with Y in a phone call"
            # "issued a joint statement with Y after a meeting": "with" on the verb's object
            heads += [o for d in verb.children if d.dep_ == "dobj" for o in prep_objects(d, {"with"})]
            if verb.lemma_.lower() in lexicon()["addressee_verbs"]:
                heads += [c for c in verb.children if c.dep_ in ("dobj", "dative")]  # "X told Y during their call"
        elif head.dep_ in ("attr",) and head.head.lemma_ == "be":
            heads += _subjects(head.head)
        elif head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ccomp" and \
                head.head.head.lemma_.lower() in speech_verbs():
            heads += _subjects(head.head.head)  # "Lavrov said the talks with Blinken had been useful"
    return _with_all_conjuncts(heads)


def _party_heads(doc, trig: Trigger) -> list:
    """The tokens naming the parties of one trigger, before resolution."""
    head, anchor = doc[trig.head], doc[trig.anchor]
    heads: list = []
    if trig.kind == "verb":
        heads += _subjects(head)
        heads += [c for c in head.children if c.dep_ in ("dobj", "dative")]
        heads += prep_objects(head, _PARTY_PREPS)
    else:
        heads += [c for c in head.children if c.dep_ == "poss"]
        heads += prep_objects(head, _PARTY_PREPS)
        if anchor.i != head.i and anchor.pos_ in ("VERB", "AUX"):
            heads += _subjects(anchor)
            heads += prep_objects(anchor, _PARTY_PREPS)
    return _with_all_conjuncts(heads)


def _plural_modifier(doc, trig: Trigger) -> bool:
    """"bilateral talks", "an inter-Korean summit": between the two sides, whoever they are."""
    words = lexicon()["plural_modifiers"]
    head = doc[trig.head]
    return trig.kind == "noun" and any(t.lower_ in words or t.lower_.split("-")[0] in words
                                       for c in head.children if c.i < head.i for t in c.subtree)


def _modifier_parties(resolver: PartyResolver, doc, trig: Trigger) -> list[Party]:
    """Sides named before a noun trigger: "Russian-Ukrainian talks", "US-China summit"."""
    head = doc[trig.head]
    if trig.kind != "noun":
        return []
    mods = [c for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound", "nmod")]
    if not mods:
        return []
    start = min(t.i for m in mods for t in m.subtree)
    s, e = doc[start].idx, head.idx
    return [resolver.state_party(a, b, entry, "modifier_sides") for a, b, entry in resolver.entries_by_side(s, e)]


# ---------------------------------------------------------------- 3. when

_OTHER_EVENT_MARKS = {"after", "before", "since", "until", "when", "as", "while", "because", "once"}


def _date_owner(doc, mention: DateMention, anchors: dict[int, int]) -> int | str | tuple | None:
    """The trigger whose anchor the date's token hangs under first, walking up the tree;
    "main" for a date of the sentence's main clause ("officials said Wednesday"), None
    for a date of another event ("after she took office in May")."""
    tok = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if tok is None:
        return None
    node = tok.root
    for _ in range(12):
        if node.i in anchors:
            return anchors[node.i]
        if node.head.i == node.i:
            return "main"
        if node.dep_ in ("advcl", "relcl", "acl", "ccomp", "pcomp") and node.pos_ in ("VERB", "AUX"):
            if node.dep_ in ("acl", "relcl") and node.head.i in anchors and not any(
                    (c.dep_ == "mark" and c.lower_ in _OTHER_EVENT_MARKS) or (c.dep_ == "aux" and c.lower_ == "to")
                    for c in node.children):
                node = node.head  # "an agreement reached late Thursday": the contact's own clause
                continue
            if node.dep_ == "advcl" and node.head.i in anchors and any(
                    c.dep_ == "mark" and c.lower_ in ("after", "since") for c in node.children):
                return ("after", anchors[node.head.i])  # "after she took office in May, X and Y signed"
            other_event = node.dep_ != "relcl" or any(c.dep_ == "mark" and c.lower_ in _OTHER_EVENT_MARKS
                                                      for c in node.children)
            if other_event and (node.dep_ in ("advcl", "relcl") or node.head.lemma_.lower() not in speech_verbs()):
                return None
        node = node.head
    return None


def _is_past(when: DateMention | None, published: dt.date | None, doc, trig: Trigger) -> bool:
    lex = lexicon()
    words = [doc[trig.head], doc[trig.anchor]]
    for w in words:
        for c in w.children:
            if c.dep_ in ("advmod", "amod") and c.lower_ in lex["past_markers"]:
                return True
    if when is None or when.value is None or published is None:
        return False
    value = when.value
    if len(value) == 10:
        return (published - dt.date.fromisoformat(value)).days > 7
    if len(value) == 7:
        return value < published.isoformat()[:7]
    return value < str(published.year)


# ---------------------------------------------------------------- assembly

def _evidence(doc, trig: Trigger, parties: list[Party], when: DateMention | None) -> Span:
    head, anchor = doc[trig.head], doc[trig.anchor]
    sent = head.sent
    starts = [head.idx, anchor.idx] + [p.start for p in parties] + ([when.start] if when else [])
    ends = [head.idx + len(head.text), anchor.idx + len(anchor.text)] + [p.end for p in parties]
    ends += [when.end] if when else []
    start = max(min(starts), sent.start_char)
    end = min(max(ends), sent.end_char)
    if trig.kind == "noun" and anchor.i == head.i:  # take the whole noun phrase: "a call late on Friday between ..."
        start = min(start, head.left_edge.idx)
    return span_of(doc, start, end)


def _assign_dates(doc, triggers: list[Trigger], dates: list[DateMention], published: dt.date | None):
    """Each date to the trigger that owns it; dates of the main clause by sentence; and what
    "after <date>" clauses tell of a trigger's date. Returns (owned, loose, after)."""
    anchors: dict[int, int] = {}
    for n, t in enumerate(triggers):
        anchors.setdefault(t.anchor, n)
        anchors.setdefault(t.head, n)
    for n, t in enumerate(triggers):
        # "a thaw, which began in May after a first summit": the clause's date
        # bounds the contact it names after "following", "after", "at", "during"
        anchor = doc[t.anchor]
        if t.kind == "noun" and anchor.dep_ == "pobj" and anchor.head.lower_ in CLAUSE_PREPS:
            anchors.setdefault(anchor.head.head.i, n)
    owned: dict[int, list[DateMention]] = {}
    loose: dict[int, list[DateMention]] = {}  # sentence start -> dates no trigger owns
    after: dict[int, list[DateMention]] = {}  # trigger -> what "after <date>" tells of its date
    for d in dates:
        first = doc.char_span(d.start, d.end, alignment_mode="expand")
        if first is not None and (first[0].lower_ == "since" or first.root.head.lower_ == "since"):
            continue  # "their first meeting since March": March is not the meeting's date
        n = _date_owner(doc, d, anchors)
        if n == "main":
            tok = doc.char_span(d.start, d.end, alignment_mode="expand")
            if tok is not None:
                loose.setdefault(tok.sent.start, []).append(d)
        elif isinstance(n, tuple):
            bound = _after_bound(d, published)
            if bound is not None:
                after.setdefault(n[1], []).append(bound)
        elif n is not None:
            owned.setdefault(n, []).append(d)
    return owned, loose, after


def _resolve_parties(doc, resolver: PartyResolver, trig: Trigger) -> list[Party]:
    """The parties of one trigger: its own phrase, a body's context side, modifiers, then the clause."""
    parties: list[Party] = []
    heads = _party_heads(doc, trig)
    for tok in heads:
        parties.extend(resolver.resolve(tok))
    known_sides = {p.side for p in parties if p.side}
    for n_party, party in enumerate(parties):
        if party.side is None and party.rule == "unresolved":
            tok = next((t for t in heads if t.idx <= party.start < t.idx + len(t.text) or
                        party.start <= t.idx < party.end), None)
            if tok is not None:
                parties[n_party] = resolver.context_side(tok, party, exclude=known_sides)
    parties.extend(_modifier_parties(resolver, doc, trig))
    if len({p.side for p in parties if p.side and not p.plural}) < 2:
        for tok in _fallback_heads(doc, trig):
            parties.extend(resolver.resolve(tok))
    if len({p.side for p in parties if p.side and not p.plural}) < 2:
        parties.extend(_host_country(doc, resolver, trig))
    return parties


def _host_country(doc, resolver: PartyResolver, trig: Trigger) -> list[Party]:
    """"The envoy was in Chile for talks": a visitor's talks named by no other party are with the
    country visited. Only a country's name counts: a city is often a venue for others' talks."""
    head = doc[trig.head]
    if trig.kind != "noun" or head.dep_ != "pobj" or head.head.lower_ != "for":
        return []
    verb = head.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    out = []
    for place in prep_objects(verb, {"in", "to"}):
        entry = resolver.gz.lookup(place.text) if place.ent_type_ == "GPE" else None
        if entry is not None and entry.kind == "country":
            out.append(resolver.state_party(place.idx, place.idx + len(place.text), entry, "host_country"))
    return out


def _mentions(doc, resolver: PartyResolver, dates: list[DateMention], published: dt.date | None) -> list[_Mention]:
    triggers = find_triggers(doc)
    owned, loose, after = _assign_dates(doc, triggers, dates, published)
    out: list[_Mention] = []
    seen_heads: set[int] = set()
    for n, trig in enumerate(triggers):
        if trig.head in seen_heads:
            continue
        seen_heads.add(trig.head)
        head = doc[trig.head]
        with confined("contacts", doc, head.sent):  # a fault in a rule costs this mention only
            anaphor = trig.rule.endswith("_anaphor")
            when = None if anaphor else _pick_date(owned.get(n) or after.get(n), loose.get(head.sent.start), head)
            planned, negated = planned_or_negated(doc, trig, when)
            if negated:
                continue
            parties = _resolve_parties(doc, resolver, trig)
            mediators = _mediators(doc, resolver, trig)
            parties = [p for p in parties if p.side not in {m.side for m in mediators}]
            dual = any(p.plural and p.rule == "plural" for p in parties) or _plural_modifier(doc, trig)
            plural = dual or any(p.plural for p in parties)
            parties = [p for p in parties if not p.plural and p.side]
            if trig.mode in ("talks",) and trig.kind == "verb" and len({p.side for p in parties}) < 2 and not plural:
                continue
            out.append(_Mention(trig, parties, _evidence(doc, trig, parties, when), when, planned,
                                _is_past(when, published, doc, trig), plural, _sentence_index(doc, trig.head), dual,
                                mediators))
    return out


def _mediators(doc, resolver: PartyResolver, trig: Trigger) -> list[Party]:
    """Go-betweens of a contact: "talks through Omani mediators", "via intermediaries from Qatar",
    "talks mediated by Egypt", "with the mediation of Norway". They are not parties."""
    lex = lexicon()
    nouns, verbs = set(lex["mediator_nouns"]), set(lex["mediation_verbs"])
    heads = []
    for tok in {doc[trig.head], doc[trig.anchor]}:
        for prep in attached_preps(tok):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if prep.lower_ in ("through", "via") and obj.lemma_.lower() in nouns:
                    heads.append(obj)
                elif obj.lemma_.lower() == "mediation":
                    heads += prep_objects(obj, {"of", "by"})
        for acl in (c for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in verbs):
            heads += [o for a in acl.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return [p for h in _with_all_conjuncts(heads) for p in resolver.resolve(h) if p.side]


def _after_bound(d: DateMention, published: dt.date | None) -> DateMention | None:
    """A contact "after <d>" happened between d and publication: as precise as the two agree
    ("after she took office in May" in a July 2010 article: 2010)."""
    if d.value is None or published is None or d.future:
        return None
    pub = published.isoformat()
    if len(d.value) >= 7 and d.value[:7] == pub[:7]:
        value = pub[:7]
    elif d.value[:4] == pub[:4]:
        value = pub[:4]
    else:
        return None
    return DateMention(d.start, d.end, d.text, value, "after_" + d.rule)


def _sentence_index(doc, i: int) -> int:
    return sum(1 for s in doc.sents if s.start <= i) - 1


def _pick_date(owned: list[DateMention] | None, loose: list[DateMention] | None, head) -> DateMention | None:
    pool = [d for d in owned or [] if d.value]
    if not pool:
        pool = [d for d in loose or [] if d.value and not d.future]
    if not pool:
        return None
    return min(pool, key=lambda d: abs(d.start - head.idx))


def _compatible(draft: _Draft, m: _Mention, sides: set[str]) -> bool:
    if _FAMILY[draft.mode] != _FAMILY[m.trigger.mode]:
        return False
    if not sides <= set(draft.sides):
        return False
    people = {p.name for p in draft.parties if p.rule not in _STATE_RULES}
    theirs = {p.name for p in m.parties if p.rule not in _STATE_RULES}
    if people and theirs and not people & theirs:
        return False  # Hamdok-Kiir and their foreign ministers: two contacts
    if m.trigger.rule.endswith("_anaphor"):
        return True  # "the unexpected call": whatever its clause says, it is the call just reported
    if draft.planned != m.planned:
        return False
    a = draft.when.value if draft.when else None
    b = m.when.value if m.when else None
    if a and b and a != b and not (a.startswith(b) or b.startswith(a)):
        return False
    return draft.past == m.past  # a recalled contact is not the one the article reports


def _merge(draft: _Draft, m: _Mention) -> None:
    draft.evidence.append(m.evidence)
    draft.sentences.add(m.sentence)
    draft.mediators.extend(p for p in m.mediators if p.side not in {x.side for x in draft.mediators})
    known = {p.name for p in draft.parties}
    draft.parties.extend(p for p in m.parties if p.name not in known and p.side)
    if m.when and (draft.when is None or len(m.when.value or "") > len(draft.when.value or "")):
        draft.when = m.when
    # a specific channel beats a generic one: "hosted" + "talks" is a meeting
    if draft.mode == "talks" and m.trigger.mode != "talks" and not m.trigger.rule.endswith("_anaphor"):
        draft.mode = m.trigger.mode


def _when(draft: _Draft, published: dt.date | None) -> str | None:
    """The contact's date. A contact the article reports as news with no date of its own ("X called
    Y to discuss the floods") is dated the day the article was published, as news is written; the
    record says so (``when_rule="published_day"``), so a reader can tell it from a date in the text."""
    if draft.when is not None and draft.planned and draft.when.rule == "weekday" and published is not None:
        # "will hold talks on Saturday": the Saturday to come, not the one before
        weekday = next(i for i, name in enumerate(WEEKDAYS) if name in draft.when.text)
        return next_weekday(weekday, published, include_today=True).isoformat()
    if draft.when is not None:
        return draft.when.value
    if published is not None and not draft.past and not draft.planned:
        return published.isoformat()
    return None


def _principal_pair(resolver: PartyResolver, doc) -> list[Party]:
    """The two sides the article names most: what "the two sides" means with nothing before it."""
    counts: dict[str, list] = {}
    for s, e, entry in resolver.scan(0, len(text_of(doc))):
        counts.setdefault(entry.side, []).append((s, e, entry))
    top = sorted(counts, key=lambda k: (-len(counts[k]), counts[k][0][0]))[:2]
    return [resolver.state_party(counts[k][0][0], counts[k][0][1], counts[k][0][2], "principal_pair") for k in top]


def _assemble(doc, resolver: PartyResolver, mentions: list[_Mention]) -> list[_Draft]:
    drafts: list[_Draft] = []
    pair: list[Party] | None = None
    for m in mentions:
        sides = {p.side for p in m.parties}
        if len(sides) < 2 and m.plural:
            earlier = [d for d in drafts if d.planned == m.planned]
            if earlier and (not sides or sides <= set(earlier[-1].sides)):
                m.parties = list(earlier[-1].parties)
            elif m.dual:
                pair = pair if pair is not None else _principal_pair(resolver, doc)
                if len(pair) == 2 and (not sides or sides <= {p.side for p in pair}):
                    m.parties = m.parties + [p for p in pair if p.side not in sides]
            sides = {p.side for p in m.parties}
        sent = _sentence_index(doc, m.trigger.head)
        definite = is_definite(doc[m.trigger.head]) or m.trigger.kind == "verb"
        # an indefinite "a declaration", "an agreement" far away or of another mode is another contact
        target = next((d for d in reversed(drafts) if _compatible(d, m, sides) and
                       (definite or (sent - max(d.sentences) <= 3 and d.mode == m.trigger.mode))), None)
        if len(sides) >= 2 and not m.trigger.rule.endswith("_anaphor"):
            if target is not None and set(target.sides) == sides:
                _merge(target, m)
            else:
                drafts.append(_Draft(list(m.parties), m.trigger.mode, m.when, m.past, m.planned,
                                     [m.evidence], m.trigger.rule, sentences={sent}, mediators=list(m.mediators)))
        elif len(sides) >= 2 and target is None:  # "Xi told Biden during their call", the first mention
            drafts.append(_Draft(list(m.parties), m.trigger.mode, m.when, m.past, m.planned,
                                 [m.evidence], m.trigger.rule, sentences={sent}, mediators=list(m.mediators)))
        elif target is not None and m.trigger.kind == "noun" and is_definite(doc[m.trigger.head]):
            _merge(target, m)  # "the unexpected call", "Tuesday's meeting": the contact already found
    return drafts


# ---------------------------------------------------------------- 6. initiator

def _initiator(doc, resolver: PartyResolver, draft: _Draft) -> tuple[str | None, str | None, Span | None]:
    words = lexicon()["initiative_words"]
    sents = list(doc.sents)
    for index in sorted(draft.sentences):
        sent = sents[index]
        for tok in sent:
            if tok.lemma_.lower() not in words:
                continue
            by = [o for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "of")
                  for o in c.children if o.dep_ == "pobj"]
            by += [c for c in tok.children if c.dep_ == "poss"]
            if tok.pos_ == "VERB" and not by:
                by = [c for c in tok.children if c.dep_ == "nsubj"]
            sides = [p.side for b in by for p in resolver.resolve(b) if p.side in draft.sides]
            if not sides:
                continue
            per = None
            node = tok
            while node.head.i != node.i:
                node = node.head
                if node.lemma_.lower() in speech_verbs():
                    said = [p.side for s in _subjects(node) for p in resolver.resolve(s) if p.side]
                    per = said[0] if said else None
                    break
            first, last = by[0].left_edge, by[-1].right_edge
            return sides[0], per, span_of(doc, min(tok.idx, first.idx), max(tok.idx + len(tok.text),
                                                                            last.idx + len(last.text)))
    return None, None, None


# ---------------------------------------------------------------- 7. disputed

_HAPPEN = {"happen", "occur", "take", "hold", "exist"}


def _contact_family(tok) -> str | None:
    lex = lexicon()
    mode = lex["noun_modes"].get(tok.lower_) or lex["noun_modes"].get(tok.lemma_.lower()) \
        if tok.pos_ in ("NOUN", "PROPN") else lex["verbs"].get(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
    return _FAMILY.get(mode) if mode else None


def _denied_family(verb) -> str | None:
    """The kind of contact a denial verb says did not happen, else None:
    "denied the meeting", "dismissed reports of a call", "denied that Y had spoken with Z",
    "denied that any call took place". A denial of what was said in a contact ("denied they
    discussed sanctions") is about its content, not the contact."""
    for c in verb.children:
        if c.dep_ == "dobj":
            fam = _contact_family(c) or next((_contact_family(o) for p in c.children if p.dep_ == "prep"
                                              and p.lower_ in ("of", "about") for o in p.children
                                              if o.dep_ == "pobj"), None)
            if fam:
                return fam
        if c.dep_ == "ccomp":
            if c.pos_ == "VERB" and c.lemma_.lower() in lexicon()["verbs"] and c.lemma_.lower() not in ("write",):
                return _FAMILY["meeting" if c.lemma_.lower() == "meet" else "call" if c.lemma_.lower() in
                               ("phone", "telephone", "call", "ring") else "talks"]
            if c.lemma_.lower() in _HAPPEN:
                subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
                fam = next((_contact_family(s) for s in subj if _contact_family(s)), None)
                if fam:
                    return fam
    return None


def _mark_disputed(doc, resolver: PartyResolver, drafts: list[_Draft]) -> dict[int, list[tuple[str, Span]]]:
    """Denials by one party's side that a contact took place: {draft index: [(side, evidence)]}.
    The contact stays (the other side asserts it); the record says who denies it."""
    out: dict[int, list[tuple[str, Span]]] = {}
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon()["denial_verbs"]:
            continue
        family = _denied_family(tok)
        if family is None:
            continue
        sides = [p.side for s in _subjects(tok) for p in resolver.resolve(s) if p.side]
        for n, draft in enumerate(drafts):
            if sides and sides[0] in draft.sides and _FAMILY[draft.mode] == family and not draft.planned:
                sent = tok.sent
                out.setdefault(n, []).append((sides[0], span_of(doc, sent.start_char, sent.end_char)))
                break
    return out


# ---------------------------------------------------------------- API

def find_contacts(doc, actors: tuple[Actor, ...] = (), published: str | dt.date | None = None, *,
                  planned: bool = False) -> list[Contact]:
    """Every reported contact between parties of two different sides, in text order.

    ``planned=True`` also returns contacts announced or proposed but not held
    (``Contact.planned``); by default they are left out.
    """
    pub = as_date(published)
    resolver = PartyResolver(doc, tuple(actors))
    dates = find_dates(text_of(doc), pub)
    drafts = _assemble(doc, resolver, _mentions(doc, resolver, dates, pub))
    denials = _mark_disputed(doc, resolver, drafts)
    contacts: list[Contact] = []
    for n_draft, draft in enumerate(drafts):
        if draft.planned and not planned:
            continue
        initiator = _initiator(doc, resolver, draft)
        parties = list({p.name: p for p in draft.parties if p.side}.values())
        people_sides = {p.side for p in parties if p.rule not in _STATE_RULES}
        parties = [p for p in parties if p.rule not in _STATE_RULES or p.side not in people_sides]
        when = _when(draft, pub)
        contacts.append(Contact(
            id=f"c{len(contacts) + 1}",
            participants=tuple(Participant(p.name, p.side, p.actor_id, span_of(doc, p.start, p.end)) for p in parties),
            sides=draft.sides,
            mode=draft.mode,
            when=when,
            current=not draft.past and not draft.planned,
            evidence=tuple(dict.fromkeys(draft.evidence)),
            rule=draft.rule,
            when_span=span_of(doc, draft.when.start, draft.when.end) if draft.when else None,
            when_rule=(draft.when.rule if draft.when else "published_day" if when else None),
            planned=draft.planned,
            mediators=tuple(Participant(p.name, p.side, p.actor_id, span_of(doc, p.start, p.end))
                            for p in draft.mediators),
            disputed_by=tuple(dict.fromkeys(side for side, _ in denials.get(n_draft, ()))),
            dispute_evidence=tuple(dict.fromkeys(span for _, span in denials.get(n_draft, ()))),
            initiator=initiator[0], initiator_per=initiator[1], initiator_evidence=initiator[2],
            confidence=0.8 if len(parties) >= 2 and draft.when else 0.6,
        ))
    return contacts


__all__ = ["Trigger", "find_contacts", "find_triggers"]
