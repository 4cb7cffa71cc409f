"""``readouts ingest | db | events | timeline | show | export | serve``: the corpus commands.

Each handler is one call into ``readouts.store`` (or ``readouts.web``) plus
rendering. ``--db`` defaults to ``$READOUTS_DB`` or ``readouts.db``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

from readouts.errors import InputError

Report = Callable[[str], None]
RAW = argparse.RawDescriptionHelpFormatter

INGEST_HELP = """\
Read articles into the store and analyse them: files and folders (.txt, .html),
JSONL batches, RSS/Atom feeds (files or URLs), WARC crawls (.warc, .warc.gz),
URL lists (.urls, or .txt files of URLs) and single URLs. Articles already
stored (same text) are skipped, so running it again adds nothing twice. Bad
sources are listed at the end; the exit status is 1 when any failed.

examples:
  readouts ingest news/ --db readouts.db
  readouts ingest feed.xml crawl.warc.gz links.urls --report failures.json
  readouts ingest articles.jsonl --db postgresql://user@localhost/readouts
  readouts ingest archive/ --max-chars 5000000 --article-timeout 600
"""
DB_HELP = """\
Manage the store's schema: `upgrade` brings a database (created if missing)
to the latest version; `status` shows its version and row counts.

examples:
  readouts db upgrade --db readouts.db
  readouts db status --db postgresql://user@localhost/readouts
"""
EVENTS_HELP = """\
List events (contacts merged across the articles that report them), newest first.

examples:
  readouts events --between FR RU --since 2022-01
  readouts events --actor Lavrov --mode call --format json
"""
TIMELINE_HELP = """\
The contact history of two sides, oldest first.

examples:
  readouts timeline FR RU
  readouts timeline US RU --format json --db corpus.db
"""
SHOW_HELP = """\
One event: its reports, each side's account, and where they conflict and agree.

examples:
  readouts show e14df45173accb565
  readouts show e14df45173accb565 --format json
"""
EXPORT_HELP = """\
Export a table of the store as JSONL, CSV or Parquet (Parquet needs pyarrow).
Tables: events, contacts, statements, disputes, agreements, actors, articles, analyses.

examples:
  readouts export --format jsonl > events.jsonl
  readouts export --table statements --format csv --output statements.csv
  readouts export --table contacts --format parquet --output contacts.parquet
"""
SERVE_HELP = """\
Browse the store in a web browser (read-only): events with a timeline, one
event's accounts side by side, articles with their statements highlighted,
pairs of sides, search; a JSON API under /api. Binds 127.0.0.1 unless --host
is given.

examples:
  readouts serve --db readouts.db
  readouts serve --port 8080 --host 0.0.0.0   # reachable from other machines
