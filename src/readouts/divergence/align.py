"""Points of an account and their lexical alignment across documents.

A *point* is a sentence, or a clause of a long coordinated sentence ("A, and
B"; "A; B; C"; ", which ..."), with the content words it is about. Two points
align when they share weighted content words: Snowball stems (so
"Olympics"/"Olympic", "fired"/"firing", "Syria"/"Syrian" meet), weighted by inverse document
frequency over the points being compared, so the names every sentence repeats
("Obama", "Putin") count little and the rare ones ("Sochi", "Lavrov") a lot.

Words that only frame a contact ("held a phone call today with X")
carry no weight: a point left with nothing else is the event itself, which
every account reports, and is not a point of its own. Who started the call
("at the Chilean side's initiative", "at Lima's request") is cut out
as a point of its own, so that it can be compared side against side.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from readouts.divergence.acts import find_acts
from readouts.divergence.contact_report import ContactReport, same_contact
from readouts.lexicons import divergence as lexicon

# Dependency labels that start a clause worth its own point when the clause is long enough.
_CLAUSE_DEPS = {"conj", "relcl", "advcl", "ccomp", "xcomp"}
_MIN_CLAUSE_TOKENS = 5
_MIN_POINT_WEIGHT = 1.2  # below this a point only frames the event ("X spoke with Y today")
ACT_BONUS = 0.25  # two points of one speech-act class ("discussed X" / "exchanged views on X") are likelier one


@functools.lru_cache(maxsize=1)
def _initiator_res() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in lexicon()["initiator_patterns"])


@functools.lru_cache(maxsize=1)
def _antonyms() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in lexicon()["antonym_pairs"]:
        out.setdefault(stem(a), set()).add(stem(b))
        out.setdefault(stem(b), set()).add(stem(a))
    return out


@functools.lru_cache(maxsize=1)
def _snowball():
    """The Snowball (Porter 2) English stemmer: 'fired'/'firing'/'fires' -> 'fire', 'violations' -> 'violat'."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=8192)
def _raw_stem(word: str) -> str:
    w = re.sub(r"[^0-9a-z]", "", word.lower())
    if not w or w.isdigit():
        return w
    w = _snowball().stemWord(w)
    # a demonym meets its country: 'syrian' -> 'syria', 'korean' -> 'korea' (the stemmer keeps '-ian')
    if len(w) > 5 and w.endswith(("ian", "ean")):
        w = w[:-1]
    return w


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Stem -> the stem of its group's first word, so 'truce' and 'ceasefire' count as one word."""
    out: dict[str, str] = {}
    for group in lexicon().get("synonym_groups", ()):
        head = _raw_stem(group[0])
        for w in group:
            if not w.startswith("="):
                out.setdefault(_raw_stem(w), head)
    return out


@functools.lru_cache(maxsize=1)
def _word_synonyms() -> dict[str, str]:
    """Whole word -> its group's stem, for words whose stem would collide ('initiative'/'initiated')."""
    out: dict[str, str] = {}
    for group in lexicon().get("synonym_groups", ()):
        for w in group:
            out.setdefault(w.lower().lstrip("="), _raw_stem(group[0]))
    return out


def stem(word: str) -> str:
    """A stem so inflections, demonyms and near-synonyms meet: 'Syrian'->'syria', 'truce'->'ceasefir'."""
    whole = word.lower()
    if whole in _word_synonyms():
        return _word_synonyms()[whole]
    w = _raw_stem(word)
    return _synonyms().get(w, w)


