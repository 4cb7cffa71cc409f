"""Resolving speaker mentions to actors and sides.

Joint speakers first ("both leaders", "the two sides"; "we" in a text several states
issue together): one statement per side. Otherwise the steps of ``_STEPS``, in order;
the first that knows the speaker wins and its name is kept as ``Statement.speaker_rule``:

- ``source_close_to``: "a source close to X" speaks for X's side;
- ``name``: the mention contains a person's name ("Macron" -> Emmanuel Macron), whose
  side comes from the actor table, else the mention's words, the body he speaks for,
  the context or the document;
- ``first_person_issuer``: "we", "I", "our" in an official text are its issuer;
- ``pronoun``: he/she -> the nearest person named as a subject before it, preferring
  the previous speaker; it/they -> the nearest body or state. Gender is never
  guessed, so "he" and "she" resolve alike;
- ``gazetteer``: a state, capital, seat of government or body that is the speaker;
- ``nominal`` (compass): "the North"/"the South" -> the country of that name in the article;
- ``armed_group`` / ``no_side_head``: rebels speak for their group; media and analysts for no side;
- ``institution``: a body with a country in the mention ("the Russian defence ministry",
  "Freedonia's Revolutionary Council", "the Ministry of Foreign Affairs of Freedonia", "MEA");
- ``nominal``: "the ministry", "the spokesman" -> the antecedent the side resolver binds
  (the current speaker chain, the paragraph, the latest mention with that head);
- otherwise the mention stands for itself; an office of government ("the foreign
  ministry spokesman") takes a place in it, else the context or the document's side.

Sides come from the Doc's one :class:`readouts.sides.resolver.SideResolver`; the rule
and the evidence span of each side are kept on the actor and the statement.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from readouts.attribution.statements import Found
from readouts.lexicons import titles
from readouts.parse.nlp import text_of
from readouts.records import Actor, Span, Statement
from readouts.sides.actors import ActorDraft, ActorTable
from readouts.sides.resolver import SideResolver, resolver_for

PRONOUN_PERSON = {"he", "she", "him", "her"}
PRONOUN_BODY = {"it"}
PRONOUN_GROUP = {"they", "them", "we"}
JOINT_PEOPLE = titles()["joint_people"]
JOINT_TITLES = titles()["joint_title_matches"]
JOINT_HEADS = JOINT_PEOPLE | titles()["joint_bodies"]
GROUP_SPEAKERS = titles()["group_speakers"]
PERSON_TITLES = titles()["person_titles"]
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "both", "its", "their", "his", "her"}


@dataclass(slots=True)
class _Ctx:
    """What the speaker rules of one Doc share: the actor table, the side resolver and
    the speakers resolved so far, as ``(found, draft, rule, char span)``."""

    doc: object
    table: ActorTable
    resolver: SideResolver
    earlier: list = field(default_factory=list)


@dataclass(slots=True)
class _Mention:
    """One speaker mention being resolved: its tokens, head and words."""

    f: Found
    span: tuple[int, int]
    toks: object
    head: object
    words: list
    head_word: str
    lower: str


def resolve_speakers(doc, found: list[Found], published: str | None = None,
                     resolver: SideResolver | None = None) -> tuple[tuple[Actor, ...], tuple[Statement, ...]]:
    """Actors and statements of one Doc: each found statement's speaker resolved to an
    actor and a side, the side's rule and evidence kept on the statement."""
    ctx = _Ctx(doc, ActorTable(doc, published), resolver or resolver_for(doc))
    for f in found:
        if f.speaker is None:
            continue
        span = _chars(doc, *f.speaker)
        joint = _joint(doc, ctx.table, f, span) or _joint_issuers(ctx, f)
        if joint:
            ctx.earlier.extend((f, d, "joint_nominal", span) for d in joint)
            continue
        draft, rule = _resolve(ctx, f, span)
        if draft is not None:
            ctx.table.add_mention(draft, *span)
            ctx.resolver.note(span[0], span[1], draft.side, draft.heads | {_head_lemma(doc, f)})
        ctx.earlier.append((f, draft, rule, span))
    return _statements(doc, ctx, found)


