"""Finding attributions: speaker mention, cue, content, direct or reported, stance.

A pure step over a parsed Doc. Each rule reads the dependency parse around a
cue from the cue lexicon (``data/cues.json``):

- ``reported``: ``X said (that) C`` / ``X told Y (that) C``: C is the clausal complement;
- ``object``: ``X rejected/denied/described O (as P)``: C is the object phrase;
- ``appeal``: ``X called on/urged Y to V``: C runs from Y to the end of the phrase;
- ``quote``: ``"Q," X said`` / ``X said: "Q"`` / ``"Q," X was quoted as saying``: C is the quotation,
  across sentences when the quotation spans them;
- ``according_to``: ``According to X, C``;
- ``noun``: ``X's suggestion that C``;
- ``participle``: ``..., saying/adding/calling on C``, attached to the speaker it continues;
- ``quote_continuation``: a paragraph that is only a quotation continues the speaker of the
  quotation just before it.

Speaker mentions are token ranges here; ``speakers.py`` resolves them to actors and sides.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from readouts.attribution.cues import is_cue_verb, lemma
from readouts.attribution.frames import frame_content, noun_prep_content, not_speech, quoted_person
from readouts.attribution.quotes import Quote, ends_sentence, find_quotes, inside_quote, quote_at, trim
from readouts.attribution.transcripts import colon_block, transcript_turns
from readouts.faults import confined
from readouts.lexicons import Cues as Lexicon
from readouts.lexicons import cues as lexicon
from readouts.parse.nlp import text_of

SUBJ = {"nsubj", "nsubjpass", "csubj"}
PARTICIPLE_DEPS = {"advcl", "conj", "xcomp", "acl"}


@dataclass(frozen=True, slots=True)
class Found:
    """A statement before its speaker is resolved. Token indices are into the Doc.

    ``speaker`` is the token range ``(start, end)`` of the speaker mention and
    ``speaker_head`` its head token; ``parent`` is the index (in the found list) of the
    statement whose content holds this one's cue.
    """

    speaker: tuple[int, int] | None
    speaker_head: int | None
    cue: tuple[int, int]  # characters
    content: tuple[int, int]  # characters
    direct: bool
    stance: str
    rule: str
    parent: int | None = None
    confidence: float = 0.8


# ---------------------------------------------------------------- helpers

def _span_chars(doc, i: int, j: int) -> tuple[int, int]:
    """Characters of tokens ``i..j-1``."""
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _subtree_range(tok, skip=()) -> tuple[int, int]:
    """Token range of ``tok``'s subtree, leaving out the subtrees of ``skip`` children at the edges."""
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    for child in sorted(skip, key=lambda t: t.i):
        if child.left_edge.i == lo:
            lo = child.right_edge.i + 1
        elif child.right_edge.i + 1 == hi:
            hi = child.left_edge.i
    return lo, max(lo, hi)


def _holder_verb(verb, lex: Lexicon):
    """The verb whose speaker a participle or conjoined cue continues: the sender of a
    communication event it hangs on ('delivered the message, saying'), else the nearest
    cue verb above it that has a subject ('Lecornu said that ..., calling on ...')."""
    holder = verb.head
    if lemma(holder) in lex.communication_events:
        return holder
    node = holder
    while True:
        if node is not verb and is_cue_verb(node, lex) and _subject(node) is not None:
            return node
        if node.head == node:
            return holder
        node = node.head


def _subject(tok):
    """The subject token of verb ``tok``, following conjunction and participles upward
    ('Chile protested ..., recalling its envoy and accusing Peru of ...')."""
    for child in tok.children:
        if child.dep_ in SUBJ:
            return child
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head)
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head)
    return None


def _speaker_range(doc, subj) -> tuple[int, int]:
    """The speaker mention: the subject's phrase without relative clauses and conjuncts."""
    skip = [c for c in subj.children if c.dep_ in ("relcl", "conj", "cc", "acl", "case") or
            (c.dep_ == "punct" and c.i > subj.i and not any(a.dep_ == "appos" for a in subj.children))]
    lo, hi = subj.left_edge.i, subj.right_edge.i + 1
    for c in skip:
        if c.i > subj.i:
            hi = min(hi, c.left_edge.i)
    while hi > lo + 1 and doc[hi - 1].is_punct:
        hi -= 1
    while lo < hi - 1 and doc[lo].is_punct:
        lo += 1
    return lo, hi


