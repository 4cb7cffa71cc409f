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

from .actors import ActorDraft, ActorTable
from .records import Actor, Span, Statement
from .statements import Found

PRONOUN_PERSON = {"he", "she", "him", "her"}
PRONOUN_BODY = {"it"}
PRONOUN_GROUP = {"they", "them", "we"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "both", "its", "their", "his", "her"}


def resolve_speakers(doc, found: list[Found], published: str | None = None
                     ) -> tuple[tuple[Actor, ...], tuple[Statement, ...]]:
    table = ActorTable(doc, published)
    resolved: list[tuple[Found, ActorDraft | None, str, tuple[int, int]]] = []
    for f in found:
        if f.speaker is None:
            continue
        span = _chars(doc, *f.speaker)
        draft, rule = _resolve(doc, table, f, span, resolved)
        if draft is not None:
            table.add_mention(draft, *span)
        resolved.append((f, draft, rule, span))
    actors, ids = table.freeze()
    text = doc.text
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
    # a person named in the mention ("A ministry spokesman, Kim Eui-do" -> Kim Eui-do)
    for t in toks:
        if t.ent_type_ == "PERSON" or table.person_by_surname(t.text):
            person = table.at(t.idx, t.idx + len(t.text))
            if person is not None and person.kind == "person":
                if not person.side:
                    code, ev, how = _phrase_side(doc, table, toks, earlier)
                    person.set_side(code, how, ev)
                return person, "name"
    # "a source close to Lecornu"
    lower = toks.text.lower()
    if " close to " in f" {lower} " or "familiar with" in lower:
        target = next((t for t in toks if t.i > head.i and t.pos_ == "PROPN"), None)
        if target is not None:
            other = table.at(target.idx, target.idx + len(target.text))
            if other is not None:
                d = table.new(f"n:source:{other.key}", f"source close to {other.name}", "person")
                d.heads.add(head.lemma_.lower())
                d.set_side(other.side, "source_close_to", (target.idx, target.idx + len(target.text)))
                return d, "source_close_to"
    if len(words) == 1 and words[0].pos_ == "PRON":
        return _pronoun(doc, table, words[0], earlier)
    # a known place, seat or body: "Moscow", "the Kremlin", "NATO"
    phrase = " ".join(t.text for t in words)
    entry = table.gz.lookup(phrase) or table.gz.lookup(toks.text)
    if entry is not None and entry.kind != "demonym":
        d = table.at(*span)
        if d is None or d.side != entry.side:
            key = ("s:" + entry.side) if entry.kind in ("country", "capital") else "b:" + entry.canonical
            d = table.new(key, table.gz.country_name(entry.side) if key.startswith("s:") else entry.canonical,
                          "state" if key.startswith("s:") else "body")
            d.set_side(entry.side, f"gazetteer:{entry.kind}", span)
        return d, "gazetteer"
    # "the North" / "the South": the country of that name in this article
    if len(words) == 1 and words[0].text in ("North", "South", "East", "West"):
        for s, e, e_entry in table.gz.scan(doc.text):
            if e_entry.canonical.startswith(words[0].text + " ") and e_entry.kind in ("country", "demonym"):
                d = table.new("s:" + e_entry.side, table.gz.country_name(e_entry.side) or e_entry.canonical, "state")
                d.set_side(e_entry.side, "nominal_compass", (s, e))
                return d, "nominal"
    # an institution or group with a demonym or country: "the Russian defence ministry", "U.S. officials"
    code, ev, how = _phrase_side(doc, table, toks, earlier, with_heads=False)
    head_word = head.lemma_.lower()
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
    return d, "unresolved"


def _phrase_side(doc, table, toks, earlier, with_heads=True):
    """Side from a demonym or country inside a speaker phrase, else from the
    institution it names earlier in the article ('a ministry spokesman')."""
    for t in toks:
        if t.ent_type_ == "PERSON":
            continue
        code = table.gz.demonym(t.text)
        if code:
            return code, (t.idx, t.idx + len(t.text)), "demonym"
        entry = table.gz.lookup(t.text)
        if entry and entry.kind in ("country", "capital", "seat", "institution"):
            return entry.side, (t.idx, t.idx + len(t.text)), "country_modifier"
    for i in range(len(toks) - 1):
        code = table.gz.demonym(toks[i:i + 2].text)
        if code:
            return code, (toks[i].idx, toks[i + 1].idx + len(toks[i + 1].text)), "demonym"
    if with_heads:
        for t in toks:
            if t.pos_ == "NOUN" and t.ent_type_ != "PERSON":
                back = _latest_with_head(table, t.lemma_.lower(), toks[0].idx, earlier)
                if back is not None and back.side:
                    return back.side, None, f"nominal:{t.lemma_.lower()}"
    return None, None, None


def _latest_with_head(table: ActorTable, head: str, before: int, earlier) -> ActorDraft | None:
    """The actor most recently mentioned with the head noun ``head`` ('ministry', 'source')."""
    for f, draft, _rule, span in reversed(earlier):
        if draft is not None and head in draft.heads and span[0] < before:
            return draft
    for d in table.drafts.values():
        if head in d.heads or head in d.name.lower().split():
            return d
    return None


def _pronoun(doc, table: ActorTable, pron, earlier) -> tuple[ActorDraft | None, str]:
    word = pron.lower_
    want = {"person"} if word in PRONOUN_PERSON else {"body", "state", "group"} if word in PRONOUN_BODY \
        else {"group", "state", "body", "person"}
    sent_start = pron.sent.start
    # the subject of this or the previous sentences, nearest first
    subjects = []
    for t in reversed(doc[max(0, sent_start - 80):pron.i]):
        if t.dep_ in ("nsubj", "nsubjpass") or t.ent_type_ == "PERSON":
            d = table.at(t.idx, t.idx + len(t.text))
            if d is not None and d.kind in want:
                subjects.append((t.dep_ in ("nsubj", "nsubjpass"), t.i, d))
    for is_subj, _i, d in subjects:
        if is_subj:
            return d, "pronoun"
    if earlier:
        _f, d, _rule, span = earlier[-1]
        if d is not None and d.kind in want and pron.idx - span[1] < 400:
            return d, "pronoun_previous_speaker"
    if subjects:
        return subjects[0][2], "pronoun"
    return None, "pronoun_unresolved"
