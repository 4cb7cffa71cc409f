"""Schema migrations on Alembic: ``readouts db upgrade``.

The revisions are scripts shipped in this package (``versions/``) and run
programmatically: users need no ``alembic.ini``. A revision describes the
database as it was when written and is never edited afterwards; a schema change
is a new revision (``alembic revision`` with ``script_location`` pointing here).
Revision ids are numbers ("0001", "0002"), so a database's version is a number too.

Migrating takes a lock first, so two ingests into an empty database do not both
create the tables: a PostgreSQL advisory lock held for the migration's
transaction, and on SQLite the write lock (``BEGIN IMMEDIATE``). The version is
read after the lock is held, so the second process finds the work done.

Databases made before Alembic (with a ``schema_version`` table from the old
numbered steps) are adopted by the baseline revision, which creates only what
they lack.
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from readouts.errors import StoreError

HERE = Path(__file__).parent
MIGRATION_LOCK = 0x7265_6164_6462  # PostgreSQL advisory lock key held while the schema changes ("readdb")


def _config(connection: sa.Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


def _latest() -> int:
    # From the file names ("0002_volume.py"), so opening a store does not import Alembic (slow to load);
    # a test checks it equals Alembic's own head.
    return max(int(p.name[:4]) for p in (HERE / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


LATEST = _latest()


def _version_in(conn: sa.Connection) -> int:
    """The version of the database ``conn`` is connected to: 0 for an empty or pre-Alembic one."""
    inspector = sa.inspect(conn)
    if inspector.has_table("alembic_version"):
        rev = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        return int(rev) if rev else 0
    if inspector.has_table("articles") and not inspector.has_table("schema_version"):
        raise StoreError(f"{conn.engine.url.render_as_string()}: has readouts tables but no schema version")
    return 0


def is_legacy(engine: sa.Engine) -> bool:
    """Whether the database was made by readouts' schema steps before Alembic (needs an upgrade)."""
    inspector = sa.inspect(engine)
    return inspector.has_table("schema_version") and not inspector.has_table("alembic_version")


def current_version(engine: sa.Engine) -> int:
    """The version a database is at: 0 for an empty one or one made before Alembic."""
    with engine.connect() as conn:
        return _version_in(conn)


def _lock(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    elif conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
        # A store's engine begins with BEGIN IMMEDIATE already (readouts.store.db); a plain engine
        # leaves DDL outside any transaction, so take the write lock here: the steps run atomically
        # and a second migrating process waits, then reads the version the first one left.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade(engine: sa.Engine, target: int | None = None) -> list[int]:
    """Bring the database to ``target`` (default: the latest) under the migration lock.

    Returns the revisions applied (none when another process did the work first).
    Raises ``StoreError`` for a database newer than this readouts.
    """
    from alembic import command

    target = LATEST if target is None else target
    with engine.begin() as conn:
        _lock(conn)
        before = _version_in(conn)
        if before > LATEST:
            raise StoreError(f"database is at schema version {before}, newer than this readouts ({LATEST})")
        if before >= target:
            return []
        command.upgrade(_config(conn), f"{target:04d}")
    return list(range(before + 1, target + 1))
