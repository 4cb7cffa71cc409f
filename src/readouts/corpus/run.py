"""``ingest``: read sources, analyse each new article, store it with its events.

Idempotent by content: an article whose text is already stored is skipped
before it is analysed, so re-running an ingest adds nothing twice and an
ingest killed part-way resumes where it stopped. Each article is stored with
its whole analysis and its event merging, ``batch_size`` articles to a
transaction (``readouts.store.write_batch``), in input order. A bad source or
article is recorded with its reason and the rest go on: a reader that fails
part-way through a source, an article over ``max_chars`` or its time budget, a
fault in spaCy or in a rule (a batch that fails is analysed again article by
article), or a record the store refuses costs that source or article only.
"""
from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa

from readouts.analyze import MAX_CHARS
from readouts.errors import AnalysisError, InputError, ReadoutsError, StoreError
from readouts.faults import describe
from readouts.read.sources import expand_sources, read_source
from readouts.records import Analysis, Article
from readouts.store.db import Store, article_key
from readouts.store.write import article_exists, store_analysis, write_batch


@dataclass(frozen=True, slots=True)
class Failure:
    """A source or article that was not stored, and why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Progress:
    """Counts so far, for a progress bar or log line."""

    sources_done: int
    sources_total: int
    stored: int
    skipped: int
    failed: int
    elapsed: float
    current: str = ""

    @property
    def rate(self) -> float:
        """Articles handled (stored or skipped) per second."""
        return (self.stored + self.skipped) / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True, slots=True)
class IngestResult:
    stored: int
    skipped: int
    failures: tuple[Failure, ...]
    events_created: int
    reports_merged: int
    points_added: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict:
        return {"stored": self.stored, "skipped": self.skipped, "failed": len(self.failures),
                "events_created": self.events_created, "reports_merged": self.reports_merged,
                "points_added": self.points_added, "seconds": round(self.seconds, 2),
                "failures": [{"source": f.source, "reason": f.reason} for f in self.failures]}


@dataclass(slots=True)
class _Tally:
    stored: int = 0
    skipped: int = 0
    events_created: int = 0
    reports_merged: int = 0
    points_added: int = 0
    failures: list[Failure] = field(default_factory=list)

    def add(self, stored: bool, events_created: int = 0, reports_merged: int = 0, points_added: int = 0) -> None:
        self.stored += stored
        self.skipped += not stored
        self.events_created += events_created
        self.reports_merged += reports_merged
        self.points_added += points_added


def default_comparer():
    """The comparer of events' accounts over stored statements (``readouts.corpus.points``)."""
    from readouts.corpus.points import compare_points

    return compare_points


def analyse_batch(batch: list[Article], *, max_chars: int | None = MAX_CHARS,
                  article_timeout: float | None = None) -> list[Analysis | ReadoutsError]:
    """Analyse a batch; an article that fails is its error in its place (``analyze_many``)."""
    from readouts.analyze import analyze_many

    return list(analyze_many(batch, batch_size=max(1, len(batch)), max_chars=max_chars,
                             article_timeout=article_timeout))


def _analysed(analyzer, batch: list[tuple[str, Article]]) -> list[Analysis | ReadoutsError]:
    """One result per article; when the analyzer fails on the whole batch, each article is
    analysed alone so that only the one at fault is lost."""
    try:
        results = list(analyzer([a for _, a in batch]))
        if len(results) == len(batch):
            return results
    except StoreError:
        raise
    except Exception:  # noqa: BLE001, S110 - retried article by article below
        pass
    out: list[Analysis | ReadoutsError] = []
    for where, article in batch:
        try:
            out.extend(analyzer([article])[:1] or [AnalysisError(where, "the analyzer returned nothing")])
        except ReadoutsError as err:
            out.append(err)
        except Exception as err:  # noqa: BLE001 - this article is reported, the rest go on
            out.append(AnalysisError(where, describe(err)))
    return out


def isolated(analyzer, articles: list[Article]) -> list[Analysis | ReadoutsError]:
    """``analyzer(articles)``, article by article when the batch fails (``_analysed``); a
    module-level function, so that it runs in worker processes too."""
    return _analysed(analyzer, [(a.id or a.url or "<text>", a) for a in articles])


def _store_one(store: Store, tally: _Tally, where: str, analysis: Analysis, comparer) -> None:
    """Store one analysis with event merging and count it; a refused article is a failure."""
    try:
        _, stored, counts = store_analysis(store, analysis, source=where, comparer=comparer)
    except InputError as err:
        tally.failures.append(Failure(where, err.problem))
        return
    except StoreError:
        raise
    except Exception as err:  # noqa: BLE001 - a fault in writing one article costs that article only
        tally.failures.append(Failure(where, f"cannot store: {describe(err)} (please report this)"))
        return
    tally.add(stored, **counts)


def _store_batch(store: Store, tally: _Tally, batch: list[tuple[str, Analysis]], comparer) -> None:
    """Store analyses in one transaction (``write_batch``) and count them, in order.

    An article the database refuses is a failure with its reason and the rest are stored
    (``write_batch`` retries a refused batch article by article); any other fault while
    writing the batch sends it through ``_store_one``, article by article, so that only the
    article at fault is lost.
    """
    if not batch:
        return
    try:
        result = write_batch(store, [(a, where) for where, a in batch], comparer=comparer)
    except StoreError:
        raise
    except Exception:  # noqa: BLE001 - retried article by article below
        for where, analysis in batch:
            _store_one(store, tally, where, analysis, comparer)
        return
    for (where, _), written in zip(batch, result.articles):
        if written.error is not None:
            tally.failures.append(Failure(where, written.error.problem))
        else:
            tally.add(written.stored, written.events_created, written.reports_merged)
    tally.points_added += result.points_added


