"""Write the bad-input corpus the robustness tests run through ``readouts analyze`` and ``ingest``.

Nothing big is committed: every file is made here, from short texts written for the test.

    python scripts/make_bad_inputs.py OUT_DIR           # the corpus, and OUT_DIR/manifest.json

``build(out_dir)`` returns the manifest: for each input, whether it is good (analysed and stored
once), refused (one line naming it, with a reason matching ``reason``), or good with a warning.
The cases are those of the robustness issue: a JSONL line with a lone surrogate, a text over the
default ``--max-chars``, 50,000 quotation marks, 20,000 emoji, malformed JSONL lines, undecodable
bytes, empty texts, HTML pages (good and without text), a batch of 20 with bad lines mixed in,
and a folder of all of these.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

# Written for these tests (made-up events between real countries); each text is distinct.
PAIRS = [("France", "Russia"), ("India", "Pakistan"), ("Kenya", "Somalia"), ("Japan", "China"),
         ("Peru", "Chile"), ("Egypt", "Ethiopia"), ("Poland", "Belarus"), ("Ghana", "Togo"),
         ("Norway", "Iceland"), ("Vietnam", "Cambodia"), ("Brazil", "Argentina"), ("Turkey", "Greece"),
         ("Canada", "Denmark"), ("Morocco", "Algeria"), ("Sweden", "Finland"), ("Chad", "Sudan")]
TEMPLATE = (
    "{a}'s foreign minister spoke by phone with his {b} counterpart on Tuesday, the ministry said.\n\n"
    "\"We discussed the border and the trade in grain,\" the {a} minister told reporters after the call "
    "about case {n}.\n\n"
    "{b}'s government denied that it had agreed to reopen the crossing, calling the report false."
)


def good_text(n: int) -> str:
    a, b = PAIRS[n % len(PAIRS)]
    return TEMPLATE.format(a=a, b=b, n=n)


def _jsonl(lines: list[str | bytes]) -> bytes:
    return b"\n".join(line if isinstance(line, bytes) else line.encode("utf-8") for line in lines) + b"\n"


def build(out: Path, *, big_chars: int = 2_000_100) -> dict:
    """Write the corpus under ``out`` (a folder ``inputs/``) and return its manifest."""
    root = Path(out) / "inputs"
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, dict] = {}

    def add(name: str, data: bytes | str, expect: str, reason: str = "", ids: tuple[str, ...] = ()) -> None:
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        cases[name] = {"path": str(path), "expect": expect, "reason": reason, "ids": list(ids)}

    add("a-good.txt", good_text(1), "good")
    add("b-quotes.txt", 'The minister said "' + '"' * 50_000 + '" and left.\n', "good")
    add("c-emoji.txt", "Crowds cheered " + "\U0001F600" * 20_000 + " outside.\n", "good")
    add("d-big.txt", (good_text(2) + "\n\n") * (big_chars // (len(good_text(2)) + 2) + 1), "refused",
        "over the limit")
    add("e-latin1.txt", good_text(3).replace("minister", "ministre d\u00e9l\u00e9gu\u00e9").encode("latin-1"),
        "refused", "not UTF-8")
    add("f-empty.txt", "", "refused", "empty")
    add("g-blank.txt", " \n\n \t\n", "refused", "empty")
    add("h-page.html", "<!doctype html><html><head><title>Call</title></head><body><article><h1>Call</h1>"
        + "".join(f"<p>{p}</p>" for p in good_text(4).split("\n\n")) + "</article></body></html>", "good")
    add("i-no-text.html", "<!doctype html><html><head><title>x</title></head><body><script>var a=1;</script>"
        "</body></html>", "refused", "no main text")
    add("j-nul.txt", good_text(5).replace("Tuesday", "Tues\x00day"), "good")

    # A batch of 20 lines: 13 good (one with a lone surrogate, so good with a warning), 7 bad.
    lines: list[str | bytes] = []
    batch_ids: list[str] = []
    bad_lines = {
        3: ("{not json", "not valid JSON"),
        6: ('["a list", "not an object"]', "expected a JSON object"),
        9: ('{"id": "no-text"}', 'missing "text"'),
        11: ('{"id": "empty", "text": "   "}', '"text" is empty'),
        14: ('{"id": "bad-date", "text": "Peru said so.", "published": "2024-13-45"}', "date"),
        17: ("[" * 100_000 + "]" * 100_000, "cannot read"),
        19: (b'{"id": "bytes", "text": "caf\xe9"}', "not UTF-8"),
    }
    for n in range(1, 21):
        if n in bad_lines:
            lines.append(bad_lines[n][0])
            continue
        text = good_text(100 + n)
        if n == 5:
            text = text.replace("grain", "grain \ud800")  # a lone surrogate, as a JSON escape
        lines.append(json.dumps({"id": f"batch-{n}", "text": text, "published": "2024-05-02"}))
        batch_ids.append(f"batch-{n}")
    add("k-batch.jsonl", _jsonl(lines), "batch", ids=tuple(batch_ids))
    cases["k-batch.jsonl"]["bad_lines"] = {str(n): reason for n, (_, reason) in bad_lines.items()}
    manifest = {"root": str(root), "cases": cases}
    (Path(out) / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/make_bad_inputs.py OUT_DIR")
    m = build(Path(sys.argv[1]))
    print(f"{len(m['cases'])} inputs in {m['root']}")
