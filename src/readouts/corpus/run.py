"""``ingest``: read sources, analyse each new article, store it with its events.

Idempotent by content: an article whose text is already stored is skipped
before it is analysed, so re-running an ingest adds nothing twice and an
ingest killed part-way resumes where it stopped. Each article is stored with
its whole analysis and its event merging in one transaction. A bad source or
article is recorded with its reason and the rest go on: a reader that fails
part-way through a source, an article over ``max_chars`` or its time budget, a
fault in spaCy or in a rule (a batch that fails is analysed again article by
article), or a record the store refuses costs that source or article only.
"""
from __future__ import annotations

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
from readouts.store.write import article_exists, store_analysis


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

    def add(self, stored: bool, counts: dict[str, int]) -> None:
        self.stored += stored
        self.skipped += not stored
        self.events_created += counts["events_created"]
        self.reports_merged += counts["reports_merged"]
        self.points_added += counts["points_added"]


def default_comparer():
    """``readouts.compare`` when that module is present, else None (no cross-account points)."""
    try:
        from readouts.divergence.compare import compare
    except ImportError:
        return None
    return compare


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
    tally.add(stored, counts)


def _read(source: str, **kwargs) -> Iterator[tuple[str, Article | InputError]]:
    """``read_source``, where a reader that fails part-way reports the source and ends it."""
    try:
        yield from read_source(source, **kwargs)
    except Exception as err:  # noqa: BLE001 - the other sources go on
        yield source, InputError(source, f"cannot read: {describe(err)}")


def ingest(store: Store, sources: Iterable[str], *, published: str | None = None, timeout: float = 20.0,
           comparer: Callable | None | str = "auto", batch_size: int = 8,
           analyzer: Callable[[list[Article]], list[Analysis | ReadoutsError]] | None = None,
           on_progress: Callable[[Progress], None] | None = None,
           on_warning: Callable[[str], None] | None = None,
           max_chars: int | None = MAX_CHARS, article_timeout: float | None = None) -> IngestResult:
    """Ingest files, folders, JSONL, feeds, WARC files, URL lists and URLs into ``store``.

    Returns the counts and every failure with its reason; raises ``StoreError``
    only when the store itself fails. ``analyzer`` replaces ``analyse_batch``
    (a list of articles in, one ``Analysis`` or ``ReadoutsError`` each out).
    ``max_chars`` and ``article_timeout`` (seconds) bound each article's work;
    an article over either is a failure with its reason.
    """
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
    batch: list[tuple[str, Article]] = []

    def flush() -> None:
        if not batch:
            return
        for (where, _article), result in zip(batch, _analysed(analyzer, batch)):
            if isinstance(result, ReadoutsError):  # a bad input, over a limit, or a fault in its analysis
                tally.failures.append(Failure(where, getattr(result, "problem", str(result))))
                continue
            if on_warning:
                for w in result.warnings:
                    on_warning(f"{where}: warning: {w.message()}")
            _store_one(store, tally, where, result, comparer)
            progress()
        batch.clear()

    for source in files:
        current = source
        for where, item in _read(source, published=published, timeout=timeout, on_warning=on_warning):
            if isinstance(item, InputError):
                tally.failures.append(Failure(where, item.problem))
                continue
            key = article_key(item.text)
            if key in seen or _stored(store, key):
                tally.skipped += 1
                progress()
                continue
            seen.add(key)
            batch.append((where, item))
            if len(batch) >= batch_size:
                flush()
        flush()  # per source, so the counts a progress bar shows are true when a source ends
        done += 1
        progress()
    return IngestResult(tally.stored, tally.skipped, tuple(tally.failures), tally.events_created,
                        tally.reports_merged, tally.points_added, time.monotonic() - start)


def _stored(store: Store, key: str) -> bool:
    try:
        with store.engine.connect() as conn:
            return article_exists(conn, key)
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err


def ingest_analyses(store: Store, analyses: Iterable[Analysis], *, source: str | None = None,
                    comparer: Callable | None = None) -> IngestResult:
    """Store analyses made elsewhere (hand-built, or from ``readouts analyze``), with event merging."""
    tally = _Tally()
    start = time.monotonic()
    for analysis in analyses:
        where = source or analysis.article.id or analysis.article.url or "<analysis>"
        _store_one(store, tally, where, analysis, comparer)
    return IngestResult(tally.stored, tally.skipped, tuple(tally.failures), tally.events_created,
                        tally.reports_merged, tally.points_added, time.monotonic() - start)
