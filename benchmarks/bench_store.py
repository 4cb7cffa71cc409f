#!/usr/bin/env python3
"""Query latency of the store at two sizes: p50/p95 of the pages the CLI and the web desk serve.

    python benchmarks/bench_store.py --small /tmp/s10k.db --large /tmp/s100k.db
    python benchmarks/bench_store.py --small postgresql://u@h/s10k --large postgresql://u@h/s100k

Both stores are made by ``benchmarks/make_store.py`` (10,000 and 100,000 articles).
For each store it times, over ``--runs`` varied requests each: the events list
(first page, newest first, with its facets), the events list filtered by two
sides and a year, an event page, a person page (everything one person said,
by event), a search of two words and one of a surname alone. It prints p50 and
p95 in milliseconds per query and size, and the growth of p95 from the small
store to the large one.
Target: p95 < 100 ms at 100,000 articles.

Wall time is what a reader waits; on a busy machine it mostly measures the
wait for a core. For SQLite the query runs in this process, so its CPU time
(``time.process_time``) is printed too: it barely moves when other jobs share
the cores. PostgreSQL works in its server processes: when the server runs on
this machine (Linux), the CPU time of the store's backends (``/proc/PID/schedstat``,
nanoseconds) is added to this process's, so PostgreSQL gets a CPU figure too.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

from readouts.store import browse_events, browse_people, get_event, get_person, open_store, search

WORDS = ["ceasefire", "sanctions", "Crimea", "energy", "grain", "nuclear", "tariffs", "Syria", "migration",
         "constructive", "progress", "agreement", "unacceptable", "urgent"]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _backends(db: str) -> list[str]:
    """The /proc entries of the PostgreSQL backends serving database ``db`` on this machine."""
    name = db.rsplit("/", 1)[-1].split("?")[0]
    out = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()) if os.path.isdir("/proc") else ():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                words = fh.read().replace(b"\0", b" ").decode(errors="replace").split()
        except OSError:
            continue
        if len(words) > 2 and words[0] == "postgres:" and words[2] == name:  # "postgres: USER DB HOST(PORT) idle"
            out.append(pid)
    return out


def _server_ms(pids: list[str]) -> float:
    """CPU milliseconds the given processes have run so far."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/schedstat", encoding="ascii") as fh:
                total += int(fh.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def _sample(store, rng: random.Random, n: int):
    """Event ids, person keys, side pairs and names to vary the requests over."""
    events = [e.id for e in browse_events(store, limit=1000, facets=False).items]
    events += [e.id for e in browse_events(store, sort="-reports", limit=200, facets=False).items]
    people = browse_people(store, limit=200, facets=False).items
    pairs = [(e.sides[0], e.sides[1], e.year) for e in browse_events(store, limit=500, facets=False).items
             if len(e.sides) == 2 and e.year]
    surnames = [p.name.split()[-1] for p in people]
    return ([rng.choice(events) for _ in range(n)], [rng.choice(people).key for _ in range(n)],
            [rng.choice(pairs) for _ in range(n)], surnames)


def measure(db: str, runs: int, seed: int = 3) -> dict[str, tuple[float, ...]]:
    """{query: (wall p50, wall p95, cpu p50, cpu p95[, cpu+server p50, cpu+server p95])} in ms on
    the store at ``db``; the last two for a PostgreSQL server on this machine."""
    rng = random.Random(seed)
    with open_store(db, read_only=True) as store:
        events, people, pairs, surnames = _sample(store, rng, runs)
        pages = [rng.randrange(0, 20) * 50 for _ in range(runs)]
        queries = {
            "events list (page, facets)": lambda i: browse_events(store, offset=pages[i]),
            "events by sides+year": lambda i: browse_events(store, sides=pairs[i][:2], year=pairs[i][2]),
            "event page": lambda i: get_event(store, events[i]),
            "person page": lambda i: get_person(store, people[i], limit=200),
            "search (2 words)": lambda i: search(store, f"{rng.choice(surnames)} {rng.choice(WORDS)}"),
            "search (a surname)": lambda i: search(store, rng.choice(surnames)),  # tens of thousands of hits
        }
        out = {}
        postgres = store.engine.dialect.name == "postgresql"
        for name, run in queries.items():
            run(0)  # warm the caches once, as a serving process has them warm
            times, cpu, both = [], [], []
            for i in range(runs):
                pids = _backends(db) if postgres else []
                t, c, srv = time.perf_counter(), time.process_time(), _server_ms(pids)
                run(i)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                both.append(cpu[-1] + _server_ms(pids) - srv)
            out[name] = (statistics.median(times), _pct(times, 0.95), statistics.median(cpu), _pct(cpu, 0.95))
            if postgres and _backends(db):
                out[name] += (statistics.median(both), _pct(both, 0.95))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--small", required=True, help="the store of 10,000 articles")
    p.add_argument("--large", required=True, help="the store of 100,000 articles")
    p.add_argument("--runs", type=int, default=100)
    args = p.parse_args(argv)
    small, large = measure(args.small, args.runs), measure(args.large, args.runs)
    tables = [("wall", 0), ("cpu (this process)", 2)]
    if all(len(v) > 4 for v in (*small.values(), *large.values())):
        tables.append(("cpu (+ PostgreSQL backend)", 4))
    for label, col in tables:
        print(f"\n{label} ms      {'small p50':>10} {'small p95':>10} {'large p50':>10} {'large p95':>10} {'p95 growth':>11}")
        for name in small:
            s50, s95, l50, l95 = small[name][col], small[name][col + 1], large[name][col], large[name][col + 1]
            print(f"{name:<28} {s50:>10.1f} {s95:>10.1f} {l50:>10.1f} {l95:>10.1f} {l95 / max(s95, 1e-9):>10.2f}x")
        worst = max(v[col + 1] for v in large.values())
        print(f"worst {label} p95 on the large store: {worst:.1f} ms (target < 100 ms)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nload average at the end: {load:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
