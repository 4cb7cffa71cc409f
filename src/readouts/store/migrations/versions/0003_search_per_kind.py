"""Full-text search indexed per kind: statements, people, events and titles each in their own index.

Revision 0002 indexed every ``search_docs`` row in one full-text index and kept
the rows of one kind by a join: a search for people or events went through every
matching statement first (hundreds of thousands at 100,000 articles). Here each
kind gets its own index, so looking up the 150 people of a store reads the
people's index only, and statements come newest first straight from theirs.

- SQLite: one FTS5 table per kind (``search_fts_statement``, ``search_fts_person``,
  ``search_fts_event``, ``search_fts_article``), external content on ``search_docs``
  as before, kept in step by one trigger per kind and operation. Filled here from
  the rows already indexed; the old ``search_fts`` goes.
- PostgreSQL: one partial GIN index on ``tsv`` per kind instead of one over all rows, and
  one partial index on ``id`` per kind: for a common word, reading that kind's rows newest
  first and stopping at the limit beats collecting every match (the planner picks).

``search_docs`` itself is unchanged, so nothing the store writes changes.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KINDS = ("statement", "person", "event", "article")
TOKENIZE = "porter unicode61 remove_diacritics 2"


def _sqlite_per_kind(kind: str) -> tuple[str, ...]:
    fts = f"search_fts_{kind}"
    return (
        f"CREATE VIRTUAL TABLE {fts} USING fts5(body, content='search_docs', content_rowid='id', "
        f"tokenize='{TOKENIZE}')",
        f"INSERT INTO {fts}(rowid, body) SELECT id, body FROM search_docs WHERE kind = '{kind}'",
        f"CREATE TRIGGER search_docs_ai_{kind} AFTER INSERT ON search_docs WHEN new.kind = '{kind}' BEGIN "
        f"INSERT INTO {fts}(rowid, body) VALUES (new.id, new.body); END",
        f"CREATE TRIGGER search_docs_ad_{kind} AFTER DELETE ON search_docs WHEN old.kind = '{kind}' BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, old.body); END",
        # One b-tree of the index per level instead of many small segments: faster queries at once.
        f"INSERT INTO {fts}({fts}) VALUES ('optimize')",
    )


SQLITE_ONE_INDEX = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='id', "
    f"tokenize='{TOKENIZE}')",
    "INSERT INTO search_fts(rowid, body) SELECT id, body FROM search_docs",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for kind in KINDS:
            op.execute(f"CREATE INDEX ix_search_docs_tsv_{kind} ON search_docs USING gin (tsv) WHERE kind = '{kind}'")
            op.execute(f"CREATE INDEX ix_search_docs_id_{kind} ON search_docs (id) WHERE kind = '{kind}'")
        op.execute("DROP INDEX ix_search_docs_tsv")
        return
    for statement in ("DROP TRIGGER search_docs_ai", "DROP TRIGGER search_docs_ad", "DROP TABLE search_fts"):
        op.execute(statement)
    for kind in KINDS:
        for statement in _sqlite_per_kind(kind):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
        for kind in KINDS:
            op.execute(f"DROP INDEX ix_search_docs_tsv_{kind}")
            op.execute(f"DROP INDEX ix_search_docs_id_{kind}")
        return
    for kind in KINDS:
        for statement in (f"DROP TRIGGER search_docs_ai_{kind}", f"DROP TRIGGER search_docs_ad_{kind}",
                          f"DROP TABLE search_fts_{kind}"):
            op.execute(statement)
    for statement in SQLITE_ONE_INDEX:
        op.execute(statement)
