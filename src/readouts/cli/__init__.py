"""The ``readouts`` command: a thin layer over the Python API.

Every command is one API call plus rendering. Any ``ReadoutsError`` becomes
one line on stderr (``readouts: <input>: <problem>``) and a non-zero exit;
never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

from readouts.errors import AnalysisError, InputError, ReadoutsError

ANALYZE_HELP = """\
Analyse articles: statements (who said what, for which side), actors,
contacts between sides, disputes and agreements.

examples:
  readouts analyze article.txt --published 2024-04-04
  readouts analyze page.html --format md
  curl -s URL | readouts analyze - --format json
  readouts analyze https://example.org/news/1 --format json
  readouts analyze articles.jsonl --format jsonl > out.jsonl
  readouts analyze big/*.txt --max-chars 5000000 --article-timeout 600

Every input stands alone: one that cannot be read or analysed is reported on
stderr with its reason (the exit status is then 1) and the rest are analysed.
Warnings (a rule that failed on one sentence, replaced characters) go to stderr
and into the JSON's "warnings" list.
"""

COMPARE_HELP = """\
Compare two or more accounts of one event (e.g. the White House and the
Kremlin readouts of one call): what both report, what only one reports,
and where they conflict.

examples:
  readouts compare whitehouse.txt kremlin.txt --side US --side RU
  readouts compare a.txt b.txt --format html > report.html
"""

# Extra command groups register themselves here: (module, function adding subparsers).
PLUGINS = ("readouts.cli.corpus",)


def _valid_date(value: str) -> str:
    from readouts.parse.dates import parse_iso_date

    try:
        parse_iso_date(value, source="--published")
    except InputError as err:
        raise argparse.ArgumentTypeError(err.problem) from None
    return value


def _count(value: str) -> int:
    try:
        n = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not n >= 0 or n == float("inf"):
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more seconds")
    return n


def add_limit_options(p: argparse.ArgumentParser) -> None:
    """``--max-chars`` and ``--article-timeout``: bounded work per article (analyze, ingest)."""
    from readouts.analyze import ARTICLE_TIMEOUT, MAX_CHARS

    p.add_argument("--max-chars", type=_count, default=MAX_CHARS, metavar="N",
                   help=f"refuse an article longer than N characters (default {MAX_CHARS:,}; 0: no limit)")
    p.add_argument("--article-timeout", type=_seconds, default=ARTICLE_TIMEOUT, metavar="SECONDS",
                   help=f"stop and report an article still unfinished after SECONDS (default {ARTICLE_TIMEOUT:g}; "
                        "0: no limit)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="readouts",
        description="Who said what about an event, each side's account, and where they agree or diverge.",
    )
    from readouts import __version__

    parser.add_argument("--version", action="version", version=f"readouts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="analyse articles", description=ANALYZE_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", default=["-"],
                   help="text, HTML or .jsonl files, URLs, or - for stdin (default)")
    p.add_argument("--published", type=_valid_date, help="publication date YYYY-MM-DD (single inputs)")
    p.add_argument("--format", choices=("text", "json", "jsonl", "md", "html"), default="text")
    p.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a URL (default 20)")
    add_limit_options(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("compare", help="compare accounts of one event", description=COMPARE_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", help="two or more accounts (files, URLs)")
    p.add_argument("--side", action="append", default=[],
                   help="the side of each document, in order (ISO code); inferred when left out")
    p.add_argument("--published", type=_valid_date, help="publication date YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json", "md", "html"), default="text")
    p.add_argument("--backend", choices=("auto", "lexical", "embeddings"),
                   default=os.environ.get("READOUTS_COMPARE_BACKEND", "auto"),
                   help="how points are aligned (default: $READOUTS_COMPARE_BACKEND, else auto: "
                        "embeddings when installed, else lexical)")
    p.add_argument("--timeout", type=float, default=20.0)
    p.set_defaults(func=cmd_compare)

    for modname in PLUGINS:
        try:
            module = __import__(modname, fromlist=["add_commands"])
        except ImportError:
            continue
        module.add_commands(sub)
    return parser


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_analyze(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from readouts.analyze import analyze_many
    from readouts.read.inputs import read_articles
    from readouts.report.analysis import render_analysis

    failed = 0
    single = args.format != "jsonl"
    articles = read_articles(args.inputs, published=args.published, timeout=args.timeout, on_error=report)
    for result in analyze_many(articles, max_chars=args.max_chars, article_timeout=args.article_timeout or None):
        if isinstance(result, ReadoutsError):
            report(str(result))
            failed += 1
            continue
        name = result.article.id or result.article.url or "<text>"
        for w in result.warnings:
            report(f"{name}: warning: {w.message()}")
        try:
            out = (json.dumps(result.to_json(), ensure_ascii=False) if args.format == "jsonl"
                   else render_analysis(result, args.format))
        except Exception as err:  # noqa: BLE001 - one article's output must not stop the batch
            report(str(AnalysisError(name, f"cannot be written: {type(err).__name__}: {err}")))
            failed += 1
            continue
        _write(out)
        if single:
            sys.stdout.flush()
    return 1 if failed else 0


def cmd_compare(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from readouts.divergence.compare import compare
    from readouts.read.inputs import read_document
    from readouts.report.compare import render_comparison

    if len(args.inputs) < 2:
        raise InputError("compare", "needs at least two documents")
    if args.side and len(args.side) != len(args.inputs):
        raise InputError("--side", f"give one --side per document ({len(args.inputs)}), or none")
    articles = [read_document(src, published=args.published, timeout=args.timeout) for src in args.inputs]
    result = compare(articles, sides=args.side or None, backend=args.backend)
    _write(render_comparison(result, args.format))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2

    def report(message: str) -> None:
        sys.stderr.write(f"readouts: {message}\n")

    try:
        return args.func(args, report)
    except ReadoutsError as err:
        report(str(err))
        return err.exit_code
    except KeyboardInterrupt:
        report("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``readouts ... | head -1``): that is not an error. Point stdout at
        # devnull so the interpreter's final flush does not raise again (Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - never a traceback to the user
        report(f"internal error: {type(err).__name__}: {err} (please report this)")
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
