"""``readouts ingest | db | reanalyze | events | timeline | show | export | serve``: the corpus commands.

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
  readouts ingest archive/ --workers 2              # analyse on 2 cores
  readouts ingest archive/ --dask tcp://10.0.0.5:8786   # on a Dask cluster
"""
DB_HELP = """\
Manage the store's schema: `upgrade` brings a database (created if missing)
to the latest version; `status` shows its version and row counts.

examples:
  readouts db upgrade --db readouts.db
  readouts db status --db postgresql://user@localhost/readouts
"""
REANALYZE_HELP = """\
Analyse the stored articles again with the current rules (after an upgrade of
readouts), replace their records and rebuild the events. Each article keeps the
readouts version that made its analysis. An article whose new analysis fails
keeps its old records and is listed; the exit status is then 1.

examples:
  readouts reanalyze --db readouts.db
  readouts reanalyze --db postgresql://user@localhost/readouts --since 2024-01
"""
EVENTS_HELP = """\
List events (contacts merged across the articles that report them), newest first.

examples:
  readouts events --between FR RU --since 2022-01
  readouts events --actor Lavrov --mode call --format json
  readouts events --between US RU --format csv > us-ru.csv
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
pairs of sides, search; a JSON API under /api. Served by waitress (8 worker
threads, idle connections closed after 30 s). Binds 127.0.0.1 unless --host
is given; another address prints a warning, as there is no login.

examples:
  readouts serve --db readouts.db
  readouts serve --port 8080 --host 0.0.0.0   # reachable from other machines
"""


def _default_db() -> str:
    return os.environ.get("READOUTS_DB", "readouts.db")


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=_default_db(),
                   help="SQLite file or postgresql:// URL (default $READOUTS_DB or readouts.db)")


def _fmt(p: argparse.ArgumentParser, *extra: str) -> None:
    p.add_argument("--format", choices=("text", "json", *extra), default="text")


def add_commands(sub) -> None:
    from readouts.cli import add_fetch_options

    p = sub.add_parser("ingest", help="read and analyse articles into the store", description=INGEST_HELP,
                       formatter_class=RAW)
    p.add_argument("sources", nargs="+", help="files, folders, feeds, WARC files, URL lists or URLs")
    _db(p)
    p.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    add_fetch_options(p)
    p.add_argument("--report", metavar="FILE", help="also write the counts and failures to FILE as JSON")
    p.add_argument("--no-compare", action="store_true",
                   help="do not compare the accounts of different sides of one event (faster; `readouts reanalyze` "
                        "compares the events it touches later)")
    from readouts.cli import add_limit_options

    add_limit_options(p)

    from readouts.cli import workers_option

    workers_option(p)
    p.add_argument("--dask", metavar="ADDRESS",
                   help="analyse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), "
                        "or 'local' for a cluster of --workers processes here; needs readouts[dask]")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("db", help="upgrade the store's schema or show its status", description=DB_HELP,
                       formatter_class=RAW)
    p.add_argument("action", choices=("upgrade", "status"))
    _db(p)
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("reanalyze", help="analyse stored articles again with the current rules",
                       description=REANALYZE_HELP, formatter_class=RAW)
    _db(p)
    p.add_argument("--since", help="only articles published then or later: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--no-compare", action="store_true",
                   help="do not compare the accounts of different sides of one event (faster)")
    p.set_defaults(func=cmd_reanalyze)

    p = sub.add_parser("events", help="list events", description=EVENTS_HELP, formatter_class=RAW)
    p.add_argument("--between", nargs="+", metavar="SIDE", default=[], help="sides the event must have (FR RU)")
    p.add_argument("--actor", help="a participant's name (or part of it)")
    p.add_argument("--since", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--until", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--mode", choices=("call", "meeting", "video", "letter", "talks"))
    p.add_argument("--limit", type=int, default=500)
    _db(p)
    _fmt(p, "csv")
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
    from readouts.cli.output import printable

    text = printable(text)  # stored article text must not reach the terminal raw
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _view(text: str) -> None:
    """A text view: coloured on a terminal (unless NO_COLOR), plain when piped; control characters removed."""
    from readouts.cli.output import printable
    from readouts.report.terminal import write_text

    write_text(printable(text), sys.stdout)


def _json(obj) -> None:
    from readouts.cli.output import json_printable

    sys.stdout.write(json_printable(json.dumps(obj, ensure_ascii=False, indent=2)) + "\n")


