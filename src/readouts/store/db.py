"""Opening a store: a SQLite file or a PostgreSQL database, through one schema.

``--db`` takes a path (``readouts.db``, a SQLite file), a ``sqlite:///`` URL
or a ``postgresql://`` URL (driven by psycopg 3). Passwords never appear in
messages. A store opened read-only (``serve``) cannot write: SQLite opens the
file with ``mode=ro``, PostgreSQL sessions default to read-only transactions.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Self

from readouts.errors import StoreError

DEFAULT_DB = "readouts.db"


def _sa():
    try:
        import sqlalchemy
    except ImportError as err:
        raise StoreError("the store needs its extra (sqlalchemy is missing): pip install 'readouts[store]'") from err
    return sqlalchemy


def article_key(text: str) -> str:
    """The content-hash id of an article: the same text always gets the same id."""
    return "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def record_key(article_id: str, local_id: str) -> str:
    """A record's id across the store: its id inside the article, prefixed by the article's."""
    return f"{article_id}:{local_id}"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql:", "postgresql+", "postgres:"))


def engine_url(db: str, *, read_only: bool = False) -> str:
    """The SQLAlchemy URL for a ``--db`` value."""
    if is_postgres(db):
        rest = db.split("://", 1)[1]
        return "postgresql+psycopg://" + rest
    path = db.removeprefix("sqlite:///")
    if "://" in path:
        raise StoreError(f"{db}: not a SQLite path or a postgresql:// URL")
    if read_only:
        return f"sqlite:///file:{os.path.abspath(path)}?mode=ro&uri=true"
    return f"sqlite:///{path}"


def display_url(db: str) -> str:
    """The ``--db`` value with any password hidden, for messages."""
    if is_postgres(db):
        sa = _sa()
        try:
            return sa.engine.make_url(engine_url(db)).set(drivername="postgresql").render_as_string(
                hide_password=True)
        except sa.exc.ArgumentError:
            return "postgresql://..."
    return db


@dataclass(slots=True)
class Store:
    """An open store: the engine, the ``--db`` value it came from, and whether it may write."""

    engine: object
    db: str
    read_only: bool = False

    @property
    def name(self) -> str:
        return display_url(self.db)

    def counts(self) -> dict[str, int]:
        """Rows per table, for reports and tests."""
        sa = _sa()
        from readouts.store import schema

        with self.engine.connect() as conn:
            return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for t in schema.DATA_TABLES}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the web app read while an ingest writes; the timeout waits out a writer's lock.
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.execute("PRAGMA foreign_keys = ON")
    # 64 MiB of page cache (SQLite's default is 2 MiB): a store of ten thousand articles is
    # a few hundred MiB, and its indexes would otherwise be read back from the OS on each write.
    cur.execute("PRAGMA cache_size = -65536")
    cur.close()


def _set_wal(dbapi_conn, wait: float = 10.0) -> None:
    """``PRAGMA journal_mode = WAL``, waiting while another process holds the file: switching a new
    database to WAL needs it alone, and SQLite answers "database is locked" at once rather than
    through the busy timeout when two processes open one new store together."""
    import sqlite3
    import time

    deadline = time.monotonic() + wait
    while True:
        try:
            dbapi_conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_writer(dbapi_conn, _record) -> None:
    # The driver's own transaction handling is off, so every transaction starts with BEGIN
    # IMMEDIATE (see the "begin" listener): two ingests then queue for the write lock instead of
    # both reading, then one failing to upgrade its lock with "database is locked".
    dbapi_conn.isolation_level = None
    _set_wal(dbapi_conn)
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits, which
    # the next ingest simply stores again.
    dbapi_conn.execute("PRAGMA synchronous = NORMAL")


def make_engine(db: str, *, read_only: bool = False):
    """The SQLAlchemy engine for a ``--db`` value, with the store's connection settings."""
    sa = _sa()
    shown = display_url(db)
    # Names stay readable in JSON columns, so searching "Sébastien" finds them.
    kwargs: dict = {"json_serializer": lambda obj: json.dumps(obj, ensure_ascii=False)}
    if is_postgres(db):
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            raise StoreError(f"{shown}: PostgreSQL needs psycopg: pip install 'readouts[store]'") from err
        if read_only:
            kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
        kwargs["pool_pre_ping"] = True
    try:
        engine = sa.create_engine(engine_url(db, read_only=read_only), **kwargs)
    except (sa.exc.ArgumentError, ImportError) as err:
        raise StoreError(f"{shown}: cannot use this database URL: {err}") from err
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        if not read_only:
            sa.event.listen(engine, "connect", _sqlite_writer)
            sa.event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _check_path(db: str, create: bool) -> None:
    if is_postgres(db):
        return
    shown = display_url(db)
    path = db.removeprefix("sqlite:///")
    if not create and not os.path.exists(path):
        raise StoreError(f"{shown}: no such database (ingest something first: readouts ingest FILE --db {db})")
    if create and os.path.dirname(path) and not os.path.isdir(os.path.dirname(path)):
        raise StoreError(f"{shown}: the folder does not exist")


