"""The HTML report in a real browser: Debian's chromium, headless, driven by Playwright.

Skips (with the reason) when playwright or chromium is missing — except on CI
(CI=true), where a missing browser is a failure: CI installs chromium.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reconcile.present.render import html
from tests.test_render_html import HOSTILE_ENTITY, HOSTILE_QUOTE, hostile_report, sample_report

CHROMIUM = os.environ.get("RECONCILE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed: pip install playwright"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"chromium not found at {CHROMIUM}: apt-get install chromium"
    return None


def _skip_or_fail(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run on CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    reason = _unavailable()
    if reason:
        _skip_or_fail(reason)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Error as e:
            _skip_or_fail(f"chromium did not start: {e}")
        yield b
        b.close()


class Page:
    """A page with every console error, page error and non-file request recorded."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def visible(self, selector: str) -> int:
        return sum(1 for el in self.page.query_selector_all(selector) if el.is_visible())


@pytest.fixture
def seed_page(browser, tmp_path):
    path = tmp_path / "index.html"
    path.write_text(html.render(sample_report()), encoding="utf-8")
    page = Page(browser, path)
    yield page
    page.page.close()


def test_loads_clean_with_findings_visible(seed_page):
    p = seed_page
    assert p.errors == []
    assert p.requests == []
    assert p.visible("main article") == 4
    assert p.page.is_visible("#filters")  # revealed by the script
    assert "Showing 4 of 4 findings" in p.page.inner_text("#shown")
    text = p.page.inner_text("main")
    assert "13.35 cameras per 1,000 people" in text and "one camera for every 14 people" in text
    assert p.page.locator("main article svg").count() == 3  # the parse error has no number line


def test_filters_hide_and_show(seed_page):
    p = seed_page.page
    p.uncheck("input[name=severity][value=error]")
    assert seed_page.visible("main article") == 1  # the info finding
    assert not p.is_visible("section[data-entity=London]")
    p.check("input[name=severity][value=error]")
    assert seed_page.visible("main article") == 4

    p.select_option("select[name=entity]", "London")
    assert seed_page.visible("main article") == 2
    assert p.is_visible("section[data-entity=London]") and not p.is_visible("section[data-entity=China]")
    p.select_option("select[name=rule]", "arithmetic-inconsistency")
    assert seed_page.visible("main article") == 1
    assert "Showing 1 of 4 findings" in p.inner_text("#shown")

    from playwright.sync_api import expect

    p.click("button[type=reset]")  # the page's CSP forbids eval: wait with a locator, not a JS predicate
    expect(p.locator("main article:visible")).to_have_count(4)
    assert seed_page.errors == []


def test_without_javascript_everything_is_readable(browser, tmp_path):
    path = tmp_path / "index.html"
    path.write_text(html.render(sample_report()), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert not page.is_visible("#filters")  # controls that would not work stay hidden
    assert sum(1 for el in page.query_selector_all("main article") if el.is_visible()) == 4
    assert "seed-004/london-cameras" in page.inner_text("main")
    context.close()


def test_hostile_claim_text_stays_inert(browser, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(html.render(hostile_report()), encoding="utf-8")
    p = Page(browser, path)
    page = p.page
    for el in page.query_selector_all("main h2, main h3, main p, main td, main th, main text"):
        el.hover(force=True, timeout=2000)  # an injected onmouseover would fire here
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    injected = "main img, main b, main [onerror], main [onmouseover]"
    assert page.evaluate(f"document.querySelectorAll('{injected}').length") == 0
    text = page.inner_text("main")
    assert "<script>window.pwned=1</script>" in text and 'onerror="window.pwned=2"' in text
    assert HOSTILE_ENTITY in text
    assert HOSTILE_QUOTE.split(" 5 cameras")[0] in text.replace("\n", "")
    # the filter list is filled from the attribute: the hostile entity round-trips as text
    page.select_option("select[name=entity]", HOSTILE_ENTITY)
    assert p.visible("main article") == 1
    assert p.errors == [] and p.requests == []
    page.close()


def test_seed_claims_report(browser, tmp_path, seed_report):
    path = tmp_path / "index.html"
    path.write_text(html.render(seed_report, title="seed claims"), encoding="utf-8")
    p = Page(browser, path)
    assert p.errors == [] and p.requests == []
    assert p.visible("main article") == len(seed_report.findings) > 0
    text = p.page.inner_text("main")
    for f in seed_report.findings:
        assert " ".join(f.message.split()) in " ".join(text.split())
    errors = sum(1 for f in seed_report.findings if f.severity == "error")
    p.page.uncheck("input[name=severity][value=warning]")
    p.page.uncheck("input[name=severity][value=info]")
    assert p.visible("main article") == errors
    p.page.close()
