"""The pages in a real browser: Debian's Chromium driven by Playwright against the app served by uvicorn.

Nothing is downloaded: Playwright drives /usr/bin/chromium. Without it the tests skip, unless
POURPARLER_REQUIRE_BROWSER=1 asks for them to fail instead. A screenshot of each step goes to
$POURPARLER_ARTIFACTS (default tests/artifacts/).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web_fixtures import NURSES

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def _unavailable(reason: str) -> None:
    if os.environ.get("POURPARLER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and POURPARLER_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("POURPARLER_ARTIFACTS") or Path(__file__).parent / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on a store of the web fixtures, served on a free loopback port; (base URL, store path)."""
    import uvicorn

    from pourparler.web import create_app
    from web_fixtures import build_store

    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    db = build_store(tmp_path_factory.mktemp("browser"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(server: tuple[str, str]) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shoot(page: Any, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"browser-{name}.png"), full_page=True)


def test_home_to_story_timeline_with_both_outlets(
    page: Any, server: tuple[str, str], artifacts: Path
) -> None:
    from playwright.sync_api import expect

    base, _ = server
    page.goto(base + "/")
    shoot(page, artifacts, "1-home")
    page.get_by_role("link", name="Hamas – Israel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hamas – Israel")
    entry = page.locator("tr[data-entry]", has_text="Israel recalled its negotiating team from Doha")
    expect(entry.first).to_be_visible()
    expect(entry.first.locator("a.source")).to_have_text(["Gulf Courier", "Levant Ledger"])
    expect(page.locator("svg.chart-svg").first).to_be_visible()
    shoot(page, artifacts, "1-story")
    entry.first.locator("a.source", has_text="Levant Ledger").click()
    evidence = page.locator("#evidence")
    expect(evidence).to_have_class(re.compile(r"\bactive\b"))
    expect(evidence).to_contain_text("Israel recalled its negotiating team from Doha")
    expect(evidence).to_be_in_viewport()


def test_clicking_a_quote_marks_its_evidence_and_shows_the_speaker(
    page: Any, server: tuple[str, str], artifacts: Path
) -> None:
    from playwright.sync_api import expect

    from pourparler.store import Store

    base, db = server
    with Store(db) as store:
        doc_id = next(d.id for d in store.documents() if d.outlet == "Gulf Courier")
        body = store.get(doc_id).body  # type: ignore[union-attr]
    page.goto(f"{base}/documents/{doc_id}")
    assert page.locator("#body").text_content() == body
    item = page.locator("[data-quote]", has_text="We will not accept a deal")
    ref = item.get_attribute("data-targets")
    item.locator(".item-link").click()
    span = page.locator(f"#{ref}")
    expect(span).to_have_class(re.compile(r"\bactive\b"))
    expect(span).to_be_in_viewport()
    expect(span).to_contain_text("We will not accept a deal")
    expect(item).to_have_class(re.compile(r"\bactive\b"))
    details = page.locator("#details")
    expect(details).to_contain_text("a Hamas official")
    expect(details.locator("dt", has_text="Speaker")).to_be_visible()
    expect(details.locator("blockquote")).to_contain_text("red line on the withdrawal maps")
    shoot(page, artifacts, "2-quote")
    # A highlight in the body chooses its item too: here an actor's mention, which marks all its mentions.
    page.locator("#body [data-kind=mention]", has_text="Qatar").first.click()
    qatar = page.locator("[data-actor].active")
    expect(qatar).to_have_text(re.compile("Qatar"))
    mentions = (qatar.get_attribute("data-targets") or "").split()
    expect(page.locator("#body .hl-mention.active")).to_have_count(len(mentions))
    expect(span).not_to_have_class(re.compile(r"\bactive\b"))


def test_pasting_an_article_shows_its_positions(page: Any, server: tuple[str, str], artifacts: Path) -> None:
    from playwright.sync_api import expect

    base, _ = server
    page.goto(base + "/")
    page.get_by_role("link", name="Analyse an article").first.click()
    page.fill("#text", NURSES)
    shoot(page, artifacts, "3-paste")
    page.click("#analyze-submit")
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]{64}$"), timeout=60_000)
    expect(page.locator("#title")).to_have_text("Nurses reject hospital pay offer as strike looms")
    union = page.locator("[data-position]", has_text="Riverside Nurses Union")
    expect(union.filter(has_text="demand")).to_contain_text("12 percent")
    # "We will not accept 5%," said the union's president: the union's own rejection
    expect(union.filter(has_text="reject")).to_contain_text("5 percent")
    offer = page.locator("[data-position]", has_text="St Mary's Hospital")
    expect(offer).to_contain_text("offer")
    expect(offer).to_contain_text("5 percent")
    shoot(page, artifacts, "3-result")


def test_hostile_article_runs_no_script_and_shows_its_title_as_text(
    page: Any, server: tuple[str, str], artifacts: Path
) -> None:
    from playwright.sync_api import expect

    base, _ = server
    page.goto(base + "/")
    page.get_by_role("link", name=re.compile("Mediators report progress")).click()
    expect(page.locator("#title")).to_have_text(
        "Mediators report progress <script>window.__pwned = true</script> in Nairobi talks"
    )
    expect(page.locator("#body")).to_contain_text('<img src=x onerror="window.__pwned = true">')
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#body img, #body script, #body b").count() == 0
    page.goto(base + "/search?q=pwned")
    expect(page.locator("[data-hit]")).to_have_count(1)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.go_back()
    shoot(page, artifacts, "4-hostile")
