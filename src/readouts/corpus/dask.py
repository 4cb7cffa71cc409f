"""Analysing on a Dask cluster: ``readouts ingest SOURCES --dask tcp://host:8786`` (or ``--dask local``).

The client (this process) reads the sources, skips articles already stored,
sends batches of articles to the cluster's workers, and writes the analyses to
the store itself, in input order: the workers never touch the store, so SQLite
works as well as PostgreSQL, and the result is the same as a local ingest's.
Each worker process loads the spaCy model once, with its first batch (the
model is a cached global, ``readouts.parse.nlp.load_nlp``), and keeps it for
every batch after. A worker that dies mid-batch is handled by Dask
(the batch runs again on another worker); an ingest that dies is rerun: stored
articles are keyed by the hash of their text and skipped, so nothing is stored
twice. Every worker must run the same readouts version as the client: this is
checked before any work is sent.

Dask is optional: ``pip install 'readouts[dask]'``.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

from readouts.errors import InputError

INSTALL = "needs the dask extra: pip install 'readouts[dask]'"
CONNECT_TIMEOUT = 30  # seconds to reach the scheduler
WORKERS_TIMEOUT = 120  # seconds to wait for the first worker to join


_ONE_AT_A_TIME = threading.Lock()


def run_batch(fn, articles):
    """Run ``fn(articles)`` on a worker, one batch at a time per process: a worker started with
    several threads shares one model between them, and threads would only contend for the GIL."""
    with _ONE_AT_A_TIME:
        return fn(articles)


def worker_version() -> str:
    import readouts

    return readouts.__version__


class DaskBackend:
    """Batches as Dask tasks (``client.submit``); results are plain records, pickled back."""

    def __init__(self, client, workers: int) -> None:
        self.client, self.workers = client, max(1, workers)

    def submit(self, fn, articles):
        return self.client.submit(run_batch, fn, articles, pure=False)

    def lost_worker(self, err: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(err, KilledWorker)  # the batch killed every worker it was tried on

    def recover(self) -> None:
        """Nothing to do: the scheduler replaces lost workers' tasks itself."""

    def close(self) -> None:
        """The client and cluster are closed by ``dask_backend``."""


def _client(address: str, workers: int, stack: contextlib.ExitStack):
    import distributed

    if address == "local":
        cluster = stack.enter_context(distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=":0", silence_logs=logging.ERROR))
        return stack.enter_context(distributed.Client(cluster))
    try:
        return stack.enter_context(distributed.Client(address, timeout=CONNECT_TIMEOUT))
    except (OSError, TimeoutError, ValueError) as err:
        raise InputError("--dask", f"cannot reach the Dask scheduler at {address}: {err}") from err


def _check_workers(client, address: str) -> int:
    """The number of worker processes, once they run this readouts version."""
    from readouts import __version__

    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError as err:
        raise InputError("--dask", f"no worker joined the scheduler at {address} "
                         f"in {WORKERS_TIMEOUT} s") from err
    try:
        versions = client.run(worker_version)
    except Exception as err:
        raise InputError("--dask", f"a worker cannot run readouts ({type(err).__name__}: {err}): "
                         f"install readouts[dask] {__version__} on every worker") from err
    for worker, version in sorted(versions.items()):
        if version != __version__:
            raise InputError("--dask", f"worker {worker} runs readouts {version}, this client {__version__}: "
                             "install the same version on every worker")
    return len(versions)


@contextlib.contextmanager
def dask_backend(address: str, *, workers: int = 2) -> Iterator[DaskBackend]:
    """A ``DaskBackend`` on the scheduler at ``address``, or on a LocalCluster of ``workers``
    processes when ``address`` is ``local``; the client (and cluster) close on exit."""
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise InputError("--dask", INSTALL) from err
    with contextlib.ExitStack() as stack:
        client = _client(address, max(1, workers), stack)
        n = _check_workers(client, address)
        yield DaskBackend(client, n)
