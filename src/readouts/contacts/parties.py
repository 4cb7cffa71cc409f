"""Resolving the parties of a contact: a noun phrase to an actor, a name and a side.

A party mention is a token of the parsed Doc (the head of a noun phrase:
"counterpart" in "his Russian counterpart Sergei Shoigu"). It resolves, in
order, to: the statements stage's Actor one of whose mentions overlaps it; a
person's name (spaCy PERSON, or a proper name the gazetteer does not know as a
place) with the side of a known official, of a demonym or country in the same
phrase ("Russian", "Sudan's"), or of the same name earlier in the article; a
state, capital or body the gazetteer knows ("Washington", "the Kremlin").
A phrase naming several sides without a person ("Russian and Ukrainian
delegations") gives one party per side. Plural references ("the two leaders",
"their") are marked so the caller can point them back to earlier parties.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from readouts.parse.nlp import text_of
from readouts.records import Actor, Span
from readouts.sides.gazetteer import gazetteer

# Right-hand dependents that belong to a noun phrase for side and name finding;
# other prepositions, relative clauses and conjuncts do not.
_NP_RIGHT = {"appos", "compound", "flat", "nummod", "amod", "nmod"}
_NP_PREPS = {"of", "from"}
_RELATIVE = {"who", "which", "that", "whom"}
_PERSONAL = {"he", "she", "him", "her", "his"}
_COMPASS = re.compile(r"\b(North|South|East|West)\s+and\s+(North|South|East|West)\s+([A-Z][a-z]+)")


@dataclass(frozen=True, slots=True)
class Party:
    """One resolved party mention: ``name`` and ``side`` (None when unknown)."""

    name: str
    side: str | None
    start: int
    end: int
    rule: str
    actor_id: str | None = None
    plural: bool = False  # "the two leaders", "their": both parties, to be pointed back


def np_tokens(tok) -> list:
    """The tokens of ``tok``'s own noun phrase: left dependents, appositions, "of"/"from" phrases."""
    out = set()

    def add(t, top: bool) -> None:
        out.add(t)
        for child in t.children:
            if child.i < t.i and child.dep_ not in ("cc", "conj", "punct", "relcl", "prep", "acl"):
                for sub in child.subtree:
                    out.add(sub)
            elif child.i > t.i and child.dep_ == "appos" and t.pos_ == "PROPN" and child.pos_ != "PROPN":
                continue  # "Lecornu – a rare instance of ...": a comment, not the name's phrase
            elif child.i > t.i and (child.dep_ in _NP_RIGHT or
                                    (child.dep_ == "prep" and child.lower_ in _NP_PREPS)):
                add(child, False)
            elif child.i > t.i and (child.dep_ == "pobj" or (child.dep_ == "conj" and t.dep_ in ("pobj", "conj"))) \
                    and not top:
                add(child, False)  # "officials from South and North Korea", "envoys of A, B, C and D"
            elif child.i > t.i and child.dep_ == "punct" and child.text in ",-–":
                continue

    add(tok, True)
    return sorted(out, key=lambda t: t.i)


def conjuncts(tok) -> list:
    """``tok`` and the heads it is coordinated with ("X and Y", "X, Y and Z")."""
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


