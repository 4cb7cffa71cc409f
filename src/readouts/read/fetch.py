"""The one URL fetcher: every page, feed and URL-list entry readouts reads comes through ``fetch``.

Built on httpx (URLs, headers, content decoding) over httpcore with a guarded
network backend, so that three limits hold for the whole fetch, redirects
included:

- an overall deadline: every connect, read and write waits at most for what is
  left of ``timeout``, so a server that trickles a byte every second is cut at
  the deadline, not after ``timeout`` per read;
- a size cap on the decoded body (a gzip bomb counts at its decoded size); a
  page over the cap is an error naming the URL, never a silent truncation;
- where it may connect: only http(s) URLs, redirects followed here one hop at a
  time, and, unless ``allow_private``, no loopback, private, link-local or
  other non-public address. The host is resolved here and the socket connects
  to the address that was checked, so a DNS answer cannot change in between.

Every failure is an ``InputError`` naming the URL that was asked for, in one
line. Environment proxies are not used (``trust_env=False``): a proxy would
resolve and connect on its own, out of reach of the address check.

>>> fetched = fetch("https://example.org/news/1", timeout=20)
>>> fetched.url, fetched.content_type, len(fetched.body)
"""
from __future__ import annotations

import concurrent.futures
import functools
import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpcore
import httpx

from readouts.errors import InputError

# A news page is well under this; the cap keeps a wrong URL from filling memory.
MAX_FETCH_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
USER_AGENT = "readouts (+https://github.com/readouts)"
ACCEPT = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, text/plain;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# IPv6 ranges that carry an IPv4 address, so that ::ffff:127.0.0.1 or 64:ff9b::a00:1 is judged by it.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a URL served: the body, where it was finally served from, and its declared type."""

    requested: str
    url: str
    body: bytes
    content_type: str | None
    charset: str | None


class Refused(Exception):
    """A connection the address policy forbids (raised inside the network backend)."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} is {address}, {kind}" if host != address else f"{address} is {kind}")


class _Deadline(Exception):
    """The overall deadline passed (raised by the guarded stream)."""


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = MAX_FETCH_BYTES,
          allow_private: bool = False) -> Fetched:
    """GET ``url`` within ``timeout`` seconds overall; raises ``InputError(url, ...)`` on any failure."""
    deadline = time.monotonic() + timeout
    transport = _GuardedTransport(deadline, allow_private)
    with httpx.Client(transport=transport, trust_env=False, follow_redirects=False,
                      timeout=httpx.Timeout(timeout),
                      headers={"User-Agent": USER_AGENT, "Accept": ACCEPT}) as client:
        try:
            return _fetch(client, url, max_bytes=max_bytes)
        except InputError:
            raise
        except Refused as err:
            raise InputError(url, f"refused: {err} (--allow-private fetches it)") from None
        except (_Deadline, httpx.TimeoutException, httpcore.TimeoutException):
            raise InputError(url, f"could not fetch: timed out after {timeout:g}s") from None
        except socket.gaierror as err:
            raise InputError(url, f"could not fetch: cannot resolve the host ({err.strerror or err})") from None
        except (httpx.HTTPError, httpx.InvalidURL, httpcore.NetworkError, httpcore.ProtocolError,
                httpcore.UnsupportedProtocol, OSError, ValueError) as err:
            raise InputError(url, f"could not fetch: {_reason(err)}") from None


def _fetch(client: httpx.Client, url: str, *, max_bytes: int) -> Fetched:
    """Follow redirects one hop at a time, each hop's URL checked before it is requested."""
    hop, shown = httpx.URL(url), url  # shown: the hop as the server wrote it, for messages
    for redirects in range(MAX_REDIRECTS + 1):
        _check_scheme(url, hop, shown if redirects else None)
        try:
            with client.stream("GET", hop) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    location = response.headers["location"]
                    hop = hop.join(location)
                    shown = _short(location if "://" in location else str(hop))
                    continue
                if response.status_code >= 300:
                    raise InputError(url, f"could not fetch: HTTP {response.status_code} {response.reason_phrase}")
                body = b"".join(_capped(response, url, max_bytes))
                content_type, charset = _content_type(response)
                return Fetched(url, str(hop), body, content_type, charset)
        except Refused as err:
            if redirects:
                raise InputError(url, f"redirected to {shown}, refused: {err} (--allow-private fetches it)") from None
            raise
    raise InputError(url, f"could not fetch: more than {MAX_REDIRECTS} redirects")


