"""Where a statement's content and speaker are in the parse: the content rules of ``statements``.

Token ranges and character spans around a cue: the speaker's phrase, the clause a cue
governs ("said that C"), an object or an infinitive as content ("denied O", "urged Y to
V"), a quotation beside the cue or a second half of one ("'Q1,' he said. 'Q2.'").
Pure functions over a parsed Doc; ``statements`` decides which rule applies.
"""
from __future__ import annotations

from readouts.attribution.cues import is_cue_verb, lemma
from readouts.attribution.quotes import Quote, ends_sentence, trim
from readouts.lexicons import Cues as Lexicon
from readouts.lexicons import cues as lexicon
from readouts.parse.nlp import text_of

SUBJ = {"nsubj", "nsubjpass", "csubj"}
PARTICIPLE_DEPS = {"advcl", "conj", "xcomp", "acl"}

# ---------------------------------------------------------------- speaker and cue

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
