"""Pages served from the shared cache still work in a real browser.

The guide, the FAQ and the home page reach visitors as stored bytes (cp14site/page_cache.py):
no CSRF token and no CSP nonce in them. In Chromium, under the site's real CSP, these tests
check that such a page loads its scripts with no CSP refusal (the FAQ's JSON-LD included),
that htmx runs, that the search and the check-up work from it (the check-up's forms post
with a token of their own), and that signing in shows the person's own page, never the
visitors' copy the browser saw a moment before.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.checkup import flow
from tests.browser.sessions import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

# Listens before any page script runs; a CSP refusal of a script or of the JSON-LD lands here.
RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def watch(page: Any) -> list[str]:
    """Script errors and console errors on this page."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def visit(page: Any, path: str) -> Any:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    return response


@pytest.mark.parametrize("width", [375, 1280])
def test_a_cached_page_runs_its_scripts_under_the_csp(open_context: Any, width: int) -> None:
    context = open_context(viewport={"width": width, "height": 900})
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    errors = watch(page)
    for path in ("/", reverse("guidance:faq"), reverse("guidance:index")):
        first = visit(page, path)
        assert "public" in first.headers["cache-control"]
        # Another visitor (a fresh browser profile) gets the stored copy: same ETag.
        other = open_context().new_page()
        again = other.goto(path)
        assert again is not None and again.headers["etag"] == first.headers["etag"]
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("typeof window.htmx") == "object", path  # htmx ran
        assert page.evaluate("window.__csp") == [], path
    # The FAQ's structured data is in the page, as data, without a nonce.
    visit(page, reverse("guidance:faq"))
    data = page.locator('script[type="application/ld+json"]')
    expect(data).to_have_count(1)
    assert data.get_attribute("nonce") is None
    assert page.evaluate("window.__csp") == []
    assert errors == []


def test_search_from_a_cached_page_and_the_query_stays_private(open_context: Any) -> None:
    page = open_context().new_page()
    visit(page, reverse("guidance:index"))
    page.get_by_role("searchbox", name="Search the guide").fill("payment plan")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("Search results for “payment plan”"))
    expect(page.locator(".search-results").get_by_role("link").first).to_be_visible()
    # Someone else opening the guide gets an empty search box.
    other = open_context().new_page()
    visit(other, reverse("guidance:index"))
    expect(other.get_by_role("searchbox", name="Search the guide")).to_have_value("")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_check_up_starts_from_a_cached_home_page(open_context: Any, javascript: bool) -> None:
    page = open_context(java_script_enabled=javascript).new_page()
    errors = watch(page)
    home = visit(page, "/")
    assert "public" in home.headers["cache-control"]
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check-up").click()
    page.get_by_role("link", name="Start the check-up").click()
    expect(page.locator("h1")).to_have_text(str(flow.STEPS[flow.DETAILS].question))
    page.get_by_label("Notice date").fill("2026-11-02")
    page.get_by_label("Date to pay or answer by").fill("2026-11-23")
    page.get_by_label("Amount due").fill("$2,450.18")
    page.get_by_role("button", name="Continue").click()
    # The form posted with its own CSRF token: the first question, not a 403.
    expect(page.locator("h1")).to_have_text(str(flow.STEPS[flow.FIRST_QUESTION].question))
    assert errors == []


def test_signing_in_shows_your_own_page_not_the_visitors_copy(
    open_context: Any, server: str
) -> None:
    context = open_context()
    page = context.new_page()
    visit(page, reverse("guidance:index"))
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="Sign in")).to_be_visible()
    sign_in(context, server, UserFactory(email="reader@example.com"))
    # The browser kept the visitors' copy for five minutes, but it varies on the cookie.
    signed_in = visit(page, reverse("guidance:index"))
    assert "no-store" in signed_in.headers["cache-control"]
    expect(menu.get_by_role("link", name="Sign out")).to_be_visible()
    expect(menu.get_by_role("link", name="Sign in")).to_have_count(0)
