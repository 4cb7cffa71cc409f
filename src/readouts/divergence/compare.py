"""``compare``: two or more accounts of one event, aligned point by point.

Each document is split into points (``align.document_points``); points of
different documents are aligned one to one, best match first, by lexical
similarity (``align.similarity``) or, with the optional ``embeddings`` extra,
by sentence-embedding cosine. An aligned pair is *shared*, or a *conflict*
when the two points tell it incompatibly (one negates what the other asserts,
opposite words such as violation/compliance, different numbers, a different
initiator of the call). A point left without a partner is *only_in* its
document.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from readouts import lexicons
from readouts.divergence import align
from readouts.errors import InputError, ModelError
from readouts.records import Analysis, Article, Comparison, DocSpan, Point
from readouts.sides.gazetteer import gazetteer

# Alignment thresholds (lexical cosine of IDF-weighted stems), set on the dev pairs.
LEXICAL_ALIGN = 0.22
LEXICAL_CONFLICT = 0.35   # an aligned pair must be this close before a negation or number makes it a conflict
EMBEDDING_ALIGN = 0.30    # mean of the lexical score and the embedding cosine, set on the dev pairs
EMBEDDING_CONFLICT = 0.45
ANTONYM_CONTEXT = 1.0     # shared sentence weight that lets opposite words across unaligned points count


def _check(articles: Sequence[Article], sides) -> None:
    if len(articles) < 2:
        raise InputError("compare", f"needs at least two documents, got {len(articles)}")
    for i, art in enumerate(articles):
        if not isinstance(art.text, str) or not art.text.strip():
            raise InputError(art.id or art.url or f"document {i + 1}", "the text is empty")
    if sides is not None and len(sides) != len(articles):
        raise InputError("sides", f"give one side per document ({len(articles)}), got {len(sides)}")


def _analyses(articles: Sequence[Article]) -> tuple[Analysis | None, ...]:
    """One analysis per document, in order; None for a document readouts could not analyse
    (the alignment does not need it, only the account view and side inference)."""
    from readouts.analyze import analyze_many

    return tuple(a if isinstance(a, Analysis) else None for a in analyze_many(articles))


def _gazetteer_scan(text: str):
    return gazetteer().scan(text)


def side_of_words(words: str) -> str | None:
    """The side a short phrase names ("American", "the Kremlin", "Russian"), when the gazetteer knows it."""
    found = [e for _, _, e in _gazetteer_scan(words) if e.side]
    return found[0].side if found else None


def _side_counts(article: Article, analysis: Analysis | None) -> Counter:
    """How often each side speaks in the document; by the places and bodies it names when no one speaks."""
    if analysis is not None:
        spoken = Counter(s.side for s in analysis.statements if s.side)
        if spoken:
            return spoken
    return Counter(e.side for _, _, e in _gazetteer_scan(article.text) if e.side)


def infer_side(article: Article, analysis: Analysis | None) -> str | None:
    """The side most statements in the document speak for, else the side its text names most."""
    counts = _side_counts(article, analysis)
    return counts.most_common(1)[0][0] if counts else None


def infer_sides(articles: Sequence[Article], analyses: Sequence[Analysis]) -> tuple[str | None, ...]:
    """One side per document, each document its own side where the evidence allows.

    Two accounts of one event normally come from two sides: a document whose
    top side another document holds more firmly takes its own next side.
    """
    counts = [_side_counts(art, analyses[i] if analyses else None) for i, art in enumerate(articles)]
    order = sorted(range(len(articles)),
                   key=lambda i: -(counts[i].most_common(1)[0][1] / sum(counts[i].values())) if counts[i] else 0)
    sides: list[str | None] = [None] * len(articles)
    taken: set[str] = set()
    for i in order:
        ranked = [side for side, _ in counts[i].most_common()]
        free = [side for side in ranked if side not in taken]
        sides[i] = free[0] if free else (ranked[0] if ranked else None)
        if sides[i]:
            taken.add(sides[i])
    return tuple(sides)


def _participant_words(docs) -> set[str]:
    """Name words of the two people every document is about (the parties to the contact).

    Surnames of PERSON entities, counted over all documents, that every
    document writes (the tagger misses some mentions); then the first names
    written with them ("Barack Obama", "Vladimir Putin").
    """
    total: Counter = Counter()
    for doc in docs:
        total.update(ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and ent[-1].is_alpha)
    words_of = [{t.lower_ for t in doc} for doc in docs]
    everywhere = sorted((w for w in total if all(w in ws for ws in words_of)), key=lambda w: (-total[w], w))
    names = set(everywhere[:2])
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent[-1].lower_ in names:
                names |= {t.lower_ for t in ent if t.is_alpha}
    return names


def _embedding_similarity(points, backend: str):
    from readouts.divergence.embeddings import encode_similarity

    return encode_similarity([p.text for p in points])


def _choose_backend(backend: str) -> str:
    if backend not in ("auto", "lexical", "embeddings"):
        raise InputError("--backend", f"unknown backend {backend!r} (auto, lexical or embeddings)")
    if backend == "auto":
        from readouts.divergence.embeddings import available

        return "embeddings" if available() else "lexical"
    return backend


def _span(p: align.ClausePoint) -> DocSpan:
    return DocSpan(p.doc, p.start, p.end, p.text)


def _conflict_words(a: align.ClausePoint, b: align.ClausePoint, sim: float, conflict_at: float) -> tuple[str, ...]:
    """Why two aligned points conflict, as the words that clash; () when they do not."""
    if a.is_initiator and b.is_initiator:
        if a.initiator_side and b.initiator_side and a.initiator_side != b.initiator_side:
            return (a.initiator, b.initiator)
        return ()
    opp = align.antonyms_between(a.keys, b.keys)
    if opp:
        return _words_in(a, opp[0]) + _words_in(b, opp[1])
    if sim < conflict_at:
        return ()
    if a.negated != b.negated:
        neg = a if a.negated else b
        return tuple(w for w in neg.text.split() if w.lower().strip(",.;") in lexicons.divergence()["negators"])[:2]
    if a.numbers and b.numbers and not (a.numbers & b.numbers):
        return (",".join(sorted(a.numbers)), ",".join(sorted(b.numbers)))
    return ()


def _topic_of_span(span: DocSpan, limit: int = 9) -> str:
    words = span.text.split()
    return " ".join(words[:limit]) + (" ..." if len(words) > limit else "")


def _words_in(p: align.ClausePoint, key: str) -> tuple[str, ...]:
    for w in p.text.split():
        if align.stem(w) == key:
            return (w.strip(",.;:\"“”"),)
    return (key,)


def compare(articles: Sequence[Article], *, sides: Sequence[str | None] | None = None,
            backend: str = "auto") -> Comparison:
    """Align two or more accounts of one event: shared points, points only one tells, conflicts.

    ``sides`` gives each document's side (ISO code); when left out it is
    inferred from the speakers, else from the places and bodies the text names.
    ``backend`` is ``lexical``, ``embeddings`` (needs the extra) or ``auto``.
    """
    from readouts.parse.nlp import parse_many

    articles = tuple(articles)
    _check(articles, sides)
    chosen = _choose_backend(backend)
    # the full analyses are needed to tell whose account a document is; given sides, alignment needs none
    analyses = _analyses(articles) if sides is None else ()
    if sides is None:
        sides = infer_sides(articles, analyses)
    docs = list(parse_many([a.text for a in articles]))
    frame = _participant_words(docs) | align.side_name_words(sides, [a.text for a in articles], _gazetteer_scan)
    raw = [align.document_points(i, doc, frame, side_of_words) for i, doc in enumerate(docs)]
    weights = align.Weights([p for pts in raw for p in pts])
    points = [[p for p in pts if not align.is_frame_only(p, weights)] for pts in raw]
    flat = [p for pts in points for p in pts]
    index = {id(p): n for n, p in enumerate(flat)}

    if chosen == "embeddings":
        try:
            matrix = _embedding_similarity(flat, chosen)
        except ModelError:
            if backend == "embeddings":
                raise
            chosen, matrix = "lexical", None
    else:
        matrix = None
    align_at, conflict_at = (EMBEDDING_ALIGN, EMBEDDING_CONFLICT) if matrix is not None else (LEXICAL_ALIGN, LEXICAL_CONFLICT)

    def sim(a, b) -> float:
        lexical = align.similarity(a, b, weights)
        if a.is_initiator or b.is_initiator or matrix is None:
            return lexical
        # embeddings alone over-rate two sentences that only share the event's frame
        # ("the presidents discussed ..."): they refine the lexical score, not replace it
        return (lexical + float(matrix[index[id(a)]][index[id(b)]])) / 2

    cands = []
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            for a in points[i]:
                for b in points[j]:
                    s = sim(a, b)
                    if s >= align_at:
                        cands.append((s, a, b))
    cands.sort(key=lambda c: (-c[0], c[1].doc, c[1].start, c[2].doc, c[2].start))
    group_of: dict[int, list] = {}   # id(point) -> its group (list of points, one per document)
    scores: dict[int, float] = {}
    for s, a, b in cands:
        ga, gb = group_of.get(id(a)), group_of.get(id(b))
        if ga is not None and gb is not None:
            continue
        if ga is None and gb is None:
            group = [a, b]
            group_of[id(a)] = group_of[id(b)] = group
            scores[id(group)] = s
            continue
        group, newcomer = (ga, b) if ga is not None else (gb, a)
        if any(p.doc == newcomer.doc for p in group):
            continue
        group.append(newcomer)
        group_of[id(newcomer)] = group

    shared, conflicts, only_in = [], [], []
    seen: set[int] = set()
    for p in flat:
        group = group_of.get(id(p))
        if group is None:
            only_in.append(Point(align.topic_of(p), (_span(p),), "lexical:unaligned" if matrix is None
                                 else "embeddings:unaligned", 0.0, doc=p.doc))
            continue
        if id(group) in seen:
            continue
        seen.add(id(group))
        group = sorted(group, key=lambda q: q.doc)
        s = scores.get(id(group), sim(group[0], group[1]))
        words = _conflict_words(group[0], group[1], sim(group[0], group[1]), conflict_at)
        evidence = tuple(_span(q) for q in group)
        if words:
            conflicts.append(Point(align.topic_of(group[0]), evidence, f"{chosen}:aligned-conflict", s,
                                   conflict_words=words))
        else:
            rule = "initiator:same" if group[0].is_initiator else f"{chosen}:aligned"
            shared.append(Point(align.topic_of(group[0]), evidence, rule, s))

    # Opposite words across two unaligned-or-differently-aligned points about the same matter
    # ("a breach of the treaty" / "fully within the treaty").
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            for a in points[i]:
                for b in points[j]:
                    if a.is_initiator or b.is_initiator:
                        continue
                    ga = group_of.get(id(a))
                    if ga is not None and b in ga:
                        continue
                    opp = align.antonyms_between(a.keys, b.keys)
                    if not opp or weights.mass(a.sentence_keys & b.sentence_keys) < ANTONYM_CONTEXT:
                        continue
                    conflicts.append(Point(align.topic_of(a), (_span(a), _span(b)), "lexical:antonyms",
                                           weights.mass(a.sentence_keys & b.sentence_keys),
                                           conflict_words=_words_in(a, opp[0]) + _words_in(b, opp[1])))
    # opposite words make the conflict the news: such a point is not also "shared" with a third one
    antonym_points = {(e.doc, e.start) for p in conflicts if p.rule == "lexical:antonyms" for e in p.evidence}
    kept = []
    for p in shared:
        if p.rule != "initiator:same" and any((e.doc, e.start) in antonym_points for e in p.evidence):
            only_in += [Point(_topic_of_span(e), (e,), "unaligned:in-conflict", 0.0, doc=e.doc)
                        for e in p.evidence if (e.doc, e.start) not in antonym_points]
            continue
        kept.append(p)
    shared = kept
    # a point in conflict is told by both sides, not left out by one
    in_conflict = {(e.doc, e.start, e.end) for p in conflicts for e in p.evidence}
    only_in = [p for p in only_in if (p.evidence[0].doc, p.evidence[0].start, p.evidence[0].end) not in in_conflict]
    only_in.sort(key=lambda p: (p.doc, p.evidence[0].start))
    return Comparison(articles, tuple(sides), tuple(shared), tuple(only_in), tuple(conflicts),
                      backend=chosen, analyses=analyses)
