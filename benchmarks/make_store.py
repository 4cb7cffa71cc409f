#!/usr/bin/env python3
"""A synthetic store for benchmarks: realistic records written without running the parser.

    python benchmarks/make_store.py --articles 100000 --db /tmp/bench.db
    python benchmarks/make_store.py --articles 10000 --db postgresql://user@localhost/bench

Articles of ~35 made-up outlets from 2014 to 2025 report contacts between ~30
sides (a few pairs far more often than the rest, as in real feeds), each side
with its officials; a contact is reported by one to dozens of articles, told
with the precisions real reports use (a day, a month, none: "on Friday" resolved
or not; "held talks" for a call), and some articles recall an earlier contact.
Each article has 3-10 statements by the officials of the two sides; spans
point into the article's text. The records go in with one executemany per table
per batch; then the store derives people, events (clustered as a live ingest
would), their points (a cheap stand-in comparer) and the search index.
Names, outlets and sentences are made up; only the shape is realistic.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import random
import sys
import time

from readouts.store import open_store
from readouts.store.db import record_key
from readouts.store.derive import day_range, outlet_of
from readouts.store.derive import person_key as _person_key

SIDES = ["US", "RU", "CN", "UA", "FR", "DE", "GB", "TR", "IR", "IL", "IN", "JP", "KR", "SA", "EG", "PL", "IT",
         "ES", "BR", "ZA", "NG", "PK", "AF", "SY", "IQ", "QA", "AE", "KZ", "BY", "RS"]
FIRST = ["Alex", "Maria", "Ivan", "Chen", "Olena", "Pierre", "Anna", "Omar", "Yuki", "Ravi", "Sofia", "Lukas",
         "Amir", "Elena", "David", "Fatima", "Jonas", "Mei", "Kofi", "Noor"]
LAST = ["Karimov", "Duval", "Brenner", "Okafor", "Lindqvist", "Moretti", "Tanaka", "Haddad", "Novak", "Reyes",
        "Sokolov", "Whitfield", "Zhang", "Kowalski", "Demir", "Farouk", "Ivanenko", "Schulz", "Patel", "Costa",
        "Marsh", "Hale", "Varga", "Nilsen", "Abara", "Quinn", "Rossi", "Yilmaz", "Baker", "Lund"]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "spokesperson"]
TOPICS = ["the war in Ukraine", "a ceasefire in Gaza", "trade and tariffs", "sanctions", "energy supplies",
          "the nuclear deal", "Crimea", "grain exports", "prisoner exchanges", "climate finance", "Syria",
          "security guarantees", "the Black Sea", "arms control", "migration", "debt relief"]
CLAIMS = ["the talks on {t} were constructive", "progress was made on {t}", "no agreement was reached on {t}",
          "the other side had raised {t}", "{t} was not discussed", "both sides would continue work on {t}",
          "the country was ready to help with {t}", "the proposals on {t} were unacceptable",
          "{t} required an urgent solution", "the position on {t} had not changed"]
CUES = [("said", "assert"), ("stressed", "assert"), ("noted", "assert"), ("denied", "deny"),
        ("rejected", "reject"), ("acknowledged", "acknowledge"), ("urged", "appeal")]
MODES = ["call", "call", "call", "meeting", "meeting", "video", "letter"]
OUTLETS = [f"https://www.{name}.example/news/" for name in (
    "kremlin", "whitehouse", "state", "mid", "elysee", "bundesregierung", "gov-uk", "mfa-cn", "president-ua",
    "reuters", "apnews", "afp", "tass", "xinhua", "aljazeera", "bbc", "dw", "france24", "rferl", "kyivindependent",
    "meduza", "politico", "guardian", "nytimes", "wsj", "ft", "lemonde", "spiegel", "anadolu", "irna", "timesofisrael",
    "hindustantimes", "nhk", "yonhap", "scmp")]
START, DAYS = dt.date(2014, 1, 1), 12 * 365
person_key = functools.lru_cache(maxsize=None)(_person_key)


class World:
    """The officials of each side and the contacts between sides that articles report."""

    def __init__(self, rng: random.Random, articles: int) -> None:
        self.rng = rng
        self.people = {s: [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", t) for t in TITLES] for s in SIDES}
        weights = [1 / (i + 1) for i in range(len(SIDES))]  # a few sides much more often than the rest
        self.contacts = []
        for _ in range(max(10, int(articles * 0.45))):
            a, b = rng.choices(SIDES, weights, k=2)
            while b == a:
                b = rng.choice(SIDES)
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            rank = rng.choice((0, 0, 1, 2, 3))  # leaders most often
            self.contacts.append((a, b, rng.choice(MODES), day, rank))
        # Zipf-like: the first contacts get many reports, most get one or two.
        self.cum_weights = list(itertools.accumulate(1 / (i + 1) ** 0.6 for i in range(len(self.contacts))))


def _sentence(parts: list[str], text: str) -> tuple[int, int]:
    start = sum(len(p) for p in parts)
    parts.append(text)
    return start, start + len(text)


def make_article(world: World, n: int) -> dict:
    """One article's rows: the article, its actors, statements and contacts, with spans into its text."""
    rng = world.rng
    a, b, mode, day, rank = rng.choices(world.contacts, cum_weights=world.cum_weights)[0]
    published = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 5)))
    url = rng.choice(OUTLETS) + f"{published.isoformat()}/{n}"
    (name_a, title_a), (name_b, title_b) = world.people[a][rank], world.people[b][rank]
    parts: list[str] = [f"Report {n}. "]
    precision = rng.random()
    if precision < 0.65:
        when, told = day.isoformat(), f"on {day:%B} {day.day}"
    elif precision < 0.8:
        when, told = day.strftime("%Y-%m"), f"in {day:%B}"
    else:
        when, told = None, "this week"
    told_mode = "talks" if rng.random() < 0.15 else mode
    verb = {"call": "spoke by phone with", "meeting": "met", "video": "held a video call with",
            "letter": "wrote to", "talks": "held talks with"}[told_mode]
    evidence = _sentence(parts, f"{title_a} {name_a} {verb} {title_b} {name_b} {told}. ")
    aid = f"a{n:09d}"
    actors = {}
    for side, (name, title) in ((a, (name_a, title_a)), (b, (name_b, title_b))):
        actors[side] = {"id": record_key(aid, side.lower()), "article_id": aid, "local_id": side.lower(),
                        "name": name, "kind": "person", "side": side, "title": title, "side_rule": "synthetic",
                        "side_evidence": None, "mentions": [], "person_key": person_key(name, side, "person")}
    contacts = [_contact(aid, "c1", mode if told_mode != "talks" else "talks", (a, b), when, published, True,
                         ((name_a, a), (name_b, b)), parts, evidence)]
    if rng.random() < 0.25:  # a recalled earlier contact of the same pair
        then = day - dt.timedelta(days=rng.randrange(60, 900))
        span = _sentence(parts, f"They last spoke in {then.year}. ")
        contacts.append(_contact(aid, "c2", "call", (a, b), str(then.year), published, False,
                                 ((name_a, a), (name_b, b)), parts, span))
    statements = []
    for k in range(rng.randint(3, 10)):
        side = rng.choice((a, b))
        name, title = world.people[side][rank] if rng.random() < 0.7 else rng.choice(world.people[side])
        cue, stance = rng.choice(CUES)
        claim = rng.choice(CLAIMS).format(t=rng.choice(TOPICS))
        start = sum(len(p) for p in parts)
        sentence = f"{name} {cue} that {claim}. "
        parts.append(sentence)
        speaker = (start, start + len(name))
        cue_at = (speaker[1] + 1, speaker[1] + 1 + len(cue))
        content = (cue_at[1] + 6, cue_at[1] + 6 + len(claim))
        key = person_key(name, side, "person")
        statements.append({
            "id": record_key(aid, f"s{k}"), "article_id": aid, "local_id": f"s{k}",
            "actor_id": actors[side]["id"] if name == actors[side]["name"] else None, "speaker_name": name,
            "side": side, "stance": stance, "direct": False, "rule": "synthetic", "speaker_rule": "name",
            "parent": None, "confidence": 0.8, "speaker_start": speaker[0], "speaker_end": speaker[1],
            "speaker_text": name, "cue_start": cue_at[0], "cue_end": cue_at[1], "cue_text": cue,
            "content_start": content[0], "content_end": content[1], "content_text": claim, "person_key": key,
            "published": published.isoformat()})
    text = "".join(parts)
    for c in contacts:
        c["evidence_text"] = text[c["evidence_start"]:c["evidence_end"]]
    counts: dict[str, int] = {}
    for s in statements:
        counts[s["side"]] = counts.get(s["side"], 0) + 1
    sides = sorted(counts, key=lambda s: (-counts[s], s))
    title = f"{title_a} {name_a} and {title_b} {name_b} discuss {rng.choice(TOPICS)}"
    article = {"id": aid, "source_id": str(n), "source": url, "url": url, "title": title,
               "published": published.isoformat(), "text": text, "sides": "|".join(sides),
               "analysis": {"id": str(n), "synthetic": True}, "ingested_at": "2026-01-01T00:00:00+00:00",
               "outlet": outlet_of(url, None), "analyzer_version": "synthetic"}
    return {"articles": [article], "article_sides": [{"article_id": aid, "side": s} for s in sides],
            "actors": list(actors.values()), "statements": statements, "contacts": contacts}


