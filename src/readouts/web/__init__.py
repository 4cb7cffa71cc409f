"""The read-only web UI over a store: ``readouts serve``, served by waitress.

>>> from readouts.web import make_server
>>> server = make_server("readouts.db")          # binds 127.0.0.1 on a free port
>>> threading.Thread(target=server.serve_forever, daemon=True).start()
>>> server.url
'http://127.0.0.1:40173'
>>> server.shutdown(); server.server_close()

waitress is a production WSGI server: connections are read and written by one
asynchronous loop, and only complete requests go to a bounded pool of worker
threads, so a thousand idle or slow connections hold file descriptors, not
threads. Idle connections are closed after ``CHANNEL_TIMEOUT``; the listen
backlog is ``BACKLOG``; request bodies (never used: the app is read-only) are
refused above ``MAX_BODY_BYTES`` before anything is buffered.
"""
from __future__ import annotations

import ipaddress
import logging
import threading
from collections.abc import Callable, Iterable

from readouts.errors import StoreError

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
THREADS = 8                  # requests handled at once; the rest wait in waitress's queue
BACKLOG = 1024               # connections the kernel holds before they are accepted
CHANNEL_TIMEOUT = 30         # seconds an idle connection is kept open
CONNECTION_LIMIT = 4000      # open connections at most (also kept under the file-descriptor limit)
MAX_BODY_BYTES = 64 * 1024
MAX_HEADER_BYTES = 64 * 1024

Log = Callable[[str], None]


class Server:
    """A waitress server bound and listening: ``serve_forever()`` in a thread, ``shutdown()`` from another."""

    def __init__(self, inner, socket_map: dict, store) -> None:
        from waitress.trigger import trigger

        self._inner, self._map, self._store = inner, socket_map, store
        self._wake = trigger(socket_map)  # runs a callback inside the serving loop's thread
        self._lock = threading.Lock()
        self._closed = False  # shut down before the loop ever ran
        self._running = threading.Event()
        self._stopped = threading.Event()
        listen = getattr(inner, "effective_listen", None) or [(inner.effective_host, inner.effective_port)]
        host, port = listen[0]
        self.server_address = (host, int(port))

    @property
    def url(self) -> str:
        host, port = self.server_address
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve until ``shutdown()`` (or Ctrl-C in the serving thread)."""
        with self._lock:
            if self._closed:
                return
            self._running.set()
        try:
            self._inner.run()
        finally:
            self._inner.task_dispatcher.shutdown(timeout=5)
            self._stopped.set()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Close every socket from inside the serving loop and wait for ``serve_forever`` to return."""
        with self._lock:
            if not self._running.is_set():
                self._closed = True
                return
        self._wake.pull_trigger(self._close_sockets)
        self._stopped.wait(timeout)

    def server_close(self) -> None:
        """Release the sockets (when the loop never ran or was stopped) and the store."""
        if not self._running.is_set() or self._stopped.is_set():
            self._close_sockets()
        self._store.close()

    def _close_sockets(self) -> None:
        from waitress import wasyncore

        wasyncore.close_all(self._map, ignore_all=True)
        self._map.clear()


def is_loopback(host: str) -> bool:
    """True when ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_server(db: str, *, host: str = DEFAULT_HOST, port: int = 0, log: Log | None = None,
                threads: int = THREADS) -> Server:
    """A server for the store at ``db``, opened read-only and listening; call ``serve_forever()`` on it."""
    from waitress.server import create_server

    from readouts.store import open_store
    from readouts.web.app import App

    store = open_store(db, read_only=True)
    loopback = is_loopback(host)
    app = App(store, allowed_hosts=LOOPBACK_HOSTS | {host} if loopback else None)
    socket_map: dict = {}
    try:
        inner = create_server(_logged(app, log) if log else app, map=socket_map, host=host, port=port,
                              threads=threads, backlog=BACKLOG, channel_timeout=CHANNEL_TIMEOUT,
                              cleanup_interval=min(10, CHANNEL_TIMEOUT), connection_limit=_connection_limit(),
                              asyncore_use_poll=True,  # select() stops at 1,024 file descriptors
                              max_request_body_size=MAX_BODY_BYTES, max_request_header_size=MAX_HEADER_BYTES,
                              ident="readouts")
    except (OSError, ValueError) as err:
        store.close()
        reason = getattr(err, "strerror", None) or err
        raise StoreError(f"cannot listen on {host}:{port}: {reason}") from err
    return Server(inner, socket_map, store)


def _connection_limit() -> int:
    """``CONNECTION_LIMIT``, kept under the process's file-descriptor limit (each connection holds one)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 1000
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return CONNECTION_LIMIT
    return max(16, min(CONNECTION_LIMIT, soft - 64))


def _logged(app, log: Log):
    """The app, with one log line per request: client, method, path and status."""
    def logged_app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        def start(status: str, headers, exc_info=None):
            query = environ.get("QUERY_STRING")
            path = environ.get("PATH_INFO", "/") + (f"?{query}" if query else "")
            log(f'{environ.get("REMOTE_ADDR", "-")} "{environ.get("REQUEST_METHOD", "-")} {path[:200]}" '
                f"{status.split(' ', 1)[0]}")
            return start_response(status, headers, exc_info)
        return app(environ, start)
    return logged_app


def serve(db: str, *, host: str = DEFAULT_HOST, port: int = 8000, report: Log) -> int:
    """Serve until interrupted; ``report`` gets the address, warnings and one line per request."""
    from readouts.store.db import display_url

    server = make_server(db, host=host, port=port, log=report)
    _route_waitress_logs(report)
    report(f"serving {server.url} (read-only) from {display_url(db)}; Ctrl-C to stop")
    if not is_loopback(host):
        report(f"warning: listening on {host}, beyond this machine: anyone who can reach port "
               f"{server.server_address[1]} can read the whole store (there is no login)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


class _ReportHandler(logging.Handler):
    def __init__(self, report: Log) -> None:
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        self.report(f"server: {record.getMessage()}")


def _route_waitress_logs(report: Log) -> None:
    """waitress's warnings (connection limit reached, ...) as report lines, not bare stderr logging."""
    logger = logging.getLogger("waitress")
    if not any(isinstance(h, _ReportHandler) for h in logger.handlers):
        logger.addHandler(_ReportHandler(report))
        logger.propagate = False
    # "Task queue depth is N" is logged on every request that waits for a thread: normal under load.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
