"""Analysing on several cores: the same results, in the same order, with bad articles isolated
exactly as in one process (``readouts analyze --workers``, ``ingest(workers=...)``)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from readouts.corpus import parallel
from readouts.corpus.parallel import WORKER_LOST, analyse_stream
from readouts.errors import AnalysisError, InputError
from readouts.records import Analysis, Article

DATA = Path(__file__).parent / "data" / "store"
sys.path.insert(0, str(DATA))

from fake_analyzers import CRASH, crashing_batch, simple_batch

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for line in (DATA / "dp02-obama-putin-2014.jsonl").read_text(encoding="utf-8").splitlines():
        texts.append(json.loads(line)["text"])
    return texts


def mixed_jsonl(path: Path, n: int = 20) -> Path:
    """``n`` good articles (the examples, each copy with its own last line) with bad lines among them."""
    texts = _texts()
    bad = {3: "{not json", 8: json.dumps({"id": "empty", "text": "  "}),
           13: json.dumps({"id": "bad-date", "text": "Putin said so.", "published": "2016-13-45"}),
           17: "[1, 2]"}
    lines = []
    for i in range(n):
        lines.append(json.dumps({"id": f"a{i}", "text": texts[i % len(texts)] + f"\n\nThis is copy {i}.",
                                 "published": "2016-01-14"}))
        if i in bad:
            lines.append(bad[i])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readouts", *args], capture_output=True, text=True, timeout=300,
                          check=False)


def test_analyze_gives_the_same_output_with_one_and_two_workers(tmp_path):
    src = mixed_jsonl(tmp_path / "mixed.jsonl")
    one = _cli("analyze", str(src), "--format", "jsonl", "--workers", "1")
    two = _cli("analyze", str(src), "--format", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 1  # bad lines were reported
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    ids = [json.loads(line)["id"] for line in two.stdout.splitlines()]
    assert ids == [f"a{i}" for i in range(20)]  # every good article, in input order
    reasons = two.stderr.splitlines()
    assert len(reasons) == 4 and all(r.startswith("readouts: ") for r in reasons)
    assert "mixed.jsonl:5: not valid JSON" in reasons[0] and "not a valid calendar date" in reasons[2]


def test_workers_must_be_a_positive_number():
    result = _cli("analyze", "-", "--workers", "0")
    assert result.returncode == 2 and "--workers" in result.stderr and "Traceback" not in result.stderr


def _articles(n: int) -> list[Article]:
    texts = _texts()
    return [Article(text=texts[i % len(texts)] + f"\n\nCopy {i}.", id=f"a{i}") for i in range(n)]


class _NoPool:
    def __init__(self, *args, **kwargs) -> None:
        raise AssertionError("a process pool was started")


def test_one_worker_or_a_short_input_starts_no_pool(monkeypatch):
    monkeypatch.setattr(parallel, "ProcessBackend", _NoPool)
    many = [(i, a) for i, a in enumerate(_articles(40))]
    assert [t for t, _ in analyse_stream(many, workers=1, batch_size=4, analyzer=simple_batch)] == list(range(40))
    few = [(i, a) for i, a in enumerate(_articles(8))]  # two batches or fewer: not worth starting processes
    assert [t for t, _ in analyse_stream(few, workers=2, batch_size=4, analyzer=simple_batch)] == list(range(8))


def test_markers_and_input_errors_come_back_in_place_from_the_pool():
    articles = _articles(12)
    items: list = []
    for i, art in enumerate(articles):
        items.append((("article", i), art))
        if i % 5 == 0:
            items.append((("bad", i), InputError(f"line{i}", "not valid JSON")))
            items.append((("done", i), None))
    out = list(analyse_stream(items, workers=2, batch_size=2, analyzer=simple_batch))
    assert [tag for tag, _ in out] == [tag for tag, _ in items]
    for (tag, payload), (_, result) in zip(items, out):
        if tag[0] == "article":
            assert isinstance(result, Analysis) and result.article == payload
        else:
            assert result is payload  # never sent to a worker


def test_an_article_that_kills_its_worker_is_reported_and_the_rest_analysed():
    articles = _articles(10)
    articles[6] = Article(text=f"The minister said {CRASH} today.", id="crasher")
    out = list(analyse_stream([(a.id, a) for a in articles], workers=2, batch_size=2, analyzer=crashing_batch))
    assert [tag for tag, _ in out] == [a.id for a in articles]
    errors = {tag: r for tag, r in out if isinstance(r, AnalysisError)}
    assert list(errors) == ["crasher"] and WORKER_LOST in errors["crasher"].problem
    assert all(isinstance(r, Analysis) for tag, r in out if tag != "crasher")