def count_articles(sources: list[str]) -> int | None:
    """How many articles the sources hold, when that is known without reading them: a JSONL line,
    a text or HTML file, a URL each; None when a feed, a WARC file or a URL list is among them."""
    from readouts.read.sources import expand_sources, is_url

    total = 0
    try:
        for source in expand_sources(sources):
            lower = source.lower()
            if is_url(source) and not lower.endswith((".xml", ".rss", ".atom")):
                total += 1
            elif lower.endswith(".jsonl"):
                with open(source, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif lower.endswith((".html", ".htm")):
                total += 1
            elif lower.endswith(".txt"):
                with open(source, "rb") as fh:
                    head = fh.read(2048).lstrip()
                if head.startswith((b"http://", b"https://")):
                    return None  # a URL list: one article per line, counted when read
                total += 1
            else:
                return None
    except (OSError, InputError):
        return None  # the ingest itself reports the bad source
    return total


def _counted(n: int, noun: str) -> str:
    """"1 contact report", "3 contact reports"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def cmd_ingest(args, report: Report) -> int:
    from readouts.corpus import ingest
    from readouts.report.terminal import ArticleProgress
    from readouts.store import open_store

    store = open_store(args.db, create=True)
    try:
        with ArticleProgress(sys.stderr, count_articles(args.sources), "ingest", log=report) as bar:
            def on_progress(p) -> None:
                bar.update(p.stored + p.skipped + p.failed,
                           f"{p.stored} stored, {p.skipped} skipped, {p.failed} failed")

            result = ingest(store, args.sources, published=args.published, timeout=args.timeout,
                            allow_private=args.allow_private, comparer=None if args.no_compare else "auto",
                            on_progress=on_progress, on_warning=report,
                            max_chars=args.max_chars, article_timeout=args.article_timeout or None,
                            workers=args.workers, dask=args.dask)
    finally:
        store.close()
    for failure in result.failures:
        report(f"failed: {failure.source}: {failure.reason}")
    report(f"ingest: {result.stored} stored, {result.skipped} already there, {len(result.failures)} failed; "
           f"{_counted(result.events_created, 'contact report')} alone in an event so far, "
           f"{_counted(result.reports_merged, 'contact report')} merged with other articles' reports "
           f"({result.seconds:.1f}s) into {store.name}")
    if args.report:
        try:
            with open(args.report, "w", encoding="utf-8") as fh:
                json.dump(result.to_json(), fh, ensure_ascii=False, indent=2)
        except OSError as err:
            raise InputError(args.report, f"cannot write the report: {err.strerror or err}") from err
    return 0 if result.ok else 1


def _analyze_batch(articles):
    from readouts.analyze import analyze_many

    return list(analyze_many(articles, batch_size=len(articles)))


def cmd_reanalyze(args, report: Report) -> int:
    from readouts.corpus.run import default_comparer
    from readouts.store import open_store, reanalyze

    with open_store(args.db) as store:
        result = reanalyze(store, _analyze_batch, since=args.since,
                           comparer=None if args.no_compare else default_comparer(),
                           on_progress=lambda done, total: report(f"reanalyze: {done}/{total} articles"))
    for article_id, reason in result.failures:
        report(f"failed: {article_id}: {reason} (its old analysis is kept)")
    report(f"reanalyze: {result.analysed} articles analysed again, {len(result.failures)} failed; "
           f"{result.events} events")
    return 1 if result.failures else 0


def cmd_db(args, report: Report) -> int:
    from readouts.corpus.run import default_comparer
    from readouts.store import store_status, upgrade_store
    from readouts.store.db import display_url
    from readouts.store.migrations import LATEST

    if args.action == "upgrade":
        before, after = upgrade_store(args.db, comparer=default_comparer())
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
    elif args.format == "csv":
        from readouts.report.store import events_csv

        sys.stdout.write(events_csv(events))
    else:
        _view(render_events(events))
    return 0


def cmd_timeline(args, report: Report) -> int:
    from readouts.report.store import render_pair
    from readouts.store import open_store, pair_history

    with open_store(args.db, read_only=True) as store:
        history = pair_history(store, args.side_a, args.side_b)
    if args.format == "json":
        _json(history.to_json())
    else:
        _view(render_pair(history))
    return 0


def cmd_show(args, report: Report) -> int:
    from readouts.report.store import render_event
    from readouts.store import get_event, open_store

    with open_store(args.db, read_only=True) as store:
        detail = get_event(store, args.event_id)
    if args.format == "json":
        _json(detail.to_json())
    else:
        _view(render_event(detail))
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
