"""Nothing lost, nothing hangs: a bad-input corpus through ``analyze`` and ``ingest``, per-article
isolation (readers, spaCy, rules, the store), bounded work and unique record ids."""
from __future__ import annotations

import importlib
import itertools
import json
import sqlite3

import pytest
from robustness_helpers import bad_inputs_maker, bad_spans, duplicate_ids

import readouts
from readouts.analyze import analyze, analyze_many
from readouts.cli import main
from readouts.errors import AnalysisError, InputError, LimitError
from readouts.records import Article

analyze_module = importlib.import_module("readouts.analyze")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return bad_inputs_maker().build(tmp_path_factory.mktemp("bad-inputs"))


def _stderr_lines(err: str) -> list[str]:
    assert "Traceback" not in err and "internal error" not in err
    return [line for line in err.splitlines() if line]


def _expect_reported(lines: list[str], where: str, reason: str) -> None:
    """One line names the input (its path, or the article id an analysis error gives) and the reason."""
    names = (where, where.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    hits = [line for line in lines for name in names
            if line.startswith((f"readouts: {name}: ", f"readouts: failed: {name}: "))]
    assert hits, f"{where} not reported in {lines}"
    assert any(reason.lower() in h.lower() for h in hits), (where, reason, hits)


def test_analyze_reports_each_bad_input_in_one_line_and_analyses_every_good_one_once(corpus, capsys):
    cases = corpus["cases"]
    paths = [c["path"] for c in cases.values()]
    assert main(["analyze", *paths, "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    lines = _stderr_lines(err)
    results = [json.loads(line) for line in out.splitlines()]
    ids = [r["id"] for r in results]
    good = [name.rsplit(".", 1)[0] for name, c in cases.items() if c["expect"] == "good"]
    assert sorted(ids) == sorted(good + cases["k-batch.jsonl"]["ids"])  # each good article exactly once
    for case in cases.values():
        if case["expect"] == "refused":
            _expect_reported(lines, case["path"], case["reason"])
    batch = cases["k-batch.jsonl"]
    for n, reason in batch["bad_lines"].items():
        _expect_reported(lines, f"{batch['path']}:{n}", reason)
    # the lone surrogate is replaced (same offsets) and said so; NUL likewise
    assert any(f"{batch['path']}:5" in line and "U+FFFD" in line for line in lines)
    assert any("j-nul" in line and "U+FFFD" in line for line in lines)
    for r in results:
        assert r["warnings"] == [] or all(w["rule"] == "input" for w in r["warnings"])


def test_ingest_stores_every_good_article_of_a_folder_exactly_once(corpus, tmp_path, capsys):
    cases = corpus["cases"]
    db = tmp_path / "bad.db"
    assert main(["ingest", corpus["root"], "--db", str(db), "--no-compare"]) == 1
    lines = _stderr_lines(capsys.readouterr().err)
    for case in cases.values():
        if case["expect"] == "refused":
            _expect_reported(lines, case["path"], case["reason"])
    batch = cases["k-batch.jsonl"]
    for n, reason in batch["bad_lines"].items():
        _expect_reported(lines, f"{batch['path']}:{n}", reason)
    with sqlite3.connect(db) as conn:
        stored = [row[0] for row in conn.execute("SELECT source_id FROM articles")]
    good = [name.rsplit(".", 1)[0] for name, c in cases.items() if c["expect"] == "good"]
    assert sorted(stored) == sorted(good + batch["ids"])
    # a second run adds nothing and still reports the bad inputs
    assert main(["ingest", corpus["root"], "--db", str(db), "--no-compare"]) == 1
    assert "0 stored" in capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(stored)


# ---------------------------------------------------------------- the input boundary

def test_a_lone_surrogate_is_replaced_with_a_warning_not_a_crash():
    a = readouts.analyze("a \ud800 Kenya's president said the talks would resume.")
    assert a.article.text == "a \ufffd Kenya's president said the talks would resume."
    assert [w.rule for w in a.warnings] == ["input"] and "U+FFFD" in a.warnings[0].error
    json.dumps(a.to_json(), ensure_ascii=False).encode("utf-8")  # encodable all through
    assert not bad_spans(a)


def test_empty_and_over_long_texts_are_input_errors():
    with pytest.raises(InputError, match="empty"):
        analyze(" \n ")
    with pytest.raises(LimitError, match="over the limit of 50"):
        analyze("Peru said so. " * 10, max_chars=50)


def test_one_text_that_breaks_spacy_costs_that_article_only(monkeypatch):
    from readouts.parse import nlp as nlp_module

    real = nlp_module.load_nlp()

    class Fragile:
        """The real pipeline, failing on one text in a batch and alone."""

        def __call__(self, text):
            if "BREAKS" in text:
                raise ValueError("the parser broke")
            return real(text)

        def pipe(self, texts, batch_size=16):
            texts = list(texts)
            if any("BREAKS" in t for t in texts):
                raise ValueError("the parser broke")
            return real.pipe(texts, batch_size=batch_size)

    monkeypatch.setattr(nlp_module, "load_nlp", lambda: Fragile())
    texts = ["Chile's minister said the road would open.", "It BREAKS here, Peru said.",
             "Ghana's president said the port would reopen."]
    results = list(analyze_many([Article(t, id=f"t{n}") for n, t in enumerate(texts)]))
    assert isinstance(results[1], AnalysisError) and "the parser broke" in str(results[1])
    assert [r.article.id for r in (results[0], results[2])] == ["t0", "t2"]
    assert results[0].statements and results[2].statements


# ---------------------------------------------------------------- a fault in one rule

TARIFF = "She dismissed his threat to impose a 25% tariff on Mexico's exports if they did not stop the flow."


def test_the_noun_statement_rule_handles_a_threat_to_do_something():
    a = analyze(TARIFF)
    assert a.warnings == ()
    assert any(s.cue.text == "threat" and s.content.text.startswith("to impose") for s in a.statements)
    assert any(s.cue.text == "dismissed" for s in a.statements)


def test_a_rule_fault_is_confined_to_its_sentence_and_listed_in_warnings(monkeypatch, capsys, tmp_path):
    from readouts.attribution import statements

    real = statements._speaker_range

    def broken(doc, owner):  # a helper of the noun-statement rule fails on one sentence
        if owner.lower_ == "his":
            raise AttributeError("'NoneType' object has no attribute 'i'")
        return real(doc, owner)

    monkeypatch.setattr(statements, "_speaker_range", broken)
    text = "Peru's foreign minister said the border would reopen on Monday.\n\n" + TARIFF
    a = analyze(text)
    assert [s.speaker.text for s in a.statements if s.cue.text == "said"] == ["Peru's foreign minister"]
    assert len(a.warnings) == 1
    w = a.warnings[0]
    assert w.rule == "statements:_noun_statement" and w.error.startswith("AttributeError")
    assert w.span.text == TARIFF and text[w.span.start:w.span.end] == TARIFF
    assert a.to_json()["warnings"] == [w.to_json()]
    path = tmp_path / "tariff.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["warnings"][0]["rule"] == "statements:_noun_statement"
    assert f"readouts: tariff: warning: statements:_noun_statement in the sentence at {w.span.start}-{w.span.end}" in err


def test_a_fault_in_a_later_stage_keeps_the_records_before_it(monkeypatch):
    from readouts.divergence import disputes

    def broken(*args, **kwargs):
        raise KeyError("side")

    monkeypatch.setattr(disputes, "_counter_disputes", broken)
    a = analyze("France's foreign minister spoke by phone with his Russian counterpart on Tuesday, "
                "the ministry said. Russia denied that it had agreed to a ceasefire.")
    assert a.statements and a.contacts and a.disputes == ()
    assert [w.rule for w in a.warnings] == ["divergence:find_divergence"]


# ---------------------------------------------------------------- bounded work

def test_runs_of_quotation_marks_and_emoji_are_cut_before_the_tokenizer_keeping_the_text():
    from readouts.parse.nlp import PIECE_CHARS, parse

    for text in ['He said "' + '"' * 5000 + '".', "Fans \U0001F600" + "\U0001F600" * 3000 + " sang.",
                 '" ' * 3000 + "end", "x" * 900 + " y", "a\n" + "-" * 100 + "\nb", "\t" + "!? " * 70]:
        doc = parse(text)
        assert doc.text == text
        assert max(len(t.text) for t in doc) <= max(PIECE_CHARS, 8)
        assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_a_text_longer_than_a_segment_is_analysed_in_paragraph_segments_with_whole_text_offsets(monkeypatch):
    maker = bad_inputs_maker()
    paragraphs = [maker.good_text(n) for n in range(8)]
    text = "\n\n".join(paragraphs)
    monkeypatch.setattr(analyze_module, "SEGMENT_CHARS", 1200)
    a = analyze(text, id="long")
    assert not bad_spans(a) and not duplicate_ids(a) and a.warnings == ()
    denials = [s for s in a.statements if s.cue.text == "denied"]
    assert len(denials) == 8  # one in each text, whichever segment it fell in
    assert [s.id for s in a.statements] == [f"s{n + 1}" for n in range(len(a.statements))]
    assert {s.parent for s in a.statements} - {None} <= {s.id for s in a.statements}
    assert {s.actor_id for s in a.statements} - {None} <= {x.id for x in a.actors}


def test_segment_bounds_prefer_paragraphs_then_sentences_then_spaces():
    from readouts.parse.nlp import segment_bounds

    text = "One two three. Four five six. " * 40 + "\n\n" + "Seven eight. " * 30
    for limit in (100, 333, 1000):
        bounds = segment_bounds(text, limit)
        assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
        assert all(0 < e - s <= limit for s, e in bounds)
        assert all(text[e - 1].isspace() for _s, e in bounds[:-1])
    assert segment_bounds("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_an_article_over_its_time_budget_is_reported_and_the_batch_goes_on(tmp_path, capsys):
    results = list(analyze_many([Article("Peru's minister said the road would open.", id="slow")],
                                article_timeout=1e-9))
    assert isinstance(results[0], LimitError) and "time budget" in results[0].problem
    path = tmp_path / "slow.txt"
    path.write_text("Chile's minister said the port would reopen.", encoding="utf-8")
    assert main(["analyze", str(path), "--article-timeout", "0.000000001"]) == 1
    assert "slow: analysis stopped after" in capsys.readouterr().err


def test_limit_options_are_checked():
    with pytest.raises(SystemExit):
        main(["analyze", "x.txt", "--max-chars", "-3"])
    with pytest.raises(SystemExit):
        main(["analyze", "x.txt", "--article-timeout", "soon"])


# ---------------------------------------------------------------- ids

def test_one_claim_disputed_by_two_sides_gives_two_ids():
    a = analyze("Rwanda denied accusations from Congo U.N.")
    assert not duplicate_ids(a)
    assert not any(w.rule == "ids" for w in a.warnings)


def test_a_repeated_id_is_renamed_with_a_warning_so_the_store_never_loses_the_article(tmp_path):
    from dataclasses import replace

    from readouts.analyze import _with_unique_ids
    from readouts.faults import article_scope
    from readouts.store import open_store
    from readouts.store.write import store_analysis

    a = analyze("Russia's foreign ministry said the talks had failed. France denied that the talks had failed.")
    assert a.disputes
    twice = replace(a, disputes=(a.disputes[0], replace(a.disputes[0], topic="again")))
    with article_scope("t") as warnings:
        fixed = _with_unique_ids(twice)
    assert not duplicate_ids(fixed) and [w.rule for w in warnings] == ["ids"]
    store = open_store(str(tmp_path / "ids.db"), create=True)
    try:
        # a collision that did reach the store would be a bug: it refuses the article, loudly
        with pytest.raises(InputError, match="UNIQUE"):
            store_analysis(store, twice)
        assert store_analysis(store, fixed)[1] is True
    finally:
        store.close()


# ---------------------------------------------------------------- ingest's isolation

def _folder_of(tmp_path, texts: dict[str, str]):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_ingest_retries_a_failed_batch_article_by_article_and_isolates_the_store_write(tmp_path, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
    from slow_ingest import simple_analysis

    from readouts.corpus import ingest
    from readouts.corpus import run as run_module
    from readouts.store import open_store

    def analyzer(batch):
        if any("CRASH" in a.text for a in batch):
            raise RuntimeError("the batch crashed")
        return [simple_analysis(a) for a in batch]

    real_store, real_batch = run_module.store_analysis, run_module.write_batch

    def store_analysis(store, analysis, **kwargs):
        if "UNSTORABLE" in analysis.article.text:
            raise TypeError("not JSON serializable")
        return real_store(store, analysis, **kwargs)

    def write_batch(store, items, **kwargs):  # the batch with it fails whole, then article by article
        if any("UNSTORABLE" in analysis.article.text for analysis, _ in items):
            raise TypeError("not JSON serializable")
        return real_batch(store, items, **kwargs)

    monkeypatch.setattr(run_module, "store_analysis", store_analysis)
    monkeypatch.setattr(run_module, "write_batch", write_batch)
    folder = _folder_of(tmp_path, {f"{n}.txt": f"Kenya said case {n} was closed.\nSomalia agreed." for n in range(5)}
                        | {"5.txt": "CRASH here.", "6.txt": "UNSTORABLE here."})
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        result = ingest(store, [str(folder)], comparer=None, batch_size=8, analyzer=analyzer)
        assert result.stored == 5 and store.counts()["articles"] == 5
    reasons = {Path(f.source).name: f.reason for f in result.failures}
    assert reasons == {"5.txt": "RuntimeError: the batch crashed",
                       "6.txt": "cannot store: TypeError: not JSON serializable (please report this)"}


def test_a_reader_that_fails_part_way_costs_its_own_source_only(tmp_path, monkeypatch):
    from readouts.corpus import ingest
    from readouts.corpus import run as run_module
    from readouts.store import open_store

    real = run_module.read_source

    def read_source(source, **kwargs):
        if source.endswith("b.txt"):
            raise MemoryError("the reader ran out of memory")
        yield from real(source, **kwargs)

    monkeypatch.setattr(run_module, "read_source", read_source)
    folder = _folder_of(tmp_path, {"a.txt": "Peru's minister said the road would open.",
                                   "b.txt": "Chile said so.", "c.txt": "Ghana's president said the port would open."})
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        result = ingest(store, [str(folder)], comparer=None)
    assert result.stored == 2
    (failure,) = result.failures
    assert failure.source.endswith("b.txt") and "MemoryError" in failure.reason


def test_a_missing_html_dependency_costs_each_html_input_not_the_batch(tmp_path, monkeypatch):
    import sys

    from readouts.read.inputs import read_articles

    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html><body><p>Peru said so.</p></body></html>", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("Chile's minister said the road would open.", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # importing it raises ImportError
    first, second = read_articles([str(page), str(plain)])
    assert isinstance(first, InputError) and first.source == str(page) and "cannot read HTML" in first.problem
    assert isinstance(second, Article) and second.id == "plain"


def test_a_fault_in_a_contact_rule_costs_that_mention_only(monkeypatch):
    from readouts.contacts import find

    real = find._evidence

    def broken(doc, trig, parties, when):
        if "Tuesday" in doc[trig.head].sent.text:
            raise IndexError("list index out of range")
        return real(doc, trig, parties, when)

    monkeypatch.setattr(find, "_evidence", broken)
    text = ("France's president spoke by phone with Russia's president on Monday.\n\n"
            "Japan's prime minister met China's premier in Beijing on Tuesday.")
    a = analyze(text, published="2024-05-02")
    assert [c.sides for c in a.contacts] == [("FR", "RU")]
    (w,) = a.warnings
    assert w.rule == "contacts:_mentions" and w.span.text.startswith("Japan's prime minister")
