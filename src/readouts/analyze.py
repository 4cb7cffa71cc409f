"""The ``analyze`` API: one article in, one ``Analysis`` out.

Stages, each a pure function over the parsed Doc and the records before it:
actors and statements (``statements``, ``speakers``), contacts (``contacts``),
disputes and agreements (``divergence``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from readouts.errors import AnalysisError, InputError, ReadoutsError
from readouts.records import Actor, Analysis, Article, Statement


def find_actors_and_statements(doc, published: str | None = None
                               ) -> tuple[tuple[Actor, ...], tuple[Statement, ...]]:
    from readouts.attribution.speakers import resolve_speakers
    from readouts.attribution.statements import find_statements

    return resolve_speakers(doc, find_statements(doc), published)


def _check(article: Article) -> None:
    src = article.id or article.url or "<text>"
    if not isinstance(article.text, str) or not article.text.strip():
        raise InputError(src, "the text is empty")
    if article.published is not None:
        from readouts.parse.dates import parse_iso_date

        parse_iso_date(article.published, source=src)


def _analysis(article: Article, doc) -> Analysis:
    try:
        return _stages(article, doc)
    except ReadoutsError:
        raise
    except Exception as err:  # a fault in a rule must not take the batch down with it
        raise AnalysisError(article.id or article.url or "<text>", f"{type(err).__name__}: {err}") from err


def _safe(article: Article, doc) -> Analysis | AnalysisError:
    try:
        return _analysis(article, doc)
    except AnalysisError as err:
        return err


def _stages(article: Article, doc) -> Analysis:
    from readouts.contacts.find import find_contacts
    from readouts.divergence.disputes import find_divergence

    actors, statements = find_actors_and_statements(doc, article.published)
    contacts = tuple(find_contacts(doc, actors, article.published, planned=True))
    disputes, agreements = find_divergence(article.text, statements, tuple(c for c in contacts if not c.planned))
    return Analysis(article, actors, statements, contacts, tuple(disputes), tuple(agreements))


def analyze_article(article: Article) -> Analysis:
    """Analyse one ``Article``. Raises ``InputError`` for an empty text or a bad date."""
    from readouts.parse.nlp import parse

    _check(article)
    return _analysis(article, parse(article.text))


def analyze(text: str, *, published: str | None = None, url: str | None = None,
            title: str | None = None, id: str | None = None) -> Analysis:
    """Statements, actors, contacts, disputes and agreements of one article.

    >>> a = analyze('"We will not back down," the Russian foreign ministry said.')
    >>> a.statements[0].side
    'RU'
    """
    return analyze_article(Article(text=text, id=id, published=published, url=url, title=title))


def analyze_many(articles: Iterable[Article | InputError], batch_size: int = 16
                 ) -> Iterator[Analysis | InputError | AnalysisError]:
    """Analyse articles in input order, parsing in batches.

    A bad article (or an ``InputError`` a reader yielded in its place) is yielded as
    its ``InputError`` in that place, an article that fails inside readouts as an
    ``AnalysisError``; the rest go on.
    """
    from readouts.parse.nlp import parse_many

    good: list[Article] = []
    slots: list[Analysis | InputError | None] = []

    def flush() -> Iterator[Analysis | InputError]:
        docs = iter(parse_many([a.text for a in good], batch_size=batch_size))
        for slot in slots:
            yield slot if slot is not None else _safe(good.pop(0), next(docs))
        slots.clear()

    for art in articles:
        if isinstance(art, InputError):  # a reader reports a bad input in its place
            slots.append(art)
            continue
        try:
            _check(art)
        except InputError as err:
            slots.append(err)
        else:
            good.append(art)
            slots.append(None)
        if len(good) >= batch_size:
            yield from flush()
    yield from flush()


def analyze_doc(article: Article, doc) -> Analysis | InputError | AnalysisError:
    """Analyse an article whose text is already parsed (``doc``), so a caller never parses it twice.

    Like ``analyze_many``, returns the error in place of the analysis for a bad
    article (``InputError``) or a fault inside readouts (``AnalysisError``).
    """
    try:
        _check(article)
    except InputError as err:
        return err
    return _safe(article, doc)
