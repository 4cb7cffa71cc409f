"""The web UI in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; nothing downloaded).

The event page of the bundled White House / Kremlin readouts shows both sides'
columns and the conflict between them; a hostile article's ``<script>`` is
shown as text and never runs; and a smoke test through the real pipeline.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright: pip install -e '.[dev]'")
pytest.importorskip("sqlalchemy", reason="the web UI needs the 'store' extra")

sys.path.insert(0, str(Path(__file__).parent / "data" / "store"))
import handbuilt

from readouts.corpus import ingest
from readouts.store import open_store
from readouts.store.queries import list_events
from readouts.web import make_server


def _serve(db: str):
    server = make_server(db)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = handbuilt.seeded_store(str(tmp_path_factory.mktemp("browser") / "readouts.db"))
    with open_store(db, read_only=True) as store:
        events = {e.sides: e.id for e in list_events(store)}
    server = _serve(db)
    yield server.url, events
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    # Nothing leaves the machine: every request to anything but the loopback server is refused.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
               else route.abort())
    yield page
    context.close()


def test_event_page_shows_both_columns_side_by_side_and_the_conflict(site, page):
    url, events = site
    page.goto(f"{url}/events/{events[('RU', 'US')]}")
    us = page.locator('section.account[data-side="US"]')
    ru = page.locator('section.account[data-side="RU"]')
    sync_api.expect(us).to_be_visible()
    sync_api.expect(ru).to_be_visible()
    sync_api.expect(us).to_contain_text("violation of Ukraine’s sovereignty")
    sync_api.expect(ru).to_contain_text("full compliance with international law")
    left, right = ru.bounding_box(), us.bounding_box()
    assert left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) < 5  # columns, not rows
    conflict = page.locator("ul.conflicts li.conflict").first
    sync_api.expect(conflict).to_contain_text("legality of Russia's actions in Ukraine")
    sync_api.expect(conflict.locator('[data-side="US"]')).to_contain_text("violation of Ukraine’s sovereignty")
    sync_api.expect(conflict.locator('[data-side="RU"]')).to_contain_text("in full compliance with international law")
    # The conflict's RU side links to the very sentence in the Kremlin readout.
    conflict.locator('[data-side="RU"] a.evidence').click()
    highlighted = page.locator("#hl")
    sync_api.expect(highlighted).to_be_visible()
    assert highlighted.inner_text() == handbuilt.CONFLICT[1]
    sync_api.expect(page.locator("h1.article-title")).to_have_text("Telephone conversation with US President Barack Obama")


def test_events_page_has_a_timeline_linking_to_events(site, page):
    url, events = site
    page.goto(f"{url}/events")
    dots = page.locator("svg.timeline a")
    assert dots.count() == 2
    page.goto(f"{url}/events?between=FR+RU")
    assert page.locator("table.events tbody tr").count() == 1
    page.locator("svg.timeline a").first.click()
    page.wait_for_url(f"**/events/{events[('FR', 'RU')]}")


def test_hostile_article_script_is_text_and_never_runs(site, page):
    url, events = site
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/events/{events[('FR', 'RU')]}")
    sync_api.expect(page.locator('section.account[data-side="RU"]')).to_contain_text(
        "<script>window.__pwned = 1; document.title = 'PWNED';</script> We will not back down")
    sync_api.expect(page.locator("ul.conflicts")).to_contain_text("<script>window.__pwned_topic = 1</script>")
    page.locator('section.account[data-side="RU"] a.evidence').first.click()
    sync_api.expect(page.locator("h1.article-title")).to_have_text(
        "<script>window.__pwned_title = 1</script>Hostile <b>headline</b>")
    sync_api.expect(page.locator("article.text")).to_contain_text('<img src=x onerror="window.__pwned_img = 1">')
    for path in (f"/events/{events[('FR', 'RU')]}", "/search?q=Shoigu", "/events"):
        page.goto(url + path)
        ran = page.evaluate("[window.__pwned, window.__pwned_img, window.__pwned_title, window.__pwned_topic]")
        assert ran == [None, None, None, None], path
        assert page.title() != "PWNED"
        assert page.locator("script").count() == 0 and page.locator("article img, main img").count() == 0
    assert dialogs == [] and errors == []


def test_real_pipeline_smoke(tmp_path, page):
    """The bundled readouts through the real analysis: stored, searchable, article pages render."""
    db = str(tmp_path / "real.db")
    with open_store(db, create=True) as store:
        result = ingest(store, [str(handbuilt.PAIR)], comparer=None)
    assert result.stored == 2 and result.ok
    server = _serve(db)
    try:
        page.goto(f"{server.url}/search?q=Kremlin")
        page.goto(f"{server.url}/search?q=telephone+conversation")
        page.locator("ul.articles a").first.click()
        sync_api.expect(page.locator("article.text")).to_contain_text("Vladimir Putin had a telephone conversation")
        assert page.locator("article.text span.st").count() >= 1  # statements found by the rules are highlighted
        page.goto(f"{server.url}/events")
        sync_api.expect(page.locator("h1")).to_have_text("Events")
    finally:
        server.shutdown()
        server.server_close()


def test_new_user_flow_ingest_serve_and_photograph_the_event_page(tmp_path):
    """scripts/screenshot.py: `readouts ingest` and `readouts serve` as commands, then the event page."""
    out = tmp_path / "event.png"
    script = Path(__file__).parent.parent / "scripts" / "screenshot.py"
    run = subprocess.run([sys.executable, str(script), str(handbuilt.PAIR), "--out", str(out)],
                         check=False, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "2 stored" in run.stderr and "screenshot.py: " in run.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
