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

from readouts.divergence import align, contact_report, relate
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


def _parse_and_analyse(articles: Sequence[Article], analyse: bool):
    """Each document parsed once; its analysis (from that parse) when ``analyse``, else ().

    An analysis is None for a document readouts could not analyse: the
    alignment does not need it, only the account view and side inference.
    """
    from readouts.analyze import analyze_doc
    from readouts.parse.nlp import parse_many

    docs = list(parse_many([a.text for a in articles]))
    if not analyse:
        return docs, ()
    found = (analyze_doc(art, doc) for art, doc in zip(articles, docs))
    return docs, tuple(a if isinstance(a, Analysis) else None for a in found)


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


def _choose_backend(backend: str) -> str:
    if backend not in ("auto", "lexical", "embeddings"):
        raise InputError("--backend", f"unknown backend {backend!r} (auto, lexical or embeddings)")
    if backend == "auto":
        from readouts.divergence.embeddings import available

        return "embeddings" if available() else "lexical"
    return backend


def _span(p: align.ClausePoint) -> DocSpan:
    return DocSpan(p.doc, p.start, p.end, p.text)


def _topic_of_span(span: DocSpan, limit: int = 9) -> str:
    words = span.text.split()
    return " ".join(words[:limit]) + (" ..." if len(words) > limit else "")


class _Scorer:
    """Similarity of two points: lexical, refined by sentence embeddings when that backend runs."""

    def __init__(self, points: Sequence[align.ClausePoint], weights: align.Weights, chosen: str,
                 asked: str) -> None:
        self.weights = weights
        self.index = {id(p): n for n, p in enumerate(points)}
        self.matrix = None
        self.backend = chosen
        if chosen == "embeddings":
            from readouts.divergence.embeddings import encode_similarity

            try:
                self.matrix = encode_similarity([p.text for p in points])
            except ModelError:
                if asked == "embeddings":
                    raise
                self.backend = "lexical"
        if self.matrix is None:
            self.align_at, self.thresholds = LEXICAL_ALIGN, relate.Thresholds(LEXICAL_ALIGN, LEXICAL_CONFLICT, 0.0)
        else:
            self.align_at = EMBEDDING_ALIGN
            self.thresholds = relate.Thresholds(EMBEDDING_ALIGN, EMBEDDING_CONFLICT, 0.0)

    def __call__(self, a: align.ClausePoint, b: align.ClausePoint) -> float:
        lexical = align.similarity(a, b, self.weights)
        if a.is_special or b.is_special or self.matrix is None:
            return lexical
        # embeddings alone over-rate two sentences that only share the event's frame
        # ("the presidents discussed ..."): they refine the lexical score, not replace it
        return (lexical + float(self.matrix[self.index[id(a)]][self.index[id(b)]])) / 2


class _Group:
    """Points of different documents aligned as one, and the score of the pair that started it."""

    def __init__(self, a: align.ClausePoint, b: align.ClausePoint, score: float) -> None:
        self.points = [a, b]
        self.score = score

    def ordered(self) -> list[align.ClausePoint]:
        return sorted(self.points, key=lambda q: q.doc)


def _document_points(docs, articles: Sequence[Article], sides) -> tuple[list[list[align.ClausePoint]], align.Weights]:
    """Each document's points (without those that only frame the contact) and the weights over all of them."""
    frame = _participant_words(docs) | align.side_name_words(sides, [a.text for a in articles], _gazetteer_scan)
    reports = [contact_report.find_report(doc, frame) for doc in docs]
    raw = [[_with_side(p, sides[i]) for p in align.document_points(i, doc, frame, side_of_words,
                                                                    reports[i].runs if reports[i] else ())]
           for i, doc in enumerate(docs)]
    weights = align.Weights([p for pts in raw for p in pts])
    kept = [[p for p in pts if not align.is_frame_only(p, weights)] for pts in raw]
    for i, report in enumerate(reports):
        if report is not None:
            kept[i].insert(0, align.ClausePoint(i, report.start, report.end, docs[i].text[report.start:report.end],
                                                frozenset(), frozenset(), False, frozenset(), side=sides[i],
                                                contact=report))
    return kept, weights


def _with_side(p: align.ClausePoint, side: str | None) -> align.ClausePoint:
    from dataclasses import replace

    return replace(p, side=side)


def _align(points: Sequence[Sequence[align.ClausePoint]], sim: _Scorer) -> dict[int, _Group]:
    """Points of different documents aligned one to one, best pair first; a group holds one point per document."""
    cands = []
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            cands += [(s, a, b) for a in points[i] for b in points[j] if (s := sim(a, b)) >= sim.align_at]
    cands.sort(key=lambda c: (-c[0], c[1].doc, c[1].start, c[2].doc, c[2].start))
    group_of: dict[int, _Group] = {}   # id(point) -> its group
    for s, a, b in cands:
        ga, gb = group_of.get(id(a)), group_of.get(id(b))
        if ga is not None and gb is not None:
            continue
        if ga is None and gb is None:
            group_of[id(a)] = group_of[id(b)] = _Group(a, b, s)
            continue
        group, newcomer = (ga, b) if ga is not None else (gb, a)
        if any(p.doc == newcomer.doc for p in group.points):
            continue
        group.points.append(newcomer)
        group_of[id(newcomer)] = group
    return group_of


