"""The ``readouts`` command: a thin layer over the Python API.

Every command is one API call plus rendering. Any ``ReadoutsError`` becomes
one line on stderr (``readouts: <input>: <problem>``) and a non-zero exit;
never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
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
  readouts analyze articles.jsonl --format jsonl --workers 4 > out.jsonl
  readouts analyze big/*.txt --max-chars 5000000 --article-timeout 600
  readouts analyze uk-statement.txt --side GB     # a government's own text: its "we" is GB

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


def workers_option(p: argparse.ArgumentParser) -> None:
    """``--workers N``: analyse in N processes (default: every core); 1 starts none."""
    def count(value: str) -> int:
        if not value.isdecimal() or int(value) < 1:
            raise argparse.ArgumentTypeError(f"expected a whole number of processes >= 1, got {value!r}")
        return int(value)

    from readouts.corpus.parallel import default_workers

    n = default_workers()
    p.add_argument("--workers", type=count, default=n, metavar="N",
                   help=f"analyse in N processes, results in input order (default: the {n} cores here; "
                        "1 analyses in this process)")


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


def add_fetch_options(p: argparse.ArgumentParser) -> None:
    """``--timeout`` and ``--allow-private``: how URLs are fetched (``readouts.read.fetch``)."""
    p.add_argument("--timeout", type=_positive_seconds, default=20.0,
                   help="seconds allowed for fetching each URL, redirects and all (default 20)")
    p.add_argument("--allow-private", action="store_true",
                   help="fetch URLs on loopback, private and link-local addresses (refused by default)")


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 3600 seconds: {value!r}")
    return seconds


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
    add_fetch_options(p)
    add_limit_options(p)
    workers_option(p)
    p.add_argument("--side", type=_valid_side,
                   help="the side (ISO code) that issued the texts, e.g. GB for a UK government statement: "
                        "its 'we' and bodies named without a country speak for it")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("compare", help="compare accounts of one event", description=COMPARE_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", help="two or more accounts (files, URLs)")
    p.add_argument("--side", action="append", default=[],
                   help="the side of each document, in order: an ISO 3166 alpha-2 code (US, RU, FR) or "
                        "ORG:<name>; inferred when left out")
    p.add_argument("--published", type=_valid_date, help="publication date YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "json", "md", "html"), default="text")
    p.add_argument("--backend", choices=("auto", "lexical", "embeddings"),
                   default=os.environ.get("READOUTS_COMPARE_BACKEND", "auto"),
                   help="how points are aligned (default: $READOUTS_COMPARE_BACKEND, else auto: "
                        "embeddings when installed, else lexical)")
    add_fetch_options(p)
    p.set_defaults(func=cmd_compare)

    for modname in PLUGINS:
        try:
            module = __import__(modname, fromlist=["add_commands"])
        except ImportError:
            continue
        module.add_commands(sub)
    return parser


def _write(text: str, *, json_doc: bool = False) -> None:
    """Print a view (control characters removed) or a JSON document (control characters escaped)."""
    from readouts.cli.output import json_printable, printable

    text = json_printable(text) if json_doc else printable(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _valid_side(value: str) -> str:
    from readouts.sides.gazetteer import gazetteer

    code = value.strip().upper() if not value.startswith("ORG:") else value.strip()
    if not gazetteer().country_name(code):
        raise argparse.ArgumentTypeError(f"unknown side {value!r}: give an ISO 3166-1 code such as GB or US")
    return code


def _issued_by(articles, side: str | None):
    """Articles with ``side`` as their issuer (an input's own side, if any, wins)."""
    from dataclasses import replace

    from readouts.records import Article

    for art in articles:
        yield replace(art, side=art.side or side) if side and isinstance(art, Article) else art


def _view(text: str) -> None:
    """A text view (control characters removed): coloured on a terminal unless NO_COLOR, plain when piped."""
    from readouts.cli.output import printable
    from readouts.report.terminal import write_text

    write_text(printable(text), sys.stdout)


def side_arg(value: str) -> str:
    """A side given on the command line: an ISO 3166 alpha-2 code (any case) or ``ORG:<name>``.

    "USA" is refused with the code it names ("US"): a three-letter code would
    silently be a side nothing else in the store is keyed by.
    """
    import pycountry

    value = value.strip()
    if value[:4].upper() == "ORG:" and value[4:].strip():
        return "ORG:" + value[4:].strip()
    if len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()):
        return value.upper()
    country = pycountry.countries.get(alpha_3=value.upper()) if len(value) == 3 else None
    hint = f" (for {country.name} give {country.alpha_2})" if country else ""
    raise InputError("--side", f"not a side: {value!r}{hint}; give an ISO 3166 alpha-2 code such as US, RU, FR, "
                               "CN, GB, UA, or ORG:<name>")


