#!/usr/bin/env python3
"""How does ``readouts serve`` hold up under concurrent clients and slow connections?

Starts the server in its own process on 127.0.0.1 (never another address) over a
small store, then, from this process (asyncio, one connection per request):

1. **load**: ``--clients`` concurrent clients (default 64) make ``--requests``
   requests in all (default 2,000) over a mix of pages and API calls; latency
   p50/p95/max, errors, and the kernel's listen-queue overflows during the run;
2. **idle**: ``--idle`` connections (default 1,000) each send half a request and
   then say nothing, like slow clients; the server's thread count while they are
   held, then ``--idle-requests`` normal requests (default 200, 16 at a time) made
   while they are still open.

The same run is made against the server readouts used before (wsgiref with a
thread per connection and a listen backlog of 5, rebuilt here over the same app)
unless ``--no-baseline``: the figures to quote are the two side by side, measured
on the same machine in the same run. Everything is bounded: each request gives up
after ``--request-timeout`` seconds and each phase after ``--phase-timeout``.

    python benchmarks/bench_web.py
    python benchmarks/bench_web.py --clients 64 --requests 2000 --idle 1000 --json
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only, by design

BASELINE = """\
import socketserver, sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from readouts.store import open_store
from readouts.web.app import App

class Server(socketserver.ThreadingMixIn, WSGIServer):  # readouts serve before waitress
    daemon_threads = True

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

store = open_store(sys.argv[1], read_only=True)
server = Server(("127.0.0.1", 0), Quiet)
server.set_app(App(store, allowed_hosts=frozenset({"127.0.0.1", "localhost"})))
print(f"serving http://127.0.0.1:{server.server_address[1]}", file=sys.stderr, flush=True)
server.serve_forever()
"""


# ---------------------------------------------------------------- the server under test

class ServerProcess:
    """A server in a child process; its stderr is drained so per-request log lines never block it."""

    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        first = self.proc.stderr.readline()
        m = re.search(r"serving http://([\d.]+):(\d+)", first)
        if not m or m.group(1) != HOST:
            self.stop()
            raise SystemExit(f"the server did not start on {HOST}: {first.strip()!r}")
        self.port = int(m.group(2))
        threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()

    def threads(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status")
        if not status.exists():
            return -1
        return int(re.search(r"^Threads:\s+(\d+)", status.read_text(), re.MULTILINE).group(1))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def listen_overflows() -> int | None:
    """The kernel's count of connections dropped because a listen queue was full (Linux)."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split()[1:], values.split()[1:]))
            return int(table.get("ListenOverflows", 0))
    return None


# ---------------------------------------------------------------- clients

async def request(port: int, path: str, timeout: float) -> tuple[int, float]:
    """(status, seconds) of one GET on a fresh connection; status 0 when it failed or timed out."""
    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readline()
            await reader.read()
            writer.close()
        status = int(head.split()[1]) if head.startswith(b"HTTP/") else 0
    except (OSError, TimeoutError, ValueError, IndexError):
        status = 0
    return status, time.perf_counter() - start


async def load(port: int, paths: list[str], total: int, clients: int, timeout: float) -> list[tuple[int, float]]:
    results: list[tuple[int, float]] = []
    counter = iter(range(total))

    async def client() -> None:
        for n in counter:
            results.append(await request(port, paths[n % len(paths)], timeout))

    await asyncio.gather(*(client() for _ in range(clients)))
    return results


async def open_idle(port: int, n: int) -> list[asyncio.StreamWriter]:
    """``n`` connections that each send half a request and then nothing."""
    writers = []
    for _ in range(n):
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 5)
        except (OSError, TimeoutError):
            continue
        writer.write(f"GET /events HTTP/1.1\r\nHost: {HOST}:{port}\r\n".encode())  # no blank line: never complete
        writers.append(writer)
    await asyncio.sleep(1.0)  # let the server accept them and start whatever it starts per connection
    return writers


def summary(results: list[tuple[int, float]], seconds: float) -> dict:
    ok = sorted(t for status, t in results if status == 200)
    q = statistics.quantiles(ok, n=100) if len(ok) >= 2 else [ok[0] if ok else float("nan")] * 99
    return {"requests": len(results), "ok": len(ok), "failed": len(results) - len(ok),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "max_ms": round((ok[-1] if ok else float("nan")) * 1000, 1),
            "per_second": round(len(ok) / seconds, 1) if seconds else None}


