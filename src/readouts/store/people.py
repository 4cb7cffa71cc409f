"""People across articles: actors merged by ``person_key`` ("Vladimir Putin" and "Putin", both RU).

The ``people`` table keeps, per key, the fullest name any article gives, the
side, and how many articles name the person and how many statements they make.
Storing a batch adds its counts (an upsert, so the result does not depend on
the order articles arrive); ``rebuild_people`` counts everything again.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from readouts.store import schema
from readouts.store.derive import side_name

pp = schema.people


def _better(a: str, b: str) -> str:
    """The fuller of two names (ties: the first in order), so the choice is the same in any order."""
    return min((a, b), key=lambda n: (-len(n), n))


def _aggregate(actors: Iterable[dict], statements: Iterable[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    seen: set[tuple[str, str]] = set()
    for a in actors:
        key = a["person_key"]
        row = out.setdefault(key, {"key": key, "name": a["name"], "side": a["side"], "kind": a["kind"],
                                   "articles": 0, "statements": 0})
        row["name"] = _better(row["name"], a["name"])
        if (key, a["article_id"]) not in seen:
            seen.add((key, a["article_id"]))
            row["articles"] += 1
    for s in statements:
        if s["person_key"] in out:
            out[s["person_key"]]["statements"] += 1
    return out


def _upsert(conn: sa.Connection, rows: list[dict]) -> None:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(pp)
    new, old = stmt.excluded, pp.c
    fuller = sa.or_(sa.func.length(new.name) > sa.func.length(old.name),
                    sa.and_(sa.func.length(new.name) == sa.func.length(old.name), new.name < old.name))
    conn.execute(stmt.on_conflict_do_update(index_elements=[pp.c.key], set_={
        "articles": old.articles + new.articles, "statements": old.statements + new.statements,
        "name": sa.case((fuller, new.name), else_=old.name)}), rows)


def _index(conn: sa.Connection, keys: list[str]) -> None:
    """Rewrite the search rows of these people (a fuller name may have come in)."""
    docs = schema.search_docs
    for start in range(0, len(keys), 500):
        part = keys[start:start + 500]
        conn.execute(docs.delete().where(docs.c.kind == "person", docs.c.ref.in_(part)))
        rows = conn.execute(sa.select(pp.c.key, pp.c.name, pp.c.side).where(pp.c.key.in_(part))).all()
        if rows:
            conn.execute(docs.insert(), [{"kind": "person", "ref": r.key,
                                          "body": f"{r.name} {side_name(r.side) or ''}".strip()} for r in rows])


def count_people(conn: sa.Connection, actors: list[dict], statements: list[dict]) -> None:
    """Add the people of newly stored actor and statement rows (the rows ``write`` inserted)."""
    rows = sorted(_aggregate(actors, statements).values(), key=lambda r: r["key"])
    if rows:
        _upsert(conn, rows)
        _index(conn, [r["key"] for r in rows])


def rebuild_people(conn: sa.Connection) -> int:
    """Count every person again from the stored actors and statements; returns how many there are."""
    ac, st = schema.actors, schema.statements
    conn.execute(pp.delete())
    conn.execute(schema.search_docs.delete().where(schema.search_docs.c.kind == "person"))
    names: dict[str, dict] = {}
    for r in conn.execute(sa.select(ac.c.person_key, ac.c.name, ac.c.side, ac.c.kind,
                                    sa.func.count(sa.distinct(ac.c.article_id)).label("n"))
                          .where(ac.c.person_key.is_not(None))
                          .group_by(ac.c.person_key, ac.c.name, ac.c.side, ac.c.kind)):
        row = names.setdefault(r.person_key, {"key": r.person_key, "name": r.name, "side": r.side, "kind": r.kind,
                                              "articles": 0, "statements": 0})
        row["name"] = _better(row["name"], r.name)
    for r in conn.execute(sa.select(ac.c.person_key, sa.func.count(sa.distinct(ac.c.article_id)).label("n"))
                          .where(ac.c.person_key.is_not(None)).group_by(ac.c.person_key)):
        names[r.person_key]["articles"] = r.n
    for r in conn.execute(sa.select(st.c.person_key, sa.func.count().label("n"))
                          .where(st.c.person_key.is_not(None)).group_by(st.c.person_key)):
        if r.person_key in names:
            names[r.person_key]["statements"] = r.n
    rows = sorted(names.values(), key=lambda r: r["key"])
    for start in range(0, len(rows), 2000):
        conn.execute(pp.insert(), rows[start:start + 2000])
    _index(conn, [r["key"] for r in rows])
    return len(rows)
