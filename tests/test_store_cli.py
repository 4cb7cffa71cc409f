"""The corpus commands: thin over the store API, one-line errors, help with an example on each."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy", reason="the store needs the 'store' extra: pip install -e '.[store]'")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt

from readouts.cli import build_parser, main

COMMANDS = ("ingest", "db", "reanalyze", "events", "timeline", "show", "export", "serve")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return handbuilt.seeded_store(str(tmp_path_factory.mktemp("cli") / "readouts.db"))


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_has_help_with_an_example():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in COMMANDS:
        description = sub.choices[name].description
        assert "examples:" in description and f"readouts {name}" in description, name


def test_events_between_two_sides_since_a_month(db, capsys):
    code, out, _ = run(capsys, "events", "--between", "US", "RU", "--since", "2014-01", "--db", db)
    assert code == 0
    (line,) = out.splitlines()
    assert "2014-03-06" in line and "call" in line and "Vladimir Putin (RU) <-> Barack Obama (US)" in line
    assert "(2 reports)" in line
    code, out, _ = run(capsys, "events", "--between", "US", "RU", "--since", "2015", "--db", db)
    assert out.strip() == "no events"
    code, out, _ = run(capsys, "events", "--actor", "shoigu", "--format", "json", "--db", db)
    assert [e["sides"] for e in json.loads(out)] == [["FR", "RU"]]


def test_timeline_and_show(db, capsys):
    code, out, _ = run(capsys, "timeline", "RU", "US", "--db", db)
    assert code == 0 and out.startswith("RU <-> US: 1 contacts (1 call)")
    event_id = json.loads(run(capsys, "timeline", "RU", "US", "--format", "json", "--db", db)[1])["events"][0]["id"]
    code, out, _ = run(capsys, "show", event_id, "--db", db)
    assert code == 0
    accounts = out[out.index("ACCOUNTS"):out.index("WHERE THE ACCOUNTS CONFLICT")]
    assert "  RU\n" in accounts and "  US\n" in accounts and "violation of Ukraine’s" in accounts
    conflict = out[out.index("WHERE THE ACCOUNTS CONFLICT"):out.index("WHERE THEY AGREE")]
    assert "US  \"Russia’s actions are in violation" in conflict and "RU  \"Russia cannot ignore" in conflict
    assert "initiated by US, per RU" in out
    detail = json.loads(run(capsys, "show", event_id, "--format", "json", "--db", db)[1])
    assert detail["event"]["id"] == event_id and len(detail["reports"]) == 2


def test_export_formats(db, capsys, tmp_path):
    code, out, err = run(capsys, "export", "--db", db)
    assert code == 0 and len(out.splitlines()) == 2 and "2 events rows" in err
    code, out, _ = run(capsys, "export", "--table", "statements", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 9 and {"content_start", "content_end", "content_text", "rule"} <= set(rows[0])
    pytest.importorskip("pyarrow")
    target = tmp_path / "events.parquet"
    assert run(capsys, "export", "--format", "parquet", "--output", str(target), "--db", db)[0] == 0
    assert target.stat().st_size > 0
    code, _, err = run(capsys, "export", "--format", "parquet", "--db", db)
    assert code == 2 and err.count("\n") == 1 and "--output" in err


def test_errors_are_one_line(db, capsys, tmp_path):
    code, _, err = run(capsys, "show", "e-missing", "--db", db)
    assert code == 5 and err == f"readouts: e-missing: no such event in {db}\n"  # not found, not a usage error
    code, _, err = run(capsys, "events", "--since", "spring", "--db", db)
    assert code == 2 and err.count("\n") == 1 and "--since" in err
    code, _, err = run(capsys, "events", "--db", str(tmp_path / "none.db"))
    assert code == 4 and "no such database" in err and err.count("\n") == 1
    code, _, err = run(capsys, "events", "--db", "mysql://x/y")
    assert code == 4 and err.count("\n") == 1


def test_db_upgrade_and_status(tmp_path, capsys):
    import sqlalchemy as sa

    from readouts.store.migrations import LATEST, upgrade

    path = str(tmp_path / "new.db")
    code, _, err = run(capsys, "db", "upgrade", "--db", path)
    assert code == 0 and f"schema version 0 -> {LATEST}" in err
    assert f"already at schema version {LATEST}" in run(capsys, "db", "upgrade", "--db", path)[2]
    code, out, _ = run(capsys, "db", "status", "--db", path)
    assert code == 0 and f"schema version {LATEST}" in out and "articles     0" in out

    old = str(tmp_path / "old.db")
    engine = sa.create_engine(f"sqlite:///{old}")
    upgrade(engine, target=1)
    engine.dispose()
    code, out, _ = run(capsys, "db", "status", "--db", old)
    assert code == 1 and f"schema version 1 of {LATEST}: run readouts db upgrade" in out


def test_reanalyze_runs_the_current_rules_over_stored_articles(tmp_path, capsys):
    import sqlalchemy as sa

    from readouts.store import open_store, schema

    path = handbuilt.seeded_store(str(tmp_path / "re.db"))
    with open_store(path) as store, store.engine.begin() as conn:
        conn.execute(schema.articles.update().values(analyzer_version="0.0.1"))  # made by an old readouts
    code, _, err = run(capsys, "reanalyze", "--db", path, "--since", "2014")
    assert code == 0 and "reanalyze: 3 articles analysed again, 0 failed" in err
    with open_store(path) as store, store.engine.connect() as conn:
        versions = set(conn.execute(sa.select(schema.articles.c.analyzer_version)).scalars())
        statements = conn.execute(sa.select(schema.statements.c.rule)).scalars().all()
    assert versions == {readouts_version()} and statements and "handbuilt" not in statements
    code, _, err = run(capsys, "reanalyze", "--db", path, "--since", "March")
    assert code == 2 and err.count("\n") == 1 and "--since" in err


def readouts_version() -> str:
    from importlib import metadata

    return metadata.version("readouts")


def test_store_api_exports():
    import readouts.store as store_api

    assert sorted(store_api.__all__) == sorted([
        "DEFAULT_DB", "MAX_LIMIT", "BatchResult", "NotFound", "Page", "PointComparer", "ReanalyzeResult", "Store",
        "StoredPoint", "article_counts", "article_key", "browse_articles", "browse_events", "browse_outlets",
        "browse_people", "browse_sides", "event_outlets", "export", "export_rows", "find_person", "get_article",
        "get_event", "get_person", "get_person_named", "list_events", "list_outlets", "list_sides", "open_store",
        "outlet_of", "pair_history", "query_words", "reanalyze", "refresh", "search", "snapshot", "store_analysis",
        "store_status", "upgrade_store", "write_batch"])
    assert all(hasattr(store_api, name) for name in store_api.__all__)


def test_corpus_api_exports():
    import readouts.corpus as corpus_api

    assert sorted(corpus_api.__all__) == ["Failure", "IngestResult", "Progress", "ingest", "ingest_analyses"]
    assert all(hasattr(corpus_api, name) for name in corpus_api.__all__)


def test_commands_without_the_store_extra_say_what_to_install(tmp_path):
    import subprocess

    code = ("import sys; sys.modules['sqlalchemy'] = None\n"
            "from readouts.cli import main\n"
            "sys.exit(main(['events', '--db', 'x.db']))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert run.returncode == 4
    assert run.stderr == "readouts: the store needs its extra (sqlalchemy is missing): pip install 'readouts[store]'\n"