async def run_phases(server: ServerProcess, paths: list[str], args) -> dict:
    out: dict = {"threads_at_start": server.threads()}
    overflow_before = listen_overflows()
    start = time.perf_counter()
    results = await asyncio.wait_for(load(server.port, paths, args.requests, args.clients, args.request_timeout),
                                     args.phase_timeout)
    out["load"] = summary(results, time.perf_counter() - start)
    overflow_after = listen_overflows()
    if overflow_before is not None and overflow_after is not None:
        out["load"]["listen_overflows"] = overflow_after - overflow_before
    out["threads_after_load"] = server.threads()

    writers = await asyncio.wait_for(open_idle(server.port, args.idle), args.phase_timeout)
    out["idle_open"] = len(writers)
    out["threads_with_idle"] = server.threads()
    start = time.perf_counter()
    try:
        results = await asyncio.wait_for(
            load(server.port, paths, args.idle_requests, 16, args.request_timeout), args.phase_timeout)
    except TimeoutError:
        results = []
    out["during_idle"] = summary(results, time.perf_counter() - start)
    for writer in writers:
        writer.close()
    return out


# ---------------------------------------------------------------- the store and the run

def build_store(path: str) -> list[str]:
    """A store of the hand-built readout pair used by the web tests; the paths the clients ask for."""
    sys.path.insert(0, str(ROOT / "tests" / "data" / "store"))
    import handbuilt

    from readouts.store import list_events, open_store

    handbuilt.seeded_store(path)
    with open_store(path, read_only=True) as store:
        event_ids = [e.id for e in list_events(store)]
    return ["/events", "/api/events", *(f"/events/{e}" for e in event_ids), *(f"/api/events/{e}" for e in event_ids),
            "/search?q=Putin", "/pairs/US/RU", "/static/style.css"]


def raise_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, needed))
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--idle-requests", type=int, default=200)
    parser.add_argument("--request-timeout", type=float, default=30.0)
    parser.add_argument("--phase-timeout", type=float, default=180.0)
    parser.add_argument("--no-baseline", action="store_true", help="only the current server")
    parser.add_argument("--db", help="an existing store (default: a small one built for the run)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    raise_fd_limit(args.idle + args.clients + 256)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        paths = build_store(db) if not args.db else ["/events", "/api/events", "/search?q=Putin"]
        servers = {"waitress (readouts serve)": [sys.executable, "-m", "readouts.cli", "serve", "--db", db,
                                                 "--port", "0"]}
        if not args.no_baseline:
            servers["wsgiref threads (before)"] = [sys.executable, "-c", BASELINE, db]
        report = {"clients": args.clients, "requests": args.requests, "idle": args.idle,
                  "idle_requests": args.idle_requests, "cpus": os.cpu_count(), "servers": {}}
        for name, command in servers.items():
            server = ServerProcess(command)
            try:
                report["servers"][name] = asyncio.run(run_phases(server, paths, args))
            finally:
                server.stop()
            time.sleep(1.0)  # let the kernel settle the last connections before the next server
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


def print_report(report: dict) -> None:
    print(f"{report['clients']} concurrent clients, {report['requests']} requests (one connection each); "
          f"then {report['idle']} idle half-sent requests held open while {report['idle_requests']} more are made "
          f"16 at a time; {report['cpus']} CPUs; loopback")
    for name, r in report["servers"].items():
        ld, di = r["load"], r["during_idle"]
        print(f"\n{name}")
        print(f"  load      ok {ld['ok']}/{ld['requests']}  p50 {ld['p50_ms']} ms  p95 {ld['p95_ms']} ms  "
              f"max {ld['max_ms']} ms  {ld['per_second']}/s  listen overflows {ld.get('listen_overflows', '?')}")
        print(f"  threads   at start {r['threads_at_start']}, after load {r['threads_after_load']}, "
              f"with {r['idle_open']} idle connections {r['threads_with_idle']}")
        print(f"  idle      ok {di['ok']}/{di['requests']}  p50 {di['p50_ms']} ms  p95 {di['p95_ms']} ms  "
              f"max {di['max_ms']} ms")


if __name__ == "__main__":
    sys.exit(main())
