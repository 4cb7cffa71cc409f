"""Full-text search over statements, people, events and article titles.

One ``search_docs`` row per statement (speaker and content), person (name and
side), event (people, sides, its reports' titles, its points' topics) and
article title, indexed per kind by SQLite FTS5 (porter stemmer, accents folded)
or a PostgreSQL ``tsvector`` (english configuration; a partial GIN index per kind).
A query of several words matches rows that have all of them ("Obama Putin",
"Vladimir Putin"); the last word may be the start of one ("Lavr"). People come
best match first; statements, events and articles latest stored first, so that a
search costs the same whether a name is in ten statements or in fifty thousand.
PostgreSQL first looks the words up in the indexed words (``search_lexemes``) and
asks for the words starting with the last one rather than the prefix (``_spellings``).
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSQUERY

from readouts.errors import InputError
from readouts.store import schema
from readouts.store.db import Store
from readouts.store.queries import _run, event_summary, statement_view
from readouts.store.views import ArticleHit, PersonSummary, SearchResult, StatementHit

MAX_QUERY_CHARS = 500
MAX_WORDS = 12
_WORD = re.compile(r"[^\W_]+")
docs = schema.search_docs


def query_words(query: str) -> list[str]:
    """The words of a query, lower case, at most ``MAX_WORDS``; punctuation and operators dropped."""
    if len(query) > MAX_QUERY_CHARS:
        raise InputError("search", f"the query is longer than {MAX_QUERY_CHARS} characters")
    return [w.lower() for w in _WORD.findall(query)][:MAX_WORDS]


def _fts5(words: list[str]) -> str:
    # Each word quoted (so AND, OR, NEAR are words, not operators); the last one also as a prefix.
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _tsquery(words: list[str]) -> str:
    return " & ".join(words[:-1] + [words[-1] + ":*"])


KINDS = ("statement", "person", "event", "article")


def matching(dialect: str, kind: str, words: list[str], limit: int | None):
    """A select of the refs of ``kind`` rows matching every word (usable as a subquery).

    With a ``limit``: people best first (their index is small), the other kinds newest
    first (latest stored first: the index is read backwards and stops at ``limit``, where
    ranking would score every match, and a common surname matches tens of thousands of
    statements at 100,000 articles). ``search`` asks PostgreSQL the same, with the last
    word's prefix spelled out (``_all_refs``).
    """
    if kind not in KINDS:
        raise ValueError(f"no search index for {kind!r}")
    if dialect == "postgresql":
        where, rank = _pg_match(kind, words, ())
        sel = sa.select(docs.c.ref).where(*where)
        best, newest = rank.desc(), docs.c.id.desc()
    else:
        fts = sa.table(f"search_fts_{kind}", sa.column("rowid"), sa.column("rank"))
        sel = (sa.select(docs.c.ref).select_from(fts.join(docs, docs.c.id == fts.c.rowid))
               .where(sa.text(f"search_fts_{kind} MATCH :match").bindparams(match=_fts5(words))))
        # rowid, not search_docs.id: only the index's own order lets SQLite stop after ``limit``
        best, newest = fts.c.rank, fts.c.rowid.desc()
    if limit is None:
        return sel
    return (sel.order_by(best, newest) if kind == "person" else sel.order_by(newest)).limit(limit)


def _pg_match(kind: str, words: list[str], spelled: tuple[str, ...]):
    """PostgreSQL: the conditions of a ``kind`` row matching every word, and its rank (ts_rank)."""
    tsq = sa.func.to_tsquery("english", _tsquery(words))
    if spelled:  # 'grain':* replaced by 'grain' | 'grainy'; constant when planned, as the plain query
        tsq = sa.func.ts_rewrite(tsq, sa.func.to_tsquery("english", words[-1] + ":*"),
                                 sa.cast(" | ".join(_quoted(w) for w in spelled), TSQUERY))
    tsv = sa.literal_column("search_docs.tsv")
    # The kind in the SQL text, not a parameter: the planner then picks that kind's partial index.
    return (docs.c.kind == sa.literal_column(f"'{kind}'"), tsv.op("@@")(tsq)), sa.func.ts_rank(tsv, tsq)


def _quoted(lexeme: str) -> str:
    # A lexeme as tsquery input reads it: quoted, quotes doubled, backslashes escaped (o'hara -> 'o''hara').
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# Per search, one lookup in the words of the indexes (revision 0005): the query as PostgreSQL
# reads it, the lexemes of the words before the last and of the last, which kinds hold the
# former ("kind lexeme"), and the indexed words starting with the latter (a range of the key).
_LOOKUP = sa.text("""
SELECT CAST(to_tsquery('english', :query) AS TEXT) AS query,
       tsvector_to_array(to_tsvector('english', :head)) AS head,
       tsvector_to_array(to_tsvector('english', :last)) AS last,
       ARRAY(SELECT kind || ' ' || lexeme FROM search_lexemes
             WHERE lexeme = ANY (tsvector_to_array(to_tsvector('english', :head)))) AS present,
       ARRAY(SELECT kind || ' ' || lexeme FROM search_lexemes
             WHERE lexeme >= (tsvector_to_array(to_tsvector('english', :last)))[1]
               AND lexeme < (tsvector_to_array(to_tsvector('english', :last)))[1] || chr(1114111)
             LIMIT :cap) AS starting""")
MAX_SPELLINGS = 32  # words of one kind for a prefix; a shorter prefix ("g") stays a prefix


def _spellings(store: Store, words: list[str]) -> dict[str, tuple[str, ...] | None]:
    """For each kind (PostgreSQL): the indexed words that start with the last word of the query,
    ``()`` when that kind cannot match (no word with that start, or another word of the query is
    missing from it), or None to ask with the prefix as before.

    The lookup knows every word indexed (a trigger adds them as rows are stored), so asking for
    ``'grain' | 'grainy'`` instead of ``'grain':*`` finds the same rows, at the cost of one small
    query; the GIN index then intersects exact words, and the planner, which has statistics for
    words but none for a prefix, rarely walks the newest rows past thousands of non-matches.
    """
    same = dict.fromkeys(KINDS)
    if store.engine.dialect.name != "postgresql":
        return same
    cap = MAX_SPELLINGS * len(KINDS) + 1
    (row,) = _run(store, _LOOKUP.bindparams(query=_tsquery(words), head=" ".join(words[:-1]), last=words[-1],
                                            cap=cap))
    # Only a plain AND of words whose last is one prefix lexeme, found once: ts_rewrite would also
    # replace the same lexeme as a whole word ("grain grain"), and "putin the" has no prefix left.
    if any(op in row.query for op in "|!<") or len(row.last) != 1 or len(row.starting) >= cap \
            or f"'{row.last[0]}':*" not in row.query or row.query.count(f"'{row.last[0]}'") != 1:
        return same
    present: dict[str, set[str]] = {}
    for item in row.present:
        kind, _, lexeme = item.partition(" ")
        present.setdefault(kind, set()).add(lexeme)
    starting: dict[str, list[str]] = {}
    for item in row.starting:
        kind, _, lexeme = item.partition(" ")
        starting.setdefault(kind, []).append(lexeme)
    out: dict[str, tuple[str, ...] | None] = {}
    for kind in KINDS:
        spelled = tuple(sorted(starting.get(kind, ())))
        if not spelled or not set(row.head) <= present.get(kind, set()):
            out[kind] = ()
        else:
            out[kind] = spelled if len(spelled) <= MAX_SPELLINGS else None
    return out


def _all_refs(store: Store, words: list[str], limit: int) -> dict[str, list[str]]:
    """The refs of each kind matching every word, in ``matching``'s order, at most ``limit`` each.

    PostgreSQL: after the lookup of ``_spellings``, the four selects in one statement (each
    planned on its own, as a query of its own would be), with their order keys; people keep
    the query as typed, since their rank (ts_rank) depends on how it is written.
    """
    dialect = store.engine.dialect.name
    if dialect != "postgresql":
        return {kind: [r.ref for r in _run(store, matching(dialect, kind, words, limit))] for kind in KINDS}
    spelled = _spellings(store, words)
    parts = []
    for kind in KINDS:
        if spelled[kind] == ():
            continue  # no row of this kind holds every word
        where, rank = _pg_match(kind, words, (spelled[kind] or ()) if kind != "person" else ())
        order = (rank.desc(), docs.c.id.desc()) if kind == "person" else (docs.c.id.desc(),)
        parts.append(sa.select(sa.literal_column(f"'{kind}'").label("kind"), docs.c.ref, docs.c.id,
                               (rank if kind == "person" else sa.cast(0, sa.REAL)).label("rank"))
                     .where(*where).order_by(*order).limit(limit))
    found: dict[str, list] = {kind: [] for kind in KINDS}
    for row in _run(store, sa.union_all(*parts)) if parts else []:
        found[row.kind].append(row)
    return {kind: [r.ref for r in sorted(rows, key=lambda r: (-r.rank, -r.id))]
            for kind, rows in found.items()}


def _in_order(rows, refs: list[str], key) -> list:
    by = {key(r): r for r in rows}
    return [by[r] for r in refs if r in by]


def search(store: Store, query: str, *, limit: int = 50) -> SearchResult:
    """Statements, people, events and articles matching every word of ``query``.

    ``search(store, query, limit=50) -> SearchResult``: ``statements`` (speaker or
    content), ``actors`` (people merged across articles, by name or side), ``events``
    (people, sides, titles, topics) and ``articles`` (by title, or holding a matching
    statement), at most ``limit`` of each: people best match first, the rest latest stored
    first. An empty query finds nothing; one over 500 characters is an ``InputError``.
    """
    words = query_words(query)
    q = query.strip()
    if not words:
        return SearchResult(q, (), (), (), ())
    st, art, ev, pp = schema.statements, schema.articles, schema.events, schema.people
    refs = _all_refs(store, words, limit)
    st_refs = refs["statement"]
    st_rows = _run(store, sa.select(st, art.c.title, art.c.published).join(art, art.c.id == st.c.article_id)
                   .where(st.c.id.in_(st_refs))) if st_refs else []
    statements = tuple(StatementHit(statement_view(r), r.title, r.published)
                       for r in _in_order(st_rows, st_refs, lambda r: r.id))
    p_refs = refs["person"]
    people = tuple(PersonSummary(r.key, r.name, r.side, r.kind, r.articles, r.statements) for r in _in_order(
        _run(store, sa.select(pp).where(pp.c.key.in_(p_refs))) if p_refs else [], p_refs, lambda r: r.key))
    e_refs = refs["event"]
    events = tuple(event_summary(r) for r in _in_order(
        _run(store, sa.select(ev).where(ev.c.id.in_(e_refs))) if e_refs else [], e_refs, lambda r: r.id))
    a_refs = refs["article"]
    a_refs += [h.statement.article_id for h in statements if h.statement.article_id not in a_refs]
    a_rows = _run(store, sa.select(art.c.id, art.c.title, art.c.published).where(art.c.id.in_(a_refs[:limit]))) \
        if a_refs else []
    snippets = {h.statement.article_id: h.statement.content.text for h in reversed(statements)}
    articles = tuple(ArticleHit(r.id, r.title, r.published, snippets.get(r.id, r.title or ""))
                     for r in _in_order(a_rows, a_refs[:limit], lambda r: r.id))
    return SearchResult(q, articles, people, events, statements)
