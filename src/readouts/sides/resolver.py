"""One side resolver per Doc: which state (or non-state body) a mention speaks for, and why.

Built once per parsed article and shared by the stages that need a side (speakers,
contact parties, divergence). Every answer is a :class:`SideDecision`: the side, the
rule that decided it and the character spans it was read from, so an analyst can check it.

Evidence, strongest first:

(a) the mention itself (:meth:`SideResolver.mention`):
    ``possessive``  "<Country>'s X" for any body: "Freedonia's Revolutionary Council";
    ``of_country``  "X of <Country>": "the Ministry of Foreign Affairs of Freedonia";
    ``acronym``     an abbreviation with its state from ``data/sides.json`` ("MEA" -> IN);
                    one used by several states ("MOFA") takes the one the document names
                    (its issuer, its dateline, else the state it names most);
    ``phrase``      a country, demonym, capital or named body inside the mention
                    ("the Freedonian army"), not one that only says where ("envoy in Paris");
(b) places (:meth:`SideResolver.place`): a person or body tied to a city or first-level
    region takes its country ("the Springfield mayor", "the governor of North Kivu"), from
    ``data/places.json`` (GeoNames cities and ISO 3166-2 regions, built by a script);
(c) the document (:meth:`SideResolver.document`): a domestic body named without its country
    ("the foreign ministry said") speaks for the dateline's country ("SEOUL -") or, in an
    official text, for its issuer; the issuer also owns the text's first-person "we" and
    "our government" (:meth:`SideResolver.first_person`). The issuer is given (``--side``),
    else read from the URL's government domain ("*.gov.uk" -> GB), else from a title that
    opens with a named body ("Kremlin: ...");
(d) coreference (:meth:`SideResolver.antecedent`): a nominal ("the ministry", "the
    spokesman", "the statement") binds to the most salient earlier mention of a matching
    head: the current speaker chain first, then the paragraph's subject, then the latest
    such mention. Never from a first name or gender.

API for other stages (all offsets are characters into the article text)::

    resolver = SideResolver(doc, issuer="GB", url=..., title=...)  # or resolver_for(doc, ...)
    d = resolver.resolve(start, end)        # (a), then (b), then (c) for a mention span
    d.side, d.rule, d.evidence              # "RU", "mention:possessive", ((s, e), ...)
    resolver.issuer, resolver.dateline      # SideDecision of the document, side None if unknown
    resolver.joint_issuers                  # SideDecisions of the states issuing it together
    resolver.note(start, end, side, heads)  # record a resolved speaker for coreference (d)
    resolver.antecedent("ministry", before) # SideDecision of the bound antecedent, or None
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from readouts.parse.nlp import text_of
from readouts.sides.gazetteer import gazetteer

NAMED_KINDS = ("country", "capital", "seat", "institution", "body")
LOCATION_PREPS = {"in", "at", "from", "near", "outside", "inside", "across", "to"}
# A dateline opens the text: "SEOUL, South Korea (Agency) -", "BEIJING —", "Kyiv, Ukraine –".
_DATELINE = re.compile(r"\A\s*([A-Z][A-Za-z.'\- ]{1,40}?)(?:,\s*[A-Z][A-Za-z.' ]{1,30})?\s*"
                       r"(?:\([^)\n]{1,40}\))?\s*[-–—]{1,2}\s")
# Several states issuing one text: "We, the Foreign Ministers of A, B and C, reject ..." or
# a heading "Joint statement by A, B and C".
_WE_THE = re.compile(r"\bWe, (the [^\n]{5,200}?),\s+[a-z]")
_STATEMENT_BY = re.compile(r"(?m)^[ \t]*(?:Joint )?[Ss]tatement (?:by|of|from) ([^\n:]{3,150}):?[ \t]*$")
# A title that opens with its issuer: "Kremlin: ...", "Statement by the Foreign Office".
_TITLE_ISSUER = re.compile(r"^(?:(?:Joint )?[Ss]tatement (?:by|from) (?:the )?)?([^:\n]{2,60}?)(?::|\s[-–—]\s|$)")


@dataclass(frozen=True, slots=True)
class SideDecision:
    """A side with the rule that decided it and the spans (characters) it was read from."""

    side: str | None
    rule: str | None = None
    evidence: tuple[tuple[int, int], ...] = ()

    def __bool__(self) -> bool:
        return self.side is not None


NO_SIDE = SideDecision(None)


@dataclass(frozen=True, slots=True)
class SideTables:
    labels: frozenset[str]
    cctld_exceptions: dict[str, str]
    sites: dict[str, str]
    acronyms: dict[str, tuple[str, ...]]
    domestic_heads: frozenset[str]
    first_person: frozenset[str]
    places: dict[str, tuple[str, str]]


def _data(name: str) -> dict:
    from readouts.lexicons import _read  # the one loader of data files

    return _read(name)


@functools.lru_cache(maxsize=1)
def side_tables() -> SideTables:
    """``data/sides.json`` and ``data/places.json``, loaded once."""
    raw = _data("sides.json")
    places = _data("places.json")["places"]
    domains = raw["government_domains"]
    return SideTables(
        labels=frozenset(domains["labels"]),
        cctld_exceptions=dict(domains["cctld_exceptions"]),
        sites=dict(domains["sites"]),
        acronyms={k: tuple(v) for k, v in raw["acronyms"].items()},
        domestic_heads=frozenset(raw["domestic_heads"]),
        first_person=frozenset(raw["first_person"]),
        places={k: (v[0], v[1]) for k, v in places.items()},
    )


def domain_side(url: str | None) -> str | None:
    """The government a web address belongs to: "https://www.gov.uk/..." -> GB,
    "en.kremlin.ru" -> RU, "www.mofa.go.jp" -> JP, "state.gov" -> US; None for other sites."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    tables = side_tables()
    for k in range(len(labels)):  # longest suffix first: "pmo.gov.il" before "gov.il" before "il"
        site = tables.sites.get(".".join(labels[k:]))
        if site:
            return site
    if len(labels) >= 2 and labels[-2] in tables.labels:
        tld = labels[-1]
        code = tables.cctld_exceptions.get(tld, tld.upper())
        if len(tld) == 2 and gazetteer().country_name(code):
            return code
    return None


