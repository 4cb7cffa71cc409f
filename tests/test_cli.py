"""The ``readouts`` command as a user meets it: exit codes, stdout, one-line errors on stderr.

These tests assert only what the CLI itself guarantees (shapes, order, ids,
offsets, messages), not what the extraction stages find.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import readouts
from readouts.cli import build_parser, main
from readouts.read.inputs import read_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "obama-putin-call-2016.txt"
EXAMPLE_PUBLISHED = "2016-01-13"
OTHER_EXAMPLE = ROOT / "examples" / "olmert-abbas-talks-2008.txt"
OUTPUT_KEYS = {"statements", "contacts", "disputes", "agreements"}


def _spans(node):
    """Every ``{"start", "end", "text"}`` dict anywhere in a JSON value."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and isinstance(node.get("text"), str):
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from _spans(value)


def _assert_spans_match(result: dict, text: str) -> int:
    spans = list(_spans(result))
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"], span
    return len(spans)


def test_analyze_text_exits_zero_and_prints(capsys):
    code = main(["analyze", str(EXAMPLE), "--published", EXAMPLE_PUBLISHED])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip()
    assert err == ""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_json_has_the_output_keys_and_every_span_is_a_slice_of_the_input(capsys, tmp_path, newline):
    text = EXAMPLE.read_bytes().decode("utf-8").replace("\n", newline)
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    code = main(["analyze", str(path), "--published", EXAMPLE_PUBLISHED, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert OUTPUT_KEYS <= set(result)
    for key in OUTPUT_KEYS:
        assert isinstance(result[key], list)
    # The article names Obama and Putin, so there is evidence to check (actor mentions at least).
    assert _assert_spans_match(result, text) > 0


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_is_the_default_input(capsys, monkeypatch):
    text = EXAMPLE.read_bytes().decode("utf-8")
    monkeypatch.setattr("sys.stdin", _Stdin(text.encode("utf-8")))
    code = main(["analyze", "--format", "json", "--published", EXAMPLE_PUBLISHED])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["id"] == "stdin"
    assert _assert_spans_match(result, text) > 0


def test_html_offsets_are_into_the_extracted_text(capsys):
    page = ROOT / "tests" / "data" / "inputs" / "olmert-abbas-page.html"
    code = main(["analyze", str(page), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["document"]["published"] == "2008-04-07"  # from the page's metadata
    assert _assert_spans_match(result, read_document(str(page)).text) > 0


def test_jsonl_output_is_in_input_order_with_ids(capsys, tmp_path):
    texts = {name: path.read_text(encoding="utf-8") for name, path in
             (("obama", EXAMPLE), ("olmert", OTHER_EXAMPLE))}
    batch = tmp_path / "batch.jsonl"
    rows = [("z-last-alphabetically", "obama"), ("a-first", "olmert"), ("m", "obama")]
    batch.write_text("".join(json.dumps({"id": rid, "text": texts[name], "published": "2016-01-13"}) + "\n"
                             for rid, name in rows), encoding="utf-8")
    code = main(["analyze", str(batch), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == [rid for rid, _ in rows]
    for line, (_, name) in zip(lines, rows):
        assert OUTPUT_KEYS <= set(line)
        _assert_spans_match(line, texts[name])


def test_malformed_jsonl_line_is_one_stderr_line_and_the_rest_are_output(capsys, tmp_path):
    batch = tmp_path / "batch.jsonl"
    text = EXAMPLE.read_text(encoding="utf-8")
    batch.write_text(json.dumps({"id": "first", "text": text}) + "\n"
                     + '{"id": "broken", "text": \n'
                     + json.dumps({"id": "third", "text": text}) + "\n", encoding="utf-8")
    code = main(["analyze", str(batch), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code != 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["first", "third"]
    err_lines = err.splitlines()
    assert len(err_lines) == 1
    assert err_lines[0].startswith(f"readouts: {batch}:2: ")
    assert "JSON" in err_lines[0]


def test_missing_file_is_one_line_nonzero_and_no_traceback(capsys, tmp_path):
    missing = tmp_path / "no-such-article.txt"
    code = main(["analyze", str(missing)])
    out, err = capsys.readouterr()
    assert code != 0
    assert err.splitlines() == [f"readouts: {missing}: no such file"]
    assert "Traceback" not in err
    assert out == ""


def test_a_missing_file_does_not_stop_the_others(capsys, tmp_path):
    missing = tmp_path / "gone.txt"
    code = main(["analyze", str(missing), str(EXAMPLE), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code != 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [EXAMPLE.stem]
    assert len(err.splitlines()) == 1 and str(missing) in err


@pytest.mark.parametrize("value", ["13/01/2016", "2016-02-30", "yesterday"])
def test_bad_published_is_a_clear_usage_error(capsys, value):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", str(EXAMPLE), "--published", value])
    _, err = capsys.readouterr()
    assert exc.value.code == 2
    assert "--published" in err and value in err
    assert "Traceback" not in err


def test_compare_needs_one_side_per_document(capsys):
    code = main(["compare", str(EXAMPLE), str(OTHER_EXAMPLE), "--side", "US"])
    _, err = capsys.readouterr()
    assert code != 0
    assert err.splitlines() == ["readouts: --side: give one --side per document (2), or none"]


def _command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every subcommand, nested ones included, as the argv words that reach it."""
    paths = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths.append((*prefix, name))
                paths += _command_paths(sub, (*prefix, name))
    return paths


def test_every_subcommand_help_has_an_example(capsys):
    paths = _command_paths(build_parser())
    assert {("analyze",), ("compare",)} <= set(paths)
    for path in paths:
        with pytest.raises(SystemExit) as exc:
            main([*path, "--help"])
        out, _ = capsys.readouterr()
        assert exc.value.code == 0
        assert "example" in out.lower(), f"`readouts {' '.join(path)} --help` has no example"


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "analyze" in capsys.readouterr().out


def test_public_api_is_pinned():
    assert readouts.__all__ == [
        "Actor", "Agreement", "Analysis", "AnalysisError", "AnalysisWarning", "Article", "Comparison", "Contact", "Dispute", "DocSpan",
        "InputError", "LimitError", "ModelError", "Participant", "Point", "ReadoutsError", "SidedSpan", "Span",
        "Statement", "StoreError", "__version__", "analyze", "analyze_article", "analyze_many", "compare",
    ]
    for name in readouts.__all__:
        assert hasattr(readouts, name), name


def test_console_script_reads_stdin_and_reports_a_missing_file(tmp_path):
    script = Path(sys.executable).with_name("readouts")
    if not script.exists():
        pytest.skip(f"console script not installed beside {sys.executable} (pip install -e .)")
    missing = tmp_path / "missing.txt"
    text = EXAMPLE.read_bytes()
    proc = subprocess.run([str(script), "analyze", str(missing), "-", "--format", "jsonl",
                           "--published", EXAMPLE_PUBLISHED],
                          check=False, input=text, capture_output=True, timeout=120)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode != 0
    assert stderr.splitlines() == [f"readouts: {missing}: no such file"]
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["id"] == "stdin"
    assert OUTPUT_KEYS <= set(result)
    _assert_spans_match(result, text.decode("utf-8"))


def test_a_reader_that_stops_early_is_not_an_error():
    # `readouts analyze a b ... | head -1`: the pipe closes while output is still being written.
    article = str(EXAMPLE)
    proc = subprocess.Popen([sys.executable, "-m", "readouts", "analyze", *[article] * 12, "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, err
    assert first.startswith(b"{")
    assert "internal error" not in err and "Traceback" not in err
