"""Resolving speaker mentions to actors and sides.

Rules, tried in order for each statement's speaker mention (the rule that
resolved it is kept as ``Statement.speaker_rule``):

- ``name``: the mention contains a person's name ("Macron" -> Emmanuel Macron);
- ``source_close_to``: "a source close to X" speaks for X's side;
- ``pronoun``: he/she -> the nearest person named as a subject before it, preferring
  the previous speaker; it/they -> the nearest body or state. Gender is never
  guessed, so "he" and "she" resolve alike;
- ``nominal``: "the source", "the ministry", "the French ministry", "the spokesman" ->
  the latest actor whose mention has that head noun (and that side, if one is named);
  "the North"/"the South" -> the country of that name in the article;
- ``institution``: a generic institution with a demonym or country ("the Russian
  defence ministry", "Seoul's Unification Ministry", "U.S. officials");
- ``gazetteer``: a state, capital, seat of government or non-state body;
- otherwise the mention stands for itself and the side is left null.
"""
from __future__ import annotations

from readouts.attribution.statements import Found
from readouts.lexicons import titles
from readouts.parse.nlp import text_of
from readouts.records import Actor, Span, Statement
from readouts.sides.actors import ActorDraft, ActorTable

PRONOUN_PERSON = {"he", "she", "him", "her"}
PRONOUN_BODY = {"it"}
PRONOUN_GROUP = {"they", "them", "we"}
# Word classes of titles and speaker heads: data/titles.json (see its notes).
JOINT_PEOPLE = titles()["joint_people"]
JOINT_TITLES = titles()["joint_title_matches"]
JOINT_HEADS = JOINT_PEOPLE | titles()["joint_bodies"]
GROUP_SPEAKERS = titles()["group_speakers"]
PERSON_TITLES = titles()["person_titles"]
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "both", "its", "their", "his", "her"}


def resolve_speakers(doc, found: list[Found], published: str | None = None
                     ) -> tuple[tuple[Actor, ...], tuple[Statement, ...]]:
    table = ActorTable(doc, published)
    resolved: list[tuple[Found, ActorDraft | None, str, tuple[int, int]]] = []
    for f in found:
        if f.speaker is None:
            continue
        span = _chars(doc, *f.speaker)
        joint = _joint(doc, table, f, span)
        if joint:
            resolved.extend((f, d, "joint_nominal", span) for d in joint)
            continue
        draft, rule = _resolve(doc, table, f, span, resolved)
        if draft is not None:
            table.add_mention(draft, *span)
        resolved.append((f, draft, rule, span))
    actors, ids = table.freeze()
    text = text_of(doc)
    statements = []
    index = {}
    for n, (f, draft, rule, span) in enumerate(resolved):
        index[id(f)] = f"s{n + 1}"
    for n, (f, draft, rule, span) in enumerate(resolved):
        parent_id = None
        if f.parent is not None:
            parent_found = found[f.parent]
            parent_id = index.get(id(parent_found))
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
            side=draft.side if draft else None,
            speaker_rule=rule,
            parent=parent_id,
            confidence=round(f.confidence * (1.0 if draft and draft.side else 0.8), 2),
        ))
    return actors, tuple(statements)


