"""Analysing a stream of articles on several cores (or a Dask cluster), results in input order.

Why a process pool fed in batches rather than spaCy's ``nlp.pipe(n_process=N)``:
``n_process`` parallelises the parse only. Each ``Doc`` is then serialised back to
the parent, which runs every readouts stage (and the per-article guards: time
budget, chunking, fault isolation) alone, so the parent becomes the bottleneck and
an exception inside one child's parse ends the whole ``pipe``. Here each worker
process loads the model once and runs the very function a single process runs
(``analyze_many`` over a batch), so an article that fails in a worker fails there
exactly as it would in one process: it comes back as its ``InputError`` or
``AnalysisError`` in its place, and the rest of its batch is unaffected. Only
small frozen records cross between processes, never ``Doc`` objects.

One process (the caller) reads the input, and consumes the results in input
order: ``readouts analyze`` writes them to stdout, ``ingest`` to the store. A
worker that dies (killed, out of memory, a crash in compiled code) takes only its
batch with it: that batch is retried one article at a time, and the article
that kills a worker again is reported as an ``AnalysisError``.

The stream is *tagged*: items are ``(tag, payload)`` where the payload is an
``Article`` (analysed), an ``InputError`` (passed through as its own result), or
``None`` (a marker the caller wants back in order, e.g. "this source is done").
Every backend yields ``(tag, result)`` in the order the items came.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from readouts.analyze import MAX_CHARS
from readouts.errors import AnalysisError, InputError, ReadoutsError
from readouts.records import Analysis, Article

Result = Analysis | InputError | AnalysisError
Analyzer = Callable[[list[Article]], list[Result]]
Tagged = tuple[Any, Article | InputError | None]

DEFAULT_BATCH = 8
WORKER_LOST = "the worker process analysing it stopped (killed, out of memory or crashed)"


def default_workers() -> int:
    """The cores this process may run on (``os.sched_getaffinity``), else ``os.cpu_count()``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def warm_up() -> None:
    """Load the model (and the lexicons, through one tiny analysis) once in a worker process."""
    from readouts.analyze import analyze_many

    list(analyze_many([Article(text="The minister said the talks went well.", id="warm-up")]))


class Backend(Protocol):
    """Where batches run: a local process pool, or a Dask cluster (``readouts.corpus.dask``)."""

    workers: int

    def submit(self, fn: Analyzer, articles: list[Article]) -> Any: ...  # a future with done()/result()

    def lost_worker(self, err: BaseException) -> bool: ...  # the error means a worker died

    def recover(self) -> None: ...  # make the backend usable again after a lost worker

    def close(self) -> None: ...


