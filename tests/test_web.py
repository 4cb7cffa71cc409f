"""The web app, driven through WSGI and over a real loopback socket: pages, /api, escaping, read-only."""
from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest

pytest.importorskip("sqlalchemy", reason="the web UI needs the 'store' and 'web' extras")
pytest.importorskip("jinja2", reason="the web UI needs the 'web' extra")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt

from readouts.corpus import ingest_analyses
from readouts.store import open_store
from readouts.store.queries import list_events
from readouts.web import make_server
from readouts.web.app import App


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return handbuilt.seeded_store(str(tmp_path_factory.mktemp("web") / "readouts.db"))


@pytest.fixture(scope="module")
def app(db):
    store = open_store(db, read_only=True)
    yield App(store)
    store.close()


def get(app, path: str, method: str = "GET") -> tuple[int, dict, str]:
    path, _, query = path.partition("?")
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = int(status.split()[0]), dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return seen["status"], seen["headers"], body


def event_id(db, *sides) -> str:
    with open_store(db, read_only=True) as store:
        (event,) = list_events(store, sides=sides)
    return event.id


def test_event_page_shows_both_accounts_side_by_side_and_the_conflict(app, db):
    status, headers, html = get(app, f"/events/{event_id(db, 'US', 'RU')}")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    columns = re.findall(r'<section class="account [^"]*" data-side="(\w+)"', html)
    assert columns == ["RU", "US"]
    assert "violation of Ukraine’s sovereignty" in html and "full compliance with international law" in html
    conflict = html[html.index("Where the accounts conflict"):html.index('id="reports"')]
    assert 'data-side="US"' in conflict and 'data-side="RU"' in conflict
    assert "legality of Russia&#39;s actions in Ukraine" in conflict
    # Every quoted item links to its span in its article.
    links = re.findall(r'href="/articles/(\w+)\?hl=(\d+)-(\d+)#hl"[^>]*>“([^”]*)”', html)
    assert len(links) >= 8
    texts = {}
    for article_id, start, end, quoted in links:
        if article_id not in texts:
            texts[article_id] = json.loads(get(app, f"/api/articles/{article_id}")[2])["text"]
        assert texts[article_id][int(start):int(end)] == quoted.replace("&#39;", "'").replace("&amp;", "&")


def test_api_mirrors_each_page(app, db):
    eid = event_id(db, "US", "RU")
    _status, headers, body = get(app, f"/api/events/{eid}")
    detail = json.loads(body)
    assert headers["Content-Type"] == "application/json"
    assert [a["side"] for a in detail["accounts"]] == ["RU", "US"] and len(detail["conflicts"]) == 1
    events = json.loads(get(app, "/api/events?between=FR&between=RU")[2])["events"]
    assert [e["sides"] for e in events] == [["FR", "RU"]]
    assert json.loads(get(app, "/api/events?between=FR+RU&since=2025")[2])["events"] == []
    pair = json.loads(get(app, "/api/pairs/us/ru")[2])
    assert pair["sides"] == ["US", "RU"] and len(pair["events"]) == 1
    found = json.loads(get(app, "/api/search?q=Shoigu")[2])
    assert found["people"][0]["name"] == "Sergei Shoigu" and len(found["events"]) == 1


def test_errors_have_one_json_shape_and_an_error_page(app):
    status, _, body = get(app, "/api/events/e-none")
    assert status == 404 and json.loads(body) == {"error": {"status": 404, "message": json.loads(body)["error"]["message"]}}
    assert "e-none" in json.loads(body)["error"]["message"]
    status, _, body = get(app, "/api/events?since=last+spring")
    assert status == 400 and "since" in json.loads(body)["error"]["message"]
    status, _, body = get(app, "/api/pairs/France/RU")
    assert status == 400
    status, _, html = get(app, "/nowhere")
    assert status == 404 and "Error 404" in html
    status, _, body = get(app, "/api/events", method="POST")
    assert status == 405 and "read-only" in json.loads(body)["error"]["message"]


SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


