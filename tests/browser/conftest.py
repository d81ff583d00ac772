"""Browser tests: Playwright for Python driving Debian's Chromium against the live app.

The app runs in pytest-django's live server: a thread in this process, with the test
settings, on the test database (PostgreSQL in CI). So emails land in django.core.mail.outbox
here, and a test can read or change the database where a person can't (for example, moving a
reminder's send time into the past).

Without /usr/bin/chromium these tests skip with a loud message; with BROWSER_TESTS_REQUIRED=true
(set by .ci/run) they fail instead, so CI can never pass without running them.

Cookies: the test settings keep production's Secure, `__Host-` cookies. Chromium treats
http://localhost as a secure context and accepts them there, so nothing is relaxed for these
tests; the live server must therefore be reached as `localhost` (pytest-django's default).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail

from tests.browser.chromium import CHROMIUM, launch

REQUIRED = os.environ.get("BROWSER_TESTS_REQUIRED", "").lower() == "true"
MISSING = (
    f"\n{'!' * 78}\n"
    f"  BROWSER TESTS NOT RUN: there is no Chromium at {CHROMIUM}.\n"
    "  Install Debian's browser to run them: sudo apt-get install chromium\n"
    "  (CI sets BROWSER_TESTS_REQUIRED=true, which turns this skip into a failure.)\n"
    f"{'!' * 78}"
)
# Generous for a loaded 2-core CI machine; a page here normally answers in well under 1 s.
TIMEOUT_MS = 15_000


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Repeat the skip reason at the end of the run, where nobody can miss it."""
    skipped = terminalreporter.stats.get("skipped", [])
    if any("BROWSER TESTS NOT RUN" in str(report.longrepr) for report in skipped):
        terminalreporter.write_line(MISSING, yellow=True, bold=True)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium (never a Playwright-downloaded one), open for one module.

    While Playwright's sync API is open it keeps an asyncio event loop running in this thread,
    and Django then refuses ORM calls ("You cannot call this from an async context") unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. So the browser is open, and the variable set, only
    around the browser tests: open for the whole session, it would break the ORM in every
    test after them, and the variable would leak into subprocesses that other tests start
    (manage.py check --deploy rejects it).
    """
    if not CHROMIUM.exists():
        if REQUIRED:
            pytest.fail(f"BROWSER_TESTS_REQUIRED=true, but there is no Chromium at {CHROMIUM}.")
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def server(live_server: Any, transactional_db: None, settings: Any) -> str:
    """The live app's base URL, with an empty database and outbox for this test."""
    url = str(live_server.url)
    # Links in emails must lead back to this server, which speaks plain HTTP (production
    # builds them from SITE_URL and https).
    settings.SITE_URL = url
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    mail.outbox = []
    return url


@pytest.fixture
def open_context(chromium: Any, server: str) -> Iterator[Callable[..., Any]]:
    """Make a browser context (a fresh profile: no cookies). Closed after the test."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("base_url", server)
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = chromium.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def live_page(open_context: Callable[..., Any]) -> Any:
    """A page under the site's real CSP, with JavaScript on."""
    return open_context().new_page()
