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

from readouts.attribution.cues import Lexicon, is_cue_verb, lemma, lexicon
from readouts.attribution.quotes import Quote, find_quotes, inside_quote, quote_at, trim
from readouts.faults import confined
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
    ('Russia fired ..., seizing the ships and accusing them of ...')."""
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
        lo = after.i + 1  # "which Moscow said was initiated by France": the relativizer is not content
    # "said last month (that) ...": a leading date says when it was said, not what
    while lo < clause.i and (doc[lo].ent_type_ == "DATE" or doc[lo].dep_ in ("mark", "punct")):
        lo += 1
    for t in doc[lo:hi]:
        if t.i <= clause.i:
            continue
        if t.head == clause and _continues_outer(t, lex):
            hi = min(hi, _left_of_clause(doc, t, lo))
            break
        if t.dep_ == "relcl" and is_cue_verb(t, lex) and t.i > lo and _relative_comment(doc, t):
            hi = min(hi, _left_of_clause(doc, t, lo))  # "..., which France immediately denied"
            break
        if t.text == "," and t.i + 2 < hi and doc[t.i + 1].lower_ in ("a", "an", "the") and \
                (doc[t.i + 2].lemma_.lower() in lex.nouns or doc[t.i + 2].lower_ in lex.nouns):
            hi = t.i  # "..., a charge officials in Kiev deny": a comment on the claim, not part of it
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
    objs = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp") and c.i > verb.i]
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("as", "on", "for", "of")]
    parts = objs + preps
    if not parts:
        return None
    if not objs and not any(p.lower_ in ("on", "for") for p in preps):
        return None
    if lemma(verb) == "call" and not any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in objs) and \
            not any(p.lower_ in ("on", "for") for p in preps):
        return None  # "called President Abbas" is a phone call, not a statement
    dobj = next((c for c in objs if c.dep_ == "dobj"), None)
    if dobj is not None and len(parts) == 1 and _anaphoric(dobj):
        return None  # "denied the claim": the claim is stated elsewhere
    if any(p.lower_ in ("on", "for") for p in preps) or lemma(verb) in lexicon().infinitive_verbs:
        # "called on Russia to release the sailors": the infinitive says what is asked
        parts += [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and
                  any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if objs:
        # the object's own trailing phrases: "claim the region in its entirety"
        parts += [c for c in verb.children if c.dep_ in ("prep", "advmod", "dative") and c.i > min(o.i for o in objs)
                  and c not in parts and c.lower_ not in ("after", "before", "during", "since", "on", "at")]
    first = min(parts, key=lambda t: t.left_edge.i)
    start = first.left_edge.i
    if first.dep_ == "prep" and first.lower_ in ("on", "for"):
        start = first.i + 1
    end = max(p.right_edge.i for p in parts) + 1
    # a subject relative clause is its antecedent's own statement ("the reaction of Correa,
    # who has called for ..."), not part of this content
    for t in doc[start:end]:
        if t.dep_ == "relcl" and is_cue_verb(t, lexicon()) and t.left_edge.i > start and \
                any(c.dep_ in SUBJ and c.lower_ in ("who", "which", "that") for c in t.children):
            end = min(end, _left_of_clause(doc, t, start))
            break
    if end <= start:
        return None
    return trim(text_of(doc), *_span_chars(doc, start, end))


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
    return not any(mark in stripped for mark in (". ", "? ", "! ", '"', "“", "”"))


# ---------------------------------------------------------------- finder

def find_statements(doc) -> list[Found]:
    """Every attribution in ``doc``, in text order, nested ones with their ``parent``."""
    lex = lexicon()
    text = text_of(doc)
    quotes = find_quotes(text)
    found: list[Found] = []
    used_quotes: set[Quote] = set()
    for sent in doc.sents:
        with confined("statements", doc, sent):  # a fault in a rule costs the rest of this sentence only
            for tok in sent:
                if inside_quote(quotes, tok.idx):
                    continue
                if is_cue_verb(tok, lex):
                    found.extend(_verb_statements(doc, tok, sent, lex, quotes, used_quotes))
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    st = _according_to(doc, tok, sent, quotes)
                    if st:
                        found.append(st)
                elif tok.pos_ == "NOUN" and lemma(tok) in lex.nouns:
                    st = _noun_statement(doc, tok, lex)
                    if st:
                        found.append(st)
    found.extend(_continuations(doc, quotes, used_quotes, found))
    found = _dedupe(found)
    return _nest(found)


def _verb_statements(doc, verb, sent, lex: Lexicon, quotes, used_quotes) -> list[Found]:
    word = lemma(verb)
    stance = lex.verbs[word]
    # relative clauses ("..., which France denied") answer a claim; divergence reads them
    if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in ("which", "that")
                                    for c in verb.children):
        if not any(c.dep_ == "ccomp" for c in verb.children):
            return []
    subj = _subject(verb)
    extra_cue = []
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
        return []
    if word == "quote" and any(c.dep_ == "nsubjpass" for c in verb.children):
        says = [t for t in verb.subtree if lemma(t) == "say" and t.i > verb.i]
        extra_cue = [t for t in verb.children if t.dep_ in ("auxpass", "prep")] + says
        subj = next(c for c in verb.children if c.dep_ == "nsubjpass")
        rule = "quoted_as_saying"
    if subj is None:
        return []
    if verb.tag_ == "VBZ" and subj.tag_ in ("NNS", "NNPS") and not any(c.dep_ in SUBJ for c in verb.children):
        return []  # "officials say ... and acknowledges ...": a singular verb is not the plural subject's
    if subj.dep_ == "nsubjpass" and rule != "quoted_as_saying":
        return []  # "he was told that ...": the speaker is not the subject
    if subj.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
        subj = verb.head
    # "the ministry's statement said": the statement's owner speaks
    if lemma(subj) in lex.report_nouns:
        owner = next((c for c in subj.children if c.dep_ == "poss"), None) or next(
            (g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
             for g in c.children if g.dep_ == "pobj"), None)
        if owner is not None:
            subj = owner
    if inside_quote(quotes, subj.idx):
        return []  # "As we have said, ..." inside a quotation is the quoted speaker's, not a new attribution
    if subj.pos_ == "NOUN" and lemma(subj) in lex.non_speakers:
        return []
    if any(t.text in lex.newsroom for t in subj.subtree):
        return []  # "VOA's correspondent reports": the outlet's own narration

    content = None
    direct = False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    # the complement after the cue; a fronted one only when nothing follows and it is not a
    # subordinate clause ("As fighting continues, the government says it has pushed ...")
    clause = next((c for c in clauses if c.i > verb.i), None) or next(
        (c for c in clauses if not any(m.dep_ == "mark" and m.lower_ != "that" for m in c.children)), None) \
        or _misattached_clause(verb)
    if rule != "quoted_as_saying" and clause is not None and not (word in lex.object_verbs and clause.i < verb.i):
        if clause.i > verb.i or not inside_quote(quotes, clause.idx):
            content = _clause_content(doc, clause, lex, after=verb)
            if clause.i < verb.i and content:
                rule = "reported_fronted"
    if content is None and word in lex.infinitive_verbs and rule != "quoted_as_saying":
        content = _infinitive_content(doc, verb)
        if content:
            rule = "infinitive"
    if content is None and word in lex.object_verbs and rule != "quoted_as_saying":
        content = _object_content(doc, verb)
        if content:
            rule = "appeal" if stance == "appeal" else "object"
            if word == "call":
                extra_cue = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "for")][:1]
    quote = None
    if content is not None:
        q = quote_at(quotes, *content)
        if q is not None and q.words(text_of(doc)) >= 2:
            quote = q
    else:
        quote = _adjacent_quote(doc, verb, quotes, sent)
    if quote is not None and (content is None or quote_at(quotes, *content, share=0.6) is not None):
        qs, qe = trim(text_of(doc), quote.start, quote.end)
        if content is None or (qe - qs) >= (content[1] - content[0]):
            content, direct = (qs, qe), True
            used_quotes.add(quote)
            rule = "quote" if rule not in ("quoted_as_saying", "participle") else rule
    if content is None or content[1] - content[0] < 3:
        return []
    if word in lex.cognition and verb.dep_ not in ("ROOT",):
        return []
    contents = [content]
    if direct and quote is not None:
        rest = _second_half(doc, verb, subj, quotes, quote)
        if rest is not None:
            used_quotes.add(rest)
            contents.append(trim(text_of(doc), rest.start, rest.end))
    cue = _cue_chars(doc, verb, extra_cue)
    out = []
    for s in _conjuncts(subj):
        rng = _speaker_range(doc, s)
        out.extend(Found(rng, s.i, cue, c, direct, stance, rule) for c in contents)
    return out


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
    """``Shoigu's suggestion that France was behind the attack``."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    rule = "noun"
    if owner is None:
        # "accusations from Congo that ...", "allegations by the ministry that ..."
        owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                      for g in c.children if g.dep_ == "pobj"), None)
    if owner is None and noun.dep_ == "dobj" and lemma(noun.head) in lex.light_verbs:
        # "renewed a threat to halt oil sales", "issued a warning that ...": the light verb's subject
        owner = _subject(noun.head)
        rule = "light_verb_noun"
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and
                   any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    infinitive = None
    if clause is None:
        infinitive = next((c for c in noun.children if c.dep_ == "acl" and
                           any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if owner is None or (clause is None and infinitive is None) or owner.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if owner.pos_ == "PRON" and owner.lower_ in ("which", "that", "who"):
        return None
    if clause is not None:
        content = _clause_content(doc, clause, lex)
    else:
        content = trim(text_of(doc), *_span_chars(doc, infinitive.left_edge.i, infinitive.right_edge.i + 1))
    if not content:
        return None
    # "dismissed X's suggestion that A as ridiculous": the 'as' phrase is the dismisser's
    governor = noun.head if noun.dep_ in ("dobj", "pobj") else None
    if governor is not None and lemma(governor) in lex.object_verbs:
        body = clause if clause is not None else infinitive  # "dismissed his threat to impose ..." has no that-clause
        tail = [t for t in doc[body.i:body.right_edge.i + 1] if t.dep_ == "prep" and t.lower_ == "as"]
        if tail:
            content = trim(text_of(doc), content[0], min(content[1], _span_chars(doc, tail[-1].i, tail[-1].i + 1)[0]))
    cue = (noun.head.idx, noun.idx + len(noun.text)) if rule == "light_verb_noun" else (noun.idx, noun.idx + len(noun.text))
    return Found(_speaker_range(doc, owner), owner.i, cue, content, False,
                 lex.nouns[lemma(noun)], rule, confidence=0.6)


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
            if g is not f and f.cue[0] < g.content[1] and g.content != f.content:
                if parent is None or found[parent].content[1] - found[parent].content[0] > g.content[1] - g.content[0]:
                    parent = j
        out.append(replace(f, parent=parent))
    return out