@pytest.mark.parametrize("path", [
    "/events?page=%C2%B2", "/api/events?page=%C2%B2",  # '²' passes str.isdigit
    "/api/events?page=10**30", "/events?page=1" + "0" * 30, "/api/events?page=-1", "/api/events?page=0",
    "/api/events?page=%D9%A3",  # an Arabic-Indic 3: int() takes it, a URL should not
    "/api/events?page=10001",
    "/api/search?q=" + "a" * 60_000, "/search?q=" + "Putin+" * 10_000,
    "/api/events?actor=" + "x" * 501,
    "/api/events?" + "&".join(f"p{n}=1" for n in range(60)),
    "/api/articles/a1?hl=%D9%A3-%D9%A4", "/api/articles/a1?hl=1-" + "9" * 5000, "/api/articles/a1?hl=5",
])
def test_bad_parameters_are_400s_with_the_security_headers(app, path):
    status, headers, body = get(app, path)
    assert status == 400, body[:200]
    assert all(name in headers for name in SECURITY)
    if path.startswith("/api/"):
        assert headers["Content-Type"] == "application/json"
        error = json.loads(body)["error"]
        assert error["status"] == 400 and error["message"] and "Traceback" not in body
    else:
        assert headers["Content-Type"].startswith("text/html") and "Error 400" in body
    assert len(body) < 5000  # the message quotes at most the start of a long value


def test_a_good_page_number_still_pages(app):
    assert get(app, "/api/events?page=1")[0] == 200 and get(app, "/api/events?page=10000")[0] == 200


def test_a_fault_inside_a_view_is_a_500_in_the_same_shape(app, monkeypatch):
    from readouts.web import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /home/user/db")

    monkeypatch.setattr(views, "browse_events", broken)
    for path in ("/api/events", "/events"):
        status, headers, body = get(app, path)
        assert status == 500 and all(name in headers for name in SECURITY)
        assert "RuntimeError" in body and "secret detail" not in body and "Traceback" not in body
    assert json.loads(get(app, "/api/events")[2])["error"]["status"] == 500


def test_an_overlong_path_is_refused(app):
    status, headers, _body = get(app, "/events/" + "e" * 5000)
    assert status == 414 and "Content-Security-Policy" in headers


def test_a_60000_character_search_over_http_is_a_400(db):
    server, _ = _serving(db)
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + "/api/search?q=" + "a" * 60_000, timeout=10)
        assert err.value.code == 400 and "Content-Security-Policy" in err.value.headers
        assert json.loads(err.value.read())["error"]["message"] == "q: longer than 500 characters"
    finally:
        server.shutdown()
        server.server_close()


def test_hostile_article_text_is_escaped_everywhere(app, db):
    eid = event_id(db, "FR", "RU")
    pages = [f"/events/{eid}", "/events", "/search?q=Lecornu", "/pairs/FR/RU"]
    _, _, article = get(app, f"/api/events/{eid}")
    article_id = json.loads(article)["reports"][0]["article_id"]
    pages.append(f"/articles/{article_id}?hl=117-201")
    for path in pages:
        status, headers, html = get(app, path)
        assert status == 200, path
        # The only script a page may load is the app's own file; never one inline, never an article's.
        assert re.findall(r"<script[^>]*>", html.lower()) in ([], ['<script src="/static/timeline.js" defer>']), path
        assert "<img" not in html.lower(), path
        assert "script-src 'self';" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
    _, _, html = get(app, f"/articles/{article_id}?hl=117-201")
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned_img = 1&#34;&gt;" in html
    assert '<span class="st side-RU hl sent" id="hl"' in html  # the span, in its sentence
    assert "&lt;script&gt;window.__pwned_title = 1&lt;/script&gt;Hostile &lt;b&gt;headline&lt;/b&gt;" in html


def test_article_page_highlights_statements_and_contacts(app, db):
    detail = json.loads(get(app, f"/api/events/{event_id(db, 'US', 'RU')}")[2])
    us_article = next(r["article_id"] for r in detail["reports"] if r["article_sides"] == ["US"])
    _, _, html = get(app, f"/articles/{us_article}")
    assert html.count('class="st side-US"') >= 3 and 'class="ct"' in html
    text = re.sub(r"<[^>]+>", "", html[html.index('<article class="text">'):html.index("</article>")])
    article_text = json.loads(get(app, f"/api/articles/{us_article}")[2])["text"]
    assert text.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&") == article_text