def _conjuncts(subj) -> list:
    """``Russia and France`` -> [Russia, France] (each speaks for its own side)."""
    out = [subj]
    stack = [subj]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(c)
                stack.append(c)
    return out


def _cue_chars(doc, verb, extra=()) -> tuple[int, int]:
    """The cue: the verb with its auxiliaries, negation and particles ('has acknowledged', 'called on')."""
    toks = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and
                     abs(c.i - verb.i) <= 3] + list(extra)
    return doc[min(t.i for t in toks)].idx, max(t.idx + len(t.text) for t in toks)


# ---------------------------------------------------------------- content rules

def _clause_content(doc, clause, lex: Lexicon, after=None) -> tuple[int, int] | None:
    """Characters of a complement clause, without 'that', and cut before a trailing
    ``, saying/adding/calling ...`` participle or ``, but stressed ...`` conjunct cue
    that continues the outer speaker."""
    skip = [c for c in clause.children if c.dep_ == "mark" and c.i == clause.left_edge.i]
    lo, hi = _subtree_range(clause, skip)
    if after is not None and lo <= after.i < clause.i:
        lo = after.i + 1  # "which Lima said was proposed by Quito": the relativizer is not content
    # "said last month (that) ...": a leading date says when it was said, not what
    while lo < clause.i and (doc[lo].ent_type_ == "DATE" or doc[lo].dep_ in ("mark", "punct")):
        lo += 1
    for t in doc[lo:hi]:
        if t.i <= clause.i:
            continue
        if t.head == clause and _continues_outer(t, lex):
            hi = min(hi, _left_of_clause(doc, t, lo))
            break
        if t.dep_ == "advcl" and is_cue_verb(t, lex) and _contrasted_speaker(t):
            hi = min(hi, _left_of_clause(doc, t, lo))  # "A said X, while B said Y": Y is B's, not A's
            break
        if t.dep_ == "relcl" and is_cue_verb(t, lex) and t.i > lo and _relative_comment(doc, t):
            hi = min(hi, _left_of_clause(doc, t, lo))  # "..., which France immediately denied"
            break
        if t.text == "," and t.i + 2 < hi and doc[t.i + 1].lower_ in ("a", "an", "the") and \
                (doc[t.i + 2].lemma_.lower() in lex.nouns or doc[t.i + 2].lower_ in lex.nouns):
            hi = t.i  # "..., a charge officials in Lima deny": a comment on the claim, not part of it
            break
    if hi <= lo:
        return None
    return trim(text_of(doc), *_span_chars(doc, lo, hi))


