"""Places, demonyms, institutions, bodies and officials, each with the side it speaks for.

A side is an ISO 3166-1 alpha-2 code ("RU"), or ``ORG:<name>`` for a non-state
body speaking for itself ("ORG:NATO"). The data are two files under
``readouts/data/``: ``gazetteer.json`` (built by ``scripts/build_gazetteer.py``
from pycountry and curated tables, with its sources inside) and
``officials.json`` (hand-curated, a source on every entry).

Names match only as written in the data: news capitalises proper names, so
"us", "turkey" and "china" are not the US, Turkey and China, and "WHO" is the
World Health Organization only in capitals. Lookups are dict gets; ``scan`` is
one compiled regex built as a character trie, so it costs one pass per text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

KINDS = ("country", "demonym", "capital", "seat", "institution", "body")


@dataclass(frozen=True, slots=True)
class Entry:
    """One name of a side as the text wrote it, and what kind of name it is."""

    text: str  # the matched phrase as written
    side: str  # "FR" or "ORG:NATO"
    kind: str  # country | demonym | capital | seat | institution | body
    canonical: str  # "France", "Kremlin (Russia)", "NATO"


@dataclass(frozen=True, slots=True)
class Official:
    """A person who held an office for a side from ``start`` to ``end`` (YYYY-MM-DD, None = open)."""

    name: str
    side: str
    role: str
    start: str | None
    end: str | None
    source: str


# Curly quotes become straight ones; one character for one, so offsets hold.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"'s$")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Sir)\.?\s+")
_DOTTED_CAPS = re.compile(r"\b((?:[A-Z]\.){2,})")  # "U.S." in "U.S. officials"
# A name must not continue a word ("U.S." inside "U.S.A." is not a match).
_LEFT = r"(?<![\w.])"
_RIGHT = r"(?!\w)"
_NEXT_WORD = re.compile(r" ([A-Z][\w\-]*)")
_PREFIX_BEFORE = re.compile(r"(\w+)-$")
_SUFFIX_AFTER = re.compile(r"-(\w+)")
_POSTED_BEFORE = re.compile(r"(\w+) (?:to|at|in) (?:the )?$", re.IGNORECASE)


def _normal(phrase: str) -> str:
    return _SPACE.sub(" ", phrase.translate(_QUOTES)).strip()


def _unaccented(text: str) -> str:
    """ "Sébastien" -> "Sebastien": news copy drops accents as often as it keeps them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_MIDDLE_INITIAL = re.compile(r"(?<=\w) [A-Z]\.(?= )")  # "Antony J. Blinken"


def _name_keys(name: str) -> list[str]:
    """The forms a person's name is looked up by: as written, without accents, without a middle initial."""
    text = _normal(name)
    keys = [text, _unaccented(text)]
    keys += [_MIDDLE_INITIAL.sub("", k) for k in keys]
    return list(dict.fromkeys(keys))


def _undotted(phrase: str) -> str:
    return _DOTTED_CAPS.sub(lambda m: m.group(1).replace(".", ""), phrase)


