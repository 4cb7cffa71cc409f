"""``ingest``: read sources, analyse each new article, store it with its events.

Idempotent by content: an article whose text is already stored is skipped
before it is analysed, so re-running an ingest adds nothing twice and an
ingest killed part-way resumes where it stopped. Each article is stored with
its whole analysis and its event merging in one transaction. A bad source or
article is recorded with its reason and the rest go on.
"""
from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from readouts.errors import AnalysisError, InputError, ReadoutsError, StoreError
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


def analyse_batch(batch: list[Article]) -> list[Analysis | ReadoutsError]:
    """Analyse a batch; an article that fails is its error in its place (``analyze_many``)."""
    from readouts.analyze import analyze_many

    return list(analyze_many(batch, batch_size=len(batch)))


def _store_one(store: Store, tally: _Tally, where: str, analysis: Analysis, comparer) -> None:
    """Store one analysis with event merging and count it; a refused article is a failure."""
    try:
        _, stored, counts = store_analysis(store, analysis, source=where, comparer=comparer)
    except InputError as err:
        tally.failures.append(Failure(where, err.problem))
        return
    tally.add(stored, counts)


def ingest(store: Store, sources: Iterable[str], *, published: str | None = None, timeout: float = 20.0,
           comparer: Callable | None | str = "auto", batch_size: int = 8,
           analyzer: Callable[[list[Article]], list[Analysis | ReadoutsError]] | None = None,
           on_progress: Callable[[Progress], None] | None = None,
           on_warning: Callable[[str], None] | None = None,
           workers: int = 1, dask: str | None = None) -> IngestResult:
    """Ingest files, folders, JSONL, feeds, WARC files, URL lists and URLs into ``store``.

    Returns the counts and every failure with its reason; raises ``StoreError``
    only when the store itself fails. ``analyzer`` replaces ``analyse_batch``
    (a list of articles in, one ``Analysis`` or ``ReadoutsError`` each out).
    ``workers`` > 1 analyses in that many processes, ``dask`` (a scheduler address,
    or ``local``) on a Dask cluster; either way this process reads the sources and
    writes the store, in input order, so the result is the same as with one worker.
    """
    from readouts.corpus.parallel import analyse_stream

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
            for where, item in read_source(source, published=published, timeout=timeout, on_warning=on_warning):
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
    with backend_cm as backend:
        for (kind, where), result in analyse_stream(items(), workers=workers, batch_size=batch_size,
                                                    analyzer=analyzer, backend=backend):
            if kind == "source done":
                done += 1
            elif kind == "skipped":
                tally.skipped += 1
            elif isinstance(result, (InputError, AnalysisError)):  # a bad input, or a fault in its analysis
                tally.failures.append(Failure(where, result.problem))
            else:
                _store_one(store, tally, where, result, comparer)
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