def _check_scheme(url: str, hop: httpx.URL, redirected_to: str | None) -> None:
    if hop.scheme in ("http", "https") and hop.host:
        return
    if redirected_to is not None:
        raise InputError(url, f"redirected to {redirected_to}, refused: only http and https URLs are fetched")
    raise InputError(url, "not an http(s) URL")


def _capped(response: httpx.Response, url: str, max_bytes: int) -> Iterator[bytes]:
    """The decoded body in chunks; an error as soon as it passes ``max_bytes``."""
    too_big = InputError(url, f"could not fetch: the page is larger than the {_size(max_bytes)} limit")
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    seen = 0
    for chunk in response.iter_bytes():
        seen += len(chunk)
        if seen > max_bytes:
            raise too_big
        yield chunk


def _content_type(response: httpx.Response) -> tuple[str | None, str | None]:
    header = response.headers.get("content-type")
    if not header:
        return None, None
    mime = header.split(";", 1)[0].strip().lower() or None
    return mime, response.charset_encoding


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _short(url: httpx.URL | str, limit: int = 120) -> str:
    text = str(url)
    return text if len(text) <= limit else text[:limit] + "..."


def _reason(err: Exception) -> str:
    """One line for a transport error: its message without errno noise, or its type."""
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    return text.split("] ", 1)[-1] if text.startswith("[Errno") else text


# ---------------------------------------------------------------- the address policy

def address_kind(address: str) -> str | None:
    """Why ``address`` may not be fetched by default (``"a loopback address"``), or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (
            ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None:
            return address_kind(str(embedded))
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


def _resolve(host: str, port: int, deadline: float) -> list[tuple[socket.AddressFamily, str]]:
    """Every (family, address) ``host`` resolves to, in the resolver's order (IPv4 and IPv6).

    The lookup runs in a helper thread so that a resolver that does not answer is cut at
    the fetch's deadline too (the thread ends when the resolver gives up on its own).
    """
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [(socket.AF_INET6 if ip.version == 6 else socket.AF_INET, host)]
    future = _resolver().submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=_left(deadline, None))
    except TimeoutError:
        raise _Deadline() from None
    seen: dict[str, socket.AddressFamily] = {}
    for family, _type, _proto, _name, sockaddr in infos:
        seen.setdefault(sockaddr[0], family)
    return [(family, address) for address, family in seen.items()]


@functools.cache
def _resolver() -> concurrent.futures.ThreadPoolExecutor:
    return concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="readouts-resolve")


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks every address of the host, then connects to a checked one; streams keep the deadline."""

    def __init__(self, deadline: float, allow_private: bool) -> None:
        self.deadline = deadline
        self.allow_private = allow_private
        self.plain = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = _resolve(host, port, self.deadline)
        if not self.allow_private:
            # Any non-public answer refuses the host: a mixed answer is how rebinding tricks start.
            for _family, address in addresses:
                kind = address_kind(address)
                if kind:
                    raise Refused(host, address, kind)
        error: Exception | None = None
        for _family, address in addresses:
            try:
                stream = self.plain.connect_tcp(address, port, timeout=_left(self.deadline, timeout),
                                                local_address=local_address, socket_options=socket_options)
            except httpcore.ConnectError as err:  # try the host's next address
                error = err
                continue
            return _DeadlineStream(stream, self.deadline)
        raise error or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise httpcore.UnsupportedProtocol("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:  # pragma: no cover - used by retries, which are off
        time.sleep(min(seconds, max(0.0, self.deadline - time.monotonic())))


def _left(deadline: float, timeout: float | None) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Deadline()
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write waits at most until the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner, self.deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(self.deadline, timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(self.deadline, timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, _left(self.deadline, timeout)),
                               self.deadline)

    def get_extra_info(self, info: str):
        return self.inner.get_extra_info(info)


@functools.cache
def _ssl_context():
    """One verified TLS context per process (loading the CA bundle takes a while)."""
    return httpx.create_ssl_context()


class _GuardedTransport(httpx.BaseTransport):
    """httpx over an httpcore pool whose network backend is the guarded one (public APIs of both)."""

    def __init__(self, deadline: float, allow_private: bool) -> None:
        self.pool = httpcore.ConnectionPool(ssl_context=_ssl_context(), max_connections=4, retries=0,
                                            network_backend=_GuardedBackend(deadline, allow_private))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                             target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        response = self.pool.handle_request(core)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response), extensions=response.extensions)

    def close(self) -> None:
        self.pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, response: httpcore.Response) -> None:
        self.response = response

    def __iter__(self) -> Iterator[bytes]:
        yield from self.response.iter_stream()

    def close(self) -> None:
        self.response.close()