def _misattached_clause(verb):
    """'said at a news briefing that A': the parser hangs the that-clause on 'briefing' as a
    relative clause, but a relative clause has no 'that' as its marker; it is the cue's complement."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for t in prep.subtree:
            if t.dep_ in ("relcl", "acl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children) \
                    and any(c.dep_ in SUBJ for c in t.children):
                return t
    return None


def _contrasted_speaker(verb) -> bool:
    """A cue with its own subject led by 'while' / 'whereas': another speaker's account set against
    the first ("Chile said the ship sank, while Peru said it was towed")."""
    return any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children) and \
        any(c.dep_ in SUBJ for c in verb.children)


def _left_of_clause(doc, tok, lo: int) -> int:
    """The token index where the clause of ``tok`` begins, before its comma or 'but'."""
    left = tok.left_edge.i
    while left > lo and (doc[left - 1].is_punct or doc[left - 1].dep_ == "cc"):
        left -= 1
    return left


def _relative_comment(doc, verb) -> bool:
    """A non-restrictive relative clause led by 'which' that a speaker utters about the
    whole claim: ', which France immediately denied'."""
    rel = verb.left_edge
    return rel.lower_ == "which" and rel.i > 0 and doc[rel.i - 1].text == ","


def _continues_outer(tok, lex: Lexicon) -> bool:
    """A cue inside a complement that belongs to the outer speaker: a participle
    ('..., calling on Moscow to ...') not hanging on a communication event, or a
    conjoined cue verb with no subject of its own ('..., but suggested ...')."""
    if not is_cue_verb(tok, lex) or lemma(tok) in lex.cognition:
        return False
    if any(c.dep_ in SUBJ for c in tok.children):
        return False
    if tok.tag_ == "VBG" and tok.dep_ in PARTICIPLE_DEPS:
        return lemma(tok.head) not in lex.communication_events
    return tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ", "VBP")


def _object_content(doc, verb) -> tuple[int, int] | None:
    """``rejected the proposal``, ``described the launches as routine``, ``called on Moscow to stop``."""
    parts = _object_parts(verb)
    if not parts:
        return None
    first = min(parts, key=lambda t: t.left_edge.i)
    start = first.left_edge.i
    if first.dep_ == "prep" and first.lower_ in ("on", "for"):
        start = first.i + 1
    end = _before_own_statement(doc, start, max(p.right_edge.i for p in parts) + 1)
    if end <= start:
        return None
    return trim(text_of(doc), *_span_chars(doc, start, end))


def _object_parts(verb) -> list:
    """The dependents of an object cue that make its content: objects, as/on/for/of
    phrases, an infinitive of purpose and the object's trailing phrases; [] when the cue
    has no content of its own ("called President X" is a call; "denied the claim" points back)."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp") and c.i > verb.i]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("as", "on", "for", "of")]
    asks = any(p.lower_ in ("on", "for") for p in preps)
    if _no_object_content(verb, objs, preps, asks):
        return []
    parts = objs + preps
    if asks or lemma(verb) in lexicon().infinitive_verbs:
        parts += _purpose_infinitives(verb)  # "called on Peru to free the fishermen"
    if objs:
        # the object's own trailing phrases: "claim the islands as a whole"
        first = min(o.i for o in objs)
        parts += [c for c in verb.children if c.dep_ in ("prep", "advmod", "dative") and c.i > first
                  and c not in parts and c.lower_ not in TIME_PREPS]
    return parts


TIME_PREPS = ("after", "before", "during", "since", "on", "at")


def _no_object_content(verb, objs, preps, asks: bool) -> bool:
    if not (objs or preps) or (not objs and not asks):
        return True
    if lemma(verb) == "call" and not asks and not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in objs):
        return True  # "called President Abbas" is a phone call, not a statement
    dobj = next((c for c in objs if c.dep_ == "dobj"), None)
    # "denied the claim": the claim is stated elsewhere
    return dobj is not None and len(objs) + len(preps) == 1 and _anaphoric(dobj)


