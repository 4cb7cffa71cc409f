"""What reaches the terminal: no raw control characters from article text, and Ctrl-C at start-up.

The hostile text is written for the test: an official "said" a quote that carries a title-setting
sequence (ESC ] 0 ; ... BEL), a screen clear (ESC [ 2 J), an 8-bit CSI (U+009B) and a
right-to-left override.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readouts.cli import main
from readouts.cli.output import json_printable, printable

ROOT = Path(__file__).resolve().parents[1]
TITLE, CLEAR, CSI, RLO = "\x1b]0;pwned\x07", "\x1b[2J", "\x9b31m", "\u202e"
HOSTILE = (f"The foreign minister of France said on Tuesday that {TITLE}the talks in Geneva{CLEAR} had gone well.\r\n"
           f'"We will meet again{CSI} in March{RLO}," he told reporters.\n')
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def _clean(text: str) -> bool:
    return not any(c in text for c in RAW)


def test_printable_removes_controls_and_keeps_text():
    assert printable(HOSTILE) == ("The foreign minister of France said on Tuesday that ]0;pwnedthe talks in Geneva[2J "
                                  'had gone well.\n"We will meet again31m in March," he told reporters.\n')
    assert printable("tab\tand “quotes”, é, قال\n") == "tab\tand “quotes”, é, قال\n"
    assert printable("one\r\ntwo", keep_newlines=False) == "one two"


def test_json_printable_stays_valid_json_with_the_same_value():
    document = json.dumps({"text": HOSTILE + "\x7f"}, ensure_ascii=False)
    safe = json_printable(document)
    assert _clean(safe) and "\x7f" not in safe
    assert json.loads(safe) == {"text": HOSTILE + "\x7f"}


@pytest.mark.parametrize("fmt", ["text", "md", "json", "jsonl"])
def test_analyze_prints_no_raw_control_characters(fmt, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HOSTILE.encode("utf-8")), encoding="utf-8"))
    assert main(["analyze", "-", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert _clean(out)
    if fmt == "json":  # the data keeps every character; only the printing escapes them
        contents = [s["content"]["text"] for s in json.loads(out)["statements"]]
        assert f"{TITLE}the talks in Geneva{CLEAR} had gone well" in contents
    elif fmt == "text":
        assert "the talks in Geneva" in out


def test_show_and_events_print_no_raw_control_characters(tmp_path, capsys):
    pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra")
    sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
    from slow_ingest import simple_analysis

    from readouts.corpus import ingest_analyses
    from readouts.records import Article
    from readouts.store import list_events, open_store

    db = str(tmp_path / "t.db")
    with open_store(db, create=True) as store:
        ingest_analyses(store, [simple_analysis(Article(HOSTILE, id="hostile", title=f"Talks{TITLE}"))])
        (event,) = list_events(store)
    for argv in (["show", event.id], ["events"], ["show", event.id, "--format", "json"]):
        assert main([*argv, "--db", db]) == 0
        out = capsys.readouterr().out
        assert _clean(out), argv
    assert main(["show", event.id, "--db", db]) == 0 and "had gone well" in capsys.readouterr().out


def test_error_lines_quote_inputs_without_control_characters(tmp_path, capsys):
    missing = tmp_path / f"gone{TITLE}.txt"
    assert main(["analyze", str(missing)]) == 1
    err = capsys.readouterr().err
    assert _clean(err) and err.count("\n") == 1 and "no such file" in err


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="watches /proc/PID/maps (Linux)")
def test_ctrl_c_while_spacy_loads_prints_one_line_and_exits_130(tmp_path):
    text = tmp_path / "long.txt"
    text.write_text((ROOT / "examples" / "obama-putin-call-2016.txt").read_text(encoding="utf-8") * 20,
                    encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "readouts.cli", "analyze", str(text)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:  # wait until spaCy's libraries load
            try:
                if "/spacy/" in Path(f"/proc/{proc.pid}/maps").read_text():
                    break
            except OSError:
                pass
            time.sleep(0.01)
        assert proc.poll() is None, "the analysis ended before spaCy was seen loading"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    assert (proc.returncode, err) == (130, "readouts: interrupted\n")
