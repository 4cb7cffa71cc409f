"""The corpus store: articles with their analyses, and events merged across articles.

>>> from readouts.store import open_store, ingest, list_events, get_event
>>> store = open_store("readouts.db", create=True)      # or "postgresql://user@host/db"
>>> result = ingest(store, ["news/", "feed.xml", "crawl.warc.gz"])
>>> [e.when for e in list_events(store, sides=("FR", "RU"), since="2022-01")]
>>> get_event(store, event_id).accounts                 # each side's statements

Needs the ``store`` extra (SQLAlchemy; psycopg for PostgreSQL; defusedxml and
warcio for feeds and WARC files). Query results are the records of
``readouts.store.views``, each with ``to_json()``.
"""
from __future__ import annotations

from .db import DEFAULT_DB, Store, article_key, open_store, store_status, upgrade_store
from .export import export, export_rows
from .ingest import Failure, IngestResult, Progress, ingest, ingest_analyses, store_analysis
from .queries import NotFound, get_article, get_event, list_events, pair_history, search

__all__ = [
    "DEFAULT_DB", "Failure", "IngestResult", "NotFound", "Progress", "Store", "article_key", "export",
    "export_rows", "get_article", "get_event", "ingest", "ingest_analyses", "list_events", "open_store",
    "pair_history", "search", "store_analysis", "store_status", "upgrade_store",
]
