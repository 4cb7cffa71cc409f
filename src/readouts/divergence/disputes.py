"""Disputes and agreements between the sides of one article.

Each side's statements are the points of its account; points of two sides are
related by ``relate`` (the classifier ``compare`` uses too). Works on the
statements the attribution stage found (each with a side and a stance) and on
the raw text, never on spaCy objects:

- *counters*: a statement that rebuts ("denied", "dismissed ... as baseless",
  "said no such meeting took place") is linked to the claim of another side it
  answers: the claim its content repeats (a "which Lima denied" clause whose
  content is the claim), a claim nested inside it ("dismissed the minister's
  suggestion that ..."), the other side's statement that shares most words
  with it, or, for a bare "denied the accusation", the nearest claim of
  another side before it;
- *contradictions*: two sides' statements about the same matter where one
  negates what the other asserts, uses the opposite word, gives other numbers
  for the same thing, or makes the other side the actor of one event (blame);
  a joint "accused each other" or "both claim the islands";
- *agreements* (``readouts.divergence.agreements``): one statement made jointly by
  several sides ("Both Chile and Peru said ..."), or two sides' statements the
  classifier calls the same.

A disputed point is never also an agreement, and no dispute shows the same
text on both sides. Sides that merely talk about different things share too
few words to align, so an article without disagreement yields no dispute.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from readouts import lexicons
from readouts.divergence import align, relate
from readouts.divergence.agreements import agreements as _agreements
from readouts.divergence.agreements import consistent
from readouts.divergence.said import BLAME_SIM, THRESHOLDS
from readouts.divergence.said import Said as _Said
from readouts.divergence.said import competing_claims as _competing_claims
from readouts.divergence.said import joint_groups as _joint_groups
from readouts.divergence.said import lower_words as _lower_words
from readouts.divergence.said import other_side as _other_side
from readouts.divergence.said import overlap as _overlap
from readouts.divergence.said import reciprocal as _reciprocal
from readouts.divergence.said import record_id as _id
from readouts.divergence.said import related as _related
from readouts.divergence.said import sim as _sim
from readouts.divergence.said import topic as _topic
from readouts.divergence.said import whole as _whole
from readouts.records import Agreement, Contact, Dispute, SidedSpan, Span, Statement
from readouts.sides.gazetteer import gazetteer

COUNTER_KIND = {"deny": "denial", "reject": "rejection"}
CLAIM_STANCES = {"assert", "accuse", "acknowledge", "hope", "describe", "warn", "promise", "criticize",
                 "question", "appeal", "praise"}
ANSWER_SIM = 0.12        # least similarity for a counter to answer a claim by shared words
ANAPHOR_WINDOW = 600     # characters before a bare "denied the accusation" to look for the claim


def _point(st: Statement, keys, numbers, negated) -> align.ClausePoint:
    c = st.content
    return align.ClausePoint(0, c.start, c.end, c.text, frozenset(keys), frozenset(numbers), negated,
                             frozenset(keys), side=st.side, ref=st.id)


def _said(st: Statement, text: str, side_names: set[str]) -> _Said:
    keys, numbers, negated = align.text_keys(st.content.text)
    # the sides' own names ("Chile", "Peruvian") are in every claim about them: they tell no matter apart
    kind = relate.rebuttal_kind(st.cue.text, st.content.text, st.stance)
    return _Said(st, _point(st, keys - side_names, numbers, negated), kind)


def _embedded_claims(counter: _Said, text: str) -> list[tuple[Span, str]]:
    """Claims a denial names with their source: 'rejected allegations by X that A' -> (A, side of X).

    One claim per side the source names ('charges from Chile and EU
    observers that ...' is a Chilean and an EU claim); none when the source
    names no side, or only the denier's own.
    """
    c = counter.st.content
    for pattern in lexicons.divergence()["embedded_claim_patterns"]:
        m = _compiled(pattern).match(c.text)
        if not m:
            continue
        sides = []
        # "claims by X during the summit in Y": where or when it was said names no source
        src = _SRC_END.split(m.group("src"), maxsplit=1)[0]
        for _, _, entry in _scan(src):
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


_SRC_END = re.compile(r"\s+(?:during|while|after|before|at the|on the sidelines)\s+", re.IGNORECASE)


def _trailing_denials(text: str, said: Sequence[_Said]):
    """'X said A, which Lima immediately denied': the clause after a claim that denies it.

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
            part = _with_content(s.st, Span.of(text, c.start, at))
            claim = s if at == c.end else _Said(part, _point(part, s.keys, s.point.numbers, s.point.negated), None)
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
    """Stems of who speaks and how ("Bachelet", "Humala", "told"): they say nothing about the matter."""
    words: set[str] = set()
    for st in statements:
        for piece in (st.speaker.text, st.speaker_name or "", st.cue.text):
            words.update(align.stem(w) for w in re.findall(r"[A-Za-z][\w’'-]*", piece)
                         if w[:1].isupper() or piece is st.cue.text)
    return words


def _scan(text: str):
    return gazetteer().scan(text)


def _iou(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union > 0 else 0.0


def _near(st: Statement, text: str) -> Span:
    """The cue: the words that deny when the content is the claim itself ("has denied")."""
    return Span.of(text, st.cue.start, st.cue.end)


def _counter(st: Statement, text: str) -> Span:
    """What a counter says, without who says it: the cue and the content ("denied the accusation"),
    or the content alone when the speaker stands between them ("..., the ministry said")."""
    if st.cue.start <= st.content.start and not (st.cue.end <= st.speaker.start < st.content.start):
        return Span.of(text, st.cue.start, st.content.end)
    return st.content


def _answered_claim(counter: _Said, said: Sequence[_Said], weights: align.Weights, text: str):
    """The other side's statement a counter answers, with the span that carries the counter and the rule.

    Tried in order: a claim nested in the counter, a claim the counter
    repeats, the claim sharing most words, the claim just before a bare
    "denied the accusation".
    """
    return (_nested_claim(counter, said, text) or _repeated_claim(counter, said, text)
            or _closest_claim(counter, said, weights, text) or _anaphoric_claim(counter, said, text)
            or _contrasted_claim(counter, said, text))


def _nested_claim(counter: _Said, said: Sequence[_Said], text: str):
    """A claim reported inside the counter ("dismissed the minister's suggestion that ...")."""
    c = counter.st
    for o in said:
        if o.st.parent == c.id and _other_side(o.st, c):
            return o, _counter(c, text), "counter:nested-claim"
    return None


def _repeated_claim(counter: _Said, said: Sequence[_Said], text: str):
    """The counter's content is the claim ("X said A, which Y immediately denied")."""
    c = counter.st
    for o in said:
        if o.st is not c and _other_side(o.st, c) and o.counter is None and _overlap(o.st.content, c.content) >= 0.6:
            same = _iou(o.st.content, c.content) >= 0.8
            return o, (_near(c, text) if same else _counter(c, text)), "counter:repeats-claim"
    return None


def _closest_claim(counter: _Said, said: Sequence[_Said], weights: align.Weights, text: str):
    """The other side's claim sharing most weighted words with the counter (the earlier one on a tie)."""
    c = counter.st
    best, best_sim = None, ANSWER_SIM
    for o in said:
        if o.st is c or not _other_side(o.st, c) or o.counter is not None or o.st.stance not in CLAIM_STANCES:
            continue
        s = _sim(counter, o, weights)
        if s > best_sim or (best is not None and s == best_sim and o.st.content.start < c.content.start):
            best, best_sim = o, s
    return (best, _counter(c, text), "counter:shared-words") if best is not None else None


def _anaphoric_claim(counter: _Said, said: Sequence[_Said], text: str):
    """"denied the accusation": the nearest claim of another side before it."""
    c = counter.st
    content = _lower_words(c.content.text)
    bare = len(c.content.text.split()) <= 5 and " that " not in content
    if not bare or not (any(f" {n} " in content for n in lexicons.divergence()["claim_nouns"]) or len(counter.keys) <= 2):
        return None
    before = [o for o in said if _other_side(o.st, c) and o.counter is None and o.st.stance in CLAIM_STANCES
              and 0 <= c.cue.start - o.st.content.end <= ANAPHOR_WINDOW]
    return (before[-1], _counter(c, text), "counter:anaphoric") if before else None


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` begins (after the last full stop or line break before it)."""
    m = None
    for m in _SENTENCE_END.finditer(text, 0, at):
        pass
    return m.end() if m else 0


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+|\n\s*")


def _contrasted_claim(counter: _Said, said: Sequence[_Said], text: str):
    """An explicit denial opening with a contrast ("But", "However") answers the claim just before it.

    "Ruritania accused Freedonia of arming the rebels. But the Freedonian minister denied the
    planes carried any weapons." The two share few words; the contrast and the order tie them.
    The claim is the last statement before the denial's sentence, when it is another side's
    and ends in the sentence just before.
    """
    c = counter.st
    if c.stance not in COUNTER_KIND or c.rule.startswith("divergence:"):
        return None
    start = _sentence_start(text, min(c.speaker.start, c.cue.start))
    opener = re.match(r"\s*(\w+)", text[start:start + 20])
    if not opener or opener.group(1).lower() not in lexicons.divergence().get("contrast_openers", ()):
        return None
    before = [o for o in said if o.st is not c and o.st.content.end <= start]
    if not before:
        return None
    last = max(before, key=lambda o: o.st.content.end)
    prev_start = _sentence_start(text, max(0, start - 1))
    if not _other_side(last.st, c) or last.counter is not None or last.st.stance not in CLAIM_STANCES \
            or last.st.content.end < prev_start:
        return None
    return last, _counter(c, text), "counter:contrast"


def _nearest_claim(counter: _Said, candidates: Sequence[_Said], text: str):
    """The statement of the named side nearest the denial, before or after it ('rejected a report by X. X said ...')."""
    c = counter.st
    near = [o for o in candidates if o.counter is None and o.st.stance in CLAIM_STANCES
            and min(abs(o.st.content.start - c.content.end), abs(c.cue.start - o.st.content.end)) <= ANAPHOR_WINDOW]
    if not near:
        return None
    best = min(near, key=lambda o: min(abs(o.st.content.start - c.content.end), abs(c.cue.start - o.st.content.end)))
    return best, _counter(c, text), "counter:named-source"


class _Disputes:
    """The disputes found so far; one per claim and answer, whichever rule finds it first."""

    def __init__(self) -> None:
        self.items: list[Dispute] = []
        self.paired: set[frozenset[str]] = set()

    def between(self, a: str | None, b: str | None, rule: str | None = None) -> bool:
        """Whether a dispute of these two sides (made by ``rule``, when given) is already found."""
        return any({d.claim.side, d.counter.side} == {a, b} and rule in (None, d.rule) for d in self.items)

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
    """A claim or denial the text carries but no statement does ('..., which Lima denied')."""
    st = Statement(id=st_id, speaker=speaker or content, cue=cue or content, content=content, direct=False,
                   stance=stance, rule=f"divergence:{rule}", side=side)
    return _Said(st, _point(st, (), (), False), kind)


def find_divergence(text: str, statements: Sequence[Statement], contacts: Sequence[Contact] = (),
                    counters: Sequence[Statement] = ()) -> tuple[list[Dispute], list[Agreement]]:
    """Disputes (denials, rejections, contradictions) and agreements between the sides of one article.

    Each statement is a point of its side's account; points of two sides are
    related by ``relate`` (the same classifier ``compare`` uses). ``counters``
    are bare denials read from the parse ("Freedonia has denied this", see
    ``bare``): answers to a claim, not statements of their own.
    """
    names = noise_words(text, statements)
    side_words = {side: {align.stem(w) for w in align.side_name_words([side], [text], _scan)}
                  for side in {s.side for s in statements if s.side}}
    everything = [*statements, *counters]
    said = [_said(st, text, names) for st in sorted(everything, key=lambda s: (s.content.start, s.content.end))]
    said = [s for s in said if s.keys or s.counter]
    weights = align.Weights([s.point for s in said])
    found = _Disputes()
    _contact_disputes(text, said, contacts, found)
    _counter_disputes(text, said, weights, found)
    _contradictions(text, said, weights, side_words, found)
    return consistent(found.items, _agreements(text, said, weights, found.items))


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
        if embedded:
            _embedded_disputes(s, embedded, said, weights, text, found)
            continue
        hit = _answered_claim(s, said, weights, text)
        if not hit:
            continue
        claim, span, rule = hit
        # a bare "dismissed the report" points back to what the two sides already dispute
        if rule == "counter:anaphoric" and found.between(claim.st.side, s.st.side):
            continue
        found.add(s.counter, claim, span, s, rule, (s.st.cue.text,), 0.8 if rule != "counter:anaphoric" else 0.6)


def _contact_disputes(text: str, said: Sequence[_Said], contacts: Sequence[Contact], found: _Disputes) -> None:
    """A contact one side asserts and the other denies ("Riyadh dismissed reports of a meeting").

    The claim is the statement that reports the contact (else the contact's own
    evidence, for the side that does not deny it); the counter is the denier's
    statement inside the denial (its cue and content), else the denial from its verb on.
    """
    for contact in contacts:
        if not contact.disputed_by or not contact.evidence:
            continue
        asserted = contact.evidence[0]
        for denier in contact.disputed_by:
            counter = _contact_denial(text, said, contact, denier)
            claim = _contact_claim(said, contact, asserted, denier)
            if counter is None or claim is None:
                continue
            said_counter, span = counter
            found.add(said_counter.counter or "denial", claim, span, said_counter, "counter:disputed-contact",
                      (said_counter.st.cue.text,), 0.75)


def _contact_claim(said: Sequence[_Said], contact: Contact, asserted: Span, denier: str) -> _Said | None:
    for o in said:
        if o.counter is None and o.st.side and o.st.side != denier and _overlap(o.st.content, asserted) >= 0.6:
            return o
    side = next((s for s in contact.sides if s != denier), None)
    if side is None:
        return None
    return _ghost(f"{contact.id}:claim", asserted, side, "assert", "contact-claim", None)


def _contact_denial(text: str, said: Sequence[_Said], contact: Contact, denier: str) -> tuple[_Said, Span] | None:
    for ev in contact.dispute_evidence:
        for o in said:
            if o.counter and o.st.side == denier and ev.start <= o.st.cue.start < ev.end:
                return o, _counter(o.st, text)
    for ev in contact.dispute_evidence:
        verbs = relate.rebuttal_verbs()
        m = next((m for m in re.finditer(r"[A-Za-z]+", ev.text) if m.group().lower() in verbs), None)
        if m is None:
            continue
        span = Span.of(text, ev.start + m.start(), ev.start + len(ev.text.rstrip(" .;")))
        kind = verbs[m.group().lower()]
        cue = Span.of(text, span.start, span.start + len(m.group()))
        ghost = _ghost(_id("contact-denial", contact.id, denier, span), span, denier,
                       "deny" if kind == "denial" else "reject", "contact-denial", kind, cue=cue)
        return ghost, span
    return None


def _embedded_disputes(s: _Said, embedded: list[tuple[Span, str]], said: Sequence[_Said], weights: align.Weights,
                       text: str, found: _Disputes) -> None:
    """A counter that names the claim's source ("rejected allegations by X that A")."""
    if embedded[0][0] == s.st.content:
        # "rejected a report by X": the claims are X's own statements when the article reports them
        sides = {side for _, side in embedded}
        hit = _answered_claim(s, [o for o in said if o.st.side in sides or o is s], weights, text) \
            or _nearest_claim(s, [o for o in said if o.st.side in sides], text)
        if hit:
            claim, span, rule = hit
            found.add(s.counter, claim, span, s, rule, (s.st.cue.text,), 0.7)
            return
    for claim_span, side in embedded:
        claim = _ghost(f"{s.st.id}:claim:{side}", claim_span, side, "assert", "embedded-claim", None)
        found.add(s.counter, claim, _near(s.st, text), s, "counter:embedded-claim", (s.st.cue.text,), 0.75)


def _contradictions(text: str, said: Sequence[_Said], weights: align.Weights, side_words: dict[str, set[str]],
                    found: _Disputes) -> None:
    """Two sides' statements about one matter that cannot both be true, and mutual accusations."""
    for i, a in enumerate(said):
        for b in said[i + 1:]:
            if not _other_side(a.st, b.st) or _related(a.st, b.st) or a.counter or b.counter:
                continue
            if a.st.content == b.st.content:
                continue
            s = _sim(a, b, weights)
            if s < BLAME_SIM and not _set_against(a.st, b.st, text):
                continue
            rel = relate.classify(a.point, b.point, s, THRESHOLDS)
            if rel.kind == relate.CONFLICT:
                found.add("contradiction", a, b.st.content, b, rel.rule.replace("conflict:", "contradiction:"),
                          rel.words, 0.6)
                continue
            blame = _BLAME_STANCES >= {a.st.stance, b.st.stance} and relate.blame_words(a.point, b.point, side_words)
            # that two sides blame each other is one dispute, however many times the article tells it
            if blame and not found.between(a.st.side, b.st.side, "contradiction:blame-each-other"):
                found.add("contradiction", a, b.st.content, b, "contradiction:blame-each-other", blame, 0.55)
    for group in _joint_groups(said):
        # "both sides accused the other ...", "both claim the islands": one text, two opposed accounts
        if _reciprocal(group[0].st) or _competing_claims(group[0].st):
            first, second = group[0], group[1]
            if _reciprocal(first.st) and found.between(first.st.side, second.st.side):
                continue  # the sides' own accounts already tell the mutual accusation
            # one sentence tells both accounts: the claim is what is disputed, the counter the whole
            # report of it ("X and Y accused each other of ..."), never the same text twice
            rule = "mutual-accusation" if _reciprocal(first.st) else "competing-claims"
            found.add("contradiction", first, _whole(second.st, text), second, "contradiction:" + rule, (), 0.6)


_BLAME_STANCES = {"accuse", "assert", "criticize"}
_WHILE = re.compile(r"\s*[,;]?\s*(?:while|whereas)\s+$", re.IGNORECASE)


def _set_against(a: Statement, b: Statement, text: str) -> bool:
    """One sentence sets two sides' accounts against each other: "Chile said A, while Peru said B".

    Such accounts are about one matter even when they share few words; what they
    dispute still needs its own evidence (each making the other side the actor).
    """
    first, second = (a, b) if a.content.start <= b.content.start else (b, a)
    gap = text[first.content.end:second.speaker.start]
    return len(gap) <= 12 and bool(_WHILE.fullmatch(gap))


