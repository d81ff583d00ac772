"""Search as a person types it, in a phone-sized browser, with and without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.a11y import axe_violations, describe_violations

PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize(
    ("typed", "first_page"),
    [
        ("504", "/guide/related-notices/"),
        ("cp 504", "/guide/related-notices/"),
        ("CP-504", "/guide/related-notices/"),
        ("installment agreements", "/guide/cant-pay/"),
        ("intrest rate", "/guide/penalties-and-interest/"),
    ],
)
def test_typed_words_find_the_right_page(
    open_context: Any, typed: str, first_page: str, javascript: bool
) -> None:
    page = open_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    page.goto(reverse("guidance:search"))
    page.get_by_label("What do you want to know?").fill(typed)
    page.get_by_label("What do you want to know?").press("Enter")

    results = page.locator("ol.search-results > li")
    expect(results.first.locator("a")).to_have_attribute("href", first_page)
    expect(results.first.locator("mark").first).to_be_visible()


def test_a_corrected_query_says_how_it_was_read_and_the_page_is_accessible(
    open_context: Any,
) -> None:
    # bypass_csp only so axe-core can be injected (see test_accessibility.py).
    page = open_context(viewport=PHONE, bypass_csp=True).new_page()
    page.goto(reverse("guidance:search") + "?q=penality+relief")
    expect(page.get_by_text("Showing results for “penalty relief”.")).to_be_visible()
    expect(page.locator("ol.search-results > li").first.locator("a")).to_have_attribute(
        "href", "/guide/penalty-relief/"
    )
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
