"""Ingest: every kind of source, bad sources reported, idempotence, and an ingest killed part-way."""
from __future__ import annotations

import functools
import http.server
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")

DATA = Path(__file__).parent / "data" / "store"
sys.path.insert(0, str(DATA))
import handbuilt
from slow_ingest import simple_analysis, slow_analyzer

from readouts.corpus import ingest
from readouts.errors import InputError
from readouts.read.sources import expand_sources, feed_date, fragment_text, read_source
from readouts.records import Article
from readouts.store import open_store

US, RU = handbuilt.read_jsonl(handbuilt.PAIR)


@pytest.fixture
def web_root(tmp_path):
    """A loopback HTTP server over a folder: (folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _page(article: Article) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in article.text.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{article.title}</title>"
            f'<meta property="article:published_time" content="{article.published}"></head>'
            f"<body><nav>Home | News</nav><article><h1>{article.title}</h1>\n{paras}</article>"
            f"<footer>Copyright notice</footer></body></html>")


def _articles(items) -> list[Article]:
    items = list(items)
    bad = [item for _, item in items if isinstance(item, InputError)]
    assert not bad, bad
    return [item for _, item in items]


# ---------------------------------------------------------------- sources

def test_rss_feed_with_full_content(tmp_path):
    items = "".join(
        f"<item><title>{a.title}</title><link>{a.url}</link><pubDate>{date}</pubDate>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{p}</p>' for p in a.text.splitlines() if p.strip())}]]>"
        f"</content:encoded></item>"
        for a, date in ((US, "Thu, 06 Mar 2014 21:10:00 GMT"), (RU, "Fri, 07 Mar 2014 01:00:00 +0400")))
    feed = tmp_path / "news.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
                    f'content/"><channel><title>t</title>{items}</channel></rss>', encoding="utf-8")
    got = _articles(read_source(str(feed)))
    assert [a.published for a in got] == ["2014-03-06", "2014-03-07"]  # the date where the feed was written
    assert [a.url for a in got] == [US.url, RU.url]
    assert "violation of Ukraine’s sovereignty" in got[0].text
    assert "in full compliance with international law" in got[1].text


def test_atom_feed_whose_entries_link_to_pages(web_root):
    root, base = web_root
    (root / "ru.html").write_text(_page(RU), encoding="utf-8")
    (root / "feed.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        f'<entry><title>{RU.title}</title><link rel="alternate" href="{base}/ru.html"/>'
        '<published>2014-03-07T10:00:00Z</published><summary>Short teaser.</summary></entry>'
        f'<entry><title>Gone</title><link href="{base}/missing.html"/><updated>2014-03-08T00:00:00Z</updated></entry>'
        "</feed>", encoding="utf-8")
    items = list(read_source(f"{base}/feed.atom", allow_private=True))  # the test server is on loopback
    assert len(items) == 2
    (where, page), (missing_where, missing) = items
    assert where == f"{base}/ru.html" and page.published == "2014-03-07" and page.title == RU.title
    assert "Russia cannot ignore calls for help" in page.text
    assert isinstance(missing, InputError) and "404" in missing.problem and missing_where.endswith("missing.html")


def test_warc_file_of_a_crawl(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, body, ctype in ((US.url, _page(US), "text/html; charset=utf-8"),
                                 ("http://example.org/logo.png", "\x89PNG", "image/png"),
                                 (RU.url, _page(RU), "text/html")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))
    got = _articles(read_source(str(path)))
    assert [a.url for a in got] == [US.url, RU.url]
    assert [a.published for a in got] == ["2014-03-06", "2014-03-07"]
    assert "President Obama spoke for an hour" in got[0].text


def test_url_list_and_folders(tmp_path, web_root):
    root, base = web_root
    (root / "us.html").write_text(_page(US), encoding="utf-8")
    listing = tmp_path / "links.urls"
    listing.write_text(f"# readouts to fetch\n{base}/us.html\n\nnot a url\n", encoding="utf-8")
    items = list(read_source(str(listing), allow_private=True))
    assert isinstance(items[0][1], Article) and "President Obama" in items[0][1].text
    assert isinstance(items[1][1], InputError) and items[1][0] == f"{listing}:4"
    plain = tmp_path / "links.txt"  # a .txt of nothing but URLs is a list too
    plain.write_text(f"{base}/us.html\n", encoding="utf-8")
    assert _articles(read_source(str(plain), allow_private=True))[0].title == US.title
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("B", encoding="utf-8")
    (folder / "sub" / "a.html").write_text("<p>A</p>", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    (folder / ".hidden.txt").write_text("x", encoding="utf-8")
    assert expand_sources([str(folder)]) == [str(folder / "b.txt"), str(folder / "sub" / "a.html")]


def test_feed_helpers():
    assert feed_date("Thu, 06 Mar 2014 21:10:00 GMT") == "2014-03-06"
    assert feed_date("2014-03-07T10:00:00Z") == "2014-03-07" and feed_date("soon") is None
    assert fragment_text("<p>One &amp; two</p><script>x()</script><p>Three</p>") == "One & two\n\nThree"


# ---------------------------------------------------------------- ingest

def _folder(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for article in (US, RU):
        (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
    (folder / "hostile.jsonl").write_text(handbuilt.HOSTILE.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_same_folder_twice_leaves_the_same_rows(db, tmp_path):
    """Through the real analysis pipeline."""
    folder = _folder(tmp_path)
    with open_store(db, create=True) as store:
        first = ingest(store, [str(folder)], comparer=None)
        counts = store.counts()
        second = ingest(store, [str(folder)], comparer=None)
        assert (first.stored, first.skipped, first.ok) == (3, 0, True)
        assert (second.stored, second.skipped, second.ok) == (0, 3, True)
        assert store.counts() == counts and counts["articles"] == 3 and counts["statements"] > 0


def test_bad_sources_are_reported_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(RU.text, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait, said Lavrov.".encode("latin-1"))
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "broken.rss").write_text("<rss><channel><item>", encoding="utf-8")
    (folder / "batch.jsonl").write_text('{"text": "One line is fine, the minister said."}\n{"text": \n',
                                        encoding="utf-8")
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        result = ingest(store, [str(folder), str(tmp_path / "absent.txt")], comparer=None,
                        analyzer=lambda batch: [simple_analysis(a) for a in batch])
        assert result.stored == 2 and store.counts()["articles"] == 2
    failed = {Path(f.source.split(":")[0]).name: f.reason for f in result.failures}
    assert set(failed) == {"latin1.txt", "empty.txt", "broken.rss", "batch.jsonl", "absent.txt"}
    assert "UTF-8" in failed["latin1.txt"] and "feed" in failed["broken.rss"]


def test_an_article_whose_analysis_fails_is_reported_and_the_rest_stored(tmp_path, failing_stage):
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "bad.txt").write_text("The minister said BREAK the talks had failed.", encoding="utf-8")
    (folder / "good.txt").write_text("The Kremlin said the talks were useful.", encoding="utf-8")
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        result = ingest(store, [str(folder)], comparer=None)  # the real analyzer
        assert result.stored == 1 and store.counts()["articles"] == 1
    (failure,) = result.failures
    assert failure.source.endswith("bad.txt") and "ValueError: boom" in failure.reason


def test_ingest_command_reports_failures_exit_status_and_report_file(tmp_path, capsys):
    from readouts.cli import main

    good, report = tmp_path / "ru.txt", tmp_path / "failures.json"
    good.write_text(RU.text, encoding="utf-8")
    db = str(tmp_path / "cli.db")
    code = main(["ingest", str(good), str(tmp_path / "absent.txt"), "--db", db, "--report", str(report),
                 "--no-compare"])
    err = capsys.readouterr().err
    assert code == 1
    assert "failed: " in err and "absent.txt" in err and "1 stored" in err
    assert "ingest: 2 articles, " in err and "1 stored, 0 skipped, 1 failed" in err  # a log line off a terminal
    saved = json.loads(report.read_text(encoding="utf-8"))
    assert saved["stored"] == 1 and saved["failures"][0]["source"].endswith("absent.txt")
    assert main(["ingest", str(good), "--db", db, "--no-compare"]) == 0
    assert "0 stored, 1 already there" in capsys.readouterr().err


def test_progress_bar_counts_articles_with_rate_and_time_left_on_a_terminal():
    from readouts.report.terminal import ArticleProgress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    with ArticleProgress(out, 30, "ingest", log=lambda m: pytest.fail("no log lines on a terminal")) as bar:
        bar.update(12, "10 stored, 2 skipped, 0 failed")
    shown = out.getvalue()
    assert "12/30" in shown and "articles" in shown and "/s" in shown and "10 stored" in shown
    assert "0:00:0" in shown  # elapsed and time left


def test_article_count_of_jsonl_and_files_is_known_ahead(tmp_path):
    from readouts.cli.corpus import count_articles

    (tmp_path / "batch.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    (tmp_path / "one.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "links.txt").write_text("https://example.org/a\nhttps://example.org/b\n", encoding="utf-8")
    assert count_articles([str(tmp_path / "batch.jsonl"), str(tmp_path / "one.txt")]) == 4
    assert count_articles([str(tmp_path / "links.txt")]) is None  # a URL list: counted as it is read


def test_killed_ingest_resumes_and_stores_every_article_once(db, tmp_path):
    folder = tmp_path / "paragraphs"
    folder.mkdir()
    texts = [p for a in (US, RU) for p in a.text.split("\n") if p.strip()]
    for n, text in enumerate(texts):
        (folder / f"{n:02d}.txt").write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(DATA), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, str(DATA / "slow_ingest.py"), db, str(folder), "0.4"],
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until some, not all, articles are in
            line = proc.stdout.readline()
            if line and int(line) >= 3:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with open_store(db) as store:
        partial = store.counts()["articles"]
        assert 3 <= partial < len(texts)
        result = ingest(store, [str(folder)], comparer=None, analyzer=slow_analyzer(0))
        counts = store.counts()
    assert result.stored == len(texts) - partial and result.skipped == partial
    assert counts["articles"] == len(texts)
    assert counts["statements"] == len(texts) and counts["contacts"] == len(texts)  # no half-stored article
    assert counts["events"] == 1  # every paragraph reports the same call


def test_ingest_writes_a_transaction_per_batch_in_input_order(tmp_path, monkeypatch):
    from readouts.corpus import run as run_module

    batches = []
    real = run_module.write_batch

    def write_batch(store, items, **kwargs):
        batches.append([analysis.article.text.split(".")[0] for analysis, _ in items])
        return real(store, items, **kwargs)

    monkeypatch.setattr(run_module, "write_batch", write_batch)
    lines = [json.dumps({"text": f"Note {n}. Kenya said case {n} was closed."}) for n in range(5)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Note 5. Peru said the road would open.", encoding="utf-8")
    with open_store(str(tmp_path / "r.db"), create=True) as store:
        result = ingest(store, [str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")], comparer=None, batch_size=2,
                        analyzer=lambda batch: [simple_analysis(a) for a in batch])
        assert result.stored == 6 and store.counts()["articles"] == 6
    # two to a transaction; the end of a source writes what is left of it
    assert batches == [["Note 0", "Note 1"], ["Note 2", "Note 3"], ["Note 4"], ["Note 5"]]