@dataclass(frozen=True, slots=True)
class ClausePoint:
    """One point of one document: its span, content stems and what it asserts."""

    doc: int
    start: int
    end: int
    text: str
    keys: frozenset[str]
    numbers: frozenset[str]
    negated: bool
    sentence_keys: frozenset[str]
    initiator: str | None = None  # the words naming who started the contact, for initiator points
    initiator_side: str | None = None
    side: str | None = None  # whose account the point is part of (a statement's side, a document's side)
    ref: str | None = None   # the statement the point comes from, when it comes from one
    contact: ContactReport | None = None  # for the sentence reporting the contact itself
    acts: frozenset[str] = frozenset()  # speech-act classes: discuss, agree, stress ... (``acts``)

    @property
    def is_initiator(self) -> bool:
        return self.initiator is not None

    @property
    def is_contact(self) -> bool:
        return self.contact is not None

    @property
    def is_special(self) -> bool:
        """A point compared by what it reports (who initiated, the contact itself), not by its words."""
        return self.initiator is not None or self.contact is not None


_CODE_NAME = re.compile(r"[A-Za-z]{1,5}[-‐]?\d{1,3}")


def _content_keys(tokens, frame: set[str]) -> tuple[set[str], set[str], bool, frozenset[str]]:
    """Content stems, numbers, negation and speech-act classes of a run of tokens.

    The words of a speech act ("exchanged views on", "agreed to") stay content
    words and also give the point's act classes (``acts``); dropping them
    instead left short points weighing too little, so that they matched too
    easily. A set phrase that stands for a content word ("stay in touch")
    gives that word ("contact") in place of its own.
    """
    keys: set[str] = set()
    numbers: set[str] = set()
    negated = False
    negators = set(lexicon()["negators"])
    found = find_acts(tokens)
    keys.update(stem(w) for w in found.topic_words)
    for t in tokens:
        low = t.lower_
        if low in negators or t.dep_ == "neg":
            negated = True
            continue
        if t.i in found.replaced or t.is_punct or t.is_space or not any(c.isalnum() for c in t.text):
            continue
        if t.like_num or re.fullmatch(r"\d[\d:.,]*", t.text):
            counted = t.head.lemma_ if t.dep_ in ("nummod", "quantmod") and t.head is not t else ""
            numbers.add(count_key(t.text, counted))
            if stem(low) not in frame:
                keys.add(stem(t.text))
            continue
        if stem(t.lemma_) in frame or stem(low) in frame:
            continue
        if t.is_stop or t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X"):
            continue
        if _CODE_NAME.fullmatch(t.text):  # "G-20" and "G20", "COVID-19" and "Covid19" are one name
            keys.add(re.sub(r"[-‐]", "", t.lower_))
            continue
        for part in re.split(r"[-‐]", t.text if t.pos_ == "PROPN" else t.lemma_.lower()):
            if part and len(re.sub(r"\W", "", part)) > 1 and stem(part) not in frame:
                keys.add(stem(part))
    return keys, numbers, negated, found.classes


_TOPIC_PREPS = {"about", "on", "over", "regarding", "concerning"}


def _is_long_object_conj(t) -> bool:
    """'discussed [the border dispute] and [trade between them]': two topics, two points."""
    if t.dep_ != "conj" or t.pos_ not in ("NOUN", "PROPN"):
        return False
    head = t.head
    topic = (head.dep_ == "pobj" and head.head.lower_ in _TOPIC_PREPS and head.head.head.pos_ in ("VERB", "AUX")) or \
        (head.dep_ == "dobj" and head.head.lemma_ in lexicon()["topic_verbs"])
    own = t.right_edge.i - t.left_edge.i + 1
    first = t.left_edge.i - head.left_edge.i
    return topic and own >= 3 and first >= 3


def _is_trailing_aside(t, sent) -> bool:
    """'..., including on the coming games in Lima': a comma-set aside ending the sentence."""
    if t.dep_ not in ("prep", "advcl", "npadvmod") or t.left_edge.i <= sent.start:
        return False
    if t.doc[t.left_edge.i - 1].text != ",":
        return False
    if t.right_edge.i - t.left_edge.i + 1 < _MIN_CLAUSE_TOKENS:
        return False
    return all(x.is_punct or x.is_space for x in t.doc[t.right_edge.i + 1:sent.end])