class PartyResolver:
    """Resolves party tokens of one Doc; remembers names it has seen with their sides."""

    def __init__(self, doc, actors: tuple[Actor, ...]) -> None:
        self.doc = doc
        self.actors = actors
        self.gz = gazetteer()
        self.known: dict[str, tuple[str, str | None]] = {}  # surname or name -> (full name, side)
        self.last_group: str | None = None
        self._learn_people()

    def _learn_people(self) -> None:
        """Every person the article names with a title or demonym ("French President Emmanuel
        Macron"), so a later bare "Macron" has a side."""
        for e in self.doc.ents:
            if e.label_ != "PERSON" or e.text in self.known:
                continue
            head = e.root
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            if head.dep_ == "appos" and head.head.pos_ == "NOUN":
                head = head.head
            tokens = [t for t in np_tokens(head) if not (e.start <= t.i < e.end) and t.tag_ != "PRP$"]
            found = self.official(e.text)
            name, side = found if found else (e.text, None)
            if side is None and tokens:
                entries = self.entries_by_side(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
                side = entries[0][2].side if entries else self.demonym_side(tokens)
            if side:
                self.remember(name, side)

    # ------------------------------------------------------------ actors
    def actor_at(self, start: int, end: int) -> Actor | None:
        for actor in self.actors:
            for m in actor.mentions:
                if m.start < end and start < m.end:
                    return actor
        return None

    # ------------------------------------------------------------ gazetteer
    def scan(self, start: int, end: int) -> list[tuple[int, int, object]]:
        """Gazetteer entries with a side inside ``text[start:end]``, as absolute offsets."""
        if end <= start:
            return []
        piece = text_of(self.doc)[start:end]
        return [(start + s, start + e, entry) for s, e, entry in self.gz.scan(piece) if entry.side]

    def demonym_side(self, tokens) -> str | None:
        for t in tokens:
            side = self.gz.demonym(t.text)
            if side:
                return side
        return None

    # ------------------------------------------------------------ names
    def person_name(self, tokens):
        """(name, start, end) of a person named in the phrase, or None."""
        ids = {t.i for t in tokens}
        ents = [e for e in self.doc.ents if e.label_ == "PERSON" and e.root.i in ids]
        if ents:
            e = ents[-1]
            return e.text, e.start_char, e.end_char
        # NER often calls a surname a place ("Shoigu" GPE): a proper name the gazetteer
        # does not know as a place or body, already seen as a person, is that person.
        for t in reversed(tokens):
            if t.pos_ == "PROPN" and t.text in self.known:
                return t.text, t.idx, t.idx + len(t.text)
        return None

    def remember(self, name: str, side: str | None) -> None:
        """Keep ``name`` and its surname; a full name replaces a bare surname seen first."""
        for key in dict.fromkeys((name, name.split()[-1])):
            full, known_side = self.known.get(key, (key, None))
            if key not in self.known or (len(name) > len(full) and known_side in (None, side)):
                self.known[key] = (name, side)

    def official_side(self, name: str) -> str | None:
        found = self.official(name)
        return found[1] if found else None

    def official(self, name: str) -> tuple[str, str] | None:
        """(canonical name, side) of a known official ("Macron" -> "Emmanuel Macron", "FR")."""
        short = " ".join(w for w in name.split() if not re.fullmatch(r"[A-Z]\.?", w))  # "Antony J. Blinken"
        try:
            official = self.gz.official(name) or (self.gz.official(short) if short != name else None)
        except (AttributeError, TypeError):  # an older gazetteer without officials
            return None
        return (official.name, official.side) if official and official.side else None

    # ------------------------------------------------------------ one phrase
    def resolve(self, tok, contact_sides: tuple[str, ...] = ()) -> list[Party]:
        """The parties one party token names (usually one; several for "Russian and Ukrainian delegations")."""
        low = tok.lower_
        if low in _RELATIVE and tok.dep_.startswith("nsubj"):
            verb = tok.head
            if verb.dep_ == "relcl":
                return self.resolve(verb.head, contact_sides)
        tokens = np_tokens(tok)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        plural = _is_plural_reference(tok, tokens)
        if not plural and not _can_name_a_party(tok) and not self.official(tok.text):
            return [Party(text_of(self.doc)[start:end], None, start, end, "not_a_party")]
        if plural:
            sides = sorted({e.side for _, _, e in self.scan(start, end)})
            if len(sides) >= 2:
                return [self.state_party(s, e, entry, "phrase_sides") for s, e, entry in self.entries_by_side(start, end)]
            # "the two leaders", "both", "inter-Korean" name two sides; "they", "their" any group
            rule = "plural_group" if tok.lower_ in ("they", "them", "their") else "plural"
            return [Party(text_of(self.doc)[start:end], None, start, end, rule, plural=True)]
        actor = self._actor_for(tok, tokens)
        group = self._non_state_group(tokens)
        if group is not None and (actor is None or not actor.side or not actor.side.startswith("ORG:")):
            return [Party(group[4:], group, start, end, "non_state_group")]
        if actor is not None and actor.side:
            name = actor.name
            if actor.kind == "person":
                found = self.official(name) or (self.known.get(name) if name in self.known else None)
                if found and found[1] == actor.side and len(found[0]) > len(name):
                    name = found[0]  # the actor table may keep "Biden"; the officials list knows "Joe Biden"
                self.remember(name, actor.side)
            rule = "actor" if actor.kind == "person" else "actor_" + actor.kind
            return [Party(name, actor.side, start, end, rule, actor_id=actor.id)]
        if tok.lower_ in _PERSONAL:
            return self._pronoun(tok)
        person = self.person_name(tokens)
        if person is None and tok.pos_ == "PROPN" and self.gz.lookup(tok.text) is None:
            found = self.official(tok.text)  # "Blinken", tagged a place by NER, is a known official
            if found:
                person = (tok.text, tok.idx, tok.idx + len(tok.text))
        if person is not None:
            return [self._person(person, tokens, start, end)]
        entries = self.entries_by_side(start, end) + self._compass_ellipsis(start, end)
        origin = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"]
        if origin:  # "Red Cross officials from South and North Korea" speak for the states they come from
            o_start = origin[0].idx
            from_states = [x for x in entries if x[0] >= o_start]
            entries = from_states or entries
        if len(entries) >= 2 and tok.ent_type_ != "PERSON":
            return [self.state_party(s, e, entry, "phrase_sides") for s, e, entry in entries]
        if entries:
            return [self.state_party(start, end, entries[0][2], "gazetteer")]
        side = self.demonym_side(tokens)
        if side:
            return [Party(text_of(self.doc)[start:end], side, start, end, "demonym")]
        return [Party(text_of(self.doc)[start:end], None, start, end, "unresolved")]

    def context_side(self, tok, party: Party, exclude: set) -> Party:
        """A body named without its country ("The foreign ministry summoned ...") speaks for the
        state the sentences before are about: the first subject with a side, going back."""
        from readouts.contacts.triggers import lexicon

        if tok.lemma_.lower() not in lexicon()["body_heads"] or not any(c.lower_ == "the" for c in tok.children):
            return party
        sents = [s for s in self.doc.sents if s.end <= tok.sent.start][-3:]
        for sent in reversed(sents):
            subjects = [t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
            for subj in subjects:
                for found in self.resolve(subj):
                    if found.side and found.side not in exclude:
                        return Party(found.name, found.side, party.start, party.end, "context_side",
                                     found.actor_id)
        return party

    def _non_state_group(self, tokens) -> str | None:
        """"various Sudanese rebel groups" -> "ORG:Sudanese rebel groups" (the gold's form for
        armed groups that speak for themselves); a later "the rebel groups" is the same side."""
        from readouts.contacts.triggers import lexicon

        words = lexicon()["non_state_words"]
        if not any(t.lower_ in words or t.lemma_.lower() in words for t in tokens):
            return None
        demonym = next((t.text for t in tokens if self.gz.demonym(t.text)), None)
        if demonym is None:
            return self.last_group
        self.last_group = f"ORG:{demonym} rebel groups"
        return self.last_group

    def _actor_for(self, tok, tokens) -> Actor | None:
        heads = [tok] + [c for c in tok.children if c.dep_ == "appos"]
        for h in heads:
            actor = self.actor_at(h.idx, h.idx + len(h.text))
            if actor is not None:
                return actor
        return None

    def _compass_ellipsis(self, start: int, end: int):
        """"South and North Korea": the first half means "South Korea"."""
        m = _COMPASS.search(text_of(self.doc), start, end)
        if not m:
            return []
        entry = self.gz.lookup(f"{m.group(1)} {m.group(3)}")
        if entry is None or not entry.side:
            return []
        return [(m.start(1), m.end(1), entry)]

    def entries_by_side(self, start: int, end: int):
        """One gazetteer entry per side in the span, first mention of each."""
        seen: dict[str, tuple[int, int, object]] = {}
        for s, e, entry in self.scan(start, end):
            seen.setdefault(entry.side, (s, e, entry))
        return list(seen.values())

    def state_party(self, start: int, end: int, entry, rule: str) -> Party:
        """A state or body party; a capital, seat or demonym stands for its country."""
        name = entry.canonical or entry.text
        if getattr(entry, "kind", None) in ("capital", "seat", "demonym"):
            name = self.gz.country_name(entry.side) or name
        return Party(name, entry.side, start, end, rule)

    def _person(self, person, tokens, start: int, end: int) -> Party:
        name, p_start, p_end = person
        full, side = self.known.get(name, (name, None))
        rule = "name_seen" if side else "person"
        if side is None:
            found = self.official(full)
            if found:
                full, side, rule = found[0], found[1], "official"
        if side is None:
            hits = self.scan(p_start, p_end)
            if hits and hits[0][0] == p_start and hits[0][1] < p_end:
                # NER glues the country to the name: "Prime Minister of Armenia Nikol Pashinyan"
                rest = text_of(self.doc)[hits[0][1]:p_end].strip()
                found = self.official(rest)
                full, side = found if found else (rest, hits[0][2].side)
                rule = "name_after_place"
        if side is None:
            outside = [t for t in tokens if not (p_start <= t.idx < p_end) and t.tag_ != "PRP$"]
            entries = self.entries_by_side(outside[0].idx, outside[-1].idx + len(outside[-1].text)) if outside else []
            side = entries[0][2].side if entries else self.demonym_side(outside)
            rule = "title_side" if side else rule
        actor = self.actor_at(p_start, p_end)
        if actor is not None and actor.side and side is None:
            side, rule = actor.side, "actor"
        self.remember(full, side)
        return Party(full, side, start, end, rule, actor_id=actor.id if actor else None)

    def _pronoun(self, tok) -> list[Party]:
        """A personal pronoun without an actor: the nearest person named before it in the sentence or the two before."""
        sent_starts = [s.start for s in self.doc.sents if s.start <= tok.i]
        window_start = sent_starts[-3] if len(sent_starts) >= 3 else 0
        for e in reversed([e for e in self.doc.ents if e.label_ == "PERSON" and window_start <= e.start and e.end <= tok.i]):
            full, side = self.known.get(e.text, (e.text, None))
            if side is None:
                side = self.official_side(full)
            if side is None:
                head = e.root.head if e.root.dep_ in ("compound", "appos") else e.root
                toks = np_tokens(head)
                entries = self.entries_by_side(toks[0].idx, toks[-1].idx + len(toks[-1].text))
                side = entries[0][2].side if entries else None
            if side:
                return [Party(full, side, tok.idx, tok.idx + len(tok.text), "pronoun")]
        return [Party(tok.text, None, tok.idx, tok.idx + len(tok.text), "unresolved")]


def _can_name_a_party(tok) -> bool:
    """A name, a pronoun, or a common noun that can stand for a party ("counterpart",
    "delegation"); "Biden's remarks" or "the attacks" cannot, whatever they mention."""
    from readouts.contacts.triggers import lexicon

    if tok.pos_ in ("PROPN", "PRON", "NUM") or tok.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") or tok.lower_ in _RELATIVE:
        return True
    return tok.lemma_.lower() in lexicon()["party_nouns"] or tok.lower_ in lexicon()["party_nouns"]


def _is_plural_reference(tok, tokens) -> bool:
    """"they", "their", "the two leaders", "the pair", "both sides": both parties at once."""
    low = tok.lower_
    if low in ("they", "them", "their", "both", "pair"):
        return True
    if low == "two" and any(c.lower_ == "the" for c in tok.children):
        return True  # "the two clashed at a summit"
    words = {t.lower_ for t in tokens}
    if "inter" in words or any(t.lower_.startswith("inter-") for t in tokens):
        return True  # "inter-Korean reconciliation efforts"
    return tok.tag_ in ("NNS", "NN") and bool(words & {"two", "both"}) and not any(t.ent_type_ in ("GPE", "NORP") for t in tokens)


def span_of(doc, start: int, end: int) -> Span:
    return Span.of(text_of(doc), start, end)