def _exit_with(parent: int) -> None:
    """End this worker when its parent is gone (killed, say): it would wait for work forever."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _worker_init(warm: bool) -> None:
    # Ctrl-C is the parent's to handle (it says "interrupted" once); workers end with the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    if warm:
        warm_up()


def _mp_context():
    # spawn, never fork: the parent may hold open database connections and threads, which a
    # forked child would share. A fresh interpreter imports readouts and loads the model once.
    return multiprocessing.get_context("spawn")


class ProcessBackend:
    """A ``ProcessPoolExecutor`` of ``workers`` processes, each loading the model once
    (``warm``: as it starts, so the first batches do not wait on it one after another)."""

    def __init__(self, workers: int, *, warm: bool = True) -> None:
        self.workers, self.warm = workers, warm
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_mp_context(), initializer=_worker_init,
                                             initargs=(self.warm,))
        return self._pool

    def submit(self, fn: Analyzer, articles: list[Article]) -> Future:
        return self._executor().submit(fn, articles)

    def lost_worker(self, err: BaseException) -> bool:
        return isinstance(err, BrokenProcessPool)

    def recover(self) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class _Batch:
    """Items in input order, the articles among them, and the future of their analysis."""

    __slots__ = ("articles", "future", "items")

    def __init__(self, items: list[Tagged]) -> None:
        self.items = items
        self.articles = [p for _, p in items if isinstance(p, Article)]
        self.future: Any = None


def _merge(batch: _Batch, results: list[Result]) -> Iterator[tuple[Any, Any]]:
    if len(results) != len(batch.articles):
        raise ReadoutsError(f"the analyzer returned {len(results)} results for {len(batch.articles)} articles")
    found = iter(results)
    for tag, payload in batch.items:
        yield tag, (next(found) if isinstance(payload, Article) else payload)


def _in_process(items: Iterable[Tagged], analyzer: Analyzer, batch_size: int) -> Iterator[tuple[Any, Any]]:
    pending: list[Tagged] = []
    count = 0
    for item in items:
        pending.append(item)
        count += isinstance(item[1], Article)
        if count >= batch_size:
            batch = _Batch(pending)
            yield from _merge(batch, analyzer(batch.articles))
            pending, count = [], 0
    batch = _Batch(pending)
    yield from _merge(batch, analyzer(batch.articles) if batch.articles else [])


class _Ordered:
    """Batches submitted to a backend, at most ``max_pending`` at once, collected in order."""

    def __init__(self, backend: Backend, analyzer: Analyzer, max_pending: int) -> None:
        self.backend, self.analyzer, self.max_pending = backend, analyzer, max_pending
        self.pending: deque[_Batch] = deque()

    def add(self, items: list[Tagged]) -> Iterator[tuple[Any, Any]]:
        batch = _Batch(items)
        if batch.articles:
            batch.future = self.backend.submit(self.analyzer, batch.articles)
        self.pending.append(batch)
        # Hand back what is ready (the caller writes it while the workers go on), and wait
        # for the oldest batch only when too many are in flight.
        while self.pending and (len(self.pending) > self.max_pending or self._ready(self.pending[0])):
            yield from self._collect(self.pending.popleft())

    def drain(self) -> Iterator[tuple[Any, Any]]:
        while self.pending:
            yield from self._collect(self.pending.popleft())

    @staticmethod
    def _ready(batch: _Batch) -> bool:
        return batch.future is None or batch.future.done()

    def _collect(self, batch: _Batch) -> Iterator[tuple[Any, Any]]:
        if batch.future is None:
            yield from _merge(batch, [])
            return
        try:
            results = batch.future.result()
        except Exception as err:
            if not self.backend.lost_worker(err):
                raise
            results = self._one_by_one(batch)
        yield from _merge(batch, results)

    def _one_by_one(self, batch: _Batch) -> list[Result]:
        """After a lost worker: retry each article alone; the one that is lost again fails."""
        self.backend.recover()
        results: list[Result] = []
        for article in batch.articles:
            try:
                results.extend(self.backend.submit(self.analyzer, [article]).result())
            except Exception as err:
                if not self.backend.lost_worker(err):
                    raise
                self.backend.recover()
                results.append(AnalysisError(article.id or article.url or "<text>", WORKER_LOST))
        # Batches submitted before the loss went down with the old pool: submit them again.
        for later in self.pending:
            if later.future is not None and not (later.future.done() and later.future.exception() is None):
                later.future = self.backend.submit(self.analyzer, later.articles)
        return results


def analyse_stream(items: Iterable[Tagged], *, workers: int = 1, batch_size: int = DEFAULT_BATCH,
                   analyzer: Analyzer | None = None, backend: Backend | None = None,
                   max_pending: int | None = None, warm: bool | None = None) -> Iterator[tuple[Any, Any]]:
    """Analyse the articles among ``items``; yield ``(tag, result)`` for every item, in order.

    ``workers <= 1`` (and no ``backend``) analyses in this process and starts no pool.
    Otherwise batches of ``batch_size`` articles go to ``backend`` (default: a pool of
    ``workers`` processes, started only once the input holds more than two batches, so a
    short input is not worth its start-up). ``analyzer`` (default ``readouts.corpus.run.analyse_batch``) must be
    a module-level function (or a ``functools.partial`` of one) when it runs in other processes.
    ``warm`` (default: when ``analyzer`` is the default) loads the model as each worker starts.
    """
    from readouts.corpus.run import analyse_batch

    warm = analyzer is None if warm is None else warm
    analyzer = analyzer or analyse_batch
    batch_size = max(1, batch_size)
    items = iter(items)
    if backend is None:
        if workers <= 1:
            yield from _in_process(items, analyzer, batch_size)
            return
        head, count = [], 0
        for item in items:
            head.append(item)
            count += isinstance(item[1], Article)
            if count > 2 * batch_size:
                break
        else:  # the whole input is short: not worth starting processes
            yield from _in_process(head, analyzer, batch_size)
            return
        backend = ProcessBackend(workers, warm=warm)
        items = _chain(head, items)
    else:
        workers = backend.workers
    try:
        yield from _run(items, backend, analyzer, batch_size, max_pending or 2 * workers + 1)
    finally:
        backend.close()


def _chain(head: list[Tagged], rest: Iterator[Tagged]) -> Iterator[Tagged]:
    yield from head
    yield from rest


def _run(items: Iterator[Tagged], backend: Backend, analyzer: Analyzer, batch_size: int,
         max_pending: int) -> Iterator[tuple[Any, Any]]:
    ordered = _Ordered(backend, analyzer, max_pending)
    pending: list[Tagged] = []
    count = 0
    for item in items:
        pending.append(item)
        count += isinstance(item[1], Article)
        if count >= batch_size:
            yield from ordered.add(pending)
            pending, count = [], 0
    if pending:
        yield from ordered.add(pending)
    yield from ordered.drain()


def analyze_parallel(articles: Iterable[Article | InputError], *, workers: int | None = None,
                     batch_size: int = DEFAULT_BATCH, max_chars: int | None = MAX_CHARS,
                     article_timeout: float | None = None) -> Iterator[Result]:
    """``analyze_many`` on ``workers`` processes (default: every core): the same results, in order."""
    from readouts.corpus.run import analyse_batch

    workers = default_workers() if workers is None else workers
    analyzer = functools.partial(analyse_batch, max_chars=max_chars, article_timeout=article_timeout)
    for _, result in analyse_stream(((None, a) for a in articles), workers=workers, batch_size=batch_size,
                                    analyzer=analyzer, warm=True):
        yield result
