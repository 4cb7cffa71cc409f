"""The ``analyze`` API: one article in, one ``Analysis`` out.

Stages, each a pure function over the parsed Doc and the records before it:
actors and statements (``statements``, ``speakers``), contacts (``contacts``),
disputes and agreements (``divergence``).

Bounded work: a text longer than ``SEGMENT_CHARS`` is analysed in
paragraph-aligned segments whose records are shifted back to offsets into the
whole text (so it never meets spaCy's ``max_length`` and the rules, some of
which compare every pair of statements, stay linear in the length); a text
longer than ``max_chars`` is refused with a ``LimitError``. A fault in one rule
stays in its sentence or stage and is listed in ``Analysis.warnings``
(``readouts.faults``); in batches a time budget per article can be set.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass, replace

from readouts.errors import AnalysisError, InputError, LimitError, ReadoutsError
from readouts.faults import _failing_rule, article_scope, check_budget, describe, warn
from readouts.records import Actor, Analysis, AnalysisWarning, Article, Span, Statement

MAX_CHARS = 2_000_000     # default limit on one article's length (``--max-chars``); 0 or None: no limit
ARTICLE_TIMEOUT = 600.0   # default time budget of one article in the CLI's batches (``--article-timeout``)
SEGMENT_CHARS = 100_000   # longer texts are analysed in paragraph-aligned segments of at most this


def find_actors_and_statements(doc, published: str | None = None
                               ) -> tuple[tuple[Actor, ...], tuple[Statement, ...]]:
    from readouts.attribution.speakers import resolve_speakers
    from readouts.attribution.statements import find_statements

    return resolve_speakers(doc, find_statements(doc), published)


def _source(article: Article) -> str:
    return article.id or article.url or "<text>"


def prepare(article: Article, max_chars: int | None = MAX_CHARS) -> tuple[Article, tuple[AnalysisWarning, ...]]:
    """Check an article at the input boundary: raises ``InputError`` for an empty text or a
    bad date, ``LimitError`` over ``max_chars``; unencodable characters are replaced (same
    offsets) and said so in a warning."""
    from readouts.read.inputs import clean_text

    src = _source(article)
    if not isinstance(article.text, str) or not article.text.strip():
        raise InputError(src, "the text is empty")
    text, problem = clean_text(article.text)
    warnings: tuple[AnalysisWarning, ...] = ()
    if problem:
        article = replace(article, text=text, **{k: clean_text(getattr(article, k))[0] for k in
                                                 ("id", "url", "title") if getattr(article, k)})
        warnings = (AnalysisWarning("input", problem),)
    if max_chars and len(text) > max_chars:
        raise LimitError(src, f"{len(text):,} characters, over the limit of {max_chars:,} (--max-chars)")
    if article.published is not None:
        from readouts.parse.dates import parse_iso_date

        parse_iso_date(article.published, source=src)
    return article, warnings


def _guarded(stage: str, run: Callable, default):
    """A stage whose fault is a warning, not a lost article: its records are left out."""
    try:
        return run()
    except (ReadoutsError, MemoryError):
        raise
    except Exception as err:  # noqa: BLE001 - recorded as a warning on the article
        warn(_failing_rule(stage, err), describe(err))
        return default


def _stages(article: Article, doc) -> Analysis:
    from readouts.contacts.find import find_contacts
    from readouts.divergence.disputes import find_divergence

    actors, statements = find_actors_and_statements(doc, article.published)
    check_budget()
    contacts = _guarded("contacts", lambda: tuple(find_contacts(doc, actors, article.published, planned=True)), ())
    check_budget()
    held = tuple(c for c in contacts if not c.planned)
    disputes, agreements = _guarded("divergence", lambda: find_divergence(article.text, statements, held), ((), ()))
    return Analysis(article, actors, statements, contacts, tuple(disputes), tuple(agreements))


def _analysis(article: Article, doc=None, *, notes: tuple[AnalysisWarning, ...] = (),
              budget: float | None = None) -> Analysis:
    """One prepared article (``doc`` parsed already, or None) -> its Analysis; raises
    ``AnalysisError`` for a fault that leaves nothing to return, ``LimitError`` past the budget."""
    from readouts.parse.nlp import parse

    src = _source(article)
    with article_scope(src, budget) as warnings:
        warnings.extend(notes)
        try:
            if doc is None and len(article.text) > SEGMENT_CHARS:
                analysis = _segmented(article, warnings)
            else:
                analysis = _stages(article, doc if doc is not None else parse(article.text))
        except ReadoutsError:
            raise
        except Exception as err:  # a fault that leaves nothing: the article is reported, the batch goes on
            raise AnalysisError(src, describe(err)) from err
        analysis = _with_unique_ids(analysis)
        return replace(analysis, warnings=tuple(warnings))


def _safe(article: Article, doc, notes: tuple[AnalysisWarning, ...] = (),
          budget: float | None = None) -> Analysis | ReadoutsError:
    try:
        return _analysis(article, doc, notes=notes, budget=budget)
    except ReadoutsError as err:
        return err


def analyze_article(article: Article, *, max_chars: int | None = MAX_CHARS) -> Analysis:
    """Analyse one ``Article``. Raises ``InputError`` for an empty text or a bad date,
    ``LimitError`` for a text over ``max_chars``, ``AnalysisError`` for a fault inside readouts."""
    article, notes = prepare(article, max_chars)
    return _analysis(article, notes=notes)


def analyze(text: str, *, published: str | None = None, url: str | None = None,
            title: str | None = None, id: str | None = None, max_chars: int | None = MAX_CHARS) -> Analysis:
    """Statements, actors, contacts, disputes and agreements of one article.

    >>> a = analyze('"We will not back down," the Russian foreign ministry said.')
    >>> a.statements[0].side
    'RU'
    """
    return analyze_article(Article(text=text, id=id, published=published, url=url, title=title),
                           max_chars=max_chars)


def analyze_many(articles: Iterable[Article | InputError], batch_size: int = 16, *,
                 max_chars: int | None = MAX_CHARS, article_timeout: float | None = None
                 ) -> Iterator[Analysis | ReadoutsError]:
    """Analyse articles in input order, parsing in batches.

    Every article stands alone: a bad article (or an ``InputError`` a reader yielded
    in its place) is yielded as its ``InputError`` in that place, one over a limit as a
    ``LimitError``, one that fails inside readouts (spaCy included) as an
    ``AnalysisError``; the rest go on. ``article_timeout`` is each article's time budget
    in seconds once its batch is parsed.
    """
    from readouts.parse.nlp import parse_batch

    good: list[tuple[Article, tuple[AnalysisWarning, ...]]] = []
    slots: list[ReadoutsError | None] = []

    def flush() -> Iterator[Analysis | ReadoutsError]:
        short = [a.text for a, _ in good if len(a.text) <= SEGMENT_CHARS]
        docs = iter(parse_batch(short, batch_size=batch_size))
        for slot in slots:
            if slot is not None:
                yield slot
                continue
            article, notes = good.pop(0)
            doc = next(docs) if len(article.text) <= SEGMENT_CHARS else None
            if isinstance(doc, Exception):  # this text alone failed in spaCy
                yield AnalysisError(_source(article), f"the parser failed: {describe(doc)}")
            else:
                yield _safe(article, doc, notes, article_timeout)
        slots.clear()

    for art in articles:
        if isinstance(art, ReadoutsError):  # a reader reports a bad input in its place
            slots.append(art)
            continue
        try:
            good.append(prepare(art, max_chars))
        except InputError as err:
            slots.append(err)
        else:
            slots.append(None)
        if len(good) >= batch_size:
            yield from flush()
    yield from flush()


def analyze_doc(article: Article, doc) -> Analysis | ReadoutsError:
    """Analyse an article whose text is already parsed (``doc``), so a caller never parses it twice.

    Like ``analyze_many``, returns the error in place of the analysis for a bad article
    (``InputError``) or a fault inside readouts (``AnalysisError``).
    """
    try:
        article, notes = prepare(article, max_chars=None)
    except InputError as err:
        return err
    return _safe(article, doc, notes)


# ---------------------------------------------------------------- long texts

def _segmented(article: Article, warnings: list[AnalysisWarning]) -> Analysis:
    """A long text analysed segment by segment; every record shifted to whole-text offsets."""
    from readouts.parse.nlp import parse, segment_bounds

    text = article.text
    parts: list[tuple[int, Analysis]] = []
    for start, end in segment_bounds(text, SEGMENT_CHARS):
        check_budget()
        piece = replace(article, text=text[start:end])
        before = len(warnings)
        parts.append((start, _stages(piece, parse(piece.text))))
        warnings[before:] = [_shift(w, start, {}) for w in warnings[before:]]
    return _merge(article, parts)


_ORDINAL = re.compile(r"^([a-z])(\d+)$")
_REFS = frozenset({"id", "actor_id", "parent", "statement_id", "statement_ids"})


def _merge(article: Article, parts: list[tuple[int, Analysis]]) -> Analysis:
    """One Analysis of the segments' records: spans shifted, ids renumbered through the text
    (``s1, s2 ...`` go on from segment to segment) so that they stay unique."""
    counters: dict[str, int] = {}
    out: dict[str, list] = {k: [] for k in ("actors", "statements", "contacts", "disputes", "agreements")}
    for n, (offset, part) in enumerate(parts):
        ids: dict[str, str] = {}
        for rid in part.record_ids():
            m = _ORDINAL.match(rid)
            if m:
                counters[m.group(1)] = counters.get(m.group(1), 0) + 1
                ids[rid] = f"{m.group(1)}{counters[m.group(1)]}"
            else:
                ids[rid] = rid if n == 0 else f"{rid}-p{n + 1}"
        for key, items in out.items():
            items.extend(_shift(r, offset, ids) for r in getattr(part, key))
    return Analysis(article, **{k: tuple(v) for k, v in out.items()})


def _shift(value, offset: int, ids: dict[str, str], name: str = ""):
    """``value`` with every Span moved by ``offset`` and every record id renamed by ``ids``."""
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset, value.text)
    if isinstance(value, tuple):
        return tuple(_shift(v, offset, ids, name) for v in value)
    if isinstance(value, str) and name in _REFS:
        return ids.get(value, value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _shift(getattr(value, f.name), offset, ids, f.name) for f in fields(value)})
    return value


# ---------------------------------------------------------------- ids

def _with_unique_ids(analysis: Analysis) -> Analysis:
    """Every record id unique within the article.

    Ids are made unique by construction (ordinals, or hashes of everything that makes a
    record distinct); a dispute or agreement that still repeats an id gets an ordinal
    suffix and a warning, so a bug in an id maker can never cost the article its place
    in the store. Tests assert that the warning never appears.
    """
    seen = {r.id for r in (*analysis.actors, *analysis.statements, *analysis.contacts)}
    changed = {}
    for key in ("disputes", "agreements"):
        records = []
        for r in getattr(analysis, key):
            rid, n = r.id, 1
            while rid in seen:
                n += 1
                rid = f"{r.id}-{n}"
            if rid != r.id:
                warn("ids", f"duplicate record id {r.id!r} renamed {rid!r} (a bug in readouts; please report it)")
                r = replace(r, id=rid)
            seen.add(rid)
            records.append(r)
        changed[key] = tuple(records)
    return replace(analysis, **changed)