def _is_leading_event(t, sent) -> bool:
    """'Following the minister's announcement that she will resign, the president thanked her': a
    fronted phrase that tells an event of its own (its noun holds a clause), set off by a comma."""
    if t.dep_ != "prep" or t.left_edge.i != sent.start or t.head.dep_ != "ROOT":
        return False
    after = t.doc[t.right_edge.i + 1] if t.right_edge.i + 1 < sent.end else None
    if after is None or after.text != "," or t.right_edge.i - t.left_edge.i + 1 < _MIN_CLAUSE_TOKENS:
        return False
    return any(c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX")
               for o in t.children if o.dep_ in ("pobj", "pcomp") for c in o.subtree)


def _chained_speech_act(t) -> bool:
    """A reported speech act the parser hung on the clause before: "she noted the plan, which he
    backed, and pointed out that ..." -- "pointed out that ..." is the speaker's next point."""
    if t.dep_ != "conj" or not any(c.dep_ == "ccomp" for c in t.children):
        return False
    return bool(find_acts([t] + [c for c in t.children if c.dep_ == "prt"]).classes)


def _split_points(sent) -> list[tuple[int, int]]:
    """Token index ranges (doc-level, end exclusive) of the clauses of one sentence."""
    cuts = {sent.start}
    for t in sent:
        if t.text == ";" and t.i + 1 < sent.end:
            cuts.add(t.i + 1)
            continue
        if _is_long_object_conj(t) and t.left_edge.i > sent.start:
            cuts.add(t.left_edge.i)
            continue
        if _is_trailing_aside(t, sent):
            cuts.add(t.left_edge.i)
            continue
        if _is_leading_event(t, sent):
            cuts.add(t.right_edge.i + 1)
            continue
        if t.dep_ not in _CLAUSE_DEPS or t.pos_ not in ("VERB", "AUX"):
            continue
        left = t.left_edge.i
        size = t.right_edge.i - left + 1
        if size < _MIN_CLAUSE_TOKENS or left <= sent.start:
            continue
        if any(anc.dep_ in ("relcl", "acl") for anc in t.ancestors) and not _chained_speech_act(t):
            continue  # a clause inside a relative clause belongs to it
        # a clause set inside its sentence ("the council, which took office ..., is raising")
        # would leave its head clause in two pieces: only a trailing one is cut off
        if t.dep_ != "conj" and not all(x.is_punct or x.is_space for x in t.doc[t.right_edge.i + 1:sent.end]):
            continue
        prev = t.doc[left - 1]
        # a coordinated or comma-set-off clause is a point of its own; a bare
        # complement ("said that ...") or restrictive clause stays with its head.
        if t.dep_ == "conj" or prev.text in (",", ";") or (prev.dep_ == "cc" and t.dep_ == "conj"):
            cuts.add(left if prev.dep_ != "cc" else left - 1)
    bounds = sorted(cuts) + [sent.end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _trim(doc, a: int, b: int) -> tuple[int, int] | None:
    """Drop leading conjunctions/punctuation and trailing punctuation from a token range."""
    while a < b and (doc[a].is_punct or doc[a].dep_ == "cc" or doc[a].is_space):
        a += 1
    while b > a and ((doc[b - 1].is_punct and doc[b - 1].text not in (")", "”", '"'))
                     or doc[b - 1].is_space or doc[b - 1].dep_ == "cc"):
        b -= 1
    return (a, b) if b > a else None


def _initiator_points(index: int, text: str, sent_start: int, sent_end: int,
                      side_of) -> list[tuple[int, int, str, str | None]]:
    out = []
    for rx in _initiator_res():
        for m in rx.finditer(text, sent_start, sent_end):
            who = m.group("who").strip()
            out.append((m.start(), m.end(), who, side_of(who)))
    out.sort()
    kept: list[tuple[int, int, str, str | None]] = []
    for item in out:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def document_points(index: int, doc, frame_words: set[str], side_of,
                    reported: Sequence[tuple[int, int]] = ()) -> list[ClausePoint]:
    """The points of one parsed document, in text order (frame-only clauses dropped).

    ``reported`` holds the character ranges of the words that report the
    contact itself (``contact_report``): like an initiator phrase, they are a
    point of their own and no part of the clauses around them.
    """
    text = doc.text
    frame = {stem(w) for w in lexicon()["contact_frame_words"]} | {stem(w) for w in frame_words}
    points: list[ClausePoint] = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        s_keys = _content_keys(sent, frame)[0]
        inits = _initiator_points(index, text, sent.start_char, sent.end_char, side_of)
        for a, b, who, side in inits:
            points.append(ClausePoint(index, a, b, text[a:b], frozenset({"initiat"}), frozenset(), False,
                                      frozenset(s_keys), initiator=who, initiator_side=side))
        cut = [(s, e) for s, e, _, _ in inits]
        cut += [r for r in reported if sent.start_char <= r[0] < sent.end_char]
        for a, b in _split_points(sent):
            point = _clause_point(index, doc, a, b, cut, frame, s_keys)
            if point is not None:
                points.append(point)
    points.sort(key=lambda p: (p.start, p.end))
    return points


def _clause_point(index: int, doc, a: int, b: int, cut: list[tuple[int, int]], frame: set[str],
                  s_keys: set[str]) -> ClausePoint | None:
    """The point of tokens ``a:b`` without the phrases in ``cut``; None when no content word is left."""
    text = doc.text
    rng = _trim(doc, a, b)
    if not rng:
        return None
    toks = [t for t in doc[rng[0]:rng[1]] if not any(s <= t.idx < e for s, e in cut)]
    keys, numbers, negated, acts = _content_keys(toks, frame)
    if not keys:
        return None
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1])
    for s, e in cut:  # a phrase cut out at the edge of a clause is not part of it
        if s <= start < e:
            start = e
        if s < end <= e:
            end = s
    span_text = text[start:end]
    start += len(span_text) - len(span_text.lstrip(" ,;"))
    end -= len(text[start:end]) - len(text[start:end].rstrip(" ,;"))
    if end <= start:
        return None
    return ClausePoint(index, start, end, text[start:end], frozenset(keys), frozenset(numbers), negated,
                       frozenset(s_keys), acts=acts)