"""


def _default_db() -> str:
    return os.environ.get("READOUTS_DB", "readouts.db")


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=_default_db(),
                   help="SQLite file or postgresql:// URL (default $READOUTS_DB or readouts.db)")


def _fmt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")


def add_commands(sub) -> None:
    p = sub.add_parser("ingest", help="read and analyse articles into the store", description=INGEST_HELP,
                       formatter_class=RAW)
    p.add_argument("sources", nargs="+", help="files, folders, feeds, WARC files, URL lists or URLs")
    _db(p)
    p.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a URL (default 20)")
    p.add_argument("--report", metavar="FILE", help="also write the counts and failures to FILE as JSON")
    p.add_argument("--no-compare", action="store_true",
                   help="do not compare the accounts of different sides of one event (faster)")
    from readouts.cli import add_limit_options

    add_limit_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("db", help="upgrade the store's schema or show its status", description=DB_HELP,
                       formatter_class=RAW)
    p.add_argument("action", choices=("upgrade", "status"))
    _db(p)
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("events", help="list events", description=EVENTS_HELP, formatter_class=RAW)
    p.add_argument("--between", nargs="+", metavar="SIDE", default=[], help="sides the event must have (FR RU)")
    p.add_argument("--actor", help="a participant's name (or part of it)")
    p.add_argument("--since", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--until", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--mode", choices=("call", "meeting", "video", "letter", "talks"))
    p.add_argument("--limit", type=int, default=500)
    _db(p)
    _fmt(p)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("timeline", help="contact history of two sides", description=TIMELINE_HELP,
                       formatter_class=RAW)
    p.add_argument("side_a")
    p.add_argument("side_b")
    _db(p)
    _fmt(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("show", help="one event with each side's account", description=SHOW_HELP,
                       formatter_class=RAW)
    p.add_argument("event_id")
    _db(p)
    _fmt(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="export a table as JSONL, CSV or Parquet", description=EXPORT_HELP,
                       formatter_class=RAW)
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("--table", default="events",
                   choices=("events", "contacts", "statements", "disputes", "agreements", "actors", "articles",
                            "analyses"))
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default stdout; Parquet needs a file)")
    _db(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("serve", help="browse the store in a web browser (read-only)", description=SERVE_HELP,
                       formatter_class=RAW)
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.set_defaults(func=cmd_serve)


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json(obj) -> None:
    _out(json.dumps(obj, ensure_ascii=False, indent=2))


class _ProgressBar:
    """A one-line bar with counts and rate on a terminal; a log line per source otherwise."""

    def __init__(self, stream, report: Report) -> None:
        self.stream, self.report = stream, report
        self.tty = stream.isatty()
        self.last_done = -1

    def __call__(self, p) -> None:
        if self.tty:
            width = 24
            filled = int(width * p.sources_done / p.sources_total) if p.sources_total else width
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {p.sources_done}/{p.sources_total} sources"
                              f"  {p.stored} stored  {p.skipped} skipped  {p.failed} failed  {p.rate:.1f}/s ")
            self.stream.flush()
        elif p.sources_done != self.last_done:
            self.last_done = p.sources_done
            self.report(f"ingest: {p.sources_done}/{p.sources_total} sources, {p.stored} stored, "
                        f"{p.skipped} skipped, {p.failed} failed, {p.rate:.1f} articles/s")

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def cmd_ingest(args, report: Report) -> int:
    from readouts.corpus import ingest
    from readouts.store import open_store

    store = open_store(args.db, create=True)
    bar = _ProgressBar(sys.stderr, report)
    try:
        result = ingest(store, args.sources, published=args.published, timeout=args.timeout,
                        comparer=None if args.no_compare else "auto", on_progress=bar, on_warning=report,
                        max_chars=args.max_chars, article_timeout=args.article_timeout or None)
    finally:
        bar.close()
        store.close()
    for failure in result.failures:
        report(f"failed: {failure.source}: {failure.reason}")
    report(f"ingest: {result.stored} stored, {result.skipped} already there, {len(result.failures)} failed; "
           f"{result.events_created} new events, {result.reports_merged} reports merged into events "
           f"({result.seconds:.1f}s) into {store.name}")
    if args.report:
        try:
            with open(args.report, "w", encoding="utf-8") as fh:
                json.dump(result.to_json(), fh, ensure_ascii=False, indent=2)
        except OSError as err:
            raise InputError(args.report, f"cannot write the report: {err.strerror or err}") from err
    return 0 if result.ok else 1


def cmd_db(args, report: Report) -> int:
    from readouts.store import store_status, upgrade_store
    from readouts.store.db import display_url
    from readouts.store.migrations import LATEST

    if args.action == "upgrade":
        before, after = upgrade_store(args.db)
        report(f"{display_url(args.db)}: schema version {before} -> {after}" if before != after
               else f"{display_url(args.db)}: already at schema version {after}")
        return 0
    version, counts = store_status(args.db)
    if counts is None:
        _out(f"{display_url(args.db)}: schema version {version} of {LATEST}: run readouts db upgrade --db {args.db}")
        return 1
    _out(f"{display_url(args.db)}: schema version {version}")
    for table, n in counts.items():
        _out(f"  {table:<12} {n}")
    return 0


def cmd_events(args, report: Report) -> int:
    from readouts.report.store import render_events
    from readouts.store import list_events, open_store

    with open_store(args.db, read_only=True) as store:
        events = list_events(store, sides=tuple(args.between), actor=args.actor, since=args.since,
                             until=args.until, mode=args.mode, limit=args.limit)
    if args.format == "json":
        _json([e.to_json() for e in events])
    else:
        _out(render_events(events))
    return 0


def cmd_timeline(args, report: Report) -> int:
    from readouts.report.store import render_pair
    from readouts.store import open_store, pair_history

    with open_store(args.db, read_only=True) as store:
        history = pair_history(store, args.side_a, args.side_b)
    if args.format == "json":
        _json(history.to_json())
    else:
        _out(render_pair(history))
    return 0


def cmd_show(args, report: Report) -> int:
    from readouts.report.store import render_event
    from readouts.store import get_event, open_store

    with open_store(args.db, read_only=True) as store:
        detail = get_event(store, args.event_id)
    if args.format == "json":
        _json(detail.to_json())
    else:
        _out(render_event(detail))
    return 0


def cmd_export(args, report: Report) -> int:
    from readouts.store import export, open_store

    with open_store(args.db, read_only=True) as store:
        n = export(store, args.table, args.format, out=sys.stdout, path=args.output)
    report(f"export: {n} {args.table} rows as {args.format}" + (f" to {args.output}" if args.output else ""))
    return 0


def cmd_serve(args, report: Report) -> int:
    from readouts.web import serve

    return serve(args.db, host=args.host, port=args.port, report=report)
