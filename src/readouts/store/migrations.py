"""Versioned schema migrations: ``readouts db upgrade``.

Each migration is a numbered step run in its own transaction and recorded in
``schema_version``; ``upgrade`` runs the steps a database has not had yet, so
it is safe to run again. A new step is appended, never edited: databases in
the field have run the old ones.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from readouts.errors import StoreError
from readouts.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _create_tables(conn: sa.Connection) -> None:
    # CreateTable, not metadata.create_all: indexes belong to version 2.
    for table in schema.DATA_TABLES:
        conn.execute(sa.schema.CreateTable(table))


def _create_indexes(conn: sa.Connection) -> None:
    for index in schema.INDEXES:
        index.create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, actors, statements, contacts, disputes, agreements, events", _create_tables),
    Migration(2, "indexes for queries by date, side, event and article", _create_indexes),
)
LATEST = MIGRATIONS[-1].version


def current_version(engine: sa.Engine) -> int:
    """The version a database is at: 0 for an empty one."""
    inspector = sa.inspect(engine)
    if not inspector.has_table("schema_version"):
        if inspector.has_table("articles"):
            raise StoreError(f"{engine.url.render_as_string()}: has readouts tables but no schema_version")
        return 0
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar() or 0


def upgrade(engine: sa.Engine, target: int = LATEST) -> list[Migration]:
    """Run the migrations a database lacks, up to ``target``; returns those run."""
    with engine.begin() as conn:
        schema.schema_version.create(conn, checkfirst=True)
    done = current_version(engine)
    if done > LATEST:
        raise StoreError(f"database is at schema version {done}, newer than this readouts ({LATEST})")
    ran: list[Migration] = []
    for step in MIGRATIONS:
        if done < step.version <= target:
            with engine.begin() as conn:
                step.apply(conn)
                conn.execute(schema.schema_version.insert().values(
                    version=step.version, description=step.description,
                    applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
            ran.append(step)
    return ran
