"""Spanish pages in a real browser: axe clean, lang="es", big enough targets, at 1280 and
375 px; and the header's language link by keyboard, under the site's real CSP.

The contexts for axe use bypass_csp=True for the injected axe-core only (see
test_accessibility.py); the keyboard test runs without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    page_basics_problems,
    target_size_problems,
)
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.seed import owner_with_everything
from tests.browser.sessions import sign_in

pytestmark = pytest.mark.browser

Page = Any


def spanish(name: str, **kwargs: Any) -> str:
    with translation.override("es"):
        return reverse(name, kwargs=kwargs or None)


def _signed_in_to(name: str, *, case: bool = False) -> Callable[[Page, str], None]:
    def visit(page: Page, server: str) -> None:
        owner = owner_with_everything()
        sign_in(page.context, server, owner.user)
        page.goto(spanish(name, public_id=owner.case.public_id) if case else spanish(name))

    return visit


PAGES: dict[str, Callable[[Page, str], None]] = {
    "home": lambda page, server: page.goto(spanish("home")),
    "guide page": lambda page, server: page.goto(spanish("guidance:page", slug="is-it-real")),
    "faq": lambda page, server: page.goto(spanish("guidance:faq")),
    "check-up": lambda page, server: page.goto(spanish("notices:flow_start")),
    "check-up details": lambda page, server: page.goto(
        spanish("notices:flow_step", step="details")
    ),
    "estimator": lambda page, server: page.goto(spanish("notices:estimator")),
    "sign-up": lambda page, server: page.goto(spanish("account_signup")),
    "case page": _signed_in_to("notices:case_detail", case=True),
    "reminder settings": _signed_in_to("notices:reminder_settings"),
}
WIDTHS = {"1280 px": 1280, "375 px": 375}


@pytest.fixture(scope="module")
def axe_context(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(
        bypass_csp=True, base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_spanish_page_is_accessible(axe_context: Any, server: str, name: str, width: str) -> None:
    axe_context.clear_cookies()
    page = axe_context.new_page()
    try:
        page.set_viewport_size({"width": WIDTHS[width], "height": 800})
        PAGES[name](page, server)
        page.wait_for_load_state()
        problems = []
        if (lang := page.evaluate("document.documentElement.lang")) != "es":
            problems.append(f'lang is "{lang}", not "es"')
        if violations := axe_violations(page):
            problems.append(f"axe-core found {len(violations)} violation(s):\n")
            problems.append(describe_violations(violations))
        problems += [f"target: {t}" for t in target_size_problems(page)]
        # The shared check expects English; the language is checked above.
        problems += [p for p in page_basics_problems(page) if not p.startswith("lang is")]
        english = page.get_by_role("link", name="English")
        if not english.is_visible():  # on a phone it is the last row of the menu
            page.locator("summary.menu-button").click()
        if not english.is_visible():
            problems.append("the header's English link is not visible")
        assert not problems, f"{name} at {width} ({page.url}):\n" + "\n".join(problems)
    finally:
        page.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_language_link_by_keyboard_keeps_the_page(
    chromium: Any, server: str, width: str
) -> None:
    context = chromium.new_context(
        base_url=server, viewport={"width": WIDTHS[width], "height": 800}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        path = reverse("guidance:page", kwargs={"slug": "is-it-real"})
        page.goto(path)
        heading = page.locator("h1").inner_text()
        link = page.locator("a.language-link")  # in the closed phone menu: not yet a "link"
        menu = page.locator("summary.menu-button")
        # Skip link, brand, (on a phone: Menu, opened with Enter), the menu's links and
        # search, then the language link.
        for _ in range(20):
            page.keyboard.press("Tab")
            if menu.evaluate("element => element === document.activeElement"):
                page.keyboard.press("Enter")
            if link.evaluate("element => element === document.activeElement"):
                break
        expect(link).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/es{path}")
        assert page.evaluate("document.documentElement.lang") == "es"
        spanish_heading = page.locator("h1").inner_text()
        assert spanish_heading and spanish_heading != heading or "/es/" in page.url
        # And back, the same way.
        back = page.locator("a.language-link")
        expect(back).to_have_attribute("hreflang", "en")
        if not back.is_visible():
            page.locator("summary.menu-button").click()
        back.click()
        page.wait_for_url(f"**{path}")
        assert page.locator("h1").inner_text() == heading
    finally:
        context.close()
