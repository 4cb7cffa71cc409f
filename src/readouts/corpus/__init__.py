"""The corpus path: read sources -> analyse -> store, with per-article isolation.

>>> from readouts.corpus import ingest
>>> from readouts.store import open_store
>>> result = ingest(open_store("readouts.db", create=True), ["news/", "feed.xml"])
"""
from __future__ import annotations

__all__ = ["Failure", "IngestResult", "Progress", "ingest", "ingest_analyses"]


def __getattr__(name: str):
    # Lazy, so ``import readouts.corpus`` needs no store extra until something is used.
    if name in __all__:
        from readouts.corpus import run as _run

        return getattr(_run, name)
    raise AttributeError(f"module 'readouts.corpus' has no attribute {name!r}")