def _head_lemma(doc, f: Found) -> str:
    head = doc[f.speaker_head] if f.speaker_head is not None else doc[f.speaker[0]:f.speaker[1]].root
    return head.lemma_.lower()


def _statements(doc, ctx: _Ctx, found: list[Found]) -> tuple[tuple[Actor, ...], tuple[Statement, ...]]:
    """Freeze the actor table and build one ``Statement`` per resolved speaker."""
    actors, ids = ctx.table.freeze()
    text = text_of(doc)
    index = {id(f): f"s{n + 1}" for n, (f, _d, _r, _s) in enumerate(ctx.earlier)}
    statements = []
    for n, (f, draft, rule, span) in enumerate(ctx.earlier):
        parent_id = index.get(id(found[f.parent])) if f.parent is not None else None
        side = draft.side if draft else None
        evidence = (Span.of(text, *draft.side_evidence),) if side and draft.side_evidence else ()
        statements.append(Statement(
            id=f"s{n + 1}",
            speaker=Span.of(text, *span),
            cue=Span.of(text, *f.cue),
            content=Span.of(text, *f.content),
            direct=f.direct,
            stance=f.stance,
            rule=f.rule,
            speaker_name=draft.name if draft else None,
            actor_id=ids.get(draft.key) if draft else None,
            side=side,
            speaker_rule=rule,
            parent=parent_id,
            confidence=round(f.confidence * (1.0 if side else 0.8), 2),
            side_rule=draft.side_rule if side else None,
            side_evidence=evidence,
        ))
    return actors, tuple(statements)


def _chars(doc, i: int, j: int) -> tuple[int, int]:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _resolve(ctx: _Ctx, f: Found, span) -> tuple[ActorDraft | None, str]:
    """The first step that knows the speaker wins (see the module's doc for the order)."""
    doc = ctx.doc
    toks = doc[f.speaker[0]:f.speaker[1]]
    head = doc[f.speaker_head] if f.speaker_head is not None else toks.root
    words = [t for t in toks if t.lower_ not in DETERMINERS and not t.is_punct] or list(toks)
    m = _Mention(f, span, toks, head, words, head.lemma_.lower(), toks.text.lower())
    for step in _STEPS:
        out = step(ctx, m)
        if out is not None:
            return out
    return _unresolved(ctx, m)


def _source_close_to(ctx: _Ctx, m: _Mention):
    """ "a source close to Lecornu" speaks for Lecornu's side."""
    if " close to " not in f" {m.lower} " and "familiar with" not in m.lower:
        return None
    target = next((t for t in m.toks if t.i > m.head.i and t.pos_ == "PROPN"), None)
    if target is None:
        return None
    table = ctx.table
    other = table.at(target.idx, target.idx + len(target.text)) or table.person_by_surname(target.text)
    if other is None:
        return None
    d = table.new(f"n:source:{other.key}", f"source close to {other.name}", "person")
    d.heads.add(m.head_word)
    d.set_side(other.side, "source_close_to", (target.idx, target.idx + len(target.text)))
    return d, "source_close_to"


def _named_person(ctx: _Ctx, m: _Mention):
    """A person named in the mention ("A ministry spokesman, Kim" -> Kim), with a side
    from the mention, the body he speaks for, the context or the document."""
    table = ctx.table
    for t in m.toks:
        if not (t.ent_type_ == "PERSON" or table.person_by_surname(t.text) or table.person_by_name_part(t.text)):
            continue
        person = table.at(t.idx, t.idx + len(t.text))
        if person is None or person.kind != "person":
            person = table.person_by_surname(t.text) or table.person_by_name_part(t.text)
        if person is not None and person.kind == "person":
            person.heads.update(w.lemma_.lower() for w in m.toks if w.pos_ == "NOUN")
            _person_side(ctx, m, person)
            return person, "name"
    return None


