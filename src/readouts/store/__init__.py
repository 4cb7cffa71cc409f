"""The corpus store: articles with their analyses, and events merged across articles.

>>> from readouts.store import open_store, store_analysis, list_events, get_event
>>> store = open_store("readouts.db", create=True)      # or "postgresql://user@host/db"
>>> store_analysis(store, readouts.analyze(text))        # readouts.corpus.ingest reads, analyses and stores
>>> [e.when for e in list_events(store, sides=("FR", "RU"), since="2022-01")]
>>> get_event(store, event_id).accounts                 # each side's statements

Needs the ``store`` extra (SQLAlchemy; psycopg for PostgreSQL; defusedxml and
warcio for feeds and WARC files). Query results are the records of
``readouts.store.views``, each with ``to_json()``.
"""
from __future__ import annotations

import importlib.util

__all__ = [
    "DEFAULT_DB",
    "EventFilters",
    "Listing",
    "NotFound",
    "Store",
    "article_key",
    "desk_search",
    "export",
    "export_rows",
    "get_article",
    "get_event",
    "get_person",
    "get_side",
    "list_articles",
    "list_events",
    "list_events_page",
    "list_outlets",
    "list_people",
    "list_sides",
    "open_store",
    "outlet_of",
    "pair_history",
    "search",
    "search_terms",
    "store_analysis",
    "store_status",
    "upgrade_store",
]

if importlib.util.find_spec("sqlalchemy") is not None:
    from readouts.store.db import DEFAULT_DB, Store, article_key, open_store, store_status, upgrade_store
    from readouts.store.desk import (
        EventFilters,
        Listing,
        desk_search,
        get_person,
        get_side,
        list_articles,
        list_events_page,
        list_outlets,
        list_people,
        list_sides,
        outlet_of,
        search_terms,
    )
    from readouts.store.export import export, export_rows
    from readouts.store.queries import NotFound, get_article, get_event, list_events, pair_history, search
    from readouts.store.write import store_analysis
else:
    # Without the store extra the commands are still listed; using one says what to install.
    def __getattr__(name: str):
        if name not in __all__:
            raise AttributeError(f"module 'readouts.store' has no attribute {name!r}")
        from readouts.errors import StoreError

        raise StoreError("the store needs its extra (sqlalchemy is missing): pip install 'readouts[store]'")
