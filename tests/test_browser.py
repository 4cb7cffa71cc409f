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
    sync_api.expect(page.locator(".legend")).to_contain_text("call")
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
        # No inline script, no article's script: at most the app's own timeline file.
        scripts = page.locator("script").evaluate_all("els => els.map(e => [e.getAttribute('src'), e.textContent])")
        assert all(src == "/static/timeline.js" and not text for src, text in scripts), scripts
        assert page.locator("article img, main img").count() == 0
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
    script = Path(__file__).parent.parent / "scripts" / "screenshot.py"
    run = subprocess.run([sys.executable, str(script), str(handbuilt.PAIR), "--out-dir", str(tmp_path)],
                         check=False, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "2 stored" in run.stderr and "screenshot.py: " in run.stderr
    for name in ("events.png", "event.png", "person.png", "events-phone.png"):
        out = tmp_path / name
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000, name


# ---------------------------------------------------------------- the desk, on a desktop and on a phone

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=sorted(VIEWPORTS))
def screen(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], accept_downloads=True)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
               else route.abort())
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def rows(page) -> list[str]:
    """The dates of the listed events (hidden rows left out)."""
    return [t.strip() for t in page.locator("table.events tbody tr:visible td:first-child").all_inner_texts()]


def test_filter_events_by_sides_and_year(site, screen):
    url, _ = site
    screen.goto(f"{url}/events")
    assert len(rows(screen)) == 2
    screen.fill("input[name=between]", "RU US")
    screen.fill("input[name=year]", "2014")
    screen.click("form.filters button")
    screen.wait_for_url("**/events?between=RU+US*year=2014*")
    assert rows(screen) == ["2014-03-06"]
    sync_api.expect(screen.locator("p.count")).to_contain_text("1 event")
    screen.fill("input[name=year]", "2015")
    screen.click("form.filters button")
    sync_api.expect(screen.locator("table.events tbody")).to_contain_text("No events match")


def test_a_facet_narrows_the_list_and_shows_it_is_on(site, screen):
    url, _ = site
    screen.goto(f"{url}/events")
    facet = screen.locator('.facet[data-facet="outlet"] li', has_text="en.kremlin.ru")
    sync_api.expect(facet.locator(".n")).to_have_text("1")
    facet.locator("a").click()
    screen.wait_for_url("**/events?outlet=en.kremlin.ru")
    assert rows(screen) == ["2014-03-06"]
    sync_api.expect(screen.locator("table.events tbody")).to_contain_text("Barack Obama")
    sync_api.expect(screen.locator('.facet[data-facet="outlet"] li.on')).to_contain_text("en.kremlin.ru")
    # A side facet adds the side to the filter; its count is how many events it leaves.
    screen.goto(f"{url}/events")
    screen.locator('.facet[data-facet="sides"] li', has_text="France (FR)").locator("a").click()
    screen.wait_for_url("**/events?between=FR")
    assert len(rows(screen)) == 1
    sync_api.expect(screen.locator("table.events tbody")).to_contain_text("Sebastien Lecornu")


def test_sorting_by_a_column(site, screen):
    url, _ = site
    screen.goto(f"{url}/events")
    assert rows(screen) == ["2024-05-01", "2014-03-06"]
    screen.locator("table.events thead a", has_text="Reports").click()
    screen.wait_for_url("**/events?sort=-reports")
    assert rows(screen) == ["2014-03-06", "2024-05-01"]
    screen.locator("table.events thead a", has_text="When").click()
    screen.wait_for_url("**/events?sort=-when")
    screen.locator("table.events thead a", has_text="When").click()
    screen.wait_for_url("**/events?sort=when")
    assert rows(screen) == ["2014-03-06", "2024-05-01"]


def test_csv_export_of_the_filtered_view(site, screen):
    import csv
    import io

    url, events = site
    screen.goto(f"{url}/events?between=RU&sort=-reports")
    link = screen.locator("p.exports a.csv")
    assert link.get_attribute("href") == "/events.csv?between=RU&sort=-reports"
    with screen.expect_download() as download:
        link.click()
    table = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [(r["id"], r["sides"], r["reports"]) for r in table] == [
        (events[("RU", "US")], "RU US", "2"), (events[("FR", "RU")], "FR RU", "1")]
    assert table[0]["side_names"] == "Russia (RU); United States (US)" and table[0]["conflicts"] == "1"
    json_link = screen.locator("p.exports a.json").get_attribute("href")
    assert json_link == "/api/events?between=RU&sort=-reports"


def test_person_page_has_everything_they_said_by_event(site, screen):
    url, events = site
    screen.goto(f"{url}/events/{events[('RU', 'US')]}")
    screen.locator('section.account[data-side="RU"] .who a', has_text="Vladimir Putin").first.click()
    screen.wait_for_url("**/people/Vladimir%20Putin")
    sync_api.expect(screen.locator("h1")).to_have_text("Vladimir Putin")
    said = screen.locator(f"section.said#ev-{events[('RU', 'US')]}")
    sync_api.expect(said.locator("h3")).to_contain_text("2014-03-06")
    assert said.locator("li").count() >= 3  # his three statements in the Kremlin readout (and any agreement)
    sync_api.expect(said).to_contain_text("the paramount importance of Russian-US relations")
    sync_api.expect(screen.locator(".summary")).to_contain_text("Russia (RU)")


