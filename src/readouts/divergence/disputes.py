"""Disputes and agreements between the sides of one article.

Works on the statements the attribution stage found (each with a side and a
stance) and on the raw text, never on spaCy objects:

- *counters*: a statement that denies or rejects ("denied", "dismissed ... as
  ridiculous", "called the reports lies", "knew of no such
  plan") is linked to the claim of another side it answers: the claim its
  content repeats (a "which France immediately denied" clause whose content is
  the claim), a claim nested inside it ("dismissed Shoigu's suggestion that
  ..."), the other side's statement that shares most words with it, or, for a
  bare "denied the accusation", the nearest claim of another side before it;
- *contradictions*: two sides' statements about the same matter (sharing
  weighted content words) where one negates what the other asserts, uses the
  opposite word (violation/compliance) or gives other numbers;
- *agreements*: one statement made jointly by several sides ("Both Chile and
  Peru said ..."), or two sides' statements that say the same thing.

Sides that merely talk about different things share too few words to align,
so an article without disagreement yields no dispute.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from readouts import lexicons
from readouts.divergence import align
from readouts.records import Agreement, Contact, Dispute, SidedSpan, Span, Statement
from readouts.sides.gazetteer import gazetteer

COUNTER_KIND = {"deny": "denial", "reject": "rejection"}
CLAIM_STANCES = {"assert", "accuse", "acknowledge", "hope", "describe", "warn", "promise", "criticize",
                 "question", "appeal", "praise"}
AGREE_STANCES = {"assert", "acknowledge", "hope", "describe", "promise", "praise", "appeal"}
ANSWER_SIM = 0.12        # least similarity for a counter to answer a claim by shared words
CONTRADICT_SIM = 0.30    # least similarity for two sides' statements to be about one matter
BLAME_SIM = 0.15         # ... when each names the other side as the actor (a strong sign of one matter)
AGREE_SIM = 0.45         # least similarity for two sides' separate statements to say the same thing
ANAPHOR_WINDOW = 600     # characters before a bare "denied the accusation" to look for the claim


@dataclass(frozen=True, slots=True)
class _Said:
    """A statement with the words it is about."""

    st: Statement
    keys: frozenset[str]
    numbers: frozenset[str]
    negated: bool
    counter: str | None  # denial | rejection when the statement answers another side


def _lower_words(text: str) -> str:
    return " " + re.sub(r"\s+", " ", text.lower().replace("’", "'")) + " "


def _counter_kind(st: Statement, text: str) -> str | None:
    """denial | rejection when the statement denies or rejects, from its stance, cue or words."""
    if st.stance in COUNTER_KIND:
        return COUNTER_KIND[st.stance]
    lex = lexicons.divergence()
    cue = st.cue.text.lower()
    for word, kind in lex["counter_cues"].items():
        if re.search(rf"\b{re.escape(word)}\b", cue):
            return kind
    content = _lower_words(st.content.text)
    if any(f" {w} " in content for w in lex["lie_words"]):  # "accuses Seoul of lying", "called the reports lies"
        return "rejection"
    if any(_lower_words(p).strip() in content for p in lex["no_information_patterns"]):
        return "denial"
    return None


def _said(st: Statement, text: str, side_names: set[str]) -> _Said:
    keys, numbers, negated = align.text_keys(st.content.text)
    # the sides' own names ("France", "Russian") are in every claim about them: they tell no matter apart
    return _Said(st, keys - side_names, numbers, negated, _counter_kind(st, text))


def _embedded_claims(counter: _Said, text: str) -> list[tuple[Span, str]]:
    """Claims a denial names with their source: 'rejected allegations by X that A' -> (A, side of X).

    One claim per side the source names ('claims by Chile and NATO
    monitors that ...' is a Chilean and a NATO claim); none when the source
    names no side, or only the denier's own.
    """
    c = counter.st.content
    for pattern in lexicons.divergence()["embedded_claim_patterns"]:
        m = _compiled(pattern).match(c.text)
        if not m:
            continue
        sides = []
        for _, _, entry in _scan(m.group("src")):
            side = getattr(entry, "side", None)
            if side and side != counter.st.side and side not in sides:
                sides.append(side)
        if not sides:
            return []
        if m.group("clause"):
            span = Span.of(text, c.start + m.start("clause"), c.start + m.end("clause"))
        else:
            span = c
        return [(span, side) for side in sides]
    return []


def _trailing_denials(text: str, said: Sequence[_Said]):
    """'X said A, which France immediately denied': the clause after a claim that denies it.

    The parser hangs such a clause on the last noun of A; what is denied is A.
    """
    rx = _trailing_rx()
    seen: set[int] = set()
    for s in said:
        if s.counter:
            continue
        c = s.st.content
        # the clause may sit right after the content, or inside it when the content ran on past a comma
        for comma in [c.end] + [m.start() for m in re.finditer(",", text[c.start:c.end])]:
            at = comma if comma == c.end else c.start + comma
            if at in seen or at - c.start < 12:
                continue
            m = rx.match(text, at, min(len(text), at + 160))
            if not m:
                continue
            seen.add(at)
            found = [e for _, _, e in _scan(m.group("who")) if e.side]
            side = found[0].side if found else None
            start = at + (len(m.group()) - len(m.group().lstrip(" ,")))
            kind = "rejection" if m.group("cue").startswith(("reject", "dismiss")) else "denial"
            claim = s if at == c.end else _Said(_with_content(s.st, Span.of(text, c.start, at)), s.keys,
                                                s.numbers, s.negated, None)
            yield claim, Span.of(text, start, m.end()), side, kind
            break


def _with_content(st: Statement, content: Span) -> Statement:
    return Statement(**{f: getattr(st, f) for f in st.__slots__ if f != "content"}, content=content)


def _trailing_rx() -> re.Pattern:
    return _compiled(lexicons.divergence()["trailing_denial_pattern"])


_RX_CACHE: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _RX_CACHE:
        _RX_CACHE[pattern] = re.compile(pattern, re.IGNORECASE)
    return _RX_CACHE[pattern]


def noise_words(text: str, statements: Sequence[Statement]) -> set[str]:
    """Stems that tell no matter apart in this article: the sides' names, the speakers, the cue verbs."""
    names = {align.stem(w) for w in align.side_name_words([s.side for s in statements], [text], _scan)}
    return names | _speaker_and_cue_words(statements)


def _speaker_and_cue_words(statements: Sequence[Statement]) -> set[str]:
    """Stems of who speaks and how ("Shoigu", "Lecornu", "told"): they say nothing about the matter."""
    words: set[str] = set()
    for st in statements:
        for piece in (st.speaker.text, st.speaker_name or "", st.cue.text):
            words.update(align.stem(w) for w in re.findall(r"[A-Za-z][\w’'-]*", piece)
                         if w[:1].isupper() or piece is st.cue.text)
    return words


def _scan(text: str):
    return gazetteer().scan(text)


def _overlap(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    short = min(a.end - a.start, b.end - b.start)
    return inter / short if short > 0 else 0.0


def _iou(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union > 0 else 0.0


def _whole(st: Statement, text: str) -> Span:
    """The statement from its first to its last character (speaker, cue and content)."""
    parts = [p for p in (st.speaker, st.cue, st.content) if p is not None and p.end > p.start]
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    if end - start > 400:  # a far speaker ("he" two sentences up): keep cue and content
        parts = [st.cue, st.content]
        start, end = min(p.start for p in parts), max(p.end for p in parts)
    return Span.of(text, start, end)


def _near(st: Statement, text: str) -> Span:
    """Speaker and cue: the words that deny when the content is the claim itself."""
    start, end = min(st.speaker.start, st.cue.start), max(st.speaker.end, st.cue.end)
    if end - start > 200 or end <= start:
        start, end = st.cue.start, st.cue.end
    return Span.of(text, start, end)


def _other_side(a: Statement, b: Statement) -> bool:
    return bool(a.side and b.side and a.side != b.side)


def _topic(claim: str, prefix: str = "whether ") -> str:
    words = claim.replace("\n", " ").split()
    line = " ".join(words[:10]) + (" ..." if len(words) > 10 else "")
    return prefix + line


def _id(prefix: str, *parts: Span | str | None | tuple) -> str:
    """A record id from everything that makes the record distinct: its kind, its sides, the
    statements it links and its spans (one claim disputed by two sides gives two ids; so do two
    statements of one span agreeing with a third). Analysis-level ids are checked unique."""
    def key(part) -> str:
        if isinstance(part, Span):
            return f"{part.start}:{part.end}"
        if isinstance(part, tuple):
            return ",".join(key(p) for p in part)
        return "" if part is None else str(part)

    return f"{prefix}-{hashlib.sha1('|'.join(key(p) for p in parts).encode()).hexdigest()[:8]}"


def _answered_claim(counter: _Said, said: Sequence[_Said], weights: align.Weights, text: str):
    """The other side's statement a counter answers, with the span that carries the counter and the rule."""
    c = counter.st
    # 1. a claim reported inside the counter ("dismissed Shoigu's suggestion that ...")
    for o in said:
        if o.st.parent == c.id and _other_side(o.st, c):
            return o, _whole(c, text), "counter:nested-claim"
    # 2. the counter's content is the claim ("X said A, which France immediately denied")
    for o in said:
        if o.st is not c and _other_side(o.st, c) and o.counter is None and _overlap(o.st.content, c.content) >= 0.6:
            same = _iou(o.st.content, c.content) >= 0.8
            return o, (_near(c, text) if same else _whole(c, text)), "counter:repeats-claim"
    # 3. the other side's statement sharing most weighted words
    best, best_sim = None, ANSWER_SIM
    for o in said:
        if o.st is c or not _other_side(o.st, c) or o.counter is not None or o.st.stance not in CLAIM_STANCES:
            continue
        s = _sim(counter, o, weights)
        if s > best_sim or (best is not None and s == best_sim and o.st.content.start < c.content.start):
            best, best_sim = o, s
    if best is not None:
        return best, _whole(c, text), "counter:shared-words"
    # 4. "denied the accusation": the nearest claim of another side before it
    content = _lower_words(c.content.text)
    bare = len(c.content.text.split()) <= 5 and " that " not in content
    if bare and (any(f" {n} " in content for n in lexicons.divergence()["claim_nouns"]) or len(counter.keys) <= 2):
        before = [o for o in said if _other_side(o.st, c) and o.counter is None and o.st.stance in CLAIM_STANCES
                  and 0 <= c.cue.start - o.st.content.end <= ANAPHOR_WINDOW]
        if before:
            return before[-1], _whole(c, text), "counter:anaphoric"
    return None


def _nearest_claim(counter: _Said, candidates: Sequence[_Said], text: str):
    """The statement of the named side nearest the denial, before or after it ('rejected a report by X. X said ...')."""
    c = counter.st
    near = [o for o in candidates if o.counter is None and o.st.stance in CLAIM_STANCES
            and min(abs(o.st.content.start - c.content.end), abs(c.cue.start - o.st.content.end)) <= ANAPHOR_WINDOW]
    if not near:
        return None
    best = min(near, key=lambda o: min(abs(o.st.content.start - c.content.end), abs(c.cue.start - o.st.content.end)))
    return best, _whole(c, text), "counter:named-source"


def _sim(a: _Said, b: _Said, weights: align.Weights) -> float:
    common = a.keys & b.keys
    if not common:
        return 0.0
    denom = (weights.mass(a.keys) * weights.mass(b.keys)) ** 0.5
    return weights.mass(common) / denom if denom else 0.0


def _clash(a: _Said, b: _Said) -> tuple[str, ...]:
    """The words that make two statements about one matter incompatible; () when none do."""
    opp = align.antonyms_between(a.keys, b.keys)
    if opp:
        return (_word(a.st.content.text, opp[0]), _word(b.st.content.text, opp[1]))
    if a.negated != b.negated:
        neg = a if a.negated else b
        words = [w for w in re.findall(r"[\w’']+", neg.st.content.text)
                 if w.lower() in lexicons.divergence()["negators"] or w.lower().endswith(("n't", "n’t"))]
        return tuple(words[:2]) or ("not",)
    if a.numbers and b.numbers and not (a.numbers & b.numbers):
        return (",".join(sorted(a.numbers)), ",".join(sorted(b.numbers)))
    return ()


def _opposite_words(a: _Said, b: _Said) -> tuple[str, ...]:
    """Opposite words across two statements ('defensive' / 'provocative'), or ()."""
    opp = align.antonyms_between(a.keys, b.keys)
    return (_word(a.st.content.text, opp[0]), _word(b.st.content.text, opp[1])) if opp else ()


def _word(text: str, key: str) -> str:
    for w in re.findall(r"[\w’'-]+", text):
        if align.stem(w) == key:
            return w
    return key


def _related(a: Statement, b: Statement) -> bool:
    return a.parent == b.id or b.parent == a.id


class _Disputes:
    """The disputes found so far; one per claim and answer, whichever rule finds it first."""

    def __init__(self) -> None:
        self.items: list[Dispute] = []
        self.paired: set[frozenset[str]] = set()

    def add(self, kind: str, claim: _Said, counter_span: Span, counter: _Said, rule: str,
            words: tuple[str, ...] = (), conf: float = 0.7) -> None:
        key = frozenset((claim.st.id, counter.st.id))
        if key in self.paired:
            return
        sides = {claim.st.side, counter.st.side}
        for d in self.items:
            # one claim answered twice, or one answer to two claims of the same side: one dispute
            if {d.claim.side, d.counter.side} == sides and \
                    {claim.st.id, counter.st.id} & {d.claim.statement_id, d.counter.statement_id}:
                return
            # the same two spans told twice (a quote and its paraphrase)
            if _overlap(d.claim.span, claim.st.content) >= 0.8 and _overlap(d.counter.span, counter_span) >= 0.8 \
                    and (d.claim.side, d.counter.side) == (claim.st.side, counter.st.side):
                return
        self.paired.add(key)
        self.items.append(Dispute(
            id=_id("dispute", kind, claim.st.side, counter.st.side, claim.st.id, counter.st.id, claim.st.content,
                   counter_span),
            topic=_topic(claim.st.content.text),
            kind=kind,
            claim=SidedSpan(claim.st.side, claim.st.content, _record_id(claim.st)),
            counter=SidedSpan(counter.st.side, counter_span, _record_id(counter.st)),
            rule=rule, conflict_words=tuple(words), confidence=conf))


def _record_id(st: Statement) -> str | None:
    """The id of a statement of the attribution stage; None for a claim or denial read here from the text."""
    return None if st.rule.startswith("divergence:") else st.id


def _ghost(st_id: str, content: Span, side: str, stance: str, rule: str, kind: str | None,
           speaker: Span | None = None, cue: Span | None = None) -> _Said:
    """A claim or denial the text carries but no statement does ('..., which France denied')."""
    return _Said(Statement(id=st_id, speaker=speaker or content, cue=cue or content, content=content, direct=False,
                           stance=stance, rule=f"divergence:{rule}", side=side),
                 frozenset(), frozenset(), False, kind)


def find_divergence(text: str, statements: Sequence[Statement],
                    contacts: Sequence[Contact] = ()) -> tuple[list[Dispute], list[Agreement]]:
    """Disputes (denials, rejections, contradictions) and agreements between the sides of one article.

    ``contacts`` is accepted for the stage's signature; the rules here read
    statements and text only.
    """
    names = noise_words(text, statements)
    side_words = {side: {align.stem(w) for w in align.side_name_words([side], [text], _scan)}
                  for side in {s.side for s in statements if s.side}}
    said = [_said(st, text, names) for st in sorted(statements, key=lambda s: (s.content.start, s.content.end))]
    said = [s for s in said if s.keys or s.counter]
    weights = align.Weights(_as_points(said))
    found = _Disputes()
    _counter_disputes(text, said, weights, found)
    _contradictions(said, weights, side_words, found)
    return found.items, _agreements(text, said, weights, found.items)


def _counter_disputes(text: str, said: Sequence[_Said], weights: align.Weights, found: _Disputes) -> None:
    """Denials and rejections, each linked to the claim of another side it answers."""
    for claim, span, side, kind in _trailing_denials(text, said):
        if side and claim.st.side and side != claim.st.side:
            denial = _ghost(_id("denial", side, span), span, side, "deny", "trailing-denial", kind)
            found.add(kind, claim, span, denial, "counter:trailing-clause", (span.text.split()[-1],), 0.75)

    nested_counter = {s.st.parent for s in said if s.counter and s.st.parent}
    counters = [s for s in said if s.counter and s.st.side and s.st.id not in nested_counter]
    counters.sort(key=lambda s: (s.st.stance not in COUNTER_KIND, s.st.content.start))  # explicit denials first
    for s in counters:
        embedded = [] if any(o.st.parent == s.st.id for o in said) else _embedded_claims(s, text)
        if embedded and embedded[0][0] == s.st.content:
            # "rejected a report by X": the claims are X's own statements when the article reports them
            sides = {side for _, side in embedded}
            hit = _answered_claim(s, [o for o in said if o.st.side in sides or o is s], weights, text) \
                or _nearest_claim(s, [o for o in said if o.st.side in sides], text)
            if hit:
                claim, span, rule = hit
                found.add(s.counter, claim, span, s, rule, (s.st.cue.text,), 0.7)
                continue
        for claim_span, side in embedded:
            claim = _ghost(f"{s.st.id}:claim:{side}", claim_span, side, "assert", "embedded-claim", None)
            found.add(s.counter, claim, _near(s.st, text), s, "counter:embedded-claim", (s.st.cue.text,), 0.75)
        if embedded:
            continue
        hit = _answered_claim(s, said, weights, text)
        if hit:
            claim, span, rule = hit
            found.add(s.counter, claim, span, s, rule, (s.st.cue.text,), 0.8 if rule != "counter:anaphoric" else 0.6)


def _contradictions(said: Sequence[_Said], weights: align.Weights, side_words: dict[str, set[str]],
                    found: _Disputes) -> None:
    """Two sides' statements about one matter that cannot both be true, and mutual accusations."""
    for i, a in enumerate(said):
        for b in said[i + 1:]:
            if not _other_side(a.st, b.st) or _related(a.st, b.st) or a.counter or b.counter:
                continue
            if a.st.content == b.st.content:
                continue
            s = _sim(a, b, weights)
            if s < BLAME_SIM:
                continue
            words = _clash(a, b) if s >= CONTRADICT_SIM else _opposite_words(a, b)
            if words:
                found.add("contradiction", a, b.st.content, b, "contradiction:" + _clash_rule(a, b), words, 0.6)
            elif _blame_each_other(a, b, side_words):
                found.add("contradiction", a, b.st.content, b, "contradiction:blame-each-other",
                          (side_words_in(a, side_words, b.st.side), side_words_in(b, side_words, a.st.side)), 0.55)
    for group in _joint_groups(said):
        if _reciprocal(group[0].st):  # "both sides accused the other ...": one text, two opposed accounts
            first, second = group[0], group[1]
            found.add("contradiction", first, second.st.content, second, "contradiction:mutual-accusation", (), 0.6)


def _joint_groups(said: Sequence[_Said]) -> list[list[_Said]]:
    """Statements of two or more sides sharing one content span ("Both Chile and Peru said ...")."""
    by_content: dict[tuple[int, int], list[_Said]] = {}
    for s in said:
        if s.st.side and not s.counter:
            by_content.setdefault((s.st.content.start, s.st.content.end), []).append(s)
    return [g for g in by_content.values() if len({s.st.side for s in g}) >= 2]


def _reciprocal(st: Statement) -> bool:
    around = _lower_words(st.speaker.text + " " + st.cue.text + " " + st.content.text)
    markers = lexicons.divergence()["reciprocal_markers"]
    found = [m for m in markers if re.search(rf"\b{re.escape(m)}\b", around)]
    # "the other" alone is reciprocal only in an accusation ("accused the other's soldiers")
    return any(m != "the other" for m in found) or (st.stance == "accuse" and bool(found))


def _blame_each_other(a: _Said, b: _Said, side_words: dict[str, set[str]]) -> bool:
    """Each side tells the same kind of event with the other side as its actor.

    "A accused B's troops of shelling ..." against "B said A's troops
    shelled the village ...": who did it is what they dispute.
    """
    if a.st.stance not in ("accuse", "assert", "criticize") or b.st.stance not in ("accuse", "assert", "criticize"):
        return False
    if a.negated or b.negated:
        return False
    return bool(side_words_in(a, side_words, b.st.side) and side_words_in(b, side_words, a.st.side)
                and not side_words_in(a, side_words, a.st.side) and not side_words_in(b, side_words, b.st.side))


def side_words_in(said: _Said, side_words: dict[str, set[str]], side: str | None) -> str:
    """The first word of the statement's content that names ``side`` ('' when none does)."""
    names = side_words.get(side or "", set())
    for w in re.findall(r"[A-Za-z][\w’'-]*", said.st.content.text):
        if w[:1].isupper() and align.stem(w) in names:
            return w
    return ""


def _clash_rule(a: _Said, b: _Said) -> str:
    if align.antonyms_between(a.keys, b.keys):
        return "opposite-words"
    return "polarity" if a.negated != b.negated else "numbers"


def _as_points(said: Sequence[_Said]) -> list[align.ClausePoint]:
    return [align.ClausePoint(0, s.st.content.start, s.st.content.end, s.st.content.text, s.keys,
                              s.numbers, s.negated, s.keys) for s in said]


def _agreements(text: str, said: Sequence[_Said], weights: align.Weights,
                disputes: Sequence[Dispute]) -> list[Agreement]:
    out: list[Agreement] = []
    done: set[tuple[int, int]] = set()
    # one statement, several sides: "Both Chile and Peru said ..."
    for group in _joint_groups(said):
        first = group[0].st
        if _reciprocal(first):
            continue
        done.add((first.content.start, first.content.end))
        sides = tuple(dict.fromkeys(s.st.side for s in group))
        evidence = _whole(first, text)
        out.append(Agreement(_id("agreement", "joint", sides, tuple(s.st.id for s in group), evidence),
                             _topic(first.content.text, ""), sides,
                             (evidence,), "agreement:joint-statement", tuple(s.st.id for s in group), 0.8))
    # two sides' own statements saying the same thing
    disputed = {(d.claim.statement_id, d.counter.statement_id) for d in disputes}
    for i, a in enumerate(said):
        for b in said[i + 1:]:
            if not _other_side(a.st, b.st) or a.counter or b.counter or _related(a.st, b.st):
                continue
            if a.st.stance not in AGREE_STANCES or b.st.stance not in AGREE_STANCES:
                continue
            if (a.st.id, b.st.id) in disputed or (b.st.id, a.st.id) in disputed or a.st.content == b.st.content:
                continue
            if (a.st.content.start, a.st.content.end) in done and (b.st.content.start, b.st.content.end) in done:
                continue
            if _sim(a, b, weights) < AGREE_SIM or _clash(a, b):
                continue
            out.append(Agreement(_id("agreement", "same", a.st.side, b.st.side, a.st.id, b.st.id, a.st.content,
                                     b.st.content),
                                 _topic(a.st.content.text, ""),
                                 (a.st.side, b.st.side), (a.st.content, b.st.content), "agreement:same-words",
                                 (a.st.id, b.st.id), 0.6))
    return out
