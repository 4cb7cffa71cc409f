"""The read-only web UI over a store: ``readouts serve``.

>>> from readouts.web import make_server
>>> server = make_server("readouts.db")          # binds 127.0.0.1 on a free port
>>> server.url
"""
from __future__ import annotations

import socketserver
from collections.abc import Callable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from readouts.errors import StoreError

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(db: str, *, host: str = DEFAULT_HOST, port: int = 0,
                log: Callable[[str], None] | None = None) -> _Server:
    """A server for the store at ``db``, opened read-only; call ``serve_forever()`` on it."""
    from readouts.store import open_store
    from readouts.web.app import App

    store = open_store(db, read_only=True)

    class Handler(WSGIRequestHandler):
        def log_message(self, format: str, *args) -> None:
            if log:
                log(f"{self.address_string()} {format % args}")

    try:
        server = _Server((host, port), Handler)
    except OSError as err:
        store.close()
        raise StoreError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    loopback = host in LOOPBACK_HOSTS or host.startswith("127.")
    server.set_app(App(store, allowed_hosts=LOOPBACK_HOSTS | {host} if loopback else None))
    return server


def serve(db: str, *, host: str = DEFAULT_HOST, port: int = 8000, report: Callable[[str], None]) -> int:
    """Serve until interrupted; ``report`` gets the address and one line per request."""
    from readouts.store.db import display_url

    server = make_server(db, host=host, port=port, log=report)
    report(f"serving {server.url} (read-only) from {display_url(db)}; Ctrl-C to stop")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
