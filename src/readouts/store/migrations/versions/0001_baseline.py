"""Baseline: the schema readouts stored before Alembic (its migration steps 1 and 2).

Frozen here, not read from ``readouts.store.schema``: a revision describes the
database as it was, and the live schema moves on in later revisions. A database
made by the old migrations (it has a ``schema_version`` table) already has these
tables; the baseline then only creates what is missing (the indexes of old step 2
when it stopped at step 1) and later revisions take it on from there.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

metadata = sa.MetaData()

ID = sa.String(80)
SIDES = sa.String(200)
DAY = sa.String(10)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("source_id", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", DAY),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("sides", SIDES, nullable=False, default=""),
    sa.Column("analysis", sa.JSON, nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("local_id", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("side", sa.String(120)),
    sa.Column("title", sa.Text),
    sa.Column("side_rule", sa.Text),
    sa.Column("side_evidence", sa.JSON),
    sa.Column("mentions", sa.JSON, nullable=False),
)


def _span_columns(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_start", sa.Integer, nullable=False),
            sa.Column(f"{prefix}_end", sa.Integer, nullable=False),
            sa.Column(f"{prefix}_text", sa.Text, nullable=False)]


statements = sa.Table(
    "statements", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("local_id", sa.Text, nullable=False),
    sa.Column("actor_id", ID),
    sa.Column("speaker_name", sa.Text),
    sa.Column("side", sa.String(120)),
    sa.Column("stance", sa.String(40), nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("speaker_rule", sa.Text),
    sa.Column("parent", ID),
    sa.Column("confidence", sa.Float, nullable=False),
    *_span_columns("speaker"), *_span_columns("cue"), *_span_columns("content"),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("mode", sa.String(20), nullable=False),
    sa.Column("sides", SIDES, nullable=False),
    sa.Column("when_date", DAY),  # the most precise date any report gives
    sa.Column("range_start", DAY),  # the days every dated report allows: YYYY-MM-DD, or NULL if unknown
    sa.Column("range_end", DAY),
    sa.Column("planned", sa.Boolean, nullable=False),
    sa.Column("participants", sa.JSON, nullable=False),  # [{"name", "side"}], union of the reports
    sa.Column("first_published", DAY),
    sa.Column("last_published", DAY),
    sa.Column("reports", sa.Integer, nullable=False),
)

event_sides = sa.Table(
    "event_sides", metadata,
    sa.Column("event_id", ID, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("side", sa.String(120), primary_key=True),
)

contacts = sa.Table(
    "contacts", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("local_id", sa.Text, nullable=False),
    sa.Column("event_id", ID, sa.ForeignKey("events.id")),
    sa.Column("mode", sa.String(20), nullable=False),
    sa.Column("sides", SIDES, nullable=False),
    sa.Column("when_date", DAY),
    sa.Column("when_span", sa.JSON),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("planned", sa.Boolean, nullable=False),
    sa.Column("participants", sa.JSON, nullable=False),
    sa.Column("initiator", sa.String(120)),
    sa.Column("initiator_per", sa.String(120)),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    *_span_columns("evidence"),
    sa.Column("all_evidence", sa.JSON, nullable=False),
)

disputes = sa.Table(
    "disputes", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("local_id", sa.Text, nullable=False),
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("claim_side", sa.String(120)),
    sa.Column("claim_statement", ID),
    *_span_columns("claim"),
    sa.Column("counter_side", sa.String(120)),
    sa.Column("counter_statement", ID),
    *_span_columns("counter"),
    sa.Column("conflict_words", sa.JSON, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
)

agreements = sa.Table(
    "agreements", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
    sa.Column("local_id", sa.Text, nullable=False),
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("sides", SIDES, nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("statement_ids", sa.JSON, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
)

# Points found by comparing two articles of one event that speak for different
# sides (a White House and a Kremlin readout): conflicts and shared points.
event_points = sa.Table(
    "event_points", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("event_id", ID, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),  # conflict | shared
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),  # [{"article_id", "side", "start", "end", "text"}]
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
)

# Version 2 adds the indexes the queries and the web pages lean on.
INDEXES = (
    sa.Index("ix_articles_published", articles.c.published),
    sa.Index("ix_actors_article", actors.c.article_id),
    sa.Index("ix_actors_name", actors.c.name),
    sa.Index("ix_statements_article", statements.c.article_id),
    sa.Index("ix_contacts_article", contacts.c.article_id),
    sa.Index("ix_contacts_event", contacts.c.event_id),
    sa.Index("ix_disputes_article", disputes.c.article_id),
    sa.Index("ix_agreements_article", agreements.c.article_id),
    sa.Index("ix_events_key", events.c.mode, events.c.sides),
    sa.Index("ix_events_when", events.c.when_date),
    sa.Index("ix_event_sides_side", event_sides.c.side),
    sa.Index("ix_event_points_event", event_points.c.event_id),
)

TABLES = (articles, actors, statements, events, event_sides, contacts, disputes, agreements, event_points)


def upgrade() -> None:
    bind = op.get_bind()
    for table in TABLES:
        table.create(bind, checkfirst=True)
    existing = {ix["name"] for t in TABLES for ix in sa.inspect(bind).get_indexes(t.name)}
    for index in INDEXES:
        if index.name not in existing:
            index.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for table in reversed(TABLES):
        table.drop(bind, checkfirst=True)
