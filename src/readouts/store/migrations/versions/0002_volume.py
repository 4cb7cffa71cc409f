"""A store built for volume: outlets, analyzer versions, people, event facets, full-text search.

Adds the columns and tables the list pages and facets read (``articles.outlet``,
``article_sides``, ``people``, ``event_outlets``, event counts), each report's
day range (so event merging reads only the contacts near a new one), the
indexes for the queries of the CLI and the web, and a full-text index over
statements, people, events and titles: SQLite FTS5, PostgreSQL ``tsvector``.
The old ``schema_version`` table goes: Alembic's ``alembic_version`` replaces it.

The new columns and tables are derived from the stored records; the store
fills them after the upgrade (``readouts.store.maintain.refresh``).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(80)
DAY = sa.String(10)

INDEXES = (
    ("ix_articles_outlet", "articles", ("outlet", "published")),
    ("ix_article_sides_side", "article_sides", ("side", "article_id")),
    ("ix_actors_person", "actors", ("person_key", "name")),
    ("ix_statements_person", "statements", ("person_key", "published")),
    ("ix_statements_actor", "statements", ("actor_id",)),
    ("ix_contacts_zone", "contacts", ("sides", "planned", "range_start")),
    ("ix_events_sides_when", "events", ("sides", "range_start")),
    ("ix_events_range", "events", ("range_start", "id")),
    ("ix_events_year", "events", ("year",)),
    ("ix_events_conflicts", "events", ("conflicts",)),
    ("ix_event_outlets_outlet", "event_outlets", ("outlet", "event_id")),
    ("ix_people_side", "people", ("side", "articles")),
    ("ix_people_articles", "people", ("articles",)),
)

SQLITE_SEARCH = (
    "CREATE TABLE search_docs (id INTEGER PRIMARY KEY, kind VARCHAR(10) NOT NULL, ref VARCHAR(200) NOT NULL, "
    "body TEXT NOT NULL)",
    "CREATE INDEX ix_search_docs_ref ON search_docs (kind, ref)",
    # External-content FTS5 kept in step with search_docs by triggers (SQLite's documented pattern).
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
)

POSTGRES_SEARCH = (
    "CREATE TABLE search_docs (id BIGSERIAL PRIMARY KEY, kind VARCHAR(10) NOT NULL, ref VARCHAR(200) NOT NULL, "
    "body TEXT NOT NULL, tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)",
    "CREATE INDEX ix_search_docs_ref ON search_docs (kind, ref)",
    "CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)",
)


def upgrade() -> None:
    op.add_column("articles", sa.Column("outlet", sa.String(200)))
    op.add_column("articles", sa.Column("analyzer_version", sa.String(40)))
    op.add_column("actors", sa.Column("person_key", sa.String(200)))
    op.add_column("statements", sa.Column("person_key", sa.String(200)))
    op.add_column("statements", sa.Column("published", DAY))
    op.add_column("contacts", sa.Column("range_start", DAY))
    op.add_column("contacts", sa.Column("range_end", DAY))
    op.add_column("events", sa.Column("year", sa.Integer))
    op.add_column("events", sa.Column("conflicts", sa.Integer, nullable=False, server_default="0"))
    op.add_column("events", sa.Column("shared", sa.Integer, nullable=False, server_default="0"))
    op.add_column("events", sa.Column("topic", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "article_sides",
        sa.Column("article_id", ID, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("side", sa.String(120), primary_key=True))
    op.create_table(
        "event_outlets",
        sa.Column("event_id", ID, sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("outlet", sa.String(200), primary_key=True))
    op.create_table(
        "people",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("side", sa.String(120)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("statements", sa.Integer, nullable=False))
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns))
    for statement in POSTGRES_SEARCH if op.get_bind().dialect.name == "postgresql" else SQLITE_SEARCH:
        op.execute(statement)
    op.execute("DROP TABLE IF EXISTS schema_version")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("DROP TABLE IF EXISTS search_docs")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for table in ("people", "event_outlets", "article_sides"):
        op.drop_table(table)
    for table, column in (("events", "topic"), ("events", "shared"), ("events", "conflicts"), ("events", "year"),
                          ("contacts", "range_end"), ("contacts", "range_start"), ("statements", "published"), ("statements", "person_key"),
                          ("actors", "person_key"), ("articles", "analyzer_version"), ("articles", "outlet")):
        op.drop_column(table, column)