def _read(source: str, **kwargs) -> Iterator[tuple[str, Article | InputError]]:
    """``read_source``, where a reader that fails part-way reports the source and ends it."""
    try:
        yield from read_source(source, **kwargs)
    except Exception as err:  # noqa: BLE001 - the other sources go on
        yield source, InputError(source, f"cannot read: {describe(err)}")


def ingest(store: Store, sources: Iterable[str], *, published: str | None = None, timeout: float = 20.0,
           allow_private: bool = False, comparer: Callable | None | str = "auto", batch_size: int = 8,
           analyzer: Callable[[list[Article]], list[Analysis | ReadoutsError]] | None = None,
           on_progress: Callable[[Progress], None] | None = None,
           on_warning: Callable[[str], None] | None = None,
           max_chars: int | None = MAX_CHARS, article_timeout: float | None = None,
           workers: int = 1, dask: str | None = None) -> IngestResult:
    """Ingest files, folders, JSONL, feeds, WARC files, URL lists and URLs into ``store``.

    ``timeout`` and ``allow_private`` apply to every URL fetched (``readouts.read.fetch``).
    Returns the counts and every failure with its reason; raises ``StoreError``
    only when the store itself fails. ``analyzer`` replaces ``analyse_batch``
    (a list of articles in, one ``Analysis`` or ``ReadoutsError`` each out).
    ``max_chars`` and ``article_timeout`` (seconds) bound each article's work;
    an article over either is a failure with its reason. ``workers`` > 1 analyses in
    that many processes, ``dask`` (a scheduler address, or ``local``) on a Dask cluster;
    either way this process reads the sources and writes the store, in input order, so
    the result is the same as with one worker.
    """
    from readouts.corpus.parallel import analyse_stream

    analyzer_is_default = analyzer is None
    analyzer = analyzer or functools.partial(analyse_batch, max_chars=max_chars, article_timeout=article_timeout)
    if comparer == "auto":
        comparer = default_comparer()
    files = expand_sources(sources)
    tally = _Tally()
    start = time.monotonic()
    done = 0
    current = ""

    def progress() -> None:
        if on_progress:
            on_progress(Progress(done, len(files), tally.stored, tally.skipped, len(tally.failures),
                                 time.monotonic() - start, current))

    seen: set[str] = set()

    def items():
        """Every article to analyse, and what else happened, tagged, in input order."""
        nonlocal current
        for source in files:
            current = source
            for where, item in _read(source, published=published, timeout=timeout, allow_private=allow_private,
                                     on_warning=on_warning):
                if isinstance(item, InputError):
                    yield ("failed", where), item
                    continue
                key = article_key(item.text)
                if key in seen or _stored(store, key):
                    yield ("skipped", where), None
                    continue
                seen.add(key)
                yield ("article", where), item
            yield ("source done", source), None  # back in order: counts are true when a source ends

    if dask:
        from readouts.corpus.dask import dask_backend

        backend_cm = dask_backend(dask, workers=workers)
    else:
        backend_cm = contextlib.nullcontext()
    pending: list[tuple[str, Analysis]] = []  # analysed, not yet written: at most one batch

    def flush() -> None:
        _store_batch(store, tally, pending, comparer)
        pending.clear()

    with backend_cm as backend:
        # The analyzer runs where the articles are analysed (a worker, maybe), with its fallback.
        for (kind, where), result in analyse_stream(items(), workers=workers, batch_size=batch_size,
                                                    analyzer=functools.partial(isolated, analyzer),
                                                    backend=backend, warm=analyzer_is_default):
            if kind == "source done":
                flush()  # a source's articles are in the store when it counts as done
                done += 1
            elif kind == "skipped":
                tally.skipped += 1
            elif isinstance(result, ReadoutsError):  # a bad input, over a limit, or a fault in its analysis
                tally.failures.append(Failure(where, getattr(result, "problem", str(result))))
            else:
                if on_warning:
                    for w in result.warnings:
                        on_warning(f"{where}: warning: {w.message()}")
                pending.append((where, result))
                if len(pending) >= batch_size:
                    flush()
            progress()
        flush()
    return IngestResult(tally.stored, tally.skipped, tuple(tally.failures), tally.events_created,
                        tally.reports_merged, tally.points_added, time.monotonic() - start)


def _stored(store: Store, key: str) -> bool:
    try:
        with store.engine.connect() as conn:
            return article_exists(conn, key)
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err


def ingest_analyses(store: Store, analyses: Iterable[Analysis], *, source: str | None = None,
                    comparer: Callable | None = None, batch_size: int = 32) -> IngestResult:
    """Store analyses made elsewhere (hand-built, or from ``readouts analyze``), with event merging,
    ``batch_size`` to a transaction."""
    tally = _Tally()
    start = time.monotonic()
    batch: list[tuple[str, Analysis]] = []
    for analysis in analyses:
        batch.append((source or analysis.article.id or analysis.article.url or "<analysis>", analysis))
        if len(batch) >= max(1, batch_size):
            _store_batch(store, tally, batch, comparer)
            batch = []
    _store_batch(store, tally, batch, comparer)
    return IngestResult(tally.stored, tally.skipped, tuple(tally.failures), tally.events_created,
                        tally.reports_merged, tally.points_added, time.monotonic() - start)
