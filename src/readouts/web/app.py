"""The read-only web app over a store: a small WSGI application.

Pages (HTML), the JSON API under ``/api`` and the CSV of each list
(``/events.csv?...``) share one handler per view (``readouts.web.views``), so
the API and the export mirror each page with its filters. Every text from an
article goes through Jinja2 autoescaping, and the Content-Security-Policy
allows only the app's own script file (the timeline's zoom and brush; pages
work without it), never an inline script, so a hostile article shows its
markup as text and runs nothing. Every error,
whatever raised it, goes through ``App.error`` with the same headers: one JSON
shape under ``/api`` (``{"error": {"status", "message"}}``) and an error page
elsewhere. Query parameters are parsed strictly (``int_param``): a value that
is not a plain number in its range, or longer than ``MAX_PARAM_CHARS``, is a
400, never a 500.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, quote

from readouts.errors import InputError, ReadoutsError
from readouts.report.names import side_label, side_name
from readouts.store import NotFound, Store, get_article, get_event, outlet_of, pair_history
from readouts.web import pages, views
from readouts.web.views import View

HERE = Path(__file__).parent
MAX_PAGE = 10_000
MAX_QUERY_CHARS = 65536  # the whole query string (waitress refuses longer request headers anyway)
MAX_PARAM_CHARS = 500    # one parameter's value (a search, a name, a date)
MAX_PARAMS = 50
MAX_PATH_CHARS = 2048
log = logging.getLogger(__name__)
SECURITY_HEADERS = [
    ("Content-Security-Policy", ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                "base-uri 'none'; frame-ancestors 'none'")),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
]


class HTTPError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    export: bool = False  # the CSV of a list: every page of it

    def arg(self, name: str) -> str | None:
        values = [v for v in self.query.get(name, []) if v.strip()]
        return values[0].strip() if values else None

    def int_param(self, name: str, default: int, lo: int, hi: int) -> int:
        """``name`` as a whole number from ``lo`` to ``hi``: ASCII digits only, so "²" or "10**30" is a 400."""
        value = self.arg(name)
        if value is None:
            return default
        if not re.fullmatch(r"[0-9]{1,9}", value) or not lo <= int(value) <= hi:
            raise HTTPError(400, f"{name}: expected a whole number from {lo} to {hi}, got {_shown(value)}")
        return int(value)

    def args(self, name: str) -> list[str]:
        return [v.strip() for raw in self.query.get(name, []) for v in raw.replace(",", " ").split() if v.strip()]


def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.update(span_link=pages.span_link, quote=lambda s: quote(s, safe=""), side_name=side_name,
                       side_label=side_label, outlet_of=outlet_of, anchor_id=pages.anchor_id)
    # An article's URL becomes a link only when it is http(s): never javascript: or data:.
    env.filters["web_url"] = lambda url: url if isinstance(url, str) and re.match(r"https?://", url, re.IGNORECASE) else None
    return env


def _hl(value: str | None) -> tuple[int, int] | None:
    """``hl=START-END``: character offsets into the article (ASCII digits, at most 9 each)."""
    if value is None:
        return None
    m = re.fullmatch(r"([0-9]{1,9})-([0-9]{1,9})", value)
    if not m:
        raise HTTPError(400, f"hl: expected START-END character offsets, got {_shown(value)}")
    return int(m.group(1)), int(m.group(2))


def _shown(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")


def parse_query(query_string: str) -> dict[str, list[str]]:
    """The query string's parameters; too long, too many or a value too long is a 400."""
    if len(query_string) > MAX_QUERY_CHARS:
        raise HTTPError(400, f"the query string is longer than {MAX_QUERY_CHARS:,} characters")
    try:
        query = parse_qs(query_string, keep_blank_values=False, max_num_fields=MAX_PARAMS)
    except ValueError:
        raise HTTPError(400, f"more than {MAX_PARAMS} query parameters") from None
    for name, values in query.items():
        if any(len(v) > MAX_PARAM_CHARS for v in values):
            raise HTTPError(400, f"{name[:40]}: longer than {MAX_PARAM_CHARS} characters")
    return query


# ---------------------------------------------------------------- views

def view_event(store: Store, req: Request, event_id: str) -> View:
    detail = get_event(store, event_id)
    return View("event.html", {"d": detail, "e": detail.event, "only": pages.only_one_side(detail)},
                detail.to_json())


def view_article(store: Store, req: Request, article_id: str) -> View:
    hl = _hl(req.arg("hl"))
    article = get_article(store, article_id)
    return View("article.html", {"a": article, "segments": pages.highlight(article, hl)}, article.to_json())


def view_pair(store: Store, req: Request, a: str, b: str) -> View:
    history = pair_history(store, a, b)
    return View("pair.html", {"h": history, "timeline": pages.timeline(history.events)}, history.to_json())


ROUTES: tuple[tuple[re.Pattern[str], Callable[..., View]], ...] = tuple(
    (re.compile(rx), fn) for rx, fn in (
        (r"/events", views.view_events),
        (r"/events/([\w-]+)", view_event),
        (r"/articles", views.view_articles),
        (r"/articles/([\w-]+)", view_article),
        (r"/people", views.view_people),
        (r"/people/([^/]+)", views.view_person),
        (r"/sides", views.view_sides),
        (r"/sides/([^/]+)", views.view_side),
        (r"/outlets", views.view_outlets),
        (r"/pairs/([^/]+)/([^/]+)", view_pair),
        (r"/search", views.view_search),
    )
)
# Lists and pages with a CSV of the same filtered view: /events.csv?between=FR+RU
CSV_ROUTES = frozenset({views.view_events, views.view_articles, views.view_people, views.view_sides,
                        views.view_outlets, views.view_person, views.view_side, views.view_search})