def _contact(aid, local, mode, sides, when, published, current, people, parts, span) -> dict:
    days = day_range(when, published.isoformat(), current)
    return {"id": record_key(aid, local), "article_id": aid, "local_id": local, "event_id": None, "mode": mode,
            "sides": "|".join(sorted(sides)), "when_date": when, "range_start": days[0] if days else None,
            "range_end": days[1] if days else None, "when_span": None, "current": current, "planned": False,
            "participants": [{"name": n, "side": s, "actor": None, "mention": None, "kind": "person"} for n, s in people],
            "initiator": None, "initiator_per": None, "rule": "synthetic", "confidence": 0.8,
            "evidence_start": span[0], "evidence_end": span[1], "evidence_text": "", "all_evidence": []}


def stand_in_comparer(left, right):
    """Pairs the first statements of two sides: shared when their stances agree, else a conflict."""
    out = []
    for i, (x, y) in enumerate(zip(left[:3], right[:3])):
        kind = "shared" if x.stance == y.stance else "conflict"
        out.append((kind, i, i, x.text[:60], "synthetic", 0.5))
    return out


def _insert_many(conn, table, rows: list[dict]) -> None:
    """One driver-level bulk insert: COPY on PostgreSQL, one executemany on SQLite (SQLAlchemy's
    per-row parameter processing costs more than the database here, and PostgreSQL's executemany
    still sends a statement per row)."""
    import json

    import sqlalchemy as sa

    if not rows:
        return
    names = list(rows[0])
    json_cols = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
    values = [tuple(json.dumps(r[n]) if n in json_cols else r[n] for n in names) for r in rows]
    if conn.dialect.name == "postgresql":
        with conn.connection.dbapi_connection.cursor() as cur, \
                cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    marks = ", ".join(["?"] * len(names))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", values)