class Weights:
    """Inverse document frequency of content stems over the points being compared."""

    def __init__(self, points: Sequence[ClausePoint]) -> None:
        df: dict[str, int] = {}
        for p in points:
            for k in p.keys:
                df[k] = df.get(k, 0) + 1
        self.n = max(1, len(points))
        self.df = df
        self._mass: dict[frozenset[str], float] = {}  # a point's keys are weighed once, not per pair

    def __call__(self, key: str) -> float:
        return math.log((self.n + 1) / (self.df.get(key, 0) + 0.5))

    def mass(self, keys) -> float:
        if not isinstance(keys, frozenset):
            return sum(self(k) for k in keys)
        found = self._mass.get(keys)
        if found is None:
            found = self._mass[keys] = sum(self(k) for k in keys)
        return found


def similarity(a: ClausePoint, b: ClausePoint, weights: Weights) -> float:
    """Cosine of the two points' weighted stem sets (0..1)."""
    if a.is_initiator or b.is_initiator:
        return 1.0 if a.is_initiator and b.is_initiator else 0.0
    if a.is_contact or b.is_contact:
        return 1.0 if a.contact and b.contact and same_contact(a.contact, b.contact) else 0.0
    common = a.keys & b.keys
    if not common:
        return 0.0
    denom = math.sqrt(weights.mass(a.keys) * weights.mass(b.keys))
    cosine = weights.mass(common) / denom if denom else 0.0
    return min(1.0, cosine * (1 + ACT_BONUS)) if a.acts & b.acts else cosine


def antonyms_between(a_keys, b_keys) -> tuple[str, str] | None:
    """A pair of opposite words, one from each side ('violation'/'compliance'), or None."""
    table = _antonyms()
    for k in sorted(a_keys):
        for opp in table.get(k, ()):
            if opp in b_keys:
                return k, opp
    return None


_LEAD_IN = re.compile(r"\b(?:as follows|the following)\W*$", re.IGNORECASE)