def _person_side(ctx: _Ctx, m: _Mention, person: ActorDraft) -> None:
    """Fill a named person's side when the actor table left it open."""
    doc, table, toks = ctx.doc, ctx.table, m.toks
    if not person.side:
        code, ev, how = _phrase_side(ctx, toks, m.head)
        person.set_side(code, how, ev)
    if not person.side:
        code, ev = _spokesman_for(doc, table, toks)
        person.set_side(code, "spokesman_for", ev)
    if not person.side and _is_official(toks, person):
        code, ev, how = _context_side(ctx, toks)
        person.set_side(code, how, ev)


def _first_person(ctx: _Ctx, m: _Mention):
    """ "We reject ...", "I spoke ...": in an official text, the issuer's own voice."""
    if len(m.words) != 1 or m.words[0].pos_ != "PRON":
        return None
    word = m.words[0]
    decision = ctx.resolver.first_person(word.lower_)
    if not decision:
        return None
    d = ctx.table.new("s:" + decision.side, ctx.table.gz.country_name(decision.side) or decision.side, "state")
    d.set_side(decision.side, decision.rule, decision.evidence[0] if decision.evidence else None)
    return d, "first_person_issuer"


def _pronoun_step(ctx: _Ctx, m: _Mention):
    if len(m.words) == 1 and m.words[0].pos_ == "PRON":
        return _pronoun(ctx.doc, ctx.table, m.words[0], ctx.earlier)
    return None


def _known_body(ctx: _Ctx, m: _Mention):
    """A known place, seat or body that is the speaker itself: "Moscow", "the Kremlin"."""
    table = ctx.table
    for s, e, entry in table.gz.scan(m.toks.text):
        s, e = s + m.toks[0].idx, e + m.toks[0].idx
        if entry.kind != "demonym" and s <= m.head.idx < e:
            state = entry.kind in ("country", "capital")
            key = ("s:" + entry.side) if state else "b:" + entry.canonical
            name = (table.gz.country_name(entry.side) or entry.canonical) if state else entry.canonical
            d = table.new(key, name, "state" if state else "body")
            d.set_side(entry.side, f"gazetteer:{entry.kind}", (s, e))
            return d, "gazetteer"
    return None


def _compass(ctx: _Ctx, m: _Mention):
    """ "the North" / "the South": the country of that name in this article."""
    if len(m.words) != 1 or m.words[0].text not in ("North", "South", "East", "West"):
        return None
    table = ctx.table
    for s, e, entry in table.places:
        if entry.canonical.startswith(m.words[0].text + " ") and entry.kind in ("country", "demonym"):
            d = table.new("s:" + entry.side, table.gz.country_name(entry.side) or entry.canonical, "state")
            d.set_side(entry.side, "nominal_compass", (s, e))
            return d, "nominal"
    return None