class SideResolver:
    """Sides of the mentions of one Doc. Build once per article (see the module's doc)."""

    def __init__(self, doc, *, issuer: str | None = None, url: str | None = None,
                 title: str | None = None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.gz = gazetteer()
        self.tables = side_tables()
        self._places = self.gz.scan(self.text)
        self._counts = self._state_counts()
        self.dateline = self._dateline()
        self.issuer = self._issuer(issuer, url, title)
        self.joint_issuers = self._joint_issuers()
        self._notes: list[tuple[int, int, str, frozenset[str]]] = []  # (start, end, side, heads)
        self._paras = [m.start() for m in re.finditer(r"(?:\A|\n)\s*\S", self.text)]

    # ------------------------------------------------------------ the document
    def _state_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _s, _e, entry in self._places:
            if not entry.side.startswith("ORG:"):
                counts[entry.side] = counts.get(entry.side, 0) + 1
        return counts

    def _dateline(self) -> SideDecision:
        """ "SEOUL - ..." opens the text: the place the story was filed from."""
        m = _DATELINE.match(self.text)
        if not m:
            return NO_SIDE
        s = m.start(1)
        name = m.group(1).strip()
        side = self._place_name_side(name.title()) or self._place_name_side(name)
        return SideDecision(side, "document:dateline", ((s, s + len(name)),)) if side else NO_SIDE

    def _place_name_side(self, name: str) -> str | None:
        entry = self.gz.lookup(name)
        if entry is not None and entry.kind in ("country", "capital"):
            return entry.side
        place = self.tables.places.get(name)
        return place[0] if place else None

    def _issuer(self, given: str | None, url: str | None, title: str | None) -> SideDecision:
        if given:
            return SideDecision(given, "document:issuer_given")
        side = domain_side(url)
        if side:
            return SideDecision(side, "document:issuer_domain")
        m = _TITLE_ISSUER.match(title or "")
        if m:
            entry = self.gz.lookup(m.group(1).strip())
            if entry is not None and entry.kind in ("seat", "institution", "body", "country"):
                return SideDecision(entry.side, "document:issuer_title")
        return NO_SIDE

    def _joint_issuers(self) -> tuple[SideDecision, ...]:
        """The states that issue the text together, when it says so ("We, the Ministers of
        A and B, ..."; "Statement by A, B and C"); empty for a text of one voice."""
        for pattern in (_WE_THE, _STATEMENT_BY):
            for m in pattern.finditer(self.text):
                s, e = m.span(1)
                found: dict[str, SideDecision] = {}
                for a, b, entry in self._places:
                    if s <= a and b <= e and entry.kind in ("country", "capital", "demonym"):
                        found.setdefault(entry.side, SideDecision(entry.side, "document:joint_issuers", ((a, b),)))
                if len(found) >= 2:
                    return tuple(found.values())
        return ()

    # ------------------------------------------------------------ (a) the mention itself
    def mention(self, start: int, end: int) -> SideDecision:
        """Side told by the words of the mention ``text[start:end]``."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return NO_SIDE
        return self._possessive(span) or self._of_country(span) or self._acronym(span) or self._phrase(span)

    def mention_words(self, start: int, end: int) -> SideDecision:
        """The mention's possessive, "of <Country>" and acronym rules only (no bare name)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return NO_SIDE
        return self._possessive(span) or self._of_country(span) or self._acronym(span)

    def _entry_side(self, tok) -> tuple[str, tuple[int, int]] | None:
        """A state, seat, institution or body whose name covers ``tok`` ("Iran", "South Korea")."""
        for s, e, entry in self._places:
            if s <= tok.idx < e and entry.kind in NAMED_KINDS:
                return entry.side, (s, e)
        return None

    def _possessive(self, span) -> SideDecision:
        """ "Freedonia's Revolutionary Council": a state's possessive before the head."""
        for t in span:
            if t.tag_ == "POS" and t.i > span.start and t.i < span.end - 1 and not self._where(t, span):
                hit = self._entry_side(self.doc[t.i - 1])
                if hit and self._is_state(hit[0]):
                    return SideDecision(hit[0], "mention:possessive", (hit[1],))
        return NO_SIDE

    def _of_country(self, span) -> SideDecision:
        """ "the Ministry of Foreign Affairs of Freedonia": "of" + a state hanging on the mention."""
        for t in span:
            if t.lower_ == "of" and t.i > span.start and not self._where(t, span):
                nxt = [w for w in self.doc[t.i + 1:min(span.end, t.i + 5)] if w.lower_ != "the"]
                if nxt:
                    hit = self._entry_side(nxt[0])
                    if hit and self._is_state(hit[0]) and hit[1][1] <= span.end_char:
                        return SideDecision(hit[0], "mention:of_country", (hit[1],))
        return NO_SIDE

    def _where(self, tok, span) -> bool:
        """True when ``tok`` hangs under a place preposition inside the mention: "a
        professor at Freedonia's university" is at a place, not a voice of Freedonia."""
        return any(a.dep_ == "prep" and a.lower_ in LOCATION_PREPS and a.i >= span.start for a in tok.ancestors)

    def _is_state(self, side: str) -> bool:
        return not side.startswith("ORG:")

    def _acronym(self, span) -> SideDecision:
        for t in span:
            states = self.tables.acronyms.get(t.text)
            if not states:
                continue
            ev = (t.idx, t.idx + len(t.text))
            if len(states) == 1 and states[0] != "*":
                return SideDecision(states[0], "mention:acronym", (ev,))
            chosen = self.choose(states)
            if chosen:
                return SideDecision(chosen.side, "mention:acronym+" + (chosen.rule or "document"),
                                    (ev, *chosen.evidence))
        return NO_SIDE

    def choose(self, states: tuple[str, ...]) -> SideDecision:
        """One of several states (or any, ``*``) that the document tells: its issuer, its
        dateline, else the state it names at least twice as often as any other."""
        for doc_side in (self.issuer, self.dateline):
            if doc_side and (doc_side.side in states or "*" in states):
                return doc_side
        ranked = sorted(((n, s) for s, n in self._counts.items() if s in states or "*" in states), reverse=True)
        if ranked and (len(ranked) == 1 or ranked[0][0] >= 2 * ranked[1][0]):
            return SideDecision(ranked[0][1], "document:most_named")
        return NO_SIDE

    def _phrase(self, span) -> SideDecision:
        """A state or body named inside the mention, the one nearest its end; places after
        a location preposition only say where ("the envoy in Paris")."""
        best = NO_SIDE
        for s, e, entry in self._places:
            if s < span.start_char or e > span.end_char:
                continue
            part = self.doc.char_span(s, e, alignment_mode="expand")
            if part is None or any(a.dep_ == "prep" and a.lower_ in LOCATION_PREPS and a.i >= span.start
                                   for a in part.root.ancestors):
                continue
            if any(t.ent_type_ == "PERSON" and self.gz.lookup(t.text) is None for t in part):
                continue
            best = SideDecision(entry.side, "mention:phrase", ((s, e),))
        return best

    # ------------------------------------------------------------ (b) places
    def place(self, start: int, end: int) -> SideDecision:
        """A city or first-level region that modifies the mention or follows "of"/"in" in
        it: "the Springfield mayor", "the governor of North Kivu", "police in Goma"."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return NO_SIDE
        words = list(span)
        for k in range(len(words)):
            if not words[k].text[:1].isupper() or (k == 0 and words[k].is_sent_start and len(words) == 1):
                continue
            for n in (3, 2, 1):
                if k + n > len(words):
                    continue
                name = self.text[words[k].idx:words[k + n - 1].idx + len(words[k + n - 1].text)]
                hit = self.tables.places.get(name)
                if hit:
                    ev = (words[k].idx, words[k].idx + len(name))
                    return SideDecision(hit[0], f"place:{hit[1]}", (ev,))
        return NO_SIDE

    # ------------------------------------------------------------ (c) the document
    def document(self, head: str | None = None) -> SideDecision:
        """A domestic body or office named without its country ("the foreign ministry"):
        the dateline's country, else the issuer's. None for other heads."""
        if head is not None and head.lower() not in self.tables.domestic_heads:
            return NO_SIDE
        return self.dateline or self.issuer

    def first_person(self, word: str) -> SideDecision:
        """ "we", "our", "I" in the issuer's own voice (outside quotations) speak for the issuer."""
        if word.lower() in self.tables.first_person and self.issuer:
            return self.issuer
        return NO_SIDE

    def resolve(self, start: int, end: int, head: str | None = None) -> SideDecision:
        """(a) the mention, else (b) a place in it, else (c) the document for a domestic head."""
        return self.mention(start, end) or self.place(start, end) or self.document(head)

    # ------------------------------------------------------------ (d) coreference
    def note(self, start: int, end: int, side: str | None, heads) -> None:
        """Record a resolved mention (a speaker) so later nominals can bind to it."""
        if side:
            self._notes.append((start, end, side, frozenset(h.lower() for h in heads)))

    def antecedent(self, head: str, before: int, chain: str | None = None) -> SideDecision:
        """The side of the most salient earlier mention whose heads include ``head``: the
        current speaker chain's side (``chain``) when it has such a mention, then one in the
        same paragraph, then the latest."""
        head = head.lower()
        cands = [n for n in self._notes if n[0] < before and head in n[3]]
        if not cands:
            return NO_SIDE
        para = self._paras[max(0, bisect.bisect_right(self._paras, before) - 1)] if self._paras else 0
        for pick in ([n for n in cands if n[2] == chain], [n for n in cands if n[0] >= para], cands):
            if pick:
                s, e, side, _h = pick[-1]
                return SideDecision(side, "coref:" + head, ((s, e),))
        return NO_SIDE


def resolver_for(doc, **kwargs) -> SideResolver:
    """The Doc's resolver, built on first use and kept on the Doc's user data."""
    key = "readouts_side_resolver"
    found = doc.user_data.get(key)
    if found is None or (kwargs and any(getattr(found, "_given", {}).get(k) != v for k, v in kwargs.items())):
        found = SideResolver(doc, **kwargs)
        found._given = dict(kwargs)
        doc.user_data[key] = found
    return found