def test_search_with_several_words(site, screen):
    url, _ = site
    screen.goto(f"{url}/events")
    screen.fill("header input[name=q]", "Obama Putin")
    screen.press("header input[name=q]", "Enter")
    screen.wait_for_url("**/search?q=Obama+Putin")
    sync_api.expect(screen.locator("table.events tbody")).to_contain_text("2014-03-06")
    people = screen.locator("ul.actors li").all_inner_texts()
    assert {p.split(" (")[0] for p in people} == {"Barack Obama", "Vladimir Putin"}
    screen.goto(f"{url}/search?q=Obama+Shoigu")  # never together: no event holds both
    sync_api.expect(screen.locator("table.events tbody")).to_contain_text("No events match")
    screen.goto(f"{url}/search?q=Crimea")  # a word of the reports finds their event
    sync_api.expect(screen.locator("table.events tbody")).to_contain_text("2014-03-06")


def test_event_page_shows_what_only_one_side_reports(site, screen):
    url, events = site
    screen.goto(f"{url}/events/{events[('RU', 'US')]}")
    only = screen.locator('#only ~ div.only section[data-side="RU"]')
    sync_api.expect(only.locator("h3")).to_have_text("Only Russia")
    sync_api.expect(only).to_contain_text("the current Ukrainian government")
    sync_api.expect(only).not_to_contain_text("full compliance with international law")  # that is a conflict
    only_us = screen.locator('#only ~ div.only section[data-side="US"]')
    sync_api.expect(only_us).to_contain_text("there is a way to resolve the situation diplomatically")
    # Rules and scores are behind a "why" toggle, not inline.
    why = screen.locator("ul.conflicts details.why").first
    sync_api.expect(why.locator("span")).to_be_hidden()
    why.locator("summary").click()
    sync_api.expect(why).to_contain_text("rule handbuilt")
    sync_api.expect(screen.locator("ul.reports")).to_contain_text("en.kremlin.ru")
    assert "ORG:" not in screen.locator("main").inner_text()


def _crawl(page, url: str, limit: int = 200) -> dict[str, list[str]]:
    """Every page reachable from /events on this server (no /api, no CSV): path -> its problems."""
    seen, todo, problems = set(), ["/events"], {}
    while todo and len(seen) < limit:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(url + path)
        assert response.status == 200, path
        found = page.evaluate("""() => {
            const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
            const hrefs = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
            return {ids, hrefs, width: document.documentElement.scrollWidth, view: window.innerWidth};
        }""")
        issues = [f"id used twice: {i}" for i in sorted({i for i in found["ids"] if found["ids"].count(i) > 1})]
        issues += [f"no target for {h}" for h in found["hrefs"] if h.startswith("#") and h[1:] not in found["ids"]]
        if found["width"] > found["view"]:
            issues.append(f"overflows: {found['width']} px wide in {found['view']}")
        problems[path] = issues
        for href in found["hrefs"]:
            target = href.split("#")[0]
            if target.startswith("/") and not target.startswith(("/api", "/static")) and ".csv" not in target:
                todo.append(target)
    return problems


def test_every_page_has_its_anchors_and_fits_a_phone(site, screen):
    url, events = site
    problems = _crawl(screen, url)
    assert len(problems) >= 15  # lists, two events, three articles, people, sides, outlets, pairs
    assert {p: issues for p, issues in problems.items() if issues} == {}
    # A link into an article lands on its highlighted span.
    screen.goto(f"{url}/events/{events[('RU', 'US')]}")
    for href in screen.locator("a.evidence").evaluate_all("els => els.map(a => a.getAttribute('href'))")[:3]:
        screen.goto(url + href)
        sync_api.expect(screen.locator("#hl")).to_be_visible()


def test_timeline_brush_filters_the_list_and_zooms(site, screen):
    url, _ = site
    screen.goto(f"{url}/events")
    svg = screen.locator("svg.timeline")
    box = svg.bounding_box()
    assert box["height"] >= 100  # readable on a phone, not 29 px
    # Brush a period around the older dot (the 2014 call, on the left).
    left = min(screen.locator("svg.timeline a.dot circle").nth(i).bounding_box()["x"] for i in range(2))
    screen.mouse.move(max(box["x"] + 2, left - 10), box["y"] + 30)
    screen.mouse.down()
    screen.mouse.move(left + 25, box["y"] + 40, steps=5)
    screen.mouse.up()
    bar = screen.locator(".brushbar")
    sync_api.expect(bar).to_be_visible()
    sync_api.expect(bar).to_contain_text("1 of 2 listed events")
    assert rows(screen) == ["2014-03-06"]
    bar.locator("button", has_text="Zoom to period").click()
    bar.locator("button", has_text="Clear").click()
    assert len(rows(screen)) == 2
    screen.locator(".legend button", has_text="Reset").click()
    assert screen.locator("svg.timeline a.dot[visibility=visible]").count() == 2