def _group_head(ctx: _Ctx, m: _Mention):
    """Media, analysts, residents are not their country's voice; rebels and militants are
    not the state's: they speak for their group."""
    rules = titles()
    head = m.head
    nouns = {m.head_word, head.lower_} | {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
    table = ctx.table
    if nouns & rules["groups"]:
        side, ev = _armed_group_side(ctx.doc, table, m.toks)
        d = table.new(f"g:{side or m.lower}", side[4:] if side else m.toks.text, "group")
        d.heads.add(m.head_word)
        d.set_side(side, "armed_group", ev)
        return d, "armed_group" if side else "no_side_head"
    if nouns & rules["no_side"]:
        d = table.new(f"x:{m.lower}", m.toks.text, "group")
        d.heads.add(m.head_word)
        return d, "no_side_head"
    return None


def _institution(ctx: _Ctx, m: _Mention):
    """An institution or group with a country in the mention: "the Russian defence
    ministry", "Freedonia's army", "U.S. officials", "the President of Russia"."""
    table = ctx.table
    code, ev, how = _phrase_side(ctx, m.toks, m.head, with_heads=False)
    if not code:
        return None
    if m.head_word in PERSON_TITLES:
        # "the Prime Minister of Spain insisted": the person holding that title on that side
        holder = [d for d in table.drafts.values() if d.kind == "person" and d.side == code
                  and m.head_word in (d.title or "").lower().split()]
        if len(holder) == 1:
            return holder[0], "title_holder"
    noun = " ".join(t.text.lower() for t in m.words if t.pos_ in ("NOUN", "PROPN") and
                    not table.gz.demonym(t.text) and not table.gz.lookup(t.text))
    key = f"b:{code}:{m.head_word}"
    name = f"{noun or m.head_word} ({table.gz.country_name(code) or code})"
    d = table.drafts.get(key) or table.new(key, name, "body" if m.head.tag_ != "NNS" else "group")
    d.heads.add(m.head_word)
    d.set_side(code, how, ev)
    return d, "institution"


def _nominal_back(ctx: _Ctx, m: _Mention):
    """A nominal pointing back: "the source", "the ministry", "the spokesman"."""
    if m.head.pos_ != "NOUN":
        return None
    # the resolver's antecedent: the current speaker chain, then the paragraph, then the latest
    last = ctx.earlier[-1][1] if ctx.earlier else None
    found = ctx.resolver.antecedent(m.head_word, m.span[0], chain=last.side if last is not None else None)
    back = ctx.table.at(*found.evidence[0]) if found else None
    if back is None or m.head_word not in back.heads:
        back = _latest_with_head(ctx, m.head_word, m.span[0])
    return (back, "nominal") if back is not None else None


def _unresolved(ctx: _Ctx, m: _Mention):
    """The mention stands for itself; an office of government takes the side of the
    context or the document ("Government spokesman said" in a datelined story)."""
    d = ctx.table.new(f"x:{m.lower}", m.toks.text, "other")
    d.heads.add(m.head_word)
    gov = titles()["government"]
    if m.head_word in gov or any(t.lower_ in gov for t in m.words):
        place = ctx.resolver.place(*m.span)
        code, ev, how = place.side, place.evidence[0] if place else None, place.rule
        if not code:
            code, ev, how = _context_side(ctx, m.toks)
        d.set_side(code, how, ev)
        return d, "nominal_context" if code else "unresolved"
    return d, "unresolved"


_STEPS = (_source_close_to, _named_person, _first_person, _pronoun_step, _known_body, _compass,
          _group_head, _institution, _nominal_back)


def _joint(doc, table: ActorTable, f: Found, span) -> list[ActorDraft]:
    """"Both leaders", "the two sides", "the two ministers": one speaker per side, the two
    latest people (else states) of different sides named before the mention."""
    words = [t for t in doc[f.speaker[0]:f.speaker[1]] if not t.is_punct]
    head = doc[f.speaker_head] if f.speaker_head is not None else words[-1]
    # "both leaders", "the two sides", "the heads of the two states", "leaders of both countries"
    if len(words) > 7 or head.tag_ != "NNS" or head.lemma_.lower() not in JOINT_HEADS or \
            not any(t.lower_ in ("both", "two") for t in words) or any(t.ent_type_ == "PERSON" for t in words):
        return []
    earlier = sorted(((s, table.drafts[key]) for s, _e, key in table.by_char if s < span[0]), reverse=True,
                     key=lambda x: x[0])
    # leaders and ministers are people; sides, countries and governments are states
    noun = head.lemma_.lower()
    wanted = JOINT_TITLES.get(noun, frozenset())

    def fits(d: ActorDraft) -> bool:  # "the two leaders" are the ones holding a leader's title
        return bool(set((d.title or "").lower().split()) & wanted)

    people_first = noun in JOINT_PEOPLE
    passes = [(("person",), True), (("person",), False), (("person", "state"), False)] if people_first \
        else [(("state",), False), (("state", "person"), False)]
    for kinds, need_title in passes:
        if need_title and not wanted:
            continue
        picked: list[ActorDraft] = []
        for _s, d in earlier:
            if d.side and d.kind in kinds and (fits(d) or not need_title) and all(p.side != d.side for p in picked):
                picked.append(d)
                if len(picked) == 2:
                    return picked[::-1]
    return []


FIRST_PLURAL = {"we", "us", "our"}


def _joint_issuers(ctx: _Ctx, f: Found) -> list[ActorDraft]:
    """ "We reject ...", "Our countries made clear ...": in a text several states issue
    together, each of them speaks (one statement per side)."""
    issuers = ctx.resolver.joint_issuers
    if not issuers or not (ctx.doc[f.speaker[0]].lower_ in FIRST_PLURAL or _issuers_nominal(ctx, f)):
        return []
    drafts = []
    for found in issuers:
        d = ctx.table.new("s:" + found.side, ctx.table.gz.country_name(found.side) or found.side, "state")
        d.set_side(found.side, found.rule, found.evidence[0])
        drafts.append(d)
    return drafts


def _issuers_nominal(ctx: _Ctx, f: Found) -> bool:
    """ "The ministers stressed ...", "the governments agree ..." in a text several states issue
    together: a short plural of people or states naming no country of its own is the issuers."""
    words = [t for t in ctx.doc[f.speaker[0]:f.speaker[1]] if not t.is_punct]
    head = ctx.doc[f.speaker_head] if f.speaker_head is not None else words[-1]
    if len(words) > 4 or head.tag_ != "NNS" or head.lemma_.lower() not in JOINT_HEADS:
        return False
    if any(t.lower_ not in ("the", "these", "all", "three", "four", "five") and t.i != head.i for t in words):
        return False
    span = _chars(ctx.doc, *f.speaker)
    return not ctx.resolver.mention(*span)


def _spokesman_for(doc, table: ActorTable, toks) -> tuple[str | None, tuple[int, int] | None]:
    """"A spokeswoman for the Coastal Defence Front, X": the body she speaks for."""
    for t in toks:
        if t.lower_ == "for" and t.head.lemma_.lower() in PERSON_TITLES:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            lo, hi = pobj.left_edge.i, pobj.right_edge.i + 1
            code, ev = table.side_in_range(lo, hi)
            if code:
                return code, ev
            if any(w.lower_ in titles()["groups"] for w in doc[lo:hi]):
                return _armed_group_side(doc, table, doc[lo:hi])
            named = _named_groups(doc, table, lo, hi)
            if named:
                return named[0]
    return None, None


def _armed_group_side(doc, table: ActorTable, toks) -> tuple[str | None, tuple[int, int] | None]:
    """The side of a non-state armed group, which speaks for itself, not for its country:
    a group named in the phrase ("the M23 rebels"), else the one group the article names
    beside a group word ("the rebel group M23"), else "ORG:<Demonym> rebel groups" from a
    demonym before a group word ("Chadian rebels")."""
    groups = titles()["groups"]
    named = _named_groups(doc, table, toks[0].i, toks[-1].i + 1)
    if named:
        return named[0]
    if "armed_group" not in table.memo:
        table.memo["armed_group"] = _article_armed_group(doc, table)
    if table.memo["armed_group"]:
        return table.memo["armed_group"]
    for lo, hi in ((toks[0].i, toks[-1].i + 1), (0, len(doc))):
        for t in doc[lo:hi]:
            code = table.gz.demonym(t.text)
            if code and not code.startswith("ORG:") and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in groups:
                return f"ORG:{t.text} rebel groups", (t.idx, t.idx + len(t.text))
    return None, None


def _article_armed_group(doc, table: ActorTable) -> tuple[str, tuple[int, int]] | None:
    """The group the article names most often beside a group word ('the rebel group M23'),
    when one stands out; computed once per article."""
    groups = titles()["groups"]
    counts: dict[str, int] = {}
    where: dict[str, tuple[int, int]] = {}
    for i, t in enumerate(doc):
        if t.lower_ in groups:
            for side, ev in _named_groups(doc, table, max(0, i - 3), min(len(doc), i + 5)):
                if side in titles()["not_armed"]:
                    continue
                counts[side] = counts.get(side, 0) + 1
                where.setdefault(side, ev)
    ranked = sorted(counts.values(), reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0] > ranked[1]):
        best = max(counts, key=lambda k: counts[k])
        return best, where[best]
    return None


