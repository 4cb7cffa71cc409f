"""A fault inside one article's analysis is reported with the article and the batch goes on."""
from __future__ import annotations

import json

from readouts import Analysis, AnalysisError, Article, analyze_many
from readouts.cli import main


def test_a_fault_in_one_article_is_reported_and_the_rest_are_analysed(failing_stage):
    out = list(analyze_many([Article("The minister said BREAK the talks failed.", id="one"),
                             Article("The Kremlin said the talks were useful.", id="two")]))
    assert isinstance(out[0], AnalysisError) and out[0].source == "one" and "ValueError: boom" in str(out[0])
    assert isinstance(out[1], Analysis) and out[1].statements[0].side == "RU"


def test_the_cli_reports_the_fault_in_one_line_and_exits_non_zero(failing_stage, tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(x) for x in (
        {"id": "a", "text": "The minister said BREAK the talks failed."},
        {"id": "b", "text": "The Kremlin said the talks were useful."})) + "\n", encoding="utf-8")
    code = main(["analyze", str(batch), "--format", "jsonl"])
    captured = capsys.readouterr()
    assert code != 0
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["b"]
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("readouts: a: could not be analysed") and "Traceback" not in captured.err


ODD_TEXTS = [
    '"""""" ,,, "\n\n\n" said said said. He said. "',              # stray quotes and cues
    "Il a dit que la France soutient l'Ukraine. Der Minister sagte, dass es gut sei.",  # not English
    "def f(x):\n    return x  # said the function\n",               # code
    "“Unclosed quotation, the minister said\nNext paragraph says nothing.",
    "WASHINGTON —\n\n\n“We are ready,” she said.\n" * 3,
]


def test_odd_texts_analyse_and_every_span_points_at_the_text():
    out = list(analyze_many([Article(t, id=str(i)) for i, t in enumerate(ODD_TEXTS)]))
    assert all(isinstance(r, Analysis) for r in out)
    for r in out:
        text = r.article.text
        spans = [sp for s in r.statements for sp in (s.speaker, s.cue, s.content)]
        spans += [e for c in r.contacts for e in c.evidence]
        spans += [x.span for d in r.disputes for x in (d.claim, d.counter)]
        assert all(text[sp.start:sp.end] == sp.text for sp in spans)
        r.to_json()
    assert [s.content.text for s in out[4].statements] == ["We are ready"] * 3
