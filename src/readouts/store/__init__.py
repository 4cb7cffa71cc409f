"""The corpus store: articles with their analyses, and events merged across articles.

>>> from readouts.store import open_store, store_analysis, list_events, get_event
>>> store = open_store("readouts.db", create=True)      # or "postgresql://user@host/db"
>>> store_analysis(store, readouts.analyze(text))        # readouts.corpus.ingest reads, analyses and stores
>>> [e.when for e in list_events(store, sides=("FR", "RU"), since="2022-01")]
>>> get_event(store, event_id).accounts                 # each side's statements
>>> browse_events(store, sides=("US", "RU"), year=2014, sort="-reports").facets
>>> get_person(store, find_person(store, "Putin")).by_event        # everything he said, by event
>>> browse_sides(store, sort="-events").items, browse_outlets(store, sort="-articles").items
>>> search(store, "Obama Putin").statements

Writing: ``write_batch`` stores many analyses in one transaction (the ingest's
writer calls it), ``store_analysis`` one; both take a ``comparer`` for the
accounts of each event (``readouts.store.points``: stored points in, pairs out).
``reanalyze`` runs an analysis passed in over stored articles; ``refresh``
rebuilds the derived tables. Every function's signature is in its docstring.

Needs the ``store`` extra (SQLAlchemy; psycopg for PostgreSQL; defusedxml and
warcio for feeds and WARC files). Query results are the records of
``readouts.store.views``, each with ``to_json()``.
"""
from __future__ import annotations

import importlib.util

__all__ = [
    "DEFAULT_DB", "MAX_LIMIT", "BatchResult", "NotFound", "Page", "PointComparer", "ReanalyzeResult", "Store",
    "StoredPoint", "article_counts", "article_key", "browse_articles", "browse_events", "browse_outlets",
    "browse_people", "browse_sides", "event_outlets", "export", "export_rows", "find_person", "get_article",
    "get_event", "get_person", "get_person_named", "list_events", "list_outlets", "list_sides", "open_store",
    "outlet_of", "pair_history", "query_words", "reanalyze", "refresh", "search", "snapshot", "store_analysis",
    "store_status", "upgrade_store", "write_batch",
]

if importlib.util.find_spec("sqlalchemy") is not None:
    from readouts.store.browse import (
        MAX_LIMIT,
        article_counts,
        browse_articles,
        browse_events,
        browse_outlets,
        browse_people,
        browse_sides,
        event_outlets,
        find_person,
        get_person,
        get_person_named,
        list_outlets,
        list_sides,
    )
    from readouts.store.db import DEFAULT_DB, Store, article_key, open_store, store_status, upgrade_store
    from readouts.store.derive import outlet_of
    from readouts.store.export import export, export_rows, snapshot
    from readouts.store.maintain import ReanalyzeResult, reanalyze, refresh
    from readouts.store.points import PointComparer, StoredPoint
    from readouts.store.queries import NotFound, get_article, get_event, list_events, pair_history
    from readouts.store.search import query_words, search
    from readouts.store.views import Page
    from readouts.store.write import BatchResult, store_analysis, write_batch
else:
    # Without the store extra the commands are still listed; using one says what to install.
    def __getattr__(name: str):
        if name not in __all__:
            raise AttributeError(f"module 'readouts.store' has no attribute {name!r}")
        from readouts.errors import StoreError

        raise StoreError("the store needs its extra (sqlalchemy is missing): pip install 'readouts[store]'")