def _purpose_infinitives(verb) -> list:
    return [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and
            any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _before_own_statement(doc, start: int, end: int) -> int:
    """Cut before a subject relative clause with a cue: it is its antecedent's own statement
    ("the reaction of the mayor, who has called for ..."), not part of this content."""
    for t in doc[start:end]:
        if t.dep_ == "relcl" and is_cue_verb(t, lexicon()) and t.left_edge.i > start and \
                any(c.dep_ in SUBJ and c.lower_ in ("who", "which", "that") for c in t.children):
            return min(end, _left_of_clause(doc, t, start))
    return end


def _anaphoric(obj) -> bool:
    """A bare object pointing back at a claim made elsewhere: 'the claim', 'the report', 'it'."""
    words = [t for t in obj.subtree if not t.is_punct]
    if obj.pos_ == "PRON":
        return True
    lex = lexicon()
    head = obj.lemma_.lower()
    return len(words) <= 3 and (head in lex.nouns or head in lex.report_nouns or head in lex.anaphoric_nouns) \
        and not any(c.dep_ in ("acl", "relcl", "prep") for c in obj.children)


def _infinitive_content(doc, verb) -> tuple[int, int] | None:
    """'vowed to use force', 'agreed to resume talks', 'urged India to respect the accord'."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and
                  any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
    if xcomp is None:
        return None
    dobj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
    start = (dobj or xcomp).left_edge.i
    return trim(text_of(doc), *_span_chars(doc, start, xcomp.right_edge.i + 1))


def _adjacent_quote(doc, verb, quotes: list[Quote], sent) -> Quote | None:
    """A quotation that the cue introduces or closes: in the cue's sentence, or ending
    right before it ('"...," the source told') or starting right after it ('said: "...'."""
    text = text_of(doc)
    best = None
    for q in quotes:
        if q.words(text) < 2:
            continue
        before = text[q.end:verb.idx]
        after = text[verb.idx + len(verb.text):q.start]
        closes_before = q.end <= verb.idx and len(before) < 120 and q.end >= sent.start_char - 1 \
            and _only_speaker_between(before)
        opens_after = q.start >= verb.idx and len(after) < 120 and q.start <= sent.end_char + 1 \
            and _only_speaker_between(after)
        if not (closes_before or opens_after):
            continue
        # a quotation closing right before the cue is its primary content ('"A," he said, "B."')
        gap = len(before) if closes_before else 1000 + len(after)
        if best is None or gap < best[0]:
            best = (gap, q)
    return best[1] if best else None


def _second_half(doc, verb, subj, quotes: list[Quote], first: Quote) -> Quote | None:
    """The rest of a quotation split by its cue: '"A," he said, "B."' (only punctuation between)."""
    if first.end > verb.idx:
        return None
    last = doc[max(verb.i, subj.right_edge.i)]
    end = last.idx + len(last.text)
    for q in quotes:
        gap = text_of(doc)[end:q.start]
        if q.start > end and "\n" not in gap and not gap.strip(" ,.:;\"“”") and q.words(text_of(doc)) >= 2:
            return q
    return None


def _only_speaker_between(gap: str) -> bool:
    """Between a quotation and its cue there is punctuation and the speaker phrase, not
    another clause: no full stop that ends a sentence and no other quotation."""
    stripped = gap.strip(" ,:;\"“”'’\n")
    if "\n" in gap.strip():
        return False
    return not ends_sentence(stripped) and not any(mark in stripped for mark in ('"', "“", "”"))


# ---------------------------------------------------------------- finder

@dataclass(slots=True)
class _Scan:
    """What the rules share while one Doc is scanned."""

    doc: object
    lex: Lexicon
    text: str
    quotes: list
    used_quotes: set
    official: bool = False  # an official text: its readout verbs ('agreed to') attribute too


def find_statements(doc, official: bool | None = None) -> list[Found]:
    """Every attribution in ``doc``, in text order, nested ones with their ``parent``.
    ``official`` marks a government's own text (a statement, a readout, a transcript);
    by default the Doc's side resolver says so (it has an issuer)."""
    if official is None:
        from readouts.sides.resolver import resolver_for

        official = bool(resolver_for(doc).issuer)
    lex = lexicon()
    text = text_of(doc)
    scan = _Scan(doc, lex, text, find_quotes(text), set(), official)
    found = [Found(t.speaker, t.head, t.cue, t.content, True, "assert", "transcript")
             for t in transcript_turns(doc, text)]
    for sent in doc.sents:
        with confined("statements", doc, sent):  # a fault in a rule costs the rest of this sentence only
            for tok in sent:
                if inside_quote(scan.quotes, tok.idx):
                    continue
                if is_cue_verb(tok, lex):
                    found.extend(_verb_statements(scan, tok, sent))
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    st = _according_to(doc, tok, sent, scan.quotes)
                    if st:
                        found.append(st)
                elif tok.pos_ == "NOUN" and lemma(tok) in lex.nouns:
                    st = _noun_statement(doc, tok, lex)
                    if st:
                        found.append(st)
    found.extend(_continuations(doc, scan.quotes, scan.used_quotes, found))
    found = _dedupe(found)
    return _nest(found)


# ---------------------------------------------------------------- verb cues

def _verb_statements(scan: _Scan, verb, sent) -> list[Found]:
    """Statements of one cue verb: its speaker, then its content (clause, infinitive,
    object or adjacent quotation), one per conjoined speaker and per half of a split quote."""
    doc, lex = scan.doc, scan.lex
    word = lemma(verb)
    if _answers_a_claim(verb) or not_speech(verb):
        return []
    who = _verb_speaker(scan, verb, word)
    if who is None:
        return []
    subj, rule, extra_cue = who
    content, rule, more_cue = _verb_content(scan, verb, word, rule)
    if content is None:  # "congratulated X on Y", "views X as Y", "X and Y agreed to V" (frames.py)
        content, rule, more_cue = frame_content(doc, verb, subj, scan.official) or (content, rule, more_cue)
    content, direct, quote, rule = _with_quote(scan, verb, sent, content, rule)
    blocks = []
    if content is None:
        # "A spokesperson said:" ending its paragraph: the paragraphs (or numbered points) below
        blocks = colon_block(scan.text, verb.idx + len(verb.text))
        content, rule = (blocks[0], "colon_block") if blocks else (None, rule)
        q = quote_at(scan.quotes, *blocks[0], share=0.9) if len(blocks) == 1 else None
        if q is not None:  # the paragraph below is one quotation
            scan.used_quotes.add(q)
            content, direct, rule, blocks = trim(scan.text, q.start, q.end), True, "quote", []
    if content is None or content[1] - content[0] < 3:
        return []
    if word in lex.cognition and verb.dep_ not in ("ROOT",):
        return []
    contents = blocks or [content]
    if direct and quote is not None:
        rest = _second_half(doc, verb, subj, scan.quotes, quote)
        if rest is not None:
            scan.used_quotes.add(rest)
            contents.append(trim(scan.text, rest.start, rest.end))
    cue = _cue_chars(doc, verb, extra_cue + more_cue)
    stance = lex.verbs[word]
    out = []
    for s in _conjuncts(subj):
        rng = _speaker_range(doc, s)
        out.extend(Found(rng, s.i, cue, c, direct, stance, rule) for c in contents)
    inner = quoted_person(verb)  # "X quoted Y as saying C": Y says C too
    if inner is not None:
        out.extend(Found(_speaker_range(doc, inner[0]), inner[0].i, _cue_chars(doc, inner[1]), c, direct, stance,
                         "quoted_person") for c in contents)
    return out


def _answers_a_claim(verb) -> bool:
    """ "..., which France denied": a relative clause that answers a claim (divergence reads it)."""
    return verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in verb.children) \
        and not any(c.dep_ == "ccomp" for c in verb.children)


def _verb_speaker(scan: _Scan, verb, word):
    """(subject token, rule, extra cue tokens) of a cue verb, or None when it has no speaker."""
    lex = scan.lex
    subj = _subject(verb)
    extra_cue: list = []
    rule = "reported"
    # participles and subjectless conjuncts continue another speaker:
    # "..., saying ...", "..., adding that ...", "acknowledged that A, but suggested B"
    continues = verb.tag_ == "VBG" and verb.dep_ in PARTICIPLE_DEPS or (
        verb.dep_ == "conj" and not is_cue_verb(verb.head, lex))
    if continues and not any(c.dep_ in SUBJ for c in verb.children):
        subj = _subject(_holder_verb(verb, lex))
        rule = "participle" if verb.tag_ == "VBG" else "coordinated"
    # "X was quoted as saying": the cue is the passive, the speaker its subject
    if word == "say" and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and lemma(verb.head.head) == "quote":
        return None
    if word == "quote" and any(c.dep_ == "nsubjpass" for c in verb.children):
        says = [t for t in verb.subtree if lemma(t) == "say" and t.i > verb.i]
        extra_cue = [t for t in verb.children if t.dep_ in ("auxpass", "prep")] + says
        subj = next(c for c in verb.children if c.dep_ == "nsubjpass")
        rule = "quoted_as_saying"
    subj = _checked_speaker(scan, verb, subj, rule)
    return None if subj is None else (subj, rule, extra_cue)


def _checked_speaker(scan: _Scan, verb, subj, rule: str):
    """The speaker token, or None for a subject that cannot speak here."""
    lex = scan.lex
    if subj is None:
        return None
    if verb.tag_ == "VBZ" and subj.tag_ in ("NNS", "NNPS") and not any(c.dep_ in SUBJ for c in verb.children):
        return None  # "officials say ... and acknowledges ...": a singular verb is not the plural subject's
    if subj.dep_ == "nsubjpass" and rule != "quoted_as_saying":
        return None  # "he was told that ...": the speaker is not the subject
    if subj.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
        subj = verb.head
    # "the ministry's statement said": the statement's owner speaks
    if lemma(subj) in lex.report_nouns:
        owner = next((c for c in subj.children if c.dep_ == "poss"), None) or next(
            (g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
             for g in c.children if g.dep_ == "pobj"), None)
        if owner is not None:
            subj = owner
    if inside_quote(scan.quotes, subj.idx):
        return None  # "As we have said, ..." inside a quotation is the quoted speaker's, not a new attribution
    if subj.pos_ == "NOUN" and lemma(subj) in lex.non_speakers:
        return None
    if any(t.text in lex.newsroom for t in subj.subtree):
        return None  # "VOA's correspondent reports": the outlet's own narration
    return subj


def _verb_content(scan: _Scan, verb, word, rule: str):
    """(content chars or None, rule, extra cue tokens): the complement clause, else the
    infinitive, else the object of the cue."""
    if rule == "quoted_as_saying":
        return None, rule, []
    content = _complement(scan, verb, word)
    if content is not None:
        return content[0], content[1] if content[1] else rule, []
    lex = scan.lex
    if word in lex.infinitive_verbs or (scan.official and word in lex.decision_verbs):
        found = _infinitive_content(scan.doc, verb)
        if found:
            return found, "infinitive", []
    if word in lex.object_verbs:
        found = _object_content(scan.doc, verb)
        if found:
            extra = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "for")][:1] \
                if word == "call" else []
            return found, "appeal" if lex.verbs[word] == "appeal" else "object", extra
    return None, rule, []


