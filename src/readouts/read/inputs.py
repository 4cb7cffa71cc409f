"""Reading articles: text and HTML files, stdin, http(s) URLs and JSONL batches.

Offsets in every output are into ``Article.text`` exactly as decoded here:
bytes are read and decoded as UTF-8 (a leading byte-order mark is dropped)
with no newline translation, so ``\\r\\n`` stays two characters. Text that is
not UTF-8 is reported, never guessed. An HTML page is reduced to its main
text (and title, date, URL) by trafilatura; offsets are then into that text.

``read_articles`` never raises for a bad input: it yields an ``InputError``
in that input's place and goes on, so one bad file or JSONL line does not
stop a batch. ``read_document`` reads one input and raises.

Characters no store or terminal can encode (lone surrogates, which a JSON
``"\\ud800"`` escape makes, and NUL) are replaced here by U+FFFD, one for one
so that offsets do not move, with a warning (``clean_text``).
"""
from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from readouts.errors import InputError
from readouts.records import Article

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"
STDIN_NAME = "<stdin>"
# A news page is well under this; the cap keeps a wrong URL from filling memory.
MAX_FETCH_BYTES = 20 * 1024 * 1024
USER_AGENT = "readouts (+https://github.com/readouts)"
_BOM = b"\xef\xbb\xbf"
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

Warn = Callable[[str], None]
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")


def clean_text(text: str) -> tuple[str, str | None]:
    """``text`` with lone surrogates and NUL characters replaced by U+FFFD (the same length,
    so offsets hold), and a one-line note of what was replaced (None when nothing was)."""
    found = _UNENCODABLE.findall(text)
    if not found:
        return text, None
    what = "lone surrogate" if all(c != "\x00" for c in found) else "unencodable (surrogate or NUL)"
    return _UNENCODABLE.sub("\ufffd", text), f"replaced {len(found)} {what} character(s) with U+FFFD"


def read_articles(sources: Iterable[str], *, published: str | None = None, timeout: float = 20.0,
                  on_error: Warn | None = None) -> Iterator[Article | InputError]:
    """Articles from each source in input order; an ``InputError`` in place of a bad one.

    ``published`` (``YYYY-MM-DD``) applies to single inputs; JSONL lines carry
    their own. ``on_error`` receives warnings that do not stop an input (an
    HTML page's unusable date, say).
    """
    if published is not None:
        try:
            published = _check_date(published, "--published")
        except InputError as err:
            yield err
            return
    for source in sources:
        if _is_jsonl(source):
            yield from read_jsonl(source, on_warning=on_error)
            continue
        try:
            yield read_document(source, published=published, timeout=timeout, on_warning=on_error)
        except InputError as err:
            yield err
        except Exception as err:  # noqa: BLE001 - a reader's fault costs this input only
            yield InputError(source, f"cannot read: {type(err).__name__}: {err}")


def read_document(source: str, *, published: str | None = None, timeout: float = 20.0,
                  on_warning: Warn | None = None) -> Article:
    """One article from a text or HTML file, ``-`` (stdin) or an http(s) URL.

    Raises ``InputError`` naming the source when it cannot be read or is empty.
    """
    if published is not None:
        published = _check_date(published, "--published")
    if _is_jsonl(source):
        raise InputError(source, "a .jsonl batch is not one document; use `readouts analyze` for batches")
    if _is_url(source):
        raw, charset, is_html = _fetch(source, timeout)
        name, article_id, url = source, source, source
    elif source == STDIN:
        raw, charset, is_html = _read_stdin(), None, None
        name, article_id, url = STDIN_NAME, "stdin", None
    else:
        raw, charset = _read_file(source), None
        is_html = True if source.lower().endswith(HTML_SUFFIXES) else None
        name, article_id, url = source, Path(source).stem, None
    if is_html is None:
        is_html = looks_like_html(raw)
    if is_html:
        return _article_from_html(raw, charset, name=name, article_id=article_id, url=url,
                                  published=published, warn=on_warning)
    text = _cleaned(decode_text(raw, name, charset), name, on_warning)
    if not text.strip():
        raise InputError(name, "the text is empty")
    return Article(text=text, id=article_id, published=published, url=url)


def _cleaned(text: str, name: str, warn: Warn | None) -> str:
    text, problem = clean_text(text)
    if problem and warn:
        warn(f"{name}: {problem}")
    return text


def read_jsonl(path: str, on_warning: Warn | None = None) -> Iterator[Article | InputError]:
    """Articles of a JSONL batch, one ``{"id", "text", "published", "url", "title"}`` a line.

    A malformed line yields ``InputError("<path>:<line>", ...)``; every other
    line is still yielded. Blank lines are skipped. Unencodable characters in a
    line's strings are replaced, with a warning to ``on_warning``.
    """
    try:
        raw = _read_file(path)
    except InputError as err:
        yield err
        return
    raw = raw.removeprefix(_BOM)
    stem = Path(path).stem
    for lineno, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            article = _article_from_json_line(line, where, f"{stem}:{lineno}")
        except InputError as err:
            yield err
            continue
        except Exception as err:  # noqa: BLE001 - e.g. RecursionError on JSON nested too deep
            yield InputError(where, f"cannot read: {type(err).__name__}")
            continue
        yield _clean_article(article, where, on_warning)