def _named_groups(doc, table: ActorTable, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """Named non-state bodies in tokens ``lo..hi-1``: the gazetteer's, and ORG entities it does not know."""
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    out = [(entry.side, (s + start, e + start)) for s, e, entry in table.gz.scan(text_of(doc)[start:end])
           if entry.side.startswith("ORG:") and entry.kind == "body"]
    for ent in doc.ents:
        if ent.label_ == "ORG" and lo <= ent.start and ent.end <= hi and table.gz.lookup(ent.text) is None:
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            out.append((f"ORG:{name}", (ent.start_char, ent.end_char)))
    return out


def _is_official(toks, person: ActorDraft) -> bool:
    """A person with a government title in the mention or in the article ('Government spokesman')."""
    gov = titles()["government"]
    words = {t.lower_ for t in toks} | set((person.title or "").lower().split())
    return bool(words & gov)


def _context_side(ctx: _Ctx, toks) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """The side of an official whose title names no country, from the strongest clue:
    the institution of that name named earlier with its country ("Freedonia's government"
    ... "Government spokesman X"); a fronted place ("In Paris, the minister said"); the
    document (its dateline, or the issuer of an official text); the state that is the
    subject of the sentences before; the state the article names most."""
    for step in (_context_back, _context_fronted_place, _context_document, _context_subject, _context_article):
        code, ev, how = step(ctx, toks)
        if code:
            return code, ev, how
    return None, None, None


def _context_back(ctx: _Ctx, toks):
    gov = titles()["government"]
    for t in toks:
        if t.lower_ in gov and t.pos_ in ("NOUN", "PROPN"):
            back = _latest_with_head(ctx, t.lemma_.lower(), toks[0].idx, with_side=True)
            if back is not None:
                return back.side, back.side_evidence, f"context:{t.lemma_.lower()}"
    return None, None, None


def _context_fronted_place(ctx: _Ctx, toks):
    """ "In Paris, the minister said": the sentence opens with a place."""
    doc, table = ctx.doc, ctx.table
    first = doc[table.sent_of(toks[0].i)[0]]
    if first.lower_ == "in" and first.i < toks[0].i:
        for s, e, entry in table.gz.scan(doc[first.i:toks[0].i].text):
            if entry.kind in ("capital", "country", "seat"):
                return entry.side, (s + first.idx, e + first.idx), "context:place"
    return None, None, None


def _context_document(ctx: _Ctx, toks):
    """The dateline's country, else the issuer of an official text."""
    found = ctx.resolver.document()
    return found.side, (found.evidence[0] if found.evidence else None), found.rule


def _context_subject(ctx: _Ctx, toks):
    doc, table = ctx.doc, ctx.table
    here = table.sent_index(toks[0].i)
    for lo, hi in reversed(table.sents[max(0, here - 3):here + 1]):
        for t in doc[lo:hi]:
            if t.dep_ == "nsubj" and t.i < toks[0].i and t.head.dep_ == "ROOT":
                code, ev = table.side_in_range(t.left_edge.i, t.i + 1)
                if code and not code.startswith("ORG:"):
                    return code, ev, "context:subject"
    return None, None, None


def _context_article(ctx: _Ctx, toks):
    counts: dict[str, int] = {}
    for _s, _e, entry in ctx.table.places:
        if not entry.side.startswith("ORG:"):
            counts[entry.side] = counts.get(entry.side, 0) + 1
    if counts:
        best = max(counts, key=lambda k: counts[k])
        if counts[best] >= 2 * max([v for k, v in counts.items() if k != best] or [0]):
            return best, None, "context:article"
    return None, None, None


def _phrase_side(ctx: _Ctx, toks, head, with_heads=True):
    """Side from the mention's own words (the resolver's possessive, "of <Country>" and
    acronym rules first, then a country, demonym, capital or institution inside it), else
    from the institution it names earlier in the article ('a ministry spokesman')."""
    table = ctx.table
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    own = ctx.resolver.mention_words(start, end)
    if own:
        return own.side, own.evidence[0], own.rule
    official = head.lemma_.lower() in titles()["government"] and head.ent_type_ != "PERSON"
    code, ev = table.side_in_range(toks[0].i, toks[-1].i + 1, places=official)
    if code:
        return code, ev, "phrase"
    title_code, title_ev, how = table._title_side(list(toks))
    if title_code:
        return title_code, title_ev, how
    if with_heads:
        for t in toks:
            if t.pos_ == "NOUN" and t.ent_type_ != "PERSON":
                back = _latest_with_head(ctx, t.lemma_.lower(), toks[0].idx, with_side=True)
                if back is not None:
                    return back.side, None, f"nominal:{t.lemma_.lower()}"
    return None, None, None


def _latest_with_head(ctx: _Ctx, head: str, before: int, with_side: bool = False) -> ActorDraft | None:
    """The actor most recently mentioned as a speaker with the head noun ``head``
    ('ministry', 'source'), else any actor with that head."""
    for _f, draft, _rule, span in reversed(ctx.earlier):
        if draft is not None and head in draft.heads and span[0] < before and (draft.side or not with_side):
            return draft
    for d in ctx.table.drafts.values():
        if (head in d.heads or head in d.name.lower().split()) and (d.side or not with_side):
            return d
    return None


def _pronoun(doc, table: ActorTable, pron, earlier) -> tuple[ActorDraft | None, str]:
    """he/she: the nearest person who is the subject of a main clause before the pronoun,
    preferring one who has spoken or holds a title; it/they: the nearest body or state."""
    word = pron.lower_
    want = {"person"} if word in PRONOUN_PERSON else {"body", "state", "group"} if word in PRONOUN_BODY \
        else {"group", "state", "body", "person"}
    speakers = {id(d) for _f, d, _r, _s in earlier if d is not None}
    candidates = []
    for t in reversed(doc[max(0, table.sent_of(pron.i)[0] - 90):pron.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") and t.ent_type_ != "PERSON":
            continue
        d = table.at(t.idx, t.idx + len(t.text))
        if d is None or d.kind not in want:
            continue
        role = t
        while role.dep_ in ("compound", "flat", "appos") and role.head.i != role.i:
            role = role.head  # "The envoy, Ana Ruiz, was ...": the name stands in its subject's place
        main = role.dep_ in ("nsubj", "nsubjpass") and (
            role.head.dep_ in ("ROOT", "conj") or role.head.lemma_ in ("say", "tell"))
        known = id(d) in speakers or bool(d.title) or bool(d.side)
        candidates.append((not main, not known, pron.i - t.i, d))
    if candidates:
        return min(candidates, key=lambda c: c[:3])[3], "pronoun"
    if earlier:
        _f, d, _rule, span = earlier[-1]
        if d is not None and d.kind in want and pron.idx - span[1] < 400:
            return d, "pronoun_previous_speaker"
    return None, "pronoun_unresolved"
