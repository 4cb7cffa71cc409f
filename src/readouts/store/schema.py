"""The store's tables, one SQLAlchemy Core schema for SQLite and PostgreSQL.

Rows are keyed by content: an article's id is a hash of its text, and every
record found in it is keyed ``<article id>:<record id>``, so storing the same
article twice is a no-op. Spans are kept as ``*_start``/``*_end``/``*_text``
columns (the ones queries read) or as JSON lists of ``{start, end, text}``.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ID = sa.String(80)
SIDES = sa.String(200)  # sorted sides joined by "|": "FR|RU"
DAY = sa.String(10)  # YYYY-MM-DD, YYYY-MM or YYYY

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
    sa.Column("outlet", sa.String(200)),  # the url's host, else the source's name: who published it
    sa.Column("analyzer_version", sa.String(40)),  # the readouts version whose rules made the analysis
)

# The sides that speak in an article, for filters and facets.
article_sides = sa.Table(
    "article_sides", metadata,
    sa.Column("article_id", ID, sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("side", sa.String(120), primary_key=True),
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
    sa.Column("person_key", sa.String(200)),  # one person across articles: "RU:putin" (see store.people)
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
    sa.Column("person_key", sa.String(200)),
    # the article's publication day ("" when unknown, so it sorts last in both databases), so a
    # person's statements come newest first straight from an index
    sa.Column("published", DAY),
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
    sa.Column("reports", sa.Integer, nullable=False),  # distinct articles that report it
    sa.Column("year", sa.Integer),
    sa.Column("conflicts", sa.Integer, nullable=False, default=0),
    sa.Column("shared", sa.Integer, nullable=False, default=0),
    sa.Column("topic", sa.Text, nullable=False, default=""),  # what search finds the event by
)

event_outlets = sa.Table(
    "event_outlets", metadata,
    sa.Column("event_id", ID, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("outlet", sa.String(200), primary_key=True),
)

# How many events each facet value of the events list has over every event (sides, mode, year,
# outlet, has_conflict), kept in step by the writer (see readouts.store.facets): the first page of
# the events list reads these rows instead of counting every event. ``value`` as text: a year
# "2014" ("" for undated events), has_conflict "1" or "0".
event_facet_counts = sa.Table(
    "event_facet_counts", metadata,
    sa.Column("facet", sa.String(20), primary_key=True),
    sa.Column("value", sa.String(200), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
)

# One row per person (or body) across articles, merged by ``person_key``.
people = sa.Table(
    "people", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),  # the fullest name any article gives
    sa.Column("side", sa.String(120)),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("statements", sa.Integer, nullable=False),
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
    sa.Column("range_start", DAY),  # the days this report allows (see store.events.day_range)
    sa.Column("range_end", DAY),
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

# The indexes the queries and the web pages lean on (created by the migrations).
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
    sa.Index("ix_articles_outlet", articles.c.outlet, articles.c.published),
    sa.Index("ix_article_sides_side", article_sides.c.side, article_sides.c.article_id),
    sa.Index("ix_actors_person", actors.c.person_key, actors.c.name),
    sa.Index("ix_statements_person", statements.c.person_key, statements.c.published),
    sa.Index("ix_statements_actor", statements.c.actor_id),
    sa.Index("ix_contacts_zone", contacts.c.sides, contacts.c.planned, contacts.c.range_start),
    sa.Index("ix_events_sides_when", events.c.sides, events.c.range_start),
    sa.Index("ix_events_range", events.c.range_start, events.c.id),
    sa.Index("ix_events_year", events.c.year),
    sa.Index("ix_events_conflicts", events.c.conflicts),
    sa.Index("ix_event_outlets_outlet", event_outlets.c.outlet, event_outlets.c.event_id),
    sa.Index("ix_people_side", people.c.side, people.c.articles),
    sa.Index("ix_people_articles", people.c.articles),
    sa.Index("ix_events_newest", events.c.range_start.desc().nulls_last(), events.c.id),
    sa.Index("ix_events_sides_year", events.c.sides, events.c.year, events.c.range_start),
    sa.Index("ix_events_wide", events.c.year, events.c.range_start,
             sqlite_where=events.c.sides.like("%|%|%"), postgresql_where=events.c.sides.like("%|%|%")),
)

DATA_TABLES = (articles, article_sides, actors, statements, events, event_sides, event_outlets, contacts,
               disputes, agreements, event_points, people)

# Full-text search: one row per statement, person, event and article title (``search_docs``),
# indexed per kind by SQLite FTS5 tables or partial GIN indexes on a PostgreSQL tsvector
# column; created by the migrations in each dialect's SQL (revisions 0002, 0003).
search_docs = sa.Table(
    "search_docs", sa.MetaData(),
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),  # statement | person | event | article
    sa.Column("ref", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)