def _trie_pattern(words: list[str]) -> str:
    """A regex matching exactly ``words``, longest first, with shared prefixes factored out."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the rest is optional, tried first (greedy)
            return f"(?:{body})?"
        return body

    return emit(trie)


class Gazetteer:
    """Names to sides. Build with :func:`gazetteer`, which loads the data once."""

    def __init__(self, data: dict[str, Any], officials: list[dict[str, Any]]) -> None:
        self._entries: dict[str, tuple[str, str, str]] = {
            e["text"]: (e["side"], e["kind"], e["canonical"]) for e in data["entries"]
        }
        self._names: dict[str, str] = dict(data["names"])
        self._not_actors = frozenset(data.get("not_actors", ()))
        self._given_names = frozenset(data.get("also_given_names", ()))
        self._calendar_words = frozenset(data.get("calendar_words", ()))
        self._no_side_prefixes = frozenset(data.get("no_side_prefixes", ()))
        self._no_side_suffixes = frozenset(data.get("no_side_suffixes", ()))
        self._posted_to_heads = frozenset(data.get("posted_to_heads", ()))
        self._generic_heads = frozenset(data["generic_heads"])
        self._generic_words = self._generic_heads | frozenset(data["generic_modifiers"])
        self.source: str = data["_source"]
        # Longer phrases that are no actor still take part in the longest match.
        words = sorted(set(self._entries) | self._not_actors)
        self._pattern = re.compile(_LEFT + "(?:" + _trie_pattern(words) + ")" + _RIGHT)
        self._officials: list[Official] = []
        self._official_names: dict[str, list[int]] = {}
        self._official_aliases: dict[str, list[int]] = {}
        for i, o in enumerate(officials):
            self._officials.append(
                Official(o["name"], o["side"], o["role"], o.get("from"), o.get("to"), o["source"])
            )
            for key in _name_keys(o["name"]):
                self._official_names.setdefault(key, []).append(i)
            for alias in o.get("aliases", ()):
                for key in _name_keys(alias):
                    if i not in self._official_aliases.get(key, ()):
                        self._official_aliases.setdefault(key, []).append(i)

    # -- names --------------------------------------------------------------------------

    def _get(self, text: str) -> Entry | None:
        hit = self._entries.get(text)
        return Entry(text, *hit) if hit else None

    def _candidates(self, phrase: str) -> list[str]:
        text = _normal(phrase)
        out = [text]
        bare = _LEADING_THE.sub("", text)
        if bare != text:
            out.append(bare)
        for t in list(out):
            if _POSSESSIVE.search(t):
                out.append(t[:-2])
            elif t.endswith("s'"):  # "the Palestinians' account"
                out.append(t[:-1])
        for t in list(out):
            u = _undotted(t)
            if u != t:
                out.append(u)
        return out

    def lookup(self, phrase: str) -> Entry | None:
        """The entry the whole phrase names ("the Kremlin", "U.S.", "Russia's"), None if none.

        ``Entry.text`` is the phrase as found in the data after the article, the
        possessive and curly quotes are taken off.
        """
        hit = self._entries.get(phrase)  # the common case: a clean name
        if hit:
            return Entry(phrase, *hit)
        for text in self._candidates(phrase):
            hit = self._get(text)
            if hit:
                return hit
        return None

    def demonym(self, word: str) -> str | None:
        """The side a modifier gives: a demonym ("French" -> "FR", "North Korean" -> "KP"),
        a country name used as one ("U.S." -> "US", "South Sudan" -> "SS") or a body's
        ("U.N. monitors", "EU foreign policy chief": "U.N." -> "ORG:UN")."""
        entry = self.lookup(word)
        if entry and entry.kind in ("demonym", "country", "body"):
            return entry.side
        return None

    def country_name(self, code: str) -> str | None:
        """The name news uses for a side: "KP" -> "North Korea", "ORG:NATO" -> "NATO"."""
        return self._names.get(code)

    def scan(self, text: str) -> list[tuple[int, int, Entry]]:
        """All longest non-overlapping names in ``text``, left to right, as (start, end, entry).

        Phrases that only contain a name ("Washington Post", "Latin American") are
        matched and dropped; so is a name after "pro-" or "anti-", before "-based" or
        "-backed", after a post ("Envoy to the United Nations", "envoy in Moscow"),
        and a country that is also a given name before a capitalised word that is no
        title ("Chad Smith").
        Hyphenated pairs keep both sides ("U.S.-Russian", "Israeli-Palestinian").
        """
        plain = text.translate(_QUOTES)
        found: list[tuple[int, int, Entry]] = []
        for m in self._pattern.finditer(plain):
            key = m.group()
            hit = self._entries.get(key)
            if hit is None:
                continue
            if key in self._given_names and self._before_a_name(plain, m.end()):
                continue
            if not self._speaks_for_its_side(plain, m.start(), m.end()):
                continue
            found.append((m.start(), m.end(), Entry(text[m.start() : m.end()], *hit)))
        return found

    def _speaks_for_its_side(self, text: str, start: int, end: int) -> bool:
        """False where the words around a name make it no side of the speaker:
        "pro-Russian", "a Dakar-based spokesman", "Envoy to the United Nations"."""
        if start and text[start - 1] == "-":
            before = _PREFIX_BEFORE.search(text, max(0, start - 12), start)
            if before and before.group(1).lower() in self._no_side_prefixes:
                return False
        after = _SUFFIX_AFTER.match(text, end)
        if after and after.group(1).lower() in self._no_side_suffixes:
            return False
        posted = _POSTED_BEFORE.search(text, max(0, start - 30), start)
        return not (posted and posted.group(1).lower() in self._posted_to_heads)

    def _before_a_name(self, text: str, end: int) -> bool:
        nxt = _NEXT_WORD.match(text, end)
        if not nxt:
            return False
        word = nxt.group(1)
        return word.lower() not in self._generic_words and word not in self._calendar_words

    def is_generic_institution(self, phrase: str) -> bool:
        """True for a head that takes its side from a modifier: "the foreign ministry",
        "state media", "security services", "officials"; False for a named one
        ("the Kremlin", "the Foreign Office", "State Department") or a modified one."""
        if self.lookup(phrase):
            return False
        text = _POSSESSIVE.sub("", _LEADING_THE.sub("", _normal(phrase))).lower()
        words = text.replace("-", " ").split()
        if not words or not all(w in self._generic_words for w in words):
            return False
        return any(w in self._generic_heads for w in words)

    # -- officials ----------------------------------------------------------------------

    def official(self, name: str, on: str | None = None) -> Official | None:
        """The official a full name or unique alias names ("Lavrov", "Kim Jong Un").

        With ``on`` (YYYY-MM-DD) only terms that cover that day count. A name
        that fits two people is None; for one person with several offices the
        office held on ``on``, or without ``on`` the latest one.
        """
        text = _POSSESSIVE.sub("", _HONORIFIC.sub("", _normal(name)))
        keys = _name_keys(text)
        for index in (self._official_names, self._official_aliases):
            found = next((index[k] for k in keys if k in index), ())
            rows = [self._officials[i] for i in dict.fromkeys(found)]
            if on:
                rows = [o for o in rows if _covers(o, on)]
            if not rows:
                continue
            if len({o.name for o in rows}) > 1:
                return None
            return max(rows, key=lambda o: o.start or "")
        return None

    def officials(self) -> tuple[Official, ...]:
        return tuple(self._officials)


def _covers(o: Official, day: str) -> bool:
    """Whether the term covers ``day``. Terms known only to the month or year
    ("2011-06", "1995") cover all of it; ISO dates compare as strings."""
    start = (o.start or "0000")[: len(day)]
    end = (o.end or "9999")[: len(day)]
    return start <= day[: len(start)] and day[: len(end)] <= end


def gazetteer() -> Gazetteer:
    """The shared gazetteer, built once by ``readouts.lexicons.gazetteer()``; ModelError if a data
    file is missing or corrupt."""
    from readouts.lexicons import gazetteer as load

    return load()