def is_frame_only(point: ClausePoint, weights: Weights) -> bool:
    """A point that tells nothing of its own: only the contact's frame, a list number ("2."),
    or a lead-in announcing what follows ("Their positions were, in short, the following:")."""
    if point.is_special:
        return False
    if len([w for w in re.findall(r"[A-Za-z]{3,}", point.text)]) < 2 or _LEAD_IN.search(point.text):
        return True
    return weights.mass(point.keys) < _MIN_POINT_WEIGHT


def topic_of(point: ClausePoint, limit: int = 9) -> str:
    """A short topic line: the point's own words, cut at a word boundary."""
    if point.is_initiator:
        return "who initiated the contact"
    if point.contact is not None:
        return f"the contact itself ({point.contact.mode})"
    words = point.text.split()
    line = " ".join(words[:limit])
    return line + (" ..." if len(words) > limit else "")


def side_name_words(sides: Sequence[str | None], texts: Sequence[str], scan=None) -> set[str]:
    """Words that name the compared sides themselves ("Russia", "United States", "Kremlin").

    In a bilateral readout every sentence is about the two sides, so their
    names say nothing about which point is which.
    """
    wanted = {s for s in sides if s}
    words: set[str] = set()
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a core dependency
        pycountry = None
    for code in wanted:
        words.add(code.lower())
        country = pycountry.countries.get(alpha_2=code) if pycountry and len(code) == 2 else None
        for attr in ("name", "common_name", "official_name"):
            words.update(w.lower() for w in str(getattr(country, attr, "") or "").split())
    for text in texts if scan else ():
        for _, _, entry in scan(text):
            if getattr(entry, "side", None) in wanted:
                words.update(w.lower() for w in str(entry.text).split())
    return {w for w in words if w not in ("of", "the", "and", "federation", "republic")}


@functools.lru_cache(maxsize=1)
def _number_words() -> dict[str, str]:
    """'two' -> '2': "two jets" and "2 jets" are one number; "one" against "two" is a clash of numbers."""
    return {w: str(n) for n, w in enumerate(lexicon()["number_words"])}


def _counted(written: list[str], words: list[str], i: int) -> str:
    """What the number at ``i`` counts, without a parse: the next word that is neither a stop word nor a name.

    "two of its patrol boats" and "one Freedonian patrol boat" both count 'patrol'.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    for j in range(i + 1, min(i + 5, len(words))):
        if words[j] in STOP_WORDS or written[j][:1].isupper():
            continue
        return words[j]
    return ""


def count_key(number: str, counted: str = "") -> str:
    """A number with the stem of what it counts: 'two jets' -> '2 jet'; a bare '2014' -> '2014 '."""
    return f"{number_value(number)} {stem(counted) if counted else ''}"


def number_value(word: str) -> str:
    """A number as digits: '2' and 'two' -> '2', '1,500' -> '1500' (other words as written, lower-case)."""
    low = word.lower()
    return _number_words().get(low) or re.sub(r"[^0-9]", "", low) or low


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*")


def text_keys(text: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """Content stems, numbers and negation of a plain string (no parse needed).

    Used for statement contents, which are short: spaCy's stop list and the
    stem's prefix cut do the work a lemmatizer would.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    negators = set(lexicon()["negators"])
    keys: set[str] = set()
    numbers: set[str] = set()
    negated = False
    written = [m.group() for m in _WORD.finditer(text)]
    words = [w.lower().replace("’", "'") for w in written]
    for i, w in enumerate(words):
        if w in negators or w.endswith("n't"):
            negated = True
            continue
        if w.isdigit() or w in _number_words():
            numbers.add(count_key(w, _counted(written, words, i)))
        if w in STOP_WORDS or len(w) < 2:
            continue
        if "-" in w and w in _word_synonyms():  # "cease-fire" is one word, not "cease" and "fire"
            keys.add(stem(w))
            continue
        for part in w.split("-"):
            if part and part not in STOP_WORDS:
                keys.add(stem(part))
    return frozenset(keys), frozenset(numbers), negated
