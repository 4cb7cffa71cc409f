"""PostgreSQL: the words of each search index, so that search can spell out the last word's prefix.

A search's last word may be the start of one ("grain" finds "grainy"): the tsquery
``'grain':*``. A prefix costs PostgreSQL twice: its GIN index collects every posting
of every word with that start before intersecting (tens of thousands for a common
topic word), and its planner, which has no statistics for a prefix, guesses how many
rows match, so it often walks the newest rows one by one looking for matches that are
rare together or absent from that kind (a claim word in article titles: every title read).

``search_lexemes`` holds each (lexeme, kind) found in ``search_docs.tsv``, added by a
statement trigger on every insert or update (a batch adds its new words once). Search looks the
prefix up there and asks for the words themselves (``'grain' | 'grainy'``), which finds
the same rows: when a kind has no word with that start, or lacks another word of the
query, nothing of that kind can match and the index is not asked at all. Words whose
rows were deleted stay (the lookup then asks for a word that matches nothing), so the
table only grows with the vocabulary. SQLite's FTS5 reads a prefix from its own sorted
term index and needs none of this: the revision leaves SQLite unchanged.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UPGRADE = (
    # "C": byte order, so a prefix is a range of the primary key (lexeme >= 'grain' AND < 'grain' || max char)
    ("CREATE TABLE search_lexemes (lexeme TEXT COLLATE \"C\" NOT NULL, kind VARCHAR(10) NOT NULL, "
     "PRIMARY KEY (lexeme, kind))"),
    # In key order, so two writers adding the same new words wait for each other instead of deadlocking.
    ("CREATE FUNCTION search_lexemes_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
     "INSERT INTO search_lexemes (lexeme, kind) SELECT DISTINCT unnest(tsvector_to_array(tsv)), kind "
     "FROM new_docs ORDER BY 1, 2 ON CONFLICT DO NOTHING; RETURN NULL; END $$"),
    ("CREATE TRIGGER search_docs_lexemes AFTER INSERT ON search_docs REFERENCING NEW TABLE AS new_docs "
     "FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_add()"),
    # The store replaces rows rather than updating them; an update of a body is covered all the same
    # (a trigger with a transition table has one event).
    ("CREATE TRIGGER search_docs_lexemes_updated AFTER UPDATE ON search_docs REFERENCING NEW TABLE AS new_docs "
     "FOR EACH STATEMENT EXECUTE FUNCTION search_lexemes_add()"),
    ("INSERT INTO search_lexemes (lexeme, kind) SELECT DISTINCT unnest(tsvector_to_array(tsv)), kind "
     "FROM search_docs"),
    "ANALYZE search_lexemes",
)
DOWNGRADE = (
    "DROP TRIGGER search_docs_lexemes ON search_docs",
    "DROP TRIGGER search_docs_lexemes_updated ON search_docs",
    "DROP FUNCTION search_lexemes_add()",
    "DROP TABLE search_lexemes",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
