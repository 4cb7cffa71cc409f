"""Every link of the desk answers 200, over a store of every dev and dev2 gold article (and the dev pairs).

The articles are analysed by the real pipeline once per session; the crawl
goes through the WSGI app in-process from /events, follows every page link,
and requests every linked JSON, CSV, static file and evidence link once.
Needs the shared gold (../shared/gold): skipped with a message when absent.
"""
from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from wsgiref.util import setup_testing_defaults

import pytest

pytest.importorskip("sqlalchemy", reason="the web UI needs the 'store' and 'web' extras")
pytest.importorskip("jinja2", reason="the web UI needs the 'web' extra")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import gold_corpus

from readouts.corpus import ingest
from readouts.store import open_store
from readouts.web.app import App

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def gold_store(tmp_path_factory):
    gold = gold_corpus.gold_dir()
    if gold is None:
        pytest.skip("../shared/gold (dev and dev2 articles) is absent: the crawl over the gold store is skipped")
    tmp = tmp_path_factory.mktemp("gold")
    n = gold_corpus.write_jsonl(gold, tmp / "gold.jsonl")
    db = str(tmp / "gold.db")
    with open_store(db, create=True) as store:
        result = ingest(store, [str(tmp / "gold.jsonl")])
    assert result.stored + len(result.failures) == n and result.stored >= n - 5
    store = open_store(db, read_only=True)
    yield store
    store.close()


def _get(app, url: str) -> tuple[int, str, str]:
    parts = urlsplit(url)
    # As a WSGI server hands it over: percent-decoded, its UTF-8 bytes as latin-1.
    environ = {"PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"), "QUERY_STRING": parts.query, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["type"] = int(status.split()[0]), dict(headers).get("Content-Type", "")

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return seen["status"], seen["type"], body


def test_every_link_answers_200(gold_store):
    app = App(gold_store)
    pages, todo, checked, broken = set(), ["/events"], {}, []
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        pages.add(url)
        status, _, body = _get(app, url)
        checked[url] = status
        if status != 200:
            broken.append((url, status, "(page)"))
            continue
        for href in {unescape(h) for h in re.findall(r'href="([^"]+)"', body)}:
            target = href.split("#")[0]
            if not target.startswith("/"):
                continue  # in-page anchors are checked by the browser tests; outside links are the articles' own
            # Pages are followed; a page with a query (a facet, a sort, a page, an evidence link) and
            # every export is requested once, not followed: facets combine without end.
            page_like = not target.startswith(("/api", "/static")) and "?" not in target and ".csv" not in target
            if page_like:
                todo.append(target)
            elif target not in checked:
                checked[target] = _get(app, target)[0]
                if checked[target] != 200:
                    broken.append((target, checked[target], url))
    assert broken == [], broken
    kinds = {re.sub(r"^/(api/)?([a-z]+).*", r"\1\2", u) for u in checked}
    assert {"events", "articles", "people", "sides", "outlets", "pairs", "api/events", "static"} <= kinds, kinds
    assert len(pages) >= 150 and len(checked) >= 500, (len(pages), len(checked))


def test_search_finds_both_leaders_and_the_events_of_a_place(gold_store):
    import json

    app = App(gold_store)
    found = json.loads(_get(app, "/api/search?q=Obama+Putin")[2])
    assert len(found["events"]) >= 3
    assert all({"Barack Obama", "Vladimir Putin"} <= {p["name"] for p in e["participants"]} or
               len(e["participants"]) < 2 for e in found["events"][:3])
    assert {"Barack Obama", "Vladimir Putin"} <= {p["name"] for p in found["people"][:4]}
    assert json.loads(_get(app, "/api/search?q=Crimea")[2])["events"]  # a place finds the events reported with it
    people = json.loads(_get(app, "/api/people?per_page=500")[2])["people"]
    assert [p["name"] for p in people].count("Putin") == 0  # "Putin" is merged into "Vladimir Putin"
