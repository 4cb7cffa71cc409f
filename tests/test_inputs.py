"""Reading inputs: every kind of source, every way one can fail, and URLs from a local server."""
from __future__ import annotations

import http.server
import io
import json
import threading
import time
from pathlib import Path

import pytest

from readouts.errors import InputError
from readouts.read.inputs import looks_like_html, read_articles, read_document
from readouts.records import Article

DATA = Path(__file__).parent / "data" / "inputs"
TEXT_FILE = DATA / "obama-putin-excerpt.txt"
HTML_FILE = DATA / "olmert-abbas-page.html"


def _one(sources, **kw):
    results = list(read_articles([str(s) for s in sources], **kw))
    assert len(results) == 1
    return results[0]


# --- text files -------------------------------------------------------------

def test_text_file_is_read_exactly_with_stem_as_id():
    art = _one([TEXT_FILE], published="2016-01-13")
    assert isinstance(art, Article)
    assert art.text == TEXT_FILE.read_bytes().decode("utf-8")
    assert art.id == "obama-putin-excerpt"
    assert art.published == "2016-01-13"
    assert art.url is None


def test_crlf_is_kept_so_offsets_match_the_bytes_as_decoded(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Putin said it.\r\nObama denied it.\r\n")
    art = read_document(str(path))
    assert art.text == "Putin said it.\r\nObama denied it.\r\n"
    assert art.text.index("Obama") == 16


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf\xe2\x80\x9cNo,\xe2\x80\x9d the minister said.")
    assert read_document(str(path)).text == "\u201cNo,\u201d the minister said."


def test_latin1_bytes_are_reported_not_guessed(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a d\xe9clar\xe9 non.".encode("latin-1"))
    err = _one([path])
    assert isinstance(err, InputError)
    assert err.source == str(path)
    assert "not UTF-8 text" in err.problem and "0xe9" in err.problem


def test_missing_file_directory_and_empty_text_are_errors_in_place(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    results = list(read_articles([str(tmp_path / "nope.txt"), str(tmp_path), str(TEXT_FILE), str(empty)]))
    assert [type(r).__name__ for r in results] == ["InputError", "InputError", "Article", "InputError"]
    assert results[0].problem == "no such file"
    assert "directory" in results[1].problem
    assert results[3].source == str(empty) and "empty" in results[3].problem
    assert "\n" not in str(results[0])


def test_bad_published_date_is_one_error():
    results = list(read_articles([str(TEXT_FILE), str(TEXT_FILE)], published="13/01/2016"))
    assert len(results) == 1
    assert isinstance(results[0], InputError)
    assert results[0].source == "--published"
    with pytest.raises(InputError, match="--published"):
        read_document(str(TEXT_FILE), published="2016-02-30")


# --- HTML -----------------------------------------------------------------

def test_html_file_gives_main_text_and_metadata():
    art = read_document(str(HTML_FILE))
    assert "Ehud Olmert hosted Palestinian President Mahmoud Abbas" in art.text
    assert "Subscribe" not in art.text and "Privacy policy" not in art.text
    assert art.title == "Olmert, Abbas Hold Talks in Jerusalem"
    assert art.published == "2008-04-07"
    assert art.url.startswith("https://voa.pangea-cms.com/")
    assert art.id == "olmert-abbas-page"


def test_published_option_overrides_the_page_date():
    assert read_document(str(HTML_FILE), published="2008-04-08").published == "2008-04-08"


def test_html_is_sniffed_without_an_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(HTML_FILE.read_bytes())
    art = read_document(str(path))
    assert art.title == "Olmert, Abbas Hold Talks in Jerusalem"
    assert "<p>" not in art.text


def test_html_sniffing():
    assert looks_like_html(b"\n  <!DOCTYPE html><html>")
    assert looks_like_html(b"<html lang='en'><body>")
    assert looks_like_html(b"\xef\xbb\xbf<!-- saved -->\n<html>")
    assert not looks_like_html(b"The <html> tag was discussed, the minister said.")
    assert not looks_like_html(b"<htmlish")


def test_html_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    err = _one([path])
    assert isinstance(err, InputError) and "no main text" in err.problem


def test_html_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "latin1.html"
    para = "Le ministre fran\xe7ais a d\xe9clar\xe9 que les n\xe9gociations continueraient la semaine prochaine."
    page = f'<html><head><meta charset="iso-8859-1"><title>t</title></head><body><article><p>{para}</p>' \
           f"<p>{para}</p></article></body></html>"
    path.write_bytes(page.encode("latin-1"))
    assert "fran\xe7ais a d\xe9clar\xe9" in read_document(str(path)).text


# --- stdin ----------------------------------------------------------------

class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_text_is_read_as_bytes(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin("\u201cNo,\u201d he said.\r\n".encode()))
    art = _one(["-"], published="2020-01-01")
    assert art.text == "\u201cNo,\u201d he said.\r\n"
    assert art.id == "stdin" and art.published == "2020-01-01"


def test_stdin_html_is_extracted(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(HTML_FILE.read_bytes()))
    assert read_document("-").title == "Olmert, Abbas Hold Talks in Jerusalem"


def test_stdin_undecodable_names_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b"caf\xe9"))
    with pytest.raises(InputError, match=r"^<stdin>: not UTF-8 text"):
        read_document("-")


def test_stdin_without_buffer(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("The ministry said so."))
    assert read_document("-").text == "The ministry said so."


# --- JSONL ----------------------------------------------------------------

def test_jsonl_lines_in_order_with_their_own_metadata(tmp_path):
    path = tmp_path / "batch.jsonl"
    text = TEXT_FILE.read_text(encoding="utf-8")
    lines = [
        {"id": 7, "text": text, "published": "2016-01-13", "url": "https://example.org/a", "title": "A"},
        {"id": "b", "text": "Text two.\r\nLine two.", "published": None},
        {"text": "No id here."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    arts = list(read_articles([str(path)], published="1999-01-01"))
    assert [a.id for a in arts] == ["7", "b", "batch:3"]
    assert arts[0].text == text and arts[0].published == "2016-01-13"
    assert arts[0].url == "https://example.org/a" and arts[0].title == "A"
    assert arts[1].text == "Text two.\r\nLine two." and arts[1].published is None
    assert arts[2].published is None  # --published is for single inputs only


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ('["a list"]', "expected a JSON object"),
    ('{"id": "x"}', 'missing "text"'),
    ('{"id": "x", "text": "   "}', '"text" is empty'),
    ('{"id": "x", "text": 5}', '"text" is not a string'),
    ('{"id": "x", "text": "ok", "published": "2016-13-01"}', "2016-13-01"),
    ('{"id": "x", "text": "ok", "published": 20160101}', '"published" is not a date string'),
    ('{"id": "x", "text": "ok", "url": 3}', '"url" is not a string'),
])
def test_jsonl_bad_line_is_reported_with_its_line_number_and_the_rest_go_on(tmp_path, line, problem):
    path = tmp_path / "in.jsonl"
    good = json.dumps({"id": "g1", "text": "One."}), json.dumps({"id": "g2", "text": "Two."})
    path.write_text(f"{good[0]}\n{line}\n{good[1]}\n", encoding="utf-8")
    results = list(read_articles([str(path)]))
    assert [getattr(r, "id", None) for r in results] == ["g1", None, "g2"]
    err = results[1]
    assert isinstance(err, InputError)
    assert err.source == f"{path}:2"
    assert problem in err.problem
    assert "\n" not in str(err)


def test_jsonl_undecodable_line_does_not_sink_the_batch(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "fine"}\n')
    results = list(read_articles([str(path)]))
    assert isinstance(results[0], InputError) and "not UTF-8" in results[0].problem
    assert results[1].id == "b"


def test_missing_jsonl_and_mixed_sources_keep_input_order(tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_text('{"id": "j1", "text": "A."}\n{"id": "j2", "text": "B."}\n', encoding="utf-8")
    results = list(read_articles([str(TEXT_FILE), str(tmp_path / "gone.jsonl"), str(path)]))
    assert [getattr(r, "id", None) or r.source for r in results] == [
        "obama-putin-excerpt", str(tmp_path / "gone.jsonl"), "j1", "j2"]


def test_read_document_refuses_a_batch(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "A."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="batch"):
        read_document(str(path))


# --- URLs (a local server on 127.0.0.1; never the network) --------------------
# The fetcher refuses loopback addresses unless told otherwise, so these pass allow_private=True;
# the refusal itself, redirects, deadlines and the size cap are in test_fetch.py.

PAGES = {
    "/article.html": ("text/html; charset=utf-8", HTML_FILE.read_bytes()),
    "/plain": ("text/plain; charset=utf-8", TEXT_FILE.read_bytes()),
    "/sniffed": ("application/octet-stream", HTML_FILE.read_bytes()),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path not in PAGES:
            self.send_error(404, "Not Found")
            return
        ctype, body = PAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server):
    url = f"{server}/article.html"
    art = read_document(url, allow_private=True)
    assert art.id == url and art.url == url
    assert art.title == "Olmert, Abbas Hold Talks in Jerusalem"
    assert art.published == "2008-04-07"
    assert "Mahmoud Abbas" in art.text and "Subscribe" not in art.text


def test_url_plain_text_is_kept_exactly(server):
    art = _one([f"{server}/plain"], published="2016-01-13", allow_private=True)
    assert art.text == TEXT_FILE.read_text(encoding="utf-8")
    assert art.published == "2016-01-13"


def test_url_html_sniffed_from_an_unhelpful_content_type(server):
    assert read_document(f"{server}/sniffed", allow_private=True).title == "Olmert, Abbas Hold Talks in Jerusalem"


def test_url_404_is_an_input_error(server):
    url = f"{server}/missing"
    err = _one([url], allow_private=True)
    assert isinstance(err, InputError)
    assert err.source == url
    assert err.problem == "could not fetch: HTTP 404 Not Found"


def test_url_timeout_is_an_input_error(server):
    url = f"{server}/slow"
    err = _one([url], timeout=0.3, allow_private=True)
    assert isinstance(err, InputError)
    assert err.problem.startswith("could not fetch:") and "timed out" in err.problem


def test_url_connection_refused_is_an_input_error():
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago and has no listener
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    err = _one([f"http://127.0.0.1:{port}/x"], timeout=2, allow_private=True)
    assert isinstance(err, InputError) and err.problem.startswith("could not fetch:")
