"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server.

`scripts/ensure-chromium.sh` installs Chromium; a missing browser fails these tests loudly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SKILLSNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run scripts/ensure-chromium.sh (make e2e does).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's database work is still
    # synchronous, so Django's async-safety guard would misfire. Set only while a browser runs, so the
    # variable never leaks into the processes other tests start.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _launch(sync_playwright: Any) -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    # 422 is a page's answer to a form with errors, which tests submit on purpose; any other 4xx/5xx is not.
    expected = "status of 422"
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and expected not in msg.text else None)
    tab.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.status != 422 else None)
    yield tab
    context.close()
    # A CSP violation or a script error in any page is a failure, not noise.
    assert not errors, f"errors in the browser console: {errors}"


def assert_accessible(page: Any, *, best_practice: bool = False) -> None:
    """Run axe-core in the page (WCAG 2.0/2.1/2.2 A and AA) and fail with its report on any violation.

    `best_practice` adds axe's best-practice rules too: every part of the page inside a landmark (`region`),
    landmarks named apart (`landmark-unique`), one h1 and headings in order.
    """
    from axe_playwright_python.sync_playwright import Axe

    tags = [*AXE_TAGS, "best-practice"] if best_practice else AXE_TAGS
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, f"axe found violations on {page.url}:\n{results.generate_report()}"
