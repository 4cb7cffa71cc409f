#!/usr/bin/env python3
"""Take the docs/ screenshots as a new user would: ingest the bundled readouts, serve, open the pages.

    .venv/bin/python scripts/screenshot.py                      # the real pipeline, from the command line
    .venv/bin/python scripts/screenshot.py --handbuilt          # the hand-built analyses of the tests
    .venv/bin/python scripts/screenshot.py SOURCE... --out-dir DIR

Runs ``readouts ingest SOURCE... --db TMP`` and ``readouts serve --db TMP --port 0`` as
subprocesses, and photographs in Debian's headless Chromium (Playwright with
/usr/bin/chromium; nothing is downloaded) the events list (events.png), the
page of the event with the most reports (event.png) and the page of the person
who says most in it (person.png), and the events list on a 390 px phone
(events-phone.png).
The default source is the dated JSONL of the White House and Kremlin readouts of the
Obama-Putin call of 6 March 2014: examples/readouts/readouts.jsonl when present, else
tests/data/store/dp02-obama-putin-2014.jsonl (the same texts; licences in SOURCES.md there).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The bundled examples when they carry publication dates (a JSONL), else the same two texts from the tests.
BUNDLED = ROOT / "examples" / "readouts" / "readouts.jsonl"
DEFAULT_SOURCE = BUNDLED if BUNDLED.exists() else ROOT / "tests" / "data" / "store" / "dp02-obama-putin-2014.jsonl"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def _readouts(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readouts.cli", *args], check=True, text=True, **kwargs)


def _handbuilt_store(db: str) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "data" / "store"))
    import handbuilt

    from readouts.corpus import ingest_analyses
    from readouts.store import open_store

    with open_store(db, create=True) as store:
        ingest_analyses(store, handbuilt.pair_analyses(), comparer=handbuilt.pair_comparer)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", default=[str(DEFAULT_SOURCE)])
    parser.add_argument("--out-dir", default=str(ROOT / "docs"), help="where the PNG files go (default docs/)")
    parser.add_argument("--handbuilt", action="store_true", help="store the tests' hand-built analyses instead")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "readouts.db")
        if args.handbuilt:
            _handbuilt_store(db)
        else:
            _readouts("ingest", *args.sources, "--db", db)
        server = subprocess.Popen([sys.executable, "-m", "readouts.cli", "serve", "--db", db, "--port", "0"],
                                  stderr=subprocess.PIPE, text=True)
        try:
            line = server.stderr.readline()
            m = re.search(r"serving (http://127\.0\.0\.1:\d+)", line)
            if not m:
                sys.stderr.write(f"screenshot.py: serve did not start: {line}")
                return 1
            url = m.group(1)
            with urllib.request.urlopen(url + "/api/events", timeout=10) as response:
                events = json.loads(response.read())["events"]
            if not events:
                sys.stderr.write("screenshot.py: no events were found in the sources\n")
                return 1
            event = max(events, key=lambda e: (e["reports"], len(e["sides"])))
            with urllib.request.urlopen(f"{url}/api/events/{event['id']}", timeout=10) as response:
                detail = json.loads(response.read())
            said = [s["speaker_name"] for acc in detail["accounts"] for s in acc["statements"] if s["speaker_name"]]
            person = max(set(said), key=said.count) if said else event["participants"][0]["name"]
            out = Path(args.out_dir)
            out.mkdir(parents=True, exist_ok=True)
            shots = [("events.png", "/events", 1280), ("event.png", f"/events/{event['id']}", 1280),
                     ("person.png", f"/people/{urllib.parse.quote(person, safe='')}", 1280),
                     ("events-phone.png", "/events", 390)]
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for name, path, width in shots:
                    page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=1)
                    page.goto(url + path)
                    page.screenshot(path=str(out / name), full_page=True)
                    page.close()
                browser.close()
            sys.stderr.write(f"screenshot.py: {out}: events list, event {event['id']} ({event['reports']} "
                             f"report(s)), {person}\n")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