def _chars(doc, i: int, j: int) -> tuple[int, int]:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _resolve(doc, table: ActorTable, f: Found, span, earlier) -> tuple[ActorDraft | None, str]:
    toks = doc[f.speaker[0]:f.speaker[1]]
    head = doc[f.speaker_head] if f.speaker_head is not None else toks.root
    words = [t for t in toks if t.lower_ not in DETERMINERS and not t.is_punct]
    if not words:
        words = list(toks)
    head_word = head.lemma_.lower()
    # "a source close to the minister"
    lower = toks.text.lower()
    if " close to " in f" {lower} " or "familiar with" in lower:
        target = next((t for t in toks if t.i > head.i and t.pos_ == "PROPN"), None)
        if target is not None:
            other = table.at(target.idx, target.idx + len(target.text)) or table.person_by_surname(target.text)
            if other is not None:
                d = table.new(f"n:source:{other.key}", f"source close to {other.name}", "person")
                d.heads.add(head_word)
                d.set_side(other.side, "source_close_to", (target.idx, target.idx + len(target.text)))
                return d, "source_close_to"
    # a person named in the mention ("A ministry spokeswoman, Ana Ruiz" -> Ana Ruiz)
    for t in toks:
        if t.ent_type_ == "PERSON" or table.person_by_surname(t.text) or table.person_by_name_part(t.text):
            person = table.at(t.idx, t.idx + len(t.text))
            if person is None or person.kind != "person":
                person = table.person_by_surname(t.text) or table.person_by_name_part(t.text)
            if person is not None and person.kind == "person":
                person.heads.update(w.lemma_.lower() for w in toks if w.pos_ == "NOUN")
                if not person.side:
                    code, ev, how = _phrase_side(doc, table, toks, head, earlier)
                    person.set_side(code, how, ev)
                if not person.side:
                    code, ev = _spokesman_for(doc, table, toks)
                    person.set_side(code, "spokesman_for", ev)
                if not person.side and _is_official(toks, person):
                    code, ev, how = _context_side(doc, table, toks, earlier)
                    person.set_side(code, how, ev)
                return person, "name"
    if len(words) == 1 and words[0].pos_ == "PRON":
        return _pronoun(doc, table, words[0], earlier)
    # a known place, seat or body that is the speaker itself: "Moscow", "the Kremlin", "The charity Oxfam"
    for s, e, entry in table.gz.scan(toks.text):
        s, e = s + toks[0].idx, e + toks[0].idx
        if entry.kind != "demonym" and s <= head.idx < e:
            state = entry.kind in ("country", "capital")
            key = ("s:" + entry.side) if state else "b:" + entry.canonical
            d = table.new(key, (table.gz.country_name(entry.side) or entry.canonical) if state else entry.canonical,
                          "state" if state else "body")
            d.set_side(entry.side, f"gazetteer:{entry.kind}", (s, e))
            return d, "gazetteer"
    # "the North" / "the South": the country of that name in this article
    if len(words) == 1 and words[0].text in ("North", "South", "East", "West"):
        for s, e, e_entry in table.places:
            if e_entry.canonical.startswith(words[0].text + " ") and e_entry.kind in ("country", "demonym"):
                d = table.new("s:" + e_entry.side, table.gz.country_name(e_entry.side) or e_entry.canonical, "state")
                d.set_side(e_entry.side, "nominal_compass", (s, e))
                return d, "nominal"
    rules = titles()
    # media, analysts, residents: not their country's voice; rebels and militants: not the state's
    nouns = {head_word, head.lower_} | {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
    if nouns & rules["groups"] or head_word in GROUP_SPEAKERS and nouns & rules["groups"]:
        side, ev = _armed_group_side(doc, table, toks)
        d = table.new(f"g:{side or lower}", side[4:] if side else toks.text, "group")
        d.heads.add(head_word)
        d.set_side(side, "armed_group", ev)
        return d, "armed_group" if side else "no_side_head"
    if nouns & rules["no_side"]:
        d = table.new(f"x:{lower}", toks.text, "group")
        d.heads.add(head_word)
        return d, "no_side_head"
    # an institution or group with a demonym or country: "the Russian defence ministry", "U.S. officials"
    code, ev, how = _phrase_side(doc, table, toks, head, earlier, with_heads=False)
    if code and head_word in PERSON_TITLES:
        # "the President of Chile noted": the person holding that title on that side
        holder = [d for d in table.drafts.values() if d.kind == "person" and d.side == code
                  and head_word in (d.title or "").lower().split()]
        if len(holder) == 1:
            return holder[0], "title_holder"
    if code:
        noun = " ".join(t.text.lower() for t in words if t.pos_ in ("NOUN", "PROPN") and
                        not table.gz.demonym(t.text) and not table.gz.lookup(t.text))
        key = f"b:{code}:{head_word}"
        d = table.drafts.get(key) or table.new(key, f"{noun or head_word} ({table.gz.country_name(code) or code})",
                                               "body" if head.tag_ != "NNS" else "group")
        d.heads.add(head_word)
        d.set_side(code, how, ev)
        return d, "institution"
    # a nominal pointing back: "the source", "the ministry", "the spokesman"
    if head.pos_ == "NOUN":
        back = _latest_with_head(table, head_word, span[0], earlier)
        if back is not None:
            return back, "nominal"
    d = table.new(f"x:{lower}", toks.text, "other")
    d.heads.add(head_word)
    if head_word in rules["government"] or any(t.lower_ in rules["government"] for t in words):
        code, ev, how = _context_side(doc, table, toks, earlier)
        d.set_side(code, how, ev)
        return d, "nominal_context" if code else "unresolved"
    return d, "unresolved"


def _joint(doc, table: ActorTable, f: Found, span) -> list[ActorDraft]:
    """"Both leaders", "the two sides", "the two ministers": one speaker per side, the two
    latest people (else states) of different sides named before the mention."""
    words = [t for t in doc[f.speaker[0]:f.speaker[1]] if not t.is_punct]
    head = doc[f.speaker_head] if f.speaker_head is not None else words[-1]
    # "both leaders", "the two sides", "the ministers of the two states", "envoys of both countries"
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


def _spokesman_for(doc, table: ActorTable, toks) -> tuple[str | None, tuple[int, int] | None]:
    """"A spokesman for the Patriotic Front, X": the body he speaks for."""
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


def _context_side(doc, table: ActorTable, toks, earlier) -> tuple[str | None, tuple[int, int] | None, str | None]:
    """The side of an official whose title names no country: the institution of that name
    named earlier with its country ('Congo's government' ... 'Government spokesman X'); a
    fronted place ('In Washington, Senator X said'); the state that is the subject of the
    sentences before; the state the article names most."""
    gov = titles()["government"]
    for t in toks:
        if t.lower_ in gov and t.pos_ in ("NOUN", "PROPN"):
            back = _latest_with_head(table, t.lemma_.lower(), toks[0].idx, earlier, with_side=True)
            if back is not None:
                return back.side, back.side_evidence, f"context:{t.lemma_.lower()}"
    first = doc[table.sent_of(toks[0].i)[0]]
    if first.lower_ == "in" and first.i < toks[0].i:
        code, ev = table.side_in_range(first.i + 1, min(first.i + 4, toks[0].i))
        if code is None:
            for s, e, entry in table.gz.scan(doc[first.i:toks[0].i].text):
                if entry.kind in ("capital", "country", "seat"):
                    return entry.side, (s + first.idx, e + first.idx), "context:place"
    here = table.sent_index(toks[0].i)
    for lo, hi in reversed(table.sents[max(0, here - 3):here + 1]):
        for t in doc[lo:hi]:
            if t.dep_ == "nsubj" and t.i < toks[0].i and t.head.dep_ == "ROOT":
                code, ev = table.side_in_range(t.left_edge.i, t.i + 1)
                if code and not code.startswith("ORG:"):
                    return code, ev, "context:subject"
    counts: dict[str, int] = {}
    for _s, _e, entry in table.places:
        if not entry.side.startswith("ORG:"):
            counts[entry.side] = counts.get(entry.side, 0) + 1
    if counts:
        best = max(counts, key=lambda k: counts[k])
        if counts[best] >= 2 * max([v for k, v in counts.items() if k != best] or [0]):
            return best, None, "context:article"
    return None, None, None


def _phrase_side(doc, table, toks, head, earlier, with_heads=True):
    """Side from a country, demonym, capital or institution inside a speaker phrase, else
    from the institution it names earlier in the article ('a ministry spokesman')."""
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
                back = _latest_with_head(table, t.lemma_.lower(), toks[0].idx, earlier, with_side=True)
                if back is not None:
                    return back.side, None, f"nominal:{t.lemma_.lower()}"
    return None, None, None


def _latest_with_head(table: ActorTable, head: str, before: int, earlier, with_side: bool = False
                      ) -> ActorDraft | None:
    """The actor most recently mentioned with the head noun ``head`` ('ministry', 'source')."""
    for f, draft, _rule, span in reversed(earlier):
        if draft is not None and head in draft.heads and span[0] < before and (draft.side or not with_side):
            return draft
    for d in table.drafts.values():
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
        main = t.dep_ in ("nsubj", "nsubjpass") and (t.head.dep_ in ("ROOT", "conj") or t.head.lemma_ in ("say", "tell"))
        known = id(d) in speakers or bool(d.title) or bool(d.side)
        candidates.append((not main, not known, pron.i - t.i, d))
    if candidates:
        return min(candidates, key=lambda c: c[:3])[3], "pronoun"
    if earlier:
        _f, d, _rule, span = earlier[-1]
        if d is not None and d.kind in want and pron.idx - span[1] < 400:
            return d, "pronoun_previous_speaker"
    return None, "pronoun_unresolved"
