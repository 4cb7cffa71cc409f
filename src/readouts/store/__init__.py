"""The corpus store: articles with their analyses, and events merged across articles.

>>> from readouts.store import open_store, ingest, list_events
>>> store = open_store("readouts.db", create=True)
>>> result = ingest(store, ["news/"])
>>> [e.when for e in list_events(store, sides=("FR", "RU"))]

Needs the ``store`` extra (SQLAlchemy; psycopg for PostgreSQL).
"""
from __future__ import annotations

from .db import DEFAULT_DB, Store, article_key, open_store, upgrade_store
from .ingest import Failure, IngestResult, Progress, ingest, ingest_analyses, store_analysis

__all__ = [
    "DEFAULT_DB", "Failure", "IngestResult", "Progress", "Store", "article_key", "ingest", "ingest_analyses",
    "open_store", "store_analysis", "upgrade_store",
]
