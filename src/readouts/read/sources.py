"""Reading what ``readouts ingest`` is given: folders, files, feeds, WARC crawls, URL lists.

Text, HTML and JSONL files and single URLs are read by ``readouts.read.inputs``;
this module adds what a corpus brings: folders (walked in name order), RSS
and Atom feeds (files or URLs, read by feedparser; an item's full content when
the feed carries it, else the page it links to), WARC files of news crawls
(every HTML response) and lists of URLs (``.urls`` files, or ``.txt`` files
holding nothing but URLs). Like ``read_articles``, nothing here raises for a
bad input: an ``InputError`` comes out in its place, named by where it came
from. Every URL is fetched once, by ``readouts.read.fetch``.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import html
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from readouts.errors import InputError
from readouts.records import Article

if TYPE_CHECKING:
    from readouts.read.fetch import Fetched

Item = tuple[str, "Article | InputError"]  # (where it came from, the article or why not)
Warn = Callable[[str], None]

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
URL_LIST_SUFFIXES = (".urls",)
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + URL_LIST_SUFFIXES
# A feed item's own content is used when it is a whole article, not a teaser.
MIN_FEED_CONTENT_CHARS = 400
_URL = re.compile(r"^https?://\S+$")
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def expand_sources(sources: Iterable[str]) -> list[str]:
    """Folders replaced by the files in them that ingest can read, in name order."""
    out: list[str] = []
    for source in sources:
        if not is_url(source) and os.path.isdir(source):
            for root, dirs, files in os.walk(source):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if not f.startswith(".") and f.lower().endswith(KNOWN_SUFFIXES))
        else:
            out.append(source)
    return out


def read_source(source: str, *, published: str | None = None, timeout: float = 20.0, allow_private: bool = False,
                on_warning: Warn | None = None) -> Iterator[Item]:
    """Every article one source holds, each with where it came from.

    ``timeout`` and ``allow_private`` apply to every URL fetched for it (see ``readouts.read.fetch``).
    """
    from readouts.read.inputs import read_articles

    lower = source.lower()
    net = {"timeout": timeout, "allow_private": allow_private, "on_warning": on_warning}
    try:
        if is_url(source):
            yield from _read_url(source, published=published, **net)
        elif lower.endswith(WARC_SUFFIXES):
            yield from read_warc(source)
        elif lower.endswith(FEED_SUFFIXES):
            yield from read_feed(_read_bytes(source), source, **net)
        elif lower.endswith(URL_LIST_SUFFIXES) or (lower.endswith(TEXT_SUFFIXES) and _is_url_list(source)):
            yield from read_url_list(source, **net)
        else:
            for item in read_articles([source], published=published, timeout=timeout, on_error=on_warning):
                yield (item.source if isinstance(item, InputError) else _where(source, item)), item
    except InputError as err:
        yield err.source, err


def _where(source: str, article: Article) -> str:
    if source.lower().endswith(JSONL_SUFFIXES) and article.id:
        return f"{source} [{article.id}]"
    return source


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None


def _is_url_list(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536).decode("utf-8", "replace")
    except OSError:
        return False
    lines = [ln.strip() for ln in head.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return bool(lines) and all(is_url(ln) for ln in lines)


def read_url_list(path: str, *, timeout: float = 20.0, allow_private: bool = False,
                  on_warning: Warn | None = None) -> Iterator[Item]:
    """One article per URL line (blank lines and ``#`` comments skipped)."""
    from readouts.read.inputs import read_document

    for lineno, line in enumerate(_read_bytes(path).decode("utf-8", "replace").splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not is_url(url):
            yield f"{path}:{lineno}", InputError(f"{path}:{lineno}", f"not an http(s) URL: {url[:80]!r}")
            continue
        try:
            yield url, read_document(url, timeout=timeout, allow_private=allow_private, on_warning=on_warning)
        except InputError as err:
            yield url, err


def _read_url(url: str, *, published: str | None, timeout: float, allow_private: bool,
              on_warning: Warn | None) -> Iterator[Item]:
    """A URL is a feed when what it serves is one; otherwise one page. Fetched once either way."""
    from readouts.read.fetch import fetch
    from readouts.read.inputs import article_from_fetched

    fetched = fetch(url, timeout=timeout, allow_private=allow_private)
    if _is_feed(fetched):
        yield from read_feed(fetched.body, url, base=fetched.url, timeout=timeout, allow_private=allow_private,
                             on_warning=on_warning)
    else:
        yield url, article_from_fetched(fetched, published=published, on_warning=on_warning)


def _is_feed(fetched: Fetched) -> bool:
    if fetched.content_type in FEED_TYPES:
        return True
    head = fetched.body[:2048]
    return bool(_FEED_ROOT.search(head)) and not re.search(rb"<html[\s>]", head, re.IGNORECASE)


# ---------------------------------------------------------------- feeds

def feed_date(value: str | None) -> str | None:
    """An RSS (RFC 822) or Atom (ISO 8601) date as ``YYYY-MM-DD``, or None.

    The date as written, in the feed's own time zone: "Fri, 07 Mar 2014 01:00:00 +0400"
    is the 7th, though feedparser's UTC ``published_parsed`` makes it the 6th.
    """
    if not value:
        return None
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def parse_feed(raw: bytes, source: str, *, base: str | None = None) -> list[dict]:
    """The entries of an RSS 0.9x/1.0/2.0 or Atom feed (feedparser), in feed order.

    Malformed feeds that feedparser can still read are read (real feeds often
    have a stray ``&``); one it cannot read, or a document that is not a feed,
    is an ``InputError`` naming ``source``. ``base`` is the URL the feed was
    served from, for relative links.
    """
    try:
        import feedparser
    except ImportError:
        raise InputError(source, "reading feeds needs feedparser: pip install 'readouts[store]'") from None

    _refuse_entities(raw, source)
    # Bytes, never a str: feedparser would take a str for a URL or a file name and open it itself.
    parsed = feedparser.parse(bytes(raw), response_headers={"content-location": base or ""})
    entries = list(parsed.entries)
    problem = parsed.get("bozo_exception")
    if not parsed.version and not entries:
        raise InputError(source, "not an RSS or Atom feed" + (f" ({_one_line(problem)})" if problem else ""))
    if problem and not any(_entry_link(e) or _entry_texts(e) != ("", "") for e in entries):
        raise InputError(source, f"not a readable RSS or Atom feed: {_one_line(problem)}")
    return entries


def _refuse_entities(raw: bytes, source: str) -> None:
    """Refuse XML entity declarations before feedparser sees the feed.

    feedparser does not resolve external entities, but expat expands internal
    ones until its amplification limit: a 1 KB "billion laughs" feed costs
    about 1.5 s, and a 20 MB one minutes. defusedxml stops at the first
    declaration (a streaming SAX pass: no tree is built); a malformed feed it
    cannot parse goes on to feedparser, whose loose parser expands nothing.
    """
    import xml.sax
    from xml.sax.handler import ContentHandler

    import defusedxml.sax
    from defusedxml import DefusedXmlException

    try:
        defusedxml.sax.parseString(raw, ContentHandler(), forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except DefusedXmlException:
        raise InputError(source, "the feed declares XML entities (refused: they can expand without bound)") from None
    except xml.sax.SAXException:
        pass


def _one_line(problem: object) -> str:
    return str(problem).splitlines()[0] if str(problem) else type(problem).__name__


def _entry_link(entry: dict) -> str | None:
    """The entry's page, when it is an http(s) URL: a feed must not make readouts open a local file."""
    link = (entry.get("link") or "").strip()
    return link if is_url(link) else None


def _entry_texts(entry: dict) -> tuple[str, str]:
    """(full content, summary) of an entry as text: paragraphs on their own lines."""
    content = entry.get("content") or []
    full = fragment_text(content[0].get("value", "")) if content else ""
    return full, fragment_text(entry.get("summary") or "")


def _entry_published(entry: dict) -> str | None:
    for key in ("published", "updated", "created"):
        day = feed_date(entry.get(key))
        if day:
            return day
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def read_feed(raw: bytes, source: str, *, base: str | None = None, timeout: float = 20.0,
              allow_private: bool = False, on_warning: Warn | None = None) -> Iterator[Item]:
    """The articles of a feed, in feed order: an entry's own content when it is a whole
    article (``MIN_FEED_CONTENT_CHARS``), else the page it links to, else its summary.
    ``base`` is the URL the feed was served from (relative links resolve against it)."""
    from readouts.read.inputs import read_document

    for n, entry in enumerate(parse_feed(raw, source, base=base or (source if is_url(source) else None)), start=1):
        link = _entry_link(entry)
        where = link or f"{source} item {n}"
        title = (entry.get("title") or "").strip() or None
        published = _entry_published(entry)
        content, summary = _entry_texts(entry)
        if len(content) < MIN_FEED_CONTENT_CHARS and link:
            try:
                page = read_document(link, published=published, timeout=timeout, allow_private=allow_private,
                                     on_warning=on_warning)
            except InputError as err:
                yield where, err
                continue
            yield where, Article(text=page.text, id=link, published=page.published or published, url=link,
                                 title=page.title or title)
            continue
        text = content or summary
        if not text.strip():
            yield where, InputError(where, "the feed item has no text and no link")
            continue
        yield where, Article(text=text, id=link or (entry.get("id") or "").strip() or where,
                             published=published, url=link, title=title)


class _TextOfHTML(HTMLParser):
    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"})
    SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content): paragraphs on their own lines."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _TextOfHTML()
    parser.feed(fragment)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n"))
    return "\n\n".join(ln for ln in lines if ln)


# ---------------------------------------------------------------- WARC

def read_warc(path: str) -> Iterator[Item]:
    """Every HTML response of a WARC file (plain or gzipped), reduced to its main text."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        raise InputError(path, "reading WARC files needs warcio: pip install 'readouts[store]'") from None
    from readouts.read.inputs import decode_text, looks_like_html

    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below, after errors are translated
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None
    with fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}@{record.raw_stream.tell()}"
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                body = record.content_stream().read()
                if status != "200" or not ("html" in ctype or looks_like_html(body)):
                    continue
                charset = re.search(r"charset=([\w.:-]+)", ctype)
                try:
                    yield uri, _html_article(decode_text(body, uri, charset.group(1) if charset else None), uri)
                except InputError as err:
                    yield uri, err
        except ArchiveLoadFailed as err:
            raise InputError(path, f"not a readable WARC file: {err}") from None


def _html_article(page: str, url: str) -> Article:
    from readouts.read.inputs import html_to_article

    return html_to_article(page, name=url, article_id=url, url=url)
