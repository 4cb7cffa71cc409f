"""Fresh stores for tests: a SQLite file, or a throw-away database on the PostgreSQL server
named by ``READOUTS_TEST_PG_URL`` (started by scripts/ci_services.sh)."""
from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "READOUTS_TEST_PG_URL"
BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@contextlib.contextmanager
def fresh_db(backend: str, tmp_path) -> Iterator[str]:
    """The ``--db`` value of an empty database, dropped afterwards."""
    if backend == "sqlite":
        yield str(tmp_path / "readouts.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: start PostgreSQL with scripts/ci_services.sh to run this test")
    import psycopg

    name = "readouts_t_" + uuid.uuid4().hex[:10]
    admin = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = admin.rpartition("/")
    try:
        yield f"{head}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