def _complement(scan: _Scan, verb, word):
    """The complement clause after the cue, or a fronted one when nothing follows and it
    is not a subordinate clause ("As talks go on, the ministry says it ..."); with the
    rule "reported_fronted" for a fronted one."""
    lex = scan.lex
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clause = next((c for c in clauses if c.i > verb.i), None) or next(
        (c for c in clauses if not any(m.dep_ == "mark" and m.lower_ != "that" for m in c.children)), None) \
        or _misattached_clause(verb)
    if clause is None or (word in lex.object_verbs and clause.i < verb.i):
        return None
    if clause.i < verb.i and inside_quote(scan.quotes, clause.idx):
        return None
    content = _clause_content(scan.doc, clause, lex, after=verb)
    if content is None:
        return None
    return content, "reported_fronted" if clause.i < verb.i else None


def _with_quote(scan: _Scan, verb, sent, content, rule: str):
    """Prefer the quotation the content lies in, or the one next to the cue when there is
    no other content: (content, direct, quote, rule)."""
    quote = None
    if content is not None:
        q = quote_at(scan.quotes, *content)
        if q is not None and q.words(scan.text) >= 2:
            quote = q
    else:
        quote = _adjacent_quote(scan.doc, verb, scan.quotes, sent)
    if quote is not None and (content is None or quote_at(scan.quotes, *content, share=0.6) is not None):
        qs, qe = trim(scan.text, quote.start, quote.end)
        if content is None or (qe - qs) >= (content[1] - content[0]):
            scan.used_quotes.add(quote)
            rule = "quote" if rule not in ("quoted_as_saying", "participle") else rule
            return (qs, qe), True, quote, rule
    return content, False, quote, rule