def _classify_groups(flat: Sequence[align.ClausePoint], group_of: dict[int, _Group], sim: _Scorer):
    """Shared, conflicting and unaligned points: each aligned group classified by ``relate``."""
    shared, conflicts, only_in = [], [], []
    seen: set[int] = set()
    for p in flat:
        group = group_of.get(id(p))
        if group is None and p.is_contact:
            continue  # the contact itself, told by one account only: the event, not a point it leaves out
        if group is None:
            only_in.append(Point(align.topic_of(p), (_span(p),), f"{sim.backend}:unaligned", 0.0, doc=p.doc))
            continue
        if id(group) in seen:
            continue
        seen.add(id(group))
        first, second = group.ordered()[:2]
        rel = relate.classify(first, second, sim(first, second), sim.thresholds)
        evidence = tuple(_span(q) for q in group.ordered())
        if rel.kind == relate.CONFLICT:
            conflicts.append(Point(align.topic_of(first), evidence, f"{sim.backend}:aligned-{rel.rule}",
                                   group.score, conflict_words=rel.words))
        else:
            rule = "initiator:same" if first.is_initiator else "contact:same" if first.is_contact \
                else f"{sim.backend}:aligned"
            shared.append(Point(align.topic_of(first), evidence, rule, group.score))
    return shared, conflicts, only_in


def _antonym_conflicts(points, group_of: dict[int, _Group], weights: align.Weights) -> list[Point]:
    """Opposite words across two points not aligned together, in sentences about one matter.

    "in violation of the treaty" in one account and "in full compliance with
    the treaty" in the other may sit in sentences that align elsewhere.
    """
    out = []
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            for a in points[i]:
                for b in points[j]:
                    if a.is_special or b.is_special:
                        continue
                    ga = group_of.get(id(a))
                    if ga is not None and b in ga.points:
                        continue
                    words = relate.opposite_words(a, b)
                    context = _shared_context(a, b, weights)
                    if words and context >= ANTONYM_CONTEXT:
                        out.append(Point(align.topic_of(a), (_span(a), _span(b)), "lexical:antonyms", context,
                                         conflict_words=words))
    return out


def _shared_context(a: align.ClausePoint, b: align.ClausePoint, weights: align.Weights) -> float:
    """Weight of the words two points' sentences share, word families meeting ('response'/'responding').

    Only a gate for opposite words, so a looser match than alignment's: the
    stems' first five letters.
    """
    families = {k[:5] for k in b.sentence_keys}
    return weights.mass(k for k in a.sentence_keys if k[:5] in families)


def _conflicts_win(shared: list[Point], only_in: list[Point], conflicts: list[Point]):
    """A point in conflict is the news: not also shared with a third point, nor left out by one side."""
    antonym_points = {(e.doc, e.start) for p in conflicts if p.rule == "lexical:antonyms" for e in p.evidence}
    kept = []
    for p in shared:
        if p.rule not in ("initiator:same", "contact:same") and any((e.doc, e.start) in antonym_points for e in p.evidence):
            only_in += [Point(_topic_of_span(e), (e,), "unaligned:in-conflict", 0.0, doc=e.doc)
                        for e in p.evidence if (e.doc, e.start) not in antonym_points]
            continue
        kept.append(p)
    in_conflict = {(e.doc, e.start, e.end) for p in conflicts for e in p.evidence}
    only_in = [p for p in only_in if (p.evidence[0].doc, p.evidence[0].start, p.evidence[0].end) not in in_conflict]
    only_in.sort(key=lambda p: (p.doc, p.evidence[0].start))
    return kept, only_in


def compare(articles: Sequence[Article], *, sides: Sequence[str | None] | None = None,
            backend: str = "auto") -> Comparison:
    """Align two or more accounts of one event: shared points, points only one tells, conflicts.

    ``sides`` gives each document's side (ISO code); when left out it is
    inferred from the speakers, else from the places and bodies the text names.
    ``backend`` is ``lexical``, ``embeddings`` (needs the extra) or ``auto``.
    Each document is parsed once; the analyses (only needed to infer sides)
    are made from that parse.
    """
    articles = tuple(articles)
    _check(articles, sides)
    chosen = _choose_backend(backend)
    docs, analyses = _parse_and_analyse(articles, analyse=sides is None)
    if sides is None:
        sides = infer_sides(articles, analyses)
    points, weights = _document_points(docs, articles, sides)
    flat = [p for pts in points for p in pts]
    sim = _Scorer(flat, weights, chosen, backend)
    group_of = _align(points, sim)
    shared, conflicts, only_in = _classify_groups(flat, group_of, sim)
    conflicts += _antonym_conflicts(points, group_of, weights)
    shared, only_in = _conflicts_win(shared, only_in, conflicts)
    return Comparison(articles, tuple(sides), tuple(shared), tuple(only_in), tuple(conflicts),
                      backend=sim.backend, analyses=analyses)