def test_server_binds_loopback_by_default_and_serves(db):
    server = make_server(db)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert server.server_address[0] == "127.0.0.1"
        with urllib.request.urlopen(server.url + "/api/events", timeout=10) as response:
            assert len(json.loads(response.read())["events"]) == 2
        request = urllib.request.Request(server.url + "/api/events", data=b"x", method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == 405
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_defaults_to_loopback(db):
    from readouts.cli import build_parser

    args = build_parser().parse_args(["serve", "--db", db])
    assert args.host == "127.0.0.1"
    proc = subprocess.Popen([sys.executable, "-m", "readouts.cli", "serve", "--db", db, "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"serving http://([\d.]+):(\d+)", line)
        assert m, line
        assert m.group(1) == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{m.group(2)}/events", timeout=10) as response:
            assert "Obama" in response.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_a_missing_database(tmp_path):
    from readouts.cli import main

    assert main(["serve", "--db", str(tmp_path / "none.db"), "--port", "0"]) == 4


def test_linked_span_is_shown_in_its_sentence():
    from readouts.web.pages import sentence_around

    text = handbuilt.read_jsonl(handbuilt.PAIR)[1].text
    start = text.index("the current Ukrainian government")
    lo, hi = sentence_around(text, start, start + 40)
    assert text[lo:hi].startswith("In particular, Vladimir Putin noted that")
    assert text[lo:hi].endswith("southeastern regions of Ukraine.")
    start = text.index("Russia cannot ignore")
    assert text[slice(*sentence_around(text, start, start + 6))].endswith("in full compliance with international law.")


def test_loopback_server_refuses_other_host_names(db):
    server = make_server(db)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        ok = urllib.request.Request(f"http://127.0.0.1:{port}/api/events", headers={"Host": f"localhost:{port}"})
        with urllib.request.urlopen(ok, timeout=10) as response:
            assert response.status == 200
        rebound = urllib.request.Request(f"http://127.0.0.1:{port}/api/events", headers={"Host": "evil.example:80"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(rebound, timeout=10)
        assert err.value.code == 400 and "evil.example" in json.loads(err.value.read())["error"]["message"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_javascript_url_is_not_made_a_link(tmp_path):
    from readouts.records import Analysis, Article
    from readouts.store.export import export_rows

    db = str(tmp_path / "js.db")
    with open_store(db, create=True) as store:
        ingest_analyses(store, [Analysis(Article(text="Nothing to see.", url="javascript:alert(1)", title="x"))])
        (article,) = [r["article_id"] for r in export_rows(store, "analyses")]
    with open_store(db, read_only=True) as store:
        status, _, html = get(App(store), f"/articles/{article}")
    assert status == 200 and "javascript:alert(1)" in html and 'href="javascript' not in html


def test_events_are_paged(tmp_path, monkeypatch):
    from readouts.web import app as web_app

    monkeypatch.setattr(web_app.views, "PER_PAGE", 1)
    store = open_store(str(tmp_path / "p.db"), create=True)
    ingest_analyses(store, [*handbuilt.pair_analyses(), handbuilt.hostile_analysis()])
    app = App(store)
    first = json.loads(get(app, "/api/events?between=RU")[2])
    second = json.loads(get(app, "/api/events?between=RU&page=2")[2])
    assert (first["total"], first["pages"], second["page"]) == (2, 2, 2)
    assert [e["sides"] for e in first["events"] + second["events"]] == [["FR", "RU"], ["RU", "US"]]
    html = get(app, "/events?between=RU")[2]
    assert 'href="/events?between=RU&amp;page=2" rel="next">next' in html
    store.close()


# ---------------------------------------------------------------- the server (waitress)

def _serving(db, **kw):
    server = make_server(db, **kw)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def test_idle_connections_hold_no_threads_and_do_not_block_requests(db):
    from readouts.web import THREADS

    before = threading.active_count()
    server, thread = _serving(db)
    idle = []
    try:
        host, port = server.server_address
        for _ in range(60):  # open, send half a request line, then say nothing
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(b"GET /api/ev")
            idle.append(sock)
        with urllib.request.urlopen(server.url + "/api/events", timeout=10) as response:
            assert response.status == 200
        assert threading.active_count() - before <= THREADS + 2  # the loop, the workers, this test's thread
    finally:
        for sock in idle:
            sock.close()
        server.shutdown()
        server.server_close()
    thread.join(10)
    assert not thread.is_alive()


def test_idle_connections_are_closed_after_the_channel_timeout(db, monkeypatch):
    from readouts import web

    monkeypatch.setattr(web, "CHANNEL_TIMEOUT", 1)
    server, _ = _serving(db)
    try:
        sock = socket.create_connection(server.server_address, timeout=5)
        start = time.monotonic()
        assert sock.recv(1) == b""  # the server hung up on the silent client
        assert time.monotonic() - start < 4
        sock.close()
    finally:
        server.shutdown()
        server.server_close()


def test_a_request_body_is_refused_before_it_is_buffered(db):
    from readouts.web import MAX_BODY_BYTES

    server, _ = _serving(db)
    try:
        request = urllib.request.Request(server.url + "/api/events", data=b"x" * (MAX_BODY_BYTES + 1), method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == 413
    finally:
        server.shutdown()
        server.server_close()


def test_binding_beyond_loopback_warns_on_stderr(db, monkeypatch):
    from readouts import web

    real = web.make_server
    # The warning depends on the address asked for; the socket itself stays on loopback in this test.
    monkeypatch.setattr(web, "make_server", lambda db, host, port, log: real(db, port=0, log=log))
    monkeypatch.setattr(web.Server, "serve_forever", lambda self: None)
    lines: list[str] = []
    assert web.serve(db, host="0.0.0.0", port=0, report=lines.append) == 0
    assert lines[0].startswith("serving http://127.0.0.1:")
    assert len(lines) == 2 and lines[1].startswith("warning: listening on 0.0.0.0, beyond this machine")
    lines.clear()
    web.serve(db, host="127.0.0.1", port=0, report=lines.append)
    assert len(lines) == 1 and not any("warning" in line for line in lines)


def test_a_server_shut_down_before_it_ran_does_not_serve(db):
    server = make_server(db)
    server.shutdown()
    server.serve_forever()  # returns at once
    server.server_close()


# ---------------------------------------------------------------- lists through the store's browse API

def test_sides_and_outlets_sort_both_ways_and_page(app):
    sides = json.loads(get(app, "/api/sides")[2])
    assert sides["sides"][0]["side"] == "RU" and sides["total"] == len(sides["sides"])
    ascending = [s["side"] for s in json.loads(get(app, "/api/sides?sort=side")[2])["sides"]]
    assert ascending == sorted(ascending) and json.loads(get(app, "/api/sides?sort=-side")[2])["sides"][0]["side"] \
        == ascending[-1]
    first = json.loads(get(app, "/api/outlets?sort=outlet&per_page=1")[2])
    second = json.loads(get(app, "/api/outlets?sort=outlet&per_page=1&page=2")[2])
    assert (first["pages"], len(first["outlets"])) == (first["total"], 1)
    assert first["outlets"][0]["outlet"] < second["outlets"][0]["outlet"]
    assert get(app, "/api/outlets?sort=size")[0] == 400
    csv_text = get(app, "/sides.csv?sort=side")[2]
    assert csv_text.splitlines()[0].startswith("side,name,events,articles,people") and len(csv_text.splitlines()) == 4


def test_a_person_by_name_by_key_and_a_name_no_stored_person_has(app):
    by_name = json.loads(get(app, "/api/people/Putin")[2])  # the short name finds the merged person
    assert by_name["person"]["name"] == "Vladimir Putin"
    by_key = json.loads(get(app, "/api/people/" + by_name["person"]["key"])[2])  # as WSGI hands it: decoded
    assert by_key["person"] == by_name["person"] and by_key["total_statements"] >= 3
    assert get(app, "/people/Nobody Atall")[0] == 404
    rows = get(app, "/people/Vladimir Putin.csv")[2].splitlines()
    assert rows[0].startswith("event,when,article_id,side,speaker,cue,content") and len(rows) == 1 + by_key[
        "total_statements"]


def test_search_finds_the_event_of_a_word_only_its_reports_text_holds(app, db):
    found = json.loads(get(app, "/api/search?q=Crimea")[2])  # in the Kremlin readout's text, in no title
    assert [e["id"] for e in found["events"]] == [event_id(db, "US", "RU")]
    assert any(a["title"] and "Obama" in a["title"] for a in found["articles"])