def _according_to(doc, tok, sent, quotes) -> Found | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    lex = lexicon()
    speaker = pobj
    if lemma(pobj) in lex.report_nouns:
        speaker = next((c for c in pobj.children if c.dep_ == "poss"), pobj)
    head = tok.head
    phrase_lo, phrase_hi = tok.i, max(tok.right_edge.i, to.right_edge.i) + 1
    lo, hi = sent.start, sent.end
    if phrase_lo == sent.start:
        lo = phrase_hi
    else:
        hi = phrase_lo
    if head.i < lo or head.i >= hi:
        lo, hi = (sent.start, phrase_lo) if phrase_lo > sent.start else (phrase_hi, sent.end)
    if hi <= lo:
        return None
    content = trim(text_of(doc), *_span_chars(doc, lo, hi), chars=" \t\r\n,;:-–—.")
    if content[1] - content[0] < 3:
        return None
    cue = (tok.idx, to.idx + len(to.text))
    return Found(_speaker_range(doc, speaker), speaker.i, cue, content, False, "assert", "according_to")


def _noun_statement(doc, noun, lex: Lexicon) -> Found | None:
    """``the minister's suggestion that Peru was behind the leak``."""
    owner, rule = _noun_owner(noun, lex)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    infinitive = None if clause is not None else next(
        (c for c in noun.children if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None)
    body = clause if clause is not None else infinitive
    if body is None and owner is not None and rule == "light_verb_noun":
        return _noun_prep_statement(doc, noun, owner, lex)
    if owner is None or body is None or owner.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if owner.pos_ == "PRON" and owner.lower_ in ("which", "that", "who"):
        return None
    if clause is not None:
        content = _clause_content(doc, clause, lex)
    else:
        content = trim(text_of(doc), *_span_chars(doc, infinitive.left_edge.i, infinitive.right_edge.i + 1))
    if not content:
        return None
    content = _without_dismissal(doc, noun, body, content, lex)
    cue = (noun.head.idx, noun.idx + len(noun.text)) if rule == "light_verb_noun" else (noun.idx, noun.idx + len(noun.text))
    return Found(_speaker_range(doc, owner), owner.i, cue, content, False,
                 lex.nouns[lemma(noun)], rule, confidence=0.6)


def _noun_prep_statement(doc, noun, owner, lex: Lexicon) -> Found | None:
    """``Lima lodged a protest with Quito over the arrests``: the topic phrase is the content."""
    if owner.pos_ not in ("PROPN", "NOUN"):
        return None
    content = noun_prep_content(doc, noun)
    if not content:
        return None
    cue = (noun.head.idx, noun.idx + len(noun.text))
    return Found(_speaker_range(doc, owner), owner.i, cue, content, False, lex.nouns[lemma(noun)],
                 "light_verb_noun_topic", confidence=0.6)


def _noun_owner(noun, lex: Lexicon):
    """(owner token or None, rule) of a statement noun: its possessor, "from/by X", or the
    subject of a light verb ("issued a warning that ...")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        # "accusations from Congo that ...", "allegations by the ministry that ..."
        owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                      for g in c.children if g.dep_ == "pobj"), None)
    if owner is None and noun.dep_ == "dobj" and lemma(noun.head) in lex.light_verbs:
        # "repeated a threat to stop gas exports", "issued a warning that ...": the light verb's subject
        return _subject(noun.head), "light_verb_noun"
    return owner, "noun"


def _without_dismissal(doc, noun, body, content, lex: Lexicon):
    """ "dismissed X's suggestion that A as ridiculous": the 'as' phrase is the dismisser's.
    ``body`` is the noun's clause or infinitive ("his threat to impose a tariff")."""
    governor = noun.head if noun.dep_ in ("dobj", "pobj") else None
    if governor is None or lemma(governor) not in lex.object_verbs:
        return content
    tail = [t for t in doc[body.i:body.right_edge.i + 1] if t.dep_ == "prep" and t.lower_ == "as"]
    if not tail:
        return content
    return trim(text_of(doc), content[0], min(content[1], _span_chars(doc, tail[-1].i, tail[-1].i + 1)[0]))


def _continuations(doc, quotes, used_quotes, found: list[Found]) -> list[Found]:
    """A paragraph that is only a quotation continues the quotation just before it."""
    text = text_of(doc)
    out = []
    for q in quotes:
        if q in used_quotes or q.words(text) < 4:
            continue
        para_start = text.rfind("\n", 0, q.start) + 1
        if text[para_start:q.start - 1].strip():
            continue
        para_end = text.find("\n", q.end)
        rest = text[q.end:para_end if para_end >= 0 else len(text)].strip(" .,\"”")
        if rest:
            continue
        src = max((f for f in found if f.direct and q.start - 400 < f.content[1] <= q.start),
                  key=lambda f: f.content[1], default=None)
        if src is None:
            continue
        qs, qe = trim(text, q.start, q.end)
        out.append(Found(src.speaker, src.speaker_head, src.cue, (qs, qe), True, src.stance,
                         "quote_continuation", confidence=0.6))
    return out


def _dedupe(found: list[Found]) -> list[Found]:
    """One statement per (speaker, content): the quote rule wins over the clause rule."""
    out: dict[tuple, Found] = {}
    for f in sorted(found, key=lambda f: (f.content[0], not f.direct)):
        key = (f.speaker, f.content)
        if key not in out:
            out[key] = f
    return sorted(out.values(), key=lambda f: (f.content[0], f.cue[0]))


def _nest(found: list[Found]) -> list[Found]:
    """Give each statement whose cue lies inside another's content that statement as parent."""
    out = []
    for f in found:
        parent = None
        for j, g in enumerate(found):
            if g.content[0] > f.cue[0]:
                break  # found is sorted by content start
            inside = g is not f and f.cue[0] < g.content[1] and g.content != f.content
            if inside and (parent is None or
                           found[parent].content[1] - found[parent].content[0] > g.content[1] - g.content[0]):
                parent = j
        out.append(replace(f, parent=parent))
    return out