def open_store(db: str = DEFAULT_DB, *, read_only: bool = False, create: bool = False) -> Store:
    """Open the store at ``db``: ``open_store(db, read_only=False, create=False) -> Store``.

    ``create`` makes a missing SQLite file and brings an empty database to the
    latest schema (what ``ingest`` wants; two processes doing it at once is safe);
    otherwise a database that is missing or behind the code's schema is a
    ``StoreError`` naming ``readouts db upgrade``.
    """
    sa = _sa()
    from readouts.store import migrations

    shown = display_url(db)
    _check_path(db, create)
    engine = make_engine(db, read_only=read_only)
    try:
        version = migrations.current_version(engine)
        legacy = version == 0 and migrations.is_legacy(engine)
        if version == 0 and not legacy and create and not read_only:
            migrations.upgrade(engine)  # under the migration lock: a second process finds it done
        elif version < migrations.LATEST:
            engine.dispose()
            what = ("has the schema of an older readouts" if legacy else "is empty" if version == 0
                    else f"is at schema version {version} of {migrations.LATEST}")
            raise StoreError(f"{shown}: the database {what}: run readouts db upgrade --db {db}")
    except sa.exc.SQLAlchemyError as err:
        engine.dispose()
        raise StoreError(f"{shown}: cannot open the database: {_first_line(err)}") from err
    return Store(engine, db, read_only)


def upgrade_store(db: str = DEFAULT_DB, *, comparer=None) -> tuple[int, int]:
    """Bring the database at ``db`` (created if missing) to the latest schema: (from, to).

    ``upgrade_store(db, comparer=None) -> (from version, to version)``. When a
    revision changed what the store derives from its records (events, people, the
    search index), they are rebuilt from the stored records; ``comparer`` then
    compares the events' accounts again (``readouts.store.points``).
    """
    sa = _sa()
    from readouts.store import maintain, migrations

    shown = display_url(db)
    _check_path(db, create=True)
    try:
        engine = make_engine(db)
        try:
            before = migrations.current_version(engine)
            ran = migrations.upgrade(engine)
            after = migrations.current_version(engine)
        finally:
            engine.dispose()
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{shown}: cannot upgrade the database: {_first_line(err)}") from err
    if ran and any(r in maintain.REBUILD_AFTER for r in ran):
        with open_store(db) as store:
            maintain.refresh(store, comparer=comparer)
    return before, after


def store_status(db: str = DEFAULT_DB) -> tuple[int, dict[str, int] | None]:
    """(schema version, rows per table) of the database at ``db``; no counts when it is behind."""
    from readouts.store import migrations

    try:
        store = open_store(db, read_only=True)
    except StoreError:
        sa = _sa()
        if not is_postgres(db) and not os.path.exists(db.removeprefix("sqlite:///")):
            raise
        engine = make_engine(db, read_only=True)
        try:
            return migrations.current_version(engine), None
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"{display_url(db)}: cannot open the database: {_first_line(err)}") from err
        finally:
            engine.dispose()
    with store:
        return migrations.LATEST, store.counts()


def _first_line(err: Exception) -> str:
    text = str(getattr(err, "orig", None) or err).strip()
    return text.splitlines()[0] if text else type(err).__name__
