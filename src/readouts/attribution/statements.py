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
Where a rule finds the content and the speaker's phrase in the parse is ``content.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from readouts.attribution.content import (
    PARTICIPLE_DEPS,
    SUBJ,
    _adjacent_quote,
    _clause_content,
    _conjuncts,
    _cue_chars,
    _holder_verb,
    _infinitive_content,
    _misattached_clause,
    _object_content,
    _second_half,
    _span_chars,
    _speaker_range,
    _subject,
)
from readouts.attribution.cues import is_cue_verb, lemma
from readouts.attribution.frames import frame_content, not_speech, noun_prep_content, quoted_person
from readouts.attribution.quotes import find_quotes, inside_quote, quote_at, trim
from readouts.attribution.transcripts import colon_block, transcript_turns
from readouts.faults import confined
from readouts.lexicons import Cues as Lexicon
from readouts.lexicons import cues as lexicon
from readouts.parse.nlp import text_of


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
