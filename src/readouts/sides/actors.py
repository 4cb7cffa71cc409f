"""Actors: the people, bodies and states an article mentions, with their sides.

Built once per Doc from the named entities and the gazetteer. A person's side
comes from the text first (a title or demonym before the name: "Chilean Defence
Minister Ana Ruiz", "his Peruvian counterpart Luis Soto"; an
apposition: "Sergei Lavrov, Russia's foreign minister"; "X of Russia"), then
from the dated officials list; never from a first name. The tagger is corrected
where the gazetteer is sure ("Kyiv" tagged as a person is a place; "Shoigu"
tagged as a place is the person named "Sergei Shoigu" elsewhere).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from readouts.lexicons import cues as lexicon
from readouts.lexicons import titles
from readouts.parse.nlp import text_of
from readouts.records import Actor, Span
from readouts.sides.gazetteer import Entry, gazetteer

LOCATION_PREPS = {"in", "at", "from", "near", "outside", "inside", "across", "to"}


@dataclass(slots=True)
class ActorDraft:
    """A mutable actor while the table is built; frozen into ``records.Actor`` at the end."""

    key: str
    name: str
    kind: str
    side: str | None = None
    title: str | None = None
    side_rule: str | None = None
    side_evidence: tuple[int, int] | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # characters
    heads: set[str] = field(default_factory=set)  # head nouns of nominal mentions ('ministry', 'source')

    def set_side(self, side: str | None, rule: str, evidence: tuple[int, int] | None) -> None:
        if side and not self.side:
            self.side, self.side_rule, self.side_evidence = side, rule, evidence


def _surname(name: str) -> str:
    return name.replace("’s", "").replace("'s", "").split()[-1].lower()


class ActorTable:
    """Every actor of one Doc, with lookups by character position and by name."""

    def __init__(self, doc, published: str | None = None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.published = published
        self.gz = gazetteer()
        self.drafts: dict[str, ActorDraft] = {}
        self.memo: dict[str, object] = {}  # article-level findings the speaker rules reuse
        # sentence bounds once: spaCy rebuilds every sentence span on each `.sent` lookup
        self.sents: list[tuple[int, int]] = [(s.start, s.end) for s in doc.sents]
        self._sent_starts = [a for a, _b in self.sents]
        self.by_char: list[tuple[int, int, str]] = []  # (start, end, key) of every mention
        self._build()

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        doc = self.doc
        self.places = self.gz.scan(self.text)  # every country, capital, seat, body and demonym, once
        places = {(s, e): entry for s, e, entry in self.places}
        person_ents = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                entry = self.gz.lookup(ent.text)
                if entry is None:
                    person_ents.append(ent)
            elif ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC") and len(ent) > 1 and \
                    self.gz.lookup(ent.text) is None and self.gz.official(ent.text) is not None:
                person_ents.append(ent)  # the tagger calls "Olaf Scholz" a body; the officials list knows him
        surnames = {_surname(e.text) for e in person_ents}
        # the tagger calls some surnames places or bodies ("Shoigu" GPE): a known surname wins
        for ent in doc.ents:
            if ent.label_ in ("GPE", "ORG", "NORP", "LOC") and len(ent) == 1 and ent.text.lower() in surnames \
                    and self.gz.lookup(ent.text) is None:
                person_ents.append(ent)
        for ent in sorted(person_ents, key=lambda e: -len(e.text)):
            self._add_person(ent)
        for (s, e), entry in sorted(places.items()):
            if entry.kind == "demonym":
                continue
            if any(a <= s < b for a, b, _ in self.by_char):
                continue
            self._add_place(s, e, entry)
        self.by_char.sort()

    def _add_person(self, ent) -> None:
        name = ent.text.replace("’s", "").replace("'s", "").strip()
        if any(t.text in lexicon().newsroom for t in self.doc[max(self.sent_of(ent.start)[0], ent.start - 2):ent.end]):
            return  # "VOA's Nico Colombant reports": the outlet's reporter is not an actor
        key = "p:" + _surname(name)
        if key not in self.drafts and len(name.split()) == 1:
            for other in self.drafts.values():
                if other.kind == "person" and name in other.name.split()[:-1]:
                    key = other.key
                    break
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = ActorDraft(key, name, "person")
        elif len(name) > len(draft.name):
            draft.name = name
        draft.mentions.append((ent.start_char, ent.start_char + len(name)))
        self.by_char.append((ent.start_char, ent.start_char + len(name), key))
        side, title, rule, ev = self._person_side(ent)
        if rule and rule.startswith("officials:") and len(draft.name.split()) == 1:
            off = self.gz.official(draft.name, on=self.published)
            if off is not None:
                draft.name = off.name  # "President Obama" -> Barack Obama, from the dated list
        if title and not draft.title:
            draft.title = title
        if title:
            draft.heads.update(w.lower() for w in title.split())
        draft.set_side(side, rule, ev)

    def _add_place(self, s: int, e: int, entry: Entry) -> None:
        kind = {"country": "state", "capital": "state", "seat": "body", "institution": "body",
                "body": "body"}.get(entry.kind, "other")
        key = ("s:" if kind == "state" else "b:") + (entry.side if kind == "state" else entry.canonical)
        draft = self.drafts.get(key)
        if draft is None:
            name = self.gz.country_name(entry.side) if kind == "state" else entry.canonical
            draft = self.drafts[key] = ActorDraft(key, name or entry.canonical, kind)
            draft.set_side(entry.side, f"gazetteer:{entry.kind}", (s, e))
        draft.mentions.append((s, e))
        self.by_char.append((s, e, key))

    def _person_side(self, ent) -> tuple[str | None, str | None, str | None, tuple[int, int] | None]:
        """Side, title, rule and evidence of a person from the words around the name: a title
        before it, the dated officials list, an apposition, "X of <Country>"."""
        title_toks = self._title_tokens(ent)
        side = rule = ev = None
        if title_toks:
            side, ev = self.side_in_range(title_toks[0].i, ent.start)
            rule = "title" if side else None
            if side is None:
                side, ev, rule = self._title_side(title_toks)
        title = " ".join(t.text for t in title_toks if t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper()
                         and not self.gz.lookup(t.text)) or None
        if side is None:
            side, rule, ev, title = self._official_side(ent, title)
        if side is None:
            side, rule, ev = self._apposition_side(ent.root)
        if side is None:
            side, rule, ev = self._of_country_side(ent.root)
        return side, title, rule, ev

    def _title_tokens(self, ent) -> list:
        """The words before a name inside its phrase: "his Russian counterpart", "French
        Defence Minister", "U.S. Ambassador to the World Bank"."""
        doc = self.doc
        title_toks = []
        j = ent.start - 1
        lowest = max(self.sent_of(ent.start)[0], ent.start - 8)
        left = ent.root.left_edge.i
        prep = ent.root.head
        if ent.root.dep_ == "pobj" and prep.lower_ in LOCATION_PREPS and prep.head.i < prep.i:
            # "U.S. Envoy to the United Nations Jane Marsh", parsed with the name under "to":
            # the title is the phrase before the preposition; the words after it name the post's place
            title_toks = [t for t in doc[max(lowest, prep.head.left_edge.i):prep.i]]
            j = -1
        elif lowest <= left < ent.start:
            # the name's own phrase: "U.S. Envoy to the United Nations Jane Marsh"
            title_toks = [t for t in doc[left:ent.start]]
            j = -1
        while j >= lowest:
            t = doc[j]
            if t.is_punct and t.text not in ("-", "."):
                break
            if t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ") and t.lower_ not in ("of",):
                break
            if t.ent_type_ == "PERSON" and t.i < ent.start:
                break
            title_toks.insert(0, t)
            j -= 1
        return title_toks

    def _official_side(self, ent, title: str | None):
        """A well-known official: the full name, or the surname when the article's date
        picks one holder of the office ("President Obama" in a 2014 readout)."""
        off = self.gz.official(ent.text, on=self.published)
        if off is None and (self.published or len(ent.text.split()) == 1):
            off = self.gz.official(_surname(ent.text).title(), on=self.published)
        if off is None:
            return None, None, None, title
        role_named = bool(title) and bool(set(title.lower().split()) & set(off.role.lower().split()))
        if len(ent.text.split()) > 1 or self.published or role_named or self._full_name_known(off.name):
            return off.side, f"officials:{off.role}", None, title or off.role
        return None, None, None, title

    def _apposition_side(self, root):
        """ "Sergei Lavrov, Russia's foreign minister" / "the Russian envoy, Lavrov"."""
        appositions = [(c.left_edge.i, c.right_edge.i + 1) for c in root.children
                       if c.dep_ == "appos" and c.ent_type_ != "PERSON"]
        if root.dep_ == "appos" and root.head.ent_type_ != "PERSON":
            appositions.append((root.head.left_edge.i, root.left_edge.i))
        for lo, hi in appositions:
            code, at = self.side_in_range(lo, hi)
            if code:
                return code, "apposition", at
        return None, None, None

    def _of_country_side(self, root):
        """ "the president of Russia, X" / "X of Russia"."""
        found = (None, None, None)
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    code = self._country_side(pobj)
                    if code:
                        found = (code, "of_country", (pobj.idx, pobj.idx + len(pobj.text)))
        return found

    def _full_name_known(self, name: str) -> bool:
        return name in self.text

    def _country_side(self, tok) -> str | None:
        entry = self.gz.lookup(tok.text)
        if entry and entry.kind in ("country", "capital"):
            return entry.side
        return None

    def side_in_range(self, i: int, j: int, places: bool = False) -> tuple[str | None, tuple[int, int] | None]:
        """The side that tokens ``i..j-1`` name by a country, demonym, capital, seat or
        institution ("South Sudan's deputy minister", "White House officials"), leaving out
        places that only say where ("an analyst with a bank in Lima"; with
        ``places`` they count: "officials in Hungary") and people's names. The last such name before the end wins (it is nearest the head)."""
        doc = self.doc
        if j <= i:
            return None, None
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        best = owner = None
        for s, e, entry in self.gz.scan(self.text[start:end]):
            s, e = s + start, e + start
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or any(t.ent_type_ == "PERSON" and not self.gz.lookup(t.text) for t in span):
                continue
            if not places and any(a.dep_ == "prep" and a.lower_ in LOCATION_PREPS and a.i >= i
                                  for a in span.root.ancestors):
                continue
            best = (entry.side, (s, e))
            if entry.kind in ("country", "capital") and self.text[e:e + 2] in ("'s", "’s"):
                owner = best
        # "Freedonia's UN envoy": the possessor owns the post; the body only names it
        if owner and best and best[0].startswith("ORG:"):
            return owner
        return best if best else (None, None)

    def _title_side(self, toks) -> tuple[str | None, tuple[int, int] | None, str | None]:
        """'Senator' (a title of one country's office); 'Unification Minister' read as
        the 'Unification Ministry' of the gazetteer."""
        words = [t.text for t in toks]
        table = titles()["title_sides"]
        for n in range(len(words), 0, -1):
            for k in range(len(words) - n + 1):
                phrase = " ".join(words[k:k + n])
                if phrase in table:
                    return table[phrase], (toks[k].idx, toks[k + n - 1].idx + len(toks[k + n - 1].text)), "title_office"
        for k, t in enumerate(toks):
            if t.text in ("Minister", "Ministers") and k > 0:
                entry = self.gz.lookup(" ".join(words[max(0, k - 2):k]) + " Ministry") or \
                    self.gz.lookup(words[k - 1] + " Ministry")
                if entry is not None:
                    return entry.side, (toks[k - 1].idx, t.idx + len(t.text)), "title_ministry"
        return None, None, None

    # ---------------------------------------------------------------- lookups
    def sent_of(self, i: int) -> tuple[int, int]:
        """Token bounds ``(start, end)`` of the sentence holding token ``i``."""
        return self.sents[bisect.bisect_right(self._sent_starts, i) - 1]

    def sent_index(self, i: int) -> int:
        return bisect.bisect_right(self._sent_starts, i) - 1

    def at(self, start: int, end: int) -> ActorDraft | None:
        """The actor with a mention overlapping characters ``start:end`` (the longest mention)."""
        best = None
        for s, e, key in self.by_char:
            if s < end and e > start and (best is None or (e - s) > best[1] - best[0]):
                best = (s, e, key)
        return self.drafts[best[2]] if best else None

    def person_by_surname(self, word: str) -> ActorDraft | None:
        return self.drafts.get("p:" + word.lower())

    def person_by_name_part(self, word: str) -> ActorDraft | None:
        """A person whose full name has ``word`` as one of its capitalised parts ('Dau' in 'Deng Dau Deng')."""
        if not word[:1].isupper() or len(word) < 3:
            return None
        found = [d for d in self.drafts.values() if d.kind == "person" and word in d.name.split()]
        return found[0] if len(found) == 1 else None

    def new(self, key: str, name: str, kind: str) -> ActorDraft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = ActorDraft(key, name, kind)
        return draft

    def add_mention(self, draft: ActorDraft, start: int, end: int) -> None:
        if (start, end) not in draft.mentions:
            draft.mentions.append((start, end))
            self.by_char.append((start, end, draft.key))
            self.by_char.sort()

    def freeze(self) -> tuple[tuple[Actor, ...], dict[str, str]]:
        """Frozen actors in order of first mention, and the map from draft key to actor id."""
        drafts = sorted((d for d in self.drafts.values() if d.mentions), key=lambda d: min(d.mentions))
        ids = {d.key: f"a{i + 1}" for i, d in enumerate(drafts)}
        actors = tuple(
            Actor(
                id=ids[d.key], name=d.name, kind=d.kind, side=d.side,
                mentions=tuple(Span.of(self.text, s, e) for s, e in sorted(set(d.mentions))),
                title=d.title, side_rule=d.side_rule,
                side_evidence=Span.of(self.text, *d.side_evidence) if d.side_evidence else None,
            )
            for d in drafts
        )
        return actors, ids
