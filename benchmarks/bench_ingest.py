#!/usr/bin/env python3
"""How fast does ``readouts ingest`` go on 1 and 2 cores, does its rate hold from 1,000 to
10,000 articles, and does a Dask LocalCluster store what the local ingest stores?

The corpus is the gold texts of ``../shared/gold`` (dev and dev2: the articles and both
documents of each readout pair, so that events have two sides' accounts to compare)
replicated to N articles, each copy with one short last paragraph of its own ("Copy 17.") so that no two texts hash
alike (the store keys articles by their text). Every run is a real ``readouts ingest`` in a
fresh process into a fresh database, so start-up (interpreter, model, worker processes) is
counted as a user would feel it. After each run the stored rows are counted: every article
must be stored exactly once.

    python benchmarks/bench_ingest.py --quick                 # 100 and 300 articles: a few minutes
    python benchmarks/bench_ingest.py                         # 1,000 and 10,000: hours on 2 cores
    python benchmarks/bench_ingest.py --parts workers dask    # only some parts
    python benchmarks/bench_ingest.py --pg postgresql://postgres@127.0.0.1:5432/postgres

Parts: ``workers`` (1 and 2 workers on the same articles, SQLite; target >= 1.8x),
``scale`` (N small and large into SQLite and PostgreSQL with ``--workers`` processes; target:
the large rate within 10% of the small one), ``store`` (the same sizes, analyses made once and
written with ``write_batch``: the store's own cost per article, without the parse), ``dask`` (a LocalCluster of 2 workers into
PostgreSQL next to the local ingest; the stored rows must be the same). PostgreSQL parts need
``--pg`` or ``$READOUTS_TEST_PG_URL`` (a server where databases may be created and dropped).

Timings on a shared machine are noisy: the load average is printed with every run; compare
ratios taken in one run of this script, and repeat (``--repeat``) before quoting them.
"""
from __future__ import annotations

import argparse
import calendar
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
# ``readouts`` in a process that also reports its CPU seconds: its own (reading, writing the
# store) and its children's (the worker processes), as one JSON line on stderr at exit.
READOUTS = [sys.executable, "-c", (
    "import json, resource, sys\n"
    "from readouts.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write(json.dumps({'cpu_self': me.ru_utime + me.ru_stime,"
    " 'cpu_children': kids.ru_utime + kids.ru_stime}) + '\\n')\n"
    "sys.exit(code)\n")]


