"""The URL fetcher: redirects, the address policy, the overall deadline, the size cap, one fetch per URL.

Every server here listens on loopback (127.0.0.1, and 127.0.0.2 where a test needs a second
host); nothing leaves the machine. The fetcher refuses loopback unless allow_private=True, so
the normal cases pass it; the refusals are tested without it, with 127.0.0.2 made to count as
public where a test needs a public first hop.
"""
from __future__ import annotations

import collections
import gzip
import http.server
import threading
import time

import pytest

from readouts.errors import InputError
from readouts.read import fetch as fetch_module
from readouts.read.fetch import address_kind, fetch
from readouts.read.inputs import read_document
from readouts.read.sources import read_source

PAGE = (b"<!doctype html><html><head><title>Ministers talk</title></head><body><article>"
        + b"<p>The foreign minister said the talks in Geneva had been useful and would go on next week.</p>" * 3
        + b"</article></body></html>")
HITS: collections.Counter[str] = collections.Counter()


class _Handler(http.server.BaseHTTPRequestHandler):
    """One method per test page; ``/name?query`` calls ``page_name(query)``."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):
        HITS[self.path] += 1
        path, _, query = self.path.partition("?")
        getattr(self, "page_" + path.strip("/").replace("-", "_"), self.page_missing)(query)

    def page_page(self, query):
        self._send(200, PAGE, "text/html; charset=utf-8")

    def page_redirect(self, query):  # /redirect?to=<location>
        self._redirect(302, query.removeprefix("to="))

    def page_loop(self, query):
        self._redirect(301, "/loop")

    def page_big(self, query):  # no Content-Length: only the bytes read can tell
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(64):
            self.wfile.write(b"x" * 1024)

    def page_declared_big(self, query):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(10 ** 9))
        self.end_headers()

    def page_gzip_bomb(self, query):  # 64 KB of zeros in a few hundred bytes
        self._send(200, gzip.compress(b"\0" * 65536), "text/plain", [("Content-Encoding", "gzip")])

    def page_trickle(self, query):  # headers at once, then 2 bytes every 0.4 s
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self._trickle(b"ab")

    def page_trickle_headers(self, query):  # the header block itself, a byte at a time
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._trickle(b"X")

    def page_feed(self, query):  # /feed?link=<url>, else a link to this server's /page
        link = query.removeprefix("link=") or f"http://{self.headers['Host']}/page"
        body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>One</title>'
                f"<link>{link}</link><pubDate>Thu, 06 Mar 2014 21:10:00 GMT</pubDate>"
                f"<description>Teaser.</description></item></channel></rss>").encode()
        self._send(200, body, "application/rss+xml")

    def page_missing(self, query):
        self._send(404, b"no", "text/plain")

    def _send(self, status, body, ctype, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status, location):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _trickle(self, chunk: bytes) -> None:
        try:
            for _ in range(25):  # bounded: at most 10 s even if the client never hangs up
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(0.4)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def _serve(host: str):
    httpd = http.server.ThreadingHTTPServer((host, 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def server():
    httpd, url = _serve("127.0.0.1")
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def public_host(monkeypatch):
    """A second loopback server, on 127.0.0.2, that the address policy is told is public."""
    real = address_kind
    monkeypatch.setattr(fetch_module, "address_kind", lambda a: None if a == "127.0.0.2" else real(a))
    httpd, url = _serve("127.0.0.2")
    yield url
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_with_its_type_and_final_url(server):
    got = fetch(f"{server}/redirect?to=/page", allow_private=True)
    assert got.body == PAGE and got.content_type == "text/html" and got.charset == "utf-8"
    assert got.requested == f"{server}/redirect?to=/page" and got.url == f"{server}/page"


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost:9/x", "http://[::1]:9/x",
                                 "http://[::ffff:127.0.0.1]:9/x", "http://10.1.2.3/x", "http://169.254.169.254/latest"])
def test_private_addresses_are_refused_by_default_in_one_line(url):
    with pytest.raises(InputError) as err:
        fetch(url, timeout=2)
    assert err.value.source == url
    assert err.value.problem.startswith("refused: ") and "--allow-private" in err.value.problem
    assert "\n" not in str(err.value)


def test_the_first_url_is_checked_too(server):
    with pytest.raises(InputError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        read_document(f"{server}/page")
    assert read_document(f"{server}/page", allow_private=True).title == "Ministers talk"


def test_a_redirect_to_loopback_is_refused(server, public_host):
    assert fetch(f"{public_host}/page").body == PAGE  # the pretend-public host itself is fetched
    HITS.clear()
    url = f"{public_host}/redirect?to={server}/page"
    with pytest.raises(InputError) as err:
        fetch(url)
    assert err.value.source == url
    assert err.value.problem == (f"redirected to {server}/page, refused: 127.0.0.1 is a loopback address "
                                 "(--allow-private fetches it)")
    assert HITS["/page"] == 0  # refused before connecting
    assert fetch(url, allow_private=True).body == PAGE


@pytest.mark.parametrize("target", ["ftp://example.org/file.txt", "file:///etc/passwd"])
def test_a_redirect_to_another_scheme_is_refused(server, target):
    url = f"{server}/redirect?to={target}"
    with pytest.raises(InputError) as err:
        fetch(url, allow_private=True)
    assert err.value.problem == f"redirected to {target}, refused: only http and https URLs are fetched"


def test_other_schemes_and_redirect_loops_are_errors(server):
    with pytest.raises(InputError, match="not an http"):
        fetch("ftp://example.org/x")
    with pytest.raises(InputError, match="more than 10 redirects"):
        fetch(f"{server}/loop", allow_private=True)


def test_a_trickling_body_is_cut_at_the_overall_deadline(server):
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 1\.2s"):
        fetch(f"{server}/trickle", timeout=1.2, allow_private=True)
    assert time.monotonic() - start < 2.5  # each read is short; only the overall deadline can stop it


def test_trickling_headers_are_cut_at_the_overall_deadline(server):
    start = time.monotonic()
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}/trickle-headers", timeout=1.2, allow_private=True)
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize("path", ["/big", "/declared-big", "/gzip-bomb"])
def test_a_page_over_the_size_cap_is_an_error_naming_the_url(server, path):
    url = f"{server}{path}"
    with pytest.raises(InputError) as err:
        fetch(url, max_bytes=32 * 1024, allow_private=True)
    assert err.value.source == url and err.value.problem == "could not fetch: the page is larger than the 32,768 bytes limit"
    assert len(fetch(f"{server}/page", max_bytes=len(PAGE), allow_private=True).body) == len(PAGE)


def test_a_url_source_is_fetched_once(server):
    HITS.clear()
    ((where, article),) = list(read_source(f"{server}/page", allow_private=True))
    assert where == f"{server}/page" and article.title == "Ministers talk"
    assert HITS == {"/page": 1}


def test_a_feed_url_and_each_of_its_links_are_fetched_once(server):
    HITS.clear()
    ((where, article),) = list(read_source(f"{server}/feed", allow_private=True))
    assert where == f"{server}/page" and article.published == "2014-03-06" and "Geneva" in article.text
    assert HITS == {"/feed": 1, "/page": 1}


def test_a_feed_link_to_a_private_address_is_refused_like_any_url(server, public_host):
    HITS.clear()
    items = list(read_source(f"{public_host}/feed?link={server}/page"))  # a public feed linking to loopback
    assert [where for where, _ in items] == [f"{server}/page"]
    assert isinstance(items[0][1], InputError) and items[0][1].problem.startswith("refused: 127.0.0.1")
    assert HITS["/page"] == 0


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"),
    ("::ffff:127.0.0.1", "a loopback address"), ("64:ff9b::7f00:1", "a loopback address"),
    ("2002:7f00:1::", "a loopback address"),
    ("10.0.0.1", "a private address"), ("192.168.1.1", "a private address"), ("fc00::1", "a private address"),
    ("169.254.169.254", "a link-local address"), ("fe80::1", "a link-local address"),
    ("0.0.0.0", "an unspecified address"), ("224.0.0.1", "a multicast address"),
    ("100.64.0.1", "not a public address"),
    ("93.184.215.14", None), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
])
def test_address_kinds(address, kind):
    assert address_kind(address) == kind


def test_ingest_of_a_url_fetches_it_once_and_refuses_loopback_unless_allowed(server, tmp_path):
    pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra")
    from readouts.corpus import ingest
    from readouts.records import Analysis
    from readouts.store import open_store

    url = f"{server}/page"
    HITS.clear()
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        refused = ingest(store, [url], comparer=None, analyzer=lambda batch: [Analysis(a) for a in batch])
        assert refused.stored == 0 and refused.failures[0].reason.startswith("refused: 127.0.0.1")
        assert HITS["/page"] == 0
        allowed = ingest(store, [url], allow_private=True, comparer=None,
                         analyzer=lambda batch: [Analysis(a) for a in batch])
        assert (allowed.stored, allowed.failures) == (1, ())
    assert HITS == {"/page": 1}


def test_a_resolver_that_does_not_answer_is_cut_at_the_deadline(monkeypatch):
    import socket

    def hanging(*args, **kwargs):
        time.sleep(3)
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0\.5s"):
        fetch("http://news.example/a", timeout=0.5)
    assert time.monotonic() - start < 1.5


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An https server on 127.0.0.1 whose certificate names localhost (made by openssl for the test)."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True, timeout=60)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://localhost:{httpd.server_address[1]}", cert
    httpd.shutdown()
    httpd.server_close()


def test_https_is_verified_against_the_host_name_though_the_socket_goes_to_the_checked_address(tls_server,
                                                                                                monkeypatch):
    import ssl

    url, cert = tls_server
    with pytest.raises(InputError, match="could not fetch: .*CERTIFICATE_VERIFY_FAILED"):
        fetch(f"{url}/page", allow_private=True, timeout=5)  # a self-signed certificate is refused
    monkeypatch.setattr(fetch_module, "_ssl_context", lambda: ssl.create_default_context(cafile=str(cert)))
    assert fetch(f"{url}/page", allow_private=True, timeout=5).body == PAGE
    with pytest.raises(InputError, match="refused: localhost is 127.0.0.1, a loopback address"):
        fetch(f"{url}/page", timeout=5)


@pytest.mark.parametrize("source", ["ftp://example.org/a.txt", "file:///etc/hostname", "gopher://x/1"])
def test_other_schemes_given_as_inputs_are_refused_not_read_as_paths(source):
    with pytest.raises(InputError) as err:
        read_document(source)
    assert (err.value.source, err.value.problem) == (source, "not an http(s) URL: only http and https URLs are fetched")
