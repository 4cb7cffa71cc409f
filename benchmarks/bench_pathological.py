#!/usr/bin/env python3
"""Pathological inputs next to normal text of the same length: time and peak memory.

Each case is analysed (``readouts.analyze``) in this one process next to a normal text of
exactly the same number of characters, made of the bundled examples' paragraphs (and the
dev gold texts when ``../shared`` is present):

- ``quotes``: a quotation of 50,000 quotation marks;
- ``emoji``:  20,000 emoji in one run;
- ``big``:    a 5,000,000-character text in one paragraph (no newline to cut at), next to
  5,000,000 characters of normal paragraphs (both over spaCy's max_length: analysed in
  segments).

The figure to quote is each case's ratio to its normal text, by CPU time (this process's,
so it holds while other jobs share the cores) and by peak traced memory (tracemalloc, on
in both runs alike, so both are equally slowed). Target: each within 5x.

    python benchmarks/bench_pathological.py                 # all three cases
    python benchmarks/bench_pathological.py --big-chars 500000 --cases quotes emoji big
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DEV_GOLD = ROOT.parent / "shared" / "gold" / "dev" / "articles"
TARGET = 5.0


def paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    if DEV_GOLD.is_dir():
        texts += [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV_GOLD.glob("*.json"))]
    return [p.strip() for t in texts for p in t.split("\n") if len(p.strip()) > 40]


def normal_text(n: int, sep: str = "\n\n") -> str:
    """Real paragraphs joined by ``sep``, cut to exactly ``n`` characters at a sentence end."""
    paras = paragraphs()
    out, size, i = [], 0, 0
    while size < n:
        out.append(paras[i % len(paras)])
        size += len(out[-1]) + len(sep)
        i += 1
    text = sep.join(out)[:n]
    cut = text.rfind(". ", 0, n)
    return (text[:cut + 1] + " " * (n - cut - 1)) if cut > n // 2 else text


def cases(big_chars: int) -> dict[str, str]:
    return {
        "quotes": 'The minister said "' + '"' * 50_000 + '" and left.',
        "emoji": "Crowds cheered " + "\U0001F600" * 20_000 + " outside the ministry.",
        "big": normal_text(big_chars, sep=" "),
    }


def measure(text: str) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak traced MB) of one ``readouts.analyze`` of ``text``."""
    from readouts.analyze import analyze

    gc.collect()
    tracemalloc.start()
    cpu, wall = time.process_time(), time.perf_counter()
    analyze(text, max_chars=None)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return cpu, wall, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", choices=("quotes", "emoji", "big"), default=["quotes", "emoji", "big"])
    parser.add_argument("--big-chars", type=int, default=5_000_000, help="length of the big case (default 5,000,000)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from readouts.analyze import analyze

    analyze("Warm-up: the French minister said the talks would resume.")  # model and lexicons loaded
    rows = []
    all_cases = cases(args.big_chars)
    for name in args.cases:
        bad = all_cases[name]
        good = normal_text(len(bad))
        b_cpu, b_wall, b_mem = measure(bad)
        g_cpu, g_wall, g_mem = measure(good)
        rows.append({"case": name, "chars": len(bad), "cpu_s": round(b_cpu, 2), "normal_cpu_s": round(g_cpu, 2),
                     "wall_s": round(b_wall, 2), "normal_wall_s": round(g_wall, 2),
                     "peak_mb": round(b_mem, 1), "normal_peak_mb": round(g_mem, 1),
                     "time_ratio": round(b_cpu / g_cpu, 2), "memory_ratio": round(b_mem / g_mem, 2)})
        if not args.json:
            r = rows[-1]
            ok = "ok" if r["time_ratio"] <= TARGET and r["memory_ratio"] <= TARGET else "OVER TARGET"
            print(f"{name:<7} {r['chars']:>9,} chars  cpu {b_cpu:7.2f} s vs normal {g_cpu:7.2f} s  "
                  f"(x{r['time_ratio']:.2f})  peak {b_mem:7.1f} MB vs {g_mem:7.1f} MB (x{r['memory_ratio']:.2f})  "
                  f"[{ok}]", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps({"rows": rows, "peak_rss_mb": round(rss, 1)}, indent=2))
    else:
        print(f"peak RSS (process) {rss:.0f} MB; target: each ratio <= {TARGET:g}")
    return 0 if all(r["time_ratio"] <= TARGET and r["memory_ratio"] <= TARGET for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