def gold_texts() -> list[dict]:
    rows = []
    for part in ("dev", "dev2"):
        for path in sorted((GOLD / part / "articles").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            rows.append({"id": gold["id"], "text": gold["text"], "published": gold.get("published"),
                         "title": gold.get("title")})
        for path in sorted((GOLD / part / "pairs").glob("*.json")):
            pair = json.loads(path.read_text(encoding="utf-8"))
            rows += [{"id": f"{pair['id']}-{n}", "text": doc["text"], "published": doc.get("published"),
                      "title": doc.get("title")} for n, doc in enumerate(pair["docs"])]
    return rows


def write_corpus(path: Path, n: int, texts: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            base = texts[i % len(texts)]
            row = dict(base, id=f"{base['id']}-{i}", text=f"{base['text'].rstrip()}\n\nCopy {i}.")
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


class Databases:
    """Fresh SQLite files in a temp dir, or fresh databases on one PostgreSQL server."""

    def __init__(self, tmp: Path, pg: str | None) -> None:
        self.tmp, self.pg, self.made = tmp, pg, []

    def new(self, backend: str) -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        if backend == "sqlite":
            return str(self.tmp / f"{name}.db")
        import psycopg

        with psycopg.connect(self.pg, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return f"{self.pg.rpartition('/')[0]}/{name}"

    def drop_all(self) -> None:
        if not self.made:
            return
        import psycopg

        with psycopg.connect(self.pg, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _engine(db: str):
    import sqlalchemy as sa

    return sa.create_engine(db if "://" in db else f"sqlite:///{db}")


def count_rows(db: str) -> dict:
    """Articles stored, distinct texts and inputs among them, and inputs stored more than once."""
    import sqlalchemy as sa

    engine = _engine(db)
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT source_id) FROM articles")).one()
        twice = conn.execute(sa.text(
            "SELECT COUNT(*) FROM (SELECT source_id FROM articles GROUP BY source_id HAVING COUNT(*) > 1) t")).scalar()
        contacts = conn.execute(sa.text("SELECT COUNT(*) FROM contacts")).scalar()
        events = conn.execute(sa.text("SELECT COUNT(*) FROM events")).scalar()
    engine.dispose()
    return {"rows": row[0], "distinct_ids": row[1], "distinct_inputs": row[2], "stored_twice": twice,
            "contacts": contacts, "events": events}


def snapshot(db: str) -> dict[str, list[tuple]]:
    """Every stored row but timestamps, sorted (``readouts.store.snapshot``, as tests/test_dask.py)."""
    from readouts.store import open_store
    from readouts.store import snapshot as store_snapshot

    with open_store(db, read_only=True) as store:
        return store_snapshot(store)


def run_ingest(corpus: Path, db: str, n: int, *extra: str) -> dict:
    """One ``readouts ingest`` in a fresh process: wall seconds, the ingest's own seconds, counts."""
    report = Path(tempfile.mktemp(suffix=".json"))
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run([*READOUTS, "ingest", str(corpus), "--db", db, "--report", str(report), *extra],
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if not report.exists():
        raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    result = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    cpu = json.loads(proc.stderr.strip().splitlines()[-1])
    counts = count_rows(db)
    ok = (counts["rows"] == result["stored"] == counts["distinct_ids"] == counts["distinct_inputs"]
          and counts["stored_twice"] == 0 and result["stored"] + result["failed"] == n)
    return {"n": n, "options": " ".join(extra), "wall_s": round(wall, 1), "ingest_s": result["seconds"],
            "per_s": round(n / wall, 2), "stored": result["stored"], "failed": result["failed"],
            "failures": [f["reason"][:80] for f in result["failures"][:3]], "counts": counts,
            "each_once": ok, "cpu_self_s": round(cpu["cpu_self"], 1),
            "cpu_workers_s": round(cpu["cpu_children"], 1), "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1)}


def show(label: str, r: dict) -> None:
    c = r["counts"]
    print(f"  {label:<34} {r['per_s']:7.2f} articles/s  wall {r['wall_s']:7.1f} s (ingest {r['ingest_s']:.1f} s)  "
          f"stored {r['stored']}/{r['n']}, failed {r['failed']}, rows {c['rows']}, twice {c['stored_twice']}, "
          f"contacts {c['contacts']}, events {c['events']}, each once: {'yes' if r['each_once'] else 'NO'}  "
          f"cpu: main {r['cpu_self_s']} s, workers {r['cpu_workers_s']} s  "
          f"load {r['load_before']}->{r['load_after']}", flush=True)
    if r["failures"]:
        print(f"    failures, e.g.: {r['failures']}", flush=True)


def part_workers(args, dbs: Databases, corpus: Path, n: int, compare: list[str]) -> dict:
    print(f"workers: {n} articles into SQLite, 1 and 2 worker processes, {args.repeat} round(s) taking turns")
    best: dict[int, dict] = {}
    paired: list[float] = []  # each round's 2-worker rate over the 1-worker rate just before it
    for _ in range(args.repeat):
        rates = {}
        for w in (1, 2):
            r = run_ingest(corpus, dbs.new("sqlite"), n, "--workers", str(w), *compare)
            show(f"--workers {w}", r)
            rates[w] = r["per_s"]
            if w not in best or r["per_s"] > best[w]["per_s"]:
                best[w] = r
        paired.append(rates[2] / rates[1])
    speedup = best[2]["per_s"] / best[1]["per_s"]
    # The machine's own speed drifts between runs (other tenants of the host): a round's two
    # runs, taken back to back, share most of that drift, so the median of the rounds' ratios
    # is steadier than the best run of each kind, which may come from different spells.
    median = statistics.median(paired)
    # On a busy machine wall time says little; CPU seconds barely move with the load. With two
    # free cores the 2-worker run can go no faster than its busiest process: the main process
    # (reading, storing), or each worker doing half the analysis.
    one_cpu = best[1]["cpu_self_s"] + best[1]["cpu_workers_s"]
    critical = max(best[2]["cpu_self_s"], best[2]["cpu_workers_s"] / 2)
    bound = one_cpu / critical if critical else float("nan")
    print(f"  speed-up 2 workers / 1 worker by wall time (target >= 1.8): median of the rounds {median:.2f}x "
          f"({', '.join(f'{x:.2f}' for x in paired)}), best run against best run {speedup:.2f}x; "
          f"{bound:.2f}x from CPU seconds on two free cores", flush=True)
    return {"one": best[1], "two": best[2], "speedup": round(speedup, 2), "speedup_cpu_bound": round(bound, 2),
            "rounds": [round(x, 3) for x in paired], "speedup_median_of_rounds": round(median, 2)}


def _cpu_per_article(r: dict, main_only: bool = False) -> float:
    cpu = r["cpu_self_s"] + (0 if main_only else r["cpu_workers_s"])
    return cpu / r["n"]


def part_scale(args, dbs: Databases, corpora: dict[int, Path], compare: list[str]) -> dict:
    out = {}
    backends = ["sqlite"] + (["postgresql"] if dbs.pg else [])
    small, large = args.sizes
    print(f"scale: {small} and {large} articles, --workers {args.workers}, into {' and '.join(backends)}")
    for backend in backends:
        runs = {}
        for n in (small, large):
            runs[n] = run_ingest(corpora[n], dbs.new(backend), n, "--workers", str(args.workers), *compare)
            show(f"{backend} {n}", runs[n])
        ratio = runs[large]["per_s"] / runs[small]["per_s"]
        # CPU seconds per article (the main process's, and all processes'): the cost per
        # article, which a busy machine barely moves where it swings the wall-time rate.
        main_ratio = _cpu_per_article(runs[small], main_only=True) / _cpu_per_article(runs[large], main_only=True)
        all_ratio = _cpu_per_article(runs[small]) / _cpu_per_article(runs[large])
        print(f"  {backend}: rate at {large} / rate at {small} = {ratio:.2f} by wall time (target >= 0.90); "
              f"by CPU seconds per article {all_ratio:.2f} (all processes), {main_ratio:.2f} (main process: "
              f"reading, storing, events)", flush=True)
        out[backend] = {"runs": runs, "ratio": round(ratio, 2), "cpu_ratio": round(all_ratio, 2),
                        "main_cpu_ratio": round(main_ratio, 2)}
    return out


def _analyses_of(texts: list[dict]) -> list:
    """Each distinct gold text analysed once (the store part replicates the analyses)."""
    from readouts import analyze_many
    from readouts.records import Article

    return list(analyze_many(Article(t["text"], t["id"], t["published"], title=t["title"]) for t in texts))


def _later_by(day: str | None, years: int) -> str | None:
    """``day`` (YYYY, YYYY-MM or YYYY-MM-DD) ``years`` later, at the same precision (29 February -> 28th)."""
    if not day or not years or not day[:4].isdigit():
        return day
    year, rest = int(day[:4]) + years, day[4:]
    if rest.startswith("-02-29") and not calendar.isleap(year):
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


def _copy(analysis, i: int, years: int = 0):
    """The analysis of copy ``i``: the text gets a last line of its own, every span stays where it was;
    ``years``: its publication and its contacts' dates that many years later."""
    import dataclasses

    article = analysis.article
    text = f"{article.text.rstrip()}\n\nCopy {i}."
    article = dataclasses.replace(article, text=text, id=f"{article.id}-{i}",
                                  published=_later_by(article.published, years))
    contacts = tuple(dataclasses.replace(c, when=_later_by(c.when, years)) for c in analysis.contacts)
    return dataclasses.replace(analysis, article=article, contacts=contacts)


def store_run(db: str, analyses: list, n: int, batch: int = 16, timeline: bool = False) -> dict:
    """Write ``n`` replicated analyses with ``write_batch`` (as the ingest's writer does): wall and CPU seconds.

    ``timeline``: each round of copies dated a year after the one before, so that each round
    reports new contacts, as a feed does over time; otherwise every copy reports the same
    contacts as the first and the events grow without bound.
    """
    from readouts.corpus.run import default_comparer
    from readouts.store import open_store, write_batch

    store = open_store(db, create=True)
    comparer = default_comparer()
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    stored = 0
    for start in range(0, n, batch):
        items = [_copy(analyses[i % len(analyses)], i, i // len(analyses) if timeline else 0)
                 for i in range(start, min(n, start + batch))]
        stored += write_batch(store, items, comparer=comparer).stored
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    store.engine.dispose()
    counts = count_rows(db)
    return {"n": n, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "per_s": round(n / wall, 1),
            "per_cpu_s": round(n / cpu, 1), "stored": stored, "counts": counts,
            "each_once": stored == n == counts["rows"] == counts["distinct_ids"],
            "load_before": round(load, 1), "load_after": round(os.getloadavg()[0], 1)}


def part_store(args, dbs: Databases, texts: list[dict]) -> dict:
    """The store's own cost per article at N small and N large: analyses made once, then written
    (articles, statements, contacts, events, points, search index) as the ingest's writer does.

    Twice: with every copy dated as its original (each event gains a report every round of
    copies and grows without bound: the worst case), and with each round a year later (new
    events each round, as a feed brings them: the store grows, its events do not).
    """
    small, large = args.sizes
    analyses = _analyses_of(texts)
    backends = ["sqlite"] + (["postgresql"] if dbs.pg else [])
    print(f"store: {small} and {large} analysed articles written with write_batch (batches of 16, accounts "
          f"compared), into {' and '.join(backends)}; the parse is left out (the same for every article)", flush=True)
    out: dict = {}
    for timeline, label in ((False, "same dates"), (True, "a year later each round")):
        for backend in backends:
            runs = {n: store_run(dbs.new(backend), analyses, n, timeline=timeline) for n in (small, large)}
            for n, r in runs.items():
                c = r["counts"]
                print(f"  {backend} {label}, {n:<6} {r['per_s']:8.1f} articles/s wall ({r['wall_s']} s), "
                      f"{r['per_cpu_s']:8.1f} per CPU second ({r['cpu_s']} s, this process)  stored {r['stored']}/{n}, "
                      f"contacts {c['contacts']}, events {c['events']}, each once: {'yes' if r['each_once'] else 'NO'}  "
                      f"load {r['load_before']}->{r['load_after']}", flush=True)
            wall_ratio = runs[large]["per_s"] / runs[small]["per_s"]
            cpu_ratio = runs[large]["per_cpu_s"] / runs[small]["per_cpu_s"]
            print(f"  {backend} {label}: rate at {large} / rate at {small} = {wall_ratio:.2f} by wall time, "
                  f"{cpu_ratio:.2f} by this process's CPU time", flush=True)
            out.setdefault(label, {})[backend] = {"runs": runs, "ratio": round(wall_ratio, 2),
                                                  "cpu_ratio": round(cpu_ratio, 2)}
    return out


def part_dask(args, dbs: Databases, corpus: Path, n: int, compare: list[str]) -> dict:
    print(f"dask: {n} articles into PostgreSQL, a LocalCluster of 2 workers next to the local ingest (2 workers)")
    local_db, dask_db = dbs.new("postgresql"), dbs.new("postgresql")
    local = run_ingest(corpus, local_db, n, "--workers", "2", *compare)
    show("local --workers 2", local)
    on_dask = run_ingest(corpus, dask_db, n, "--dask", "local", "--workers", "2", *compare)
    show("--dask local --workers 2", on_dask)
    a, b = snapshot(local_db), snapshot(dask_db)
    same = a == b
    differing = sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))
    print(f"  same stored rows (every table): {'yes' if same else 'NO: ' + ', '.join(differing)}", flush=True)
    return {"local": local, "dask": on_dask, "same_rows": same, "differing_tables": differing,
            "rows": {t: len(v) for t, v in a.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="100 and 300 articles instead of 1,000 and 10,000")
    ap.add_argument("--sizes", type=int, nargs=2, metavar=("SMALL", "LARGE"), help="corpus sizes for 'scale'")
    ap.add_argument("--parts", nargs="+", choices=("workers", "scale", "store", "dask"),
                    default=["workers", "scale", "store", "dask"])
    ap.add_argument("--workers", type=int, default=2, help="worker processes for 'scale' (default 2)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the 1-vs-2 workers comparison (best kept)")
    ap.add_argument("--no-compare", action="store_true", help="pass --no-compare to every ingest")
    ap.add_argument("--pg", default=os.environ.get("READOUTS_TEST_PG_URL"),
                    help="PostgreSQL server URL (default $READOUTS_TEST_PG_URL); PostgreSQL parts skipped without")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    args = ap.parse_args(argv)
    args.sizes = args.sizes or ([100, 300] if args.quick else [1000, 10000])

    texts = gold_texts()
    if not texts:
        print(f"no gold texts at {GOLD}: this benchmark needs ../shared/gold", file=sys.stderr)
        return 2
    compare = ["--no-compare"] if args.no_compare else []
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; corpus: {len(texts)} gold texts "
          f"(dev, dev2: articles and readout pairs) replicated with a distinct last line; compare accounts: {'no' if compare else 'yes'}")
    figures: dict = {"cores": os.cpu_count(), "texts": len(texts), "compare": not compare}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp_path = Path(tmp)
        dbs = Databases(tmp_path, args.pg)
        sizes = sorted(set(args.sizes))
        corpora = {n: write_corpus(tmp_path / f"corpus-{n}.jsonl", n, texts) for n in sizes}
        try:
            if "workers" in args.parts:
                figures["workers"] = part_workers(args, dbs, corpora[sizes[0]], sizes[0], compare)
            if "scale" in args.parts:
                figures["scale"] = part_scale(args, dbs, corpora, compare)
            if "store" in args.parts:
                figures["store"] = part_store(args, dbs, texts)
            if "dask" in args.parts:
                if args.pg:
                    figures["dask"] = part_dask(args, dbs, corpora[sizes[0]], sizes[0], compare)
                else:
                    print("dask: skipped (no PostgreSQL: give --pg or set READOUTS_TEST_PG_URL)")
        finally:
            dbs.drop_all()
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