def generate(db: str, articles: int, *, batch: int = 2000, seed: int = 7, log=print,
             derive_only: bool = False) -> dict[str, int]:
    """Write ``articles`` synthetic articles into a new store at ``db``; returns its row counts.

    ``derive_only`` skips the records (already written by a run that was stopped while deriving).
    """
    from readouts.store import schema

    rng = random.Random(seed)
    world = World(rng, articles)
    start = time.monotonic()
    tables = ("articles", "article_sides", "actors", "statements", "contacts")
    with open_store(db, create=True) as store:
        if store.counts()["articles"] and not derive_only:
            raise SystemExit(f"{db}: not empty")
        for first in range(0, 0 if derive_only else articles, batch):
            rows: dict[str, list[dict]] = {t: [] for t in tables}
            for n in range(first, min(articles, first + batch)):
                for table, items in make_article(world, n).items():
                    rows[table].extend(items)
            docs = [{"kind": "statement", "ref": s["id"], "body": f"{s['speaker_name']} {s['content_text']}"}
                    for s in rows["statements"]]
            docs += [{"kind": "article", "ref": a["id"], "body": a["title"]} for a in rows["articles"]]
            with store.engine.begin() as conn:
                for table in tables:
                    _insert_many(conn, schema.metadata.tables[table], rows[table])
                _insert_many(conn, schema.search_docs, docs)
            log(f"  {min(articles, first + batch)} articles ({time.monotonic() - start:.0f}s)")
        log("  deriving people, events, points and the search index ...")
        with store.engine.begin() as conn:
            from readouts.store.merge import rebuild_all
            from readouts.store.people import rebuild_people

            rebuild_people(conn)
            rebuild_all(conn, stand_in_comparer)
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")  # planner statistics, as a long-running store has
        counts = store.counts()
    log(f"done in {time.monotonic() - start:.0f}s: {counts}")
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--db", required=True, help="a new SQLite file or an empty postgresql:// database")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--derive-only", action="store_true",
                   help="only derive people, events and the search index from the records already written")
    args = p.parse_args(argv)
    generate(args.db, args.articles, seed=args.seed, derive_only=args.derive_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