def _article_from_json_line(line: bytes, where: str, default_id: str) -> Article:
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(where, f"not UTF-8 text (byte {line[err.start]:#04x} at column {err.start + 1})") from None
    except ValueError as err:
        raise InputError(where, f"not valid JSON ({err})") from None
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(where, 'missing "text"' if text is None else '"text" is not a string')
    if not text.strip():
        raise InputError(where, '"text" is empty')
    published = obj.get("published")
    if published is not None:
        if not isinstance(published, str):
            raise InputError(where, f'"published" is not a date string: {published!r}')
        published = _check_date(published, where)
    article_id = obj.get("id")
    return Article(
        text=text,
        id=default_id if article_id is None else str(article_id),
        published=published,
        url=_optional_str(obj, "url", where),
        title=_optional_str(obj, "title", where),
    )


def _clean_article(article: Article, where: str, warn: Warn | None) -> Article:
    """The article with unencodable characters replaced in its text and its other strings."""
    from dataclasses import replace

    notes = {}
    for key in ("text", "id", "url", "title"):
        value = getattr(article, key)
        if value:
            value, problem = clean_text(value)
            if problem:
                notes[key] = value
                if warn:
                    warn(f"{where}: {key}: {problem}")
    return replace(article, **notes) if notes else article


def _optional_str(obj: dict, key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(where, f'"{key}" is not a string: {value!r}')


def _check_date(value: str, source: str) -> str:
    from readouts.parse.dates import parse_iso_date

    parsed = parse_iso_date(value, source=source)
    return parsed.isoformat() if hasattr(parsed, "isoformat") else value.strip()


def _is_jsonl(source: str) -> bool:
    return not _is_url(source) and source.lower().endswith(JSONL_SUFFIXES)


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def looks_like_html(raw: bytes) -> bool:
    """True when the bytes open like an HTML document (doctype or ``<html>``)."""
    head = raw[:2048]
    head = head.removeprefix(_BOM)
    return bool(_HTML_START.match(head))


def decode_text(raw: bytes, name: str, charset: str | None = None) -> str:
    """UTF-8 (or the declared ``charset``) to ``str``, with no newline translation.

    A leading byte-order mark is dropped; anything undecodable is an
    ``InputError``, never a silent guess.
    """
    encoding = (charset or "utf-8").lower()
    if encoding in ("utf-8", "utf8") and raw.startswith(_BOM):
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except LookupError:
        raise InputError(name, f"unknown character set {charset!r}") from None
    except UnicodeDecodeError as err:
        what = "UTF-8" if encoding.startswith("utf-8") else charset
        raise InputError(name, f"not {what} text (byte {raw[err.start]:#04x} at offset {err.start})") from None


def _read_file(path: str) -> bytes:
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN_NAME, "no standard input")
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            return buffer.read()
        data = stream.read()
    except OSError as err:
        raise InputError(STDIN_NAME, f"cannot read: {err}") from None
    # A text stream without a buffer (a test's StringIO): it is already decoded.
    return clean_text(data)[0].encode("utf-8") if isinstance(data, str) else data


def _fetch(url: str, timeout: float) -> tuple[bytes, str | None, bool | None]:
    """The body, its declared charset and whether the server says it is HTML."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain, */*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_FETCH_BYTES + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as err:
        raise InputError(url, f"could not fetch: HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            reason = f"timed out after {timeout:g}s"
        raise InputError(url, f"could not fetch: {reason}") from None
    except TimeoutError:
        raise InputError(url, f"could not fetch: timed out after {timeout:g}s") from None
    except (OSError, ValueError) as err:
        raise InputError(url, f"could not fetch: {err}") from None
    if len(body) > MAX_FETCH_BYTES:
        raise InputError(url, f"could not fetch: larger than {MAX_FETCH_BYTES // (1024 * 1024)} MB")
    if content_type in ("text/html", "application/xhtml+xml"):
        return body, charset, True
    if content_type == "text/plain":
        return body, charset, False
    return body, charset, None


def _article_from_html(raw: bytes, charset: str | None, *, name: str, article_id: str, url: str | None,
                       published: str | None, warn: Warn | None) -> Article:
    if charset is None:
        declared = _META_CHARSET.search(raw[:4096])
        charset = declared.group(1).decode("ascii") if declared else None
    return html_to_article(decode_text(raw, name, charset), name=name, article_id=article_id, url=url,
                           published=published, warn=warn)


def html_to_article(html: str, *, name: str, article_id: str, url: str | None = None,
                    published: str | None = None, warn: Warn | None = None) -> Article:
    """The main text and metadata of an HTML page (trafilatura), as an Article; ``name`` names
    the input in errors. A page date that is not YYYY-MM-DD is dropped with a warning."""
    try:
        import trafilatura
    except ImportError as err:  # e.g. lxml_html_clean missing: every page would fail alike
        raise InputError(name, f"cannot read HTML: {err} (reinstall readouts with an upgraded pip)") from err
    try:
        # Metadata dates only: trafilatura's extensive search picks dates out of the body text.
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as err:  # trafilatura/lxml raise many types on broken markup
        raise InputError(name, f"cannot parse the HTML page: {err}") from err
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(name, "the HTML page has no main text")
    if published is None and doc.date:
        try:
            published = _check_date(doc.date, name)
        except InputError:
            if warn:
                warn(f"{name}: ignoring the page's date {doc.date!r} (not YYYY-MM-DD)")
    text = _cleaned(text, name, warn)
    return Article(text=text, id=article_id, published=published, url=url or doc.url,
                   title=clean_text(doc.title)[0] if doc.title else None)
