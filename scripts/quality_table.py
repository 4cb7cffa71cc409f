#!/usr/bin/env python3
"""Score readouts on the gold sets and rewrite the quality table in README.md.

Runs ``../shared/eval/run_gold.py`` separately over the dev articles, the dev
pairs and the seed article, with ``--cmd .venv/bin/readouts --json``, and
replaces everything between ``<!-- quality:start -->`` and
``<!-- quality:end -->`` in README.md with the figures, the date and the
commands. Nothing else in README.md is touched, so it is safe to run again.

    .venv/bin/python scripts/quality_table.py            # rewrite README.md
    .venv/bin/python scripts/quality_table.py --dry-run  # print the block only
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = "<!-- quality:start -->"
END = "<!-- quality:end -->"
# (label, path under shared/): each is scored on its own so one set's figures never mix with another's.
GOLD_SETS = (
    ("seed", "gold/seed.json"),
    ("dev articles", "gold/dev/articles"),
    ("dev pairs", "gold/dev/pairs"),
    ("dev2 articles", "gold/dev2/articles"),
    ("dev2 pairs", "gold/dev2/pairs"),
    ("all gold", "gold"),
)
# score.py's item names in the order the table shows them.
ITEM_ORDER = ("statement content", "statement content+side", "contacts", "disputes", "agreements",
              "pair shared", "pair only_in", "pair conflicts")


class QualityTableError(Exception):
    """A reason to stop without touching README.md."""


def run_gold(shared: Path, gold: Path, cmd: str) -> tuple[dict, str]:
    """score.py's summary for one gold set, and the command that produced it."""
    argv = [sys.executable, str(shared / "eval" / "run_gold.py"), str(gold), "--cmd", cmd, "--json"]
    shown = " ".join(["python", _rel(shared / "eval" / "run_gold.py"), _rel(gold), "--cmd", cmd, "--json"])
    # the default install's alignment, whatever extras this environment has
    env = dict(os.environ, READOUTS_COMPARE_BACKEND="lexical")
    shown = "READOUTS_COMPARE_BACKEND=lexical " + shown
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0 or "command failed" in proc.stderr:
        raise QualityTableError(f"{shown} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    lines = proc.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1]), shown
    except (IndexError, ValueError):
        raise QualityTableError(f"{shown} printed no JSON summary line:\n{proc.stdout[-2000:]}") from None


def _rel(path: Path) -> str:
    """``path`` as written from the project root (``../shared/...``), for the README."""
    return Path(os.path.relpath(path.resolve(), ROOT)).as_posix()


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def prf_rows(label: str, summary: dict) -> list[str]:
    rows = []
    for part, scores in summary.items():
        items = [k for k in ITEM_ORDER if k in scores] + sorted(
            k for k, v in scores.items() if k not in ITEM_ORDER and isinstance(v, dict) and "f1" in v)
        for item in items:
            s = scores[item]
            set_name = label if part in ("articles", "pairs") else f"{label} ({part})"
            rows.append(f"| {set_name} | {item} | {_pct(s['p'])} | {_pct(s['r'])} | {_pct(s['f1'])} "
                        f"| {s['tp']}/{s['fp']}/{s['fn']} |")
    return rows


def accuracy_rows(label: str, summary: dict) -> list[str]:
    rows = []
    for scores in summary.values():
        st = scores.get("matched statements", {})
        ct = scores.get("matched contacts", {})
        if not st and not ct:
            continue
        arts = scores.get("articles", {})
        rows.append(f"| {label} | {_pct(st.get('speaker_acc'))} | {st.get('n', 0)} "
                    f"| {_pct(ct.get('when_acc'))} | {ct.get('n', 0)} "
                    f"| {arts.get('control_false_alarms', '')} |")
    return rows


def build_block(results: list[tuple[str, dict, str]], today: str) -> str:
    lines = [
        START,
        f"Measured on {today} with `scripts/quality_table.py`, which ran:",
        "",
        "```",
        *(cmd for _, _, cmd in results),
        "```",
        "",
        "| set | item | precision | recall | F1 | tp/fp/fn |",
        "|---|---|---|---|---|---|",
    ]
    for label, summary, _ in results:
        lines += prf_rows(label, summary)
    acc = [row for label, summary, _ in results for row in accuracy_rows(label, summary)]
    if acc:
        lines += [
            "",
            "Of the statements and contacts that matched gold:",
            "",
            ("| set | speaker accuracy | matched statements | contact `when` accuracy | matched contacts "
            "| no-dispute articles with a dispute reported |"),
            "|---|---|---|---|---|---|",
            *acc,
        ]
    lines += ["", "Scoring rules: `../shared/eval/OUTPUT.md`, \"How matching works\".", END]
    return "\n".join(lines)


def replace_block(readme: str, block: str, name: str = "README.md") -> str:
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < 0 or end < start:
        raise QualityTableError(f"{name} has no {START} ... {END} block to rewrite")
    return readme[:start] + block + readme[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (../shared)")
    ap.add_argument("--readme", type=Path, default=ROOT / "README.md")
    ap.add_argument("--cmd", default=".venv/bin/readouts", help="the readouts command (run from the project root)")
    ap.add_argument("--dry-run", action="store_true", help="print the block; do not read or write README.md")
    args = ap.parse_args(argv)

    run_gold_py = args.shared / "eval" / "run_gold.py"
    if not run_gold_py.is_file():
        print(f"quality_table: {run_gold_py} not found: the shared gold sets are needed (../shared)", file=sys.stderr)
        return 2
    readme = None
    if not args.dry_run:
        try:
            readme = args.readme.read_text(encoding="utf-8")
        except OSError as err:
            print(f"quality_table: {args.readme}: cannot read ({err.strerror or err})", file=sys.stderr)
            return 2
    try:
        if readme is not None:
            replace_block(readme, "", str(args.readme))  # fail before the slow runs, not after
        results = []
        for label, rel in GOLD_SETS:
            gold = args.shared / rel
            if not gold.exists():
                print(f"quality_table: {gold} not found; skipping {label}", file=sys.stderr)
                continue
            print(f"quality_table: scoring {label} ...", file=sys.stderr)
            summary, shown = run_gold(args.shared, gold, args.cmd)
            results.append((label, summary, shown))
        if not results:
            raise QualityTableError(f"no gold sets found under {args.shared}")
        block = build_block(results, dt.datetime.now(dt.UTC).date().isoformat())
        if readme is None:  # --dry-run
            print(block)
            return 0
        new = replace_block(readme, block, str(args.readme))
    except QualityTableError as err:
        print(f"quality_table: {err}", file=sys.stderr)
        return 1
    if new != readme:
        args.readme.write_text(new, encoding="utf-8")
    print(f"quality_table: rewrote the quality block in {args.readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