STATIC = {"style.css": "text/css; charset=utf-8", "timeline.js": "text/javascript; charset=utf-8"}


# ---------------------------------------------------------------- the WSGI application

class App:
    """``App(store)`` is a WSGI callable serving the store's pages and ``/api``."""

    def __init__(self, store: Store, allowed_hosts: frozenset[str] | None = None) -> None:
        self.store = store
        # Served on loopback, a page is only for this machine: a request naming another host in
        # its Host header comes from a DNS-rebinding page in the user's browser and is refused.
        self.allowed_hosts = allowed_hosts
        self.env = _environment()
        self.static = {name: (HERE / "static" / name).read_bytes() for name in STATIC}

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        # WSGI hands the path over as latin-1; the browser sent UTF-8.
        path = (environ.get("PATH_INFO", "/") or "/").encode("latin-1").decode("utf-8", "replace")
        method = environ.get("REQUEST_METHOD", "GET").upper()
        api = path == "/api" or path.startswith("/api/")
        try:
            self.check_host(environ)
            if len(path) > MAX_PATH_CHARS:
                raise HTTPError(414, f"the path is longer than {MAX_PATH_CHARS:,} characters")
            req = Request(method, path, parse_query(environ.get("QUERY_STRING", "")))
            status, headers, body = self.respond(req, api)
        except Exception as err:  # noqa: BLE001 - every error becomes one response shape, never a traceback
            status, headers, body = self.error(*self.status_of(err, path), api)
        start_response(f"{status} {HTTPStatus(status).phrase}",
                       headers + SECURITY_HEADERS + [("Content-Length", str(len(body)))])
        return [b"" if method == "HEAD" else body]

    def check_host(self, environ: dict) -> None:
        host = re.sub(r":\d+$", "", environ.get("HTTP_HOST", "")).lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            raise HTTPError(400, f"Host {host!r}: this server answers only to {', '.join(sorted(self.allowed_hosts))}")

    @staticmethod
    def status_of(err: Exception, path: str) -> tuple[int, str]:
        """The status and message for any error: ours say what went wrong; anything else is logged, not shown."""
        if isinstance(err, HTTPError):
            return err.status, err.message
        if isinstance(err, InputError):
            return 404 if isinstance(err, NotFound) else 400, str(err)
        if isinstance(err, ReadoutsError):
            return 500, str(err)
        log.error("internal error on %s", path, exc_info=err)
        return 500, f"internal error ({type(err).__name__}); please report this"

    def respond(self, req: Request, api: bool) -> tuple[int, list[tuple[str, str]], bytes]:
        if req.method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{req.method} {req.path}: this server is read-only")
        if req.path == "/":
            return 302, [("Location", "/events")], b""
        if req.path == "/favicon.ico":
            return 204, [], b""
        if req.path.startswith("/static/") and req.path[len("/static/"):] in STATIC:
            name = req.path[len("/static/"):]
            return 200, [("Content-Type", STATIC[name]), ("Cache-Control", "max-age=300")], self.static[name]
        if req.path == "/pairs":
            a, b = req.arg("a"), req.arg("b")
            if not a or not b:
                raise HTTPError(400, "/pairs: give two sides, e.g. /pairs/FR/RU")
            return 302, [("Location", f"/pairs/{quote(a, safe='')}/{quote(b, safe='')}")], b""
        path = (req.path[len("/api"):] if api else req.path).rstrip("/") or "/"
        as_csv = not api and path.endswith(".csv")
        if as_csv:
            path, req = path[:-len(".csv")], dataclasses.replace(req, export=True)
        for pattern, view in ROUTES:
            m = pattern.fullmatch(path)
            if m and (not as_csv or view in CSV_ROUTES):
                result = view(self.store, req, *m.groups())
                if as_csv:
                    name = path.strip("/").replace("/", "-") or "readouts"
                    return 200, [("Content-Type", "text/csv; charset=utf-8"),
                                 ("Content-Disposition", f"attachment; filename=\"{quote(name)}.csv\"")], \
                        _csv(result.rows or [])
                if api:
                    return 200, [("Content-Type", "application/json")], _json(result.data)
                html = self.env.get_template(result.template).render(**result.context, path=req.path)
                return 200, [("Content-Type", "text/html; charset=utf-8")], html.encode("utf-8")
        raise HTTPError(404, f"{req.path}: no such page")

    def error(self, status: int, message: str, api: bool) -> tuple[int, list[tuple[str, str]], bytes]:
        """The one error response: JSON under /api, else the error page (plain text if even that fails)."""
        if api:
            return status, [("Content-Type", "application/json")], _json({"error": {"status": status,
                                                                                  "message": message}})
        try:
            html = self.env.get_template("error.html").render(status=status, message=message, path="")
        except Exception:  # a broken template must not turn an error into a traceback
            log.exception("cannot render the error page")
            return status, [("Content-Type", "text/plain; charset=utf-8")], f"Error {status}: {message}\n".encode()
        return status, [("Content-Type", "text/html; charset=utf-8")], html.encode("utf-8")


def _csv(rows: list[dict]) -> bytes:
    """Rows as CSV with a header line."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
