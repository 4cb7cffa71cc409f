"""The events list at volume: facet counts kept by the writer, indexes for its page and its two-side filter.

The first page of the events list shows how many events each side, mode, year
and outlet has, and how many have conflicting accounts. Counting them read every
event, its sides and its outlets on each request (150 ms of PostgreSQL at 100,000
articles, growing with the store). ``event_facet_counts`` keeps those counts, one
row per facet value, updated by the writer whenever it drops or writes events
(``readouts.store.facets``); filled here from the events already stored.

Indexes:
- ``ix_events_newest``: the list's default order, newest first with undated events
  last, so a page is read from the index instead of sorting every event. SQLite puts
  NULL first in ascending order, so a plain descending index already ends with them.
- ``ix_events_sides_year``: events of two given sides in a given year.
- ``ix_events_wide``: the few events of three sides or more, which the two-side filter
  also looks into ("US and RU" includes a US-RU-UA meeting); partial, so both databases
  can answer that filter from two small index ranges instead of every event of the year
  (SQLite once it has statistics: ``ANALYZE events`` here).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The same counts readouts.store.facets.recount makes; written out here as SQL, as a
# revision describes the database as it was when written.
FILL = (
    "INSERT INTO event_facet_counts (facet, value, n) SELECT 'sides', side, count(*) FROM event_sides GROUP BY side",
    "INSERT INTO event_facet_counts (facet, value, n) SELECT 'mode', mode, count(*) FROM events GROUP BY mode",
    "INSERT INTO event_facet_counts (facet, value, n) SELECT 'year', COALESCE(CAST(year AS VARCHAR(10)), ''), "
    "count(*) FROM events GROUP BY year",
    "INSERT INTO event_facet_counts (facet, value, n) SELECT 'outlet', outlet, count(*) FROM event_outlets "
    "GROUP BY outlet",
    "INSERT INTO event_facet_counts (facet, value, n) SELECT 'has_conflict', CASE WHEN conflicts > 0 THEN '1' "
    "ELSE '0' END, count(*) FROM events GROUP BY CASE WHEN conflicts > 0 THEN '1' ELSE '0' END",
)


def upgrade() -> None:
    op.create_table(
        "event_facet_counts",
        sa.Column("facet", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(200), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False))
    for statement in FILL:
        op.execute(statement)
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute("CREATE INDEX ix_events_newest ON events (range_start DESC NULLS LAST, id)" if postgres
               else "CREATE INDEX ix_events_newest ON events (range_start DESC, id)")
    op.create_index("ix_events_sides_year", "events", ["sides", "year", "range_start"])
    # The pattern in the SQL text: a partial index serves only queries that spell out its condition.
    op.execute("CREATE INDEX ix_events_wide ON events (year, range_start) WHERE sides LIKE '%|%|%'")
    if not postgres:
        # SQLite weighs a partial index only by its statistics: without them it reads every event
        # of the year rather than the few of three sides or more (PostgreSQL's autovacuum keeps its own).
        op.execute("ANALYZE events")


def downgrade() -> None:
    for name in ("ix_events_wide", "ix_events_sides_year", "ix_events_newest"):
        op.drop_index(name, table_name="events")
    op.drop_table("event_facet_counts")