def _batch(inputs: list[str]) -> bool:
    return len(inputs) > 1 or any(i.lower().endswith(".jsonl") for i in inputs) or any(
        os.path.isdir(i) for i in inputs)


def cmd_analyze(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from readouts.corpus.parallel import analyze_parallel
    from readouts.read.inputs import read_articles
    from readouts.report.analysis import render_analysis
    from readouts.report.terminal import ArticleProgress

    failed = done = 0
    single = args.format != "jsonl"
    total = None
    if _batch(args.inputs):
        from readouts.cli.corpus import count_articles

        total = count_articles(args.inputs)
    articles = read_articles(args.inputs, published=args.published, timeout=args.timeout,
                             allow_private=args.allow_private, on_error=report)
    # A bar over the articles of a batch, on stderr when it is a terminal; a single article needs none.
    with ArticleProgress(sys.stderr if _batch(args.inputs) else _NoTerminal(), total, "analyze") as bar:
        for result in analyze_parallel(_issued_by(articles, args.side), workers=args.workers, max_chars=args.max_chars,
                                       article_timeout=args.article_timeout or None):
            done += 1
            bar.update(done, f"{failed} failed" if failed else "")
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
            if args.format == "text":
                _view(out)
            else:
                _write(out, json_doc=args.format in ("json", "jsonl"))
            if single:
                sys.stdout.flush()
    return 1 if failed else 0


class _NoTerminal:
    """Where the bar of a single article goes: nowhere."""

    def isatty(self) -> bool:
        return False


def cmd_compare(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from readouts.divergence.compare import compare
    from readouts.read.inputs import read_document
    from readouts.report.compare import render_comparison

    if len(args.inputs) < 2:
        raise InputError("compare", "needs at least two documents")
    if args.side and len(args.side) != len(args.inputs):
        raise InputError("--side", f"give one --side per document ({len(args.inputs)}), or none")
    sides = [side_arg(s) for s in args.side]
    articles = [read_document(src, published=args.published, timeout=args.timeout, allow_private=args.allow_private)
                for src in args.inputs]
    result = compare(articles, sides=sides or None, backend=args.backend)
    if args.format == "text":
        _view(render_comparison(result, "text"))
    else:
        _write(render_comparison(result, args.format), json_doc=args.format == "json")
    return 0


def _report(message: str) -> None:
    """One line on stderr, control characters removed (messages quote URLs, ids and article text)."""
    from readouts.cli.output import printable

    sys.stderr.write(f"readouts: {printable(message, keep_newlines=False)}\n")


class _Interrupt:
    """Remembers a Ctrl-C as well as raising it: a library that swallows the KeyboardInterrupt
    (a bare ``except:`` around an optional import while spaCy loads) cannot lose it."""

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, signum, frame) -> None:
        self.seen = True
        raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """The ``readouts`` command. A Ctrl-C at any point, start-up included (spaCy takes seconds to
    load), ends in one line and exit status 130."""
    interrupt, previous = _Interrupt(), None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, interrupt)
    try:
        code = _run(argv)
    except KeyboardInterrupt:
        code, interrupt.seen = 130, True
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if interrupt.seen:
        _report("interrupted")
        return 130
    return code


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args, _report)
    except ReadoutsError as err:
        _report(str(err))
        return err.exit_code
    except BrokenPipeError:
        # The reader went away (``readouts ... | head -1``): that is not an error. Point stdout at
        # devnull so the interpreter's final flush does not raise again (Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # noqa: BLE001 - never a traceback to the user
        _report(f"internal error: {type(err).__name__}: {err} (please report this)")
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
