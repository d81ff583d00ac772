"""The hand-offs in a real browser: the call sheet, how to pay, the calendar links, the data
page and the drawn notice, on a phone and a laptop, by keyboard, and without JavaScript.

The axe checks run in contexts made with bypass_csp=True (axe is injected; see
test_accessibility.py). The keyboard and no-JavaScript journeys run under the real CSP.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.checkup import flow
from notices.profiles import profile_for
from tests.browser.a11y import axe_violations, describe_violations, target_size_problems
from tests.browser.seed import Owner, owner_with_everything
from tests.browser.sessions import sign_in

pytestmark = pytest.mark.browser

Page = Any
MAX_TABS = 80


def url_of(name: str, owner: Owner) -> str:
    if name in ("notices:reminder_settings", "notices:your_data", "notices:case_create"):
        return reverse(name)
    if name == "guide":
        return reverse("guidance:page", kwargs={"slug": "what-is-a-cp14"})
    if name == "details step":
        return reverse("notices:flow_step", kwargs={"step": flow.DETAILS})
    return reverse(name, kwargs={"public_id": owner.case.public_id})


PAGES = [
    "notices:case_detail",
    "notices:case_call_sheet",
    "notices:case_how_to_pay",
    "notices:reminder_settings",
    "notices:your_data",
    "notices:case_create",
    "guide",
    "details step",
]
NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 5).map((el) => el.outerHTML.slice(0, 120))"""


@pytest.fixture
def signed_in(open_context: Callable[..., Any], server: str) -> Callable[..., tuple[Page, Owner]]:
    """A page signed in as a person whose notice has everything, in a context of its own."""

    def make(**options: Any) -> tuple[Page, Owner]:
        owner = owner_with_everything()
        profile = profile_for(owner.user)
        profile.full_name = "Alice Marie Fairweather"
        profile.save()
        context = open_context(**options)
        sign_in(context, server, owner.user)
        return context.new_page(), owner

    return make


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_pages_fit_the_screen_and_pass_axe(signed_in: Any, width: int) -> None:
    page, owner = signed_in(bypass_csp=True, viewport={"width": width, "height": 800})
    problems = []
    for name in PAGES:
        page.goto(url_of(name, owner))
        page.wait_for_load_state()
        if not page.evaluate(NO_SIDEWAYS_SCROLL):
            problems.append(f"{name} scrolls sideways at {width} px: {page.evaluate(WIDEST)}")
        if violations := axe_violations(page):
            problems.append(f"{name} at {width} px:\n{describe_violations(violations)}")
        if targets := target_size_problems(page):
            problems.append(f"{name} at {width} px, small targets: {targets}")
    assert not problems, "\n".join(problems)


def test_the_drawn_notice_has_readable_labels_on_a_small_phone(signed_in: Any) -> None:
    page, owner = signed_in(viewport={"width": 320, "height": 700})
    for name in ("notices:case_create", "guide", "details step"):
        page.goto(url_of(name, owner))
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.notice-picture svg text')].map((text) => {
              const svg = text.ownerSVGElement;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return parseFloat(getComputedStyle(text).fontSize) * scale;
            })"""
        )
        assert sizes and min(sizes) >= 12, (name, sizes)
        # Every label stays inside the drawing.
        assert page.evaluate(
            """() => [...document.querySelectorAll('.notice-picture svg text')].every((t) => {
              const box = t.getBBox();
              return box.x >= 0 && box.x + box.width <= t.ownerSVGElement.viewBox.baseVal.width;
            })"""
        ), name
        caption = page.locator(".notice-picture figcaption")
        expect(caption).to_contain_text("Where things usually are on a CP14")


def test_the_copy_button_works_from_the_keyboard(signed_in: Any, server: str) -> None:
    page, owner = signed_in(permissions=["clipboard-read", "clipboard-write"])
    page.goto(reverse("notices:reminder_settings"))
    button = page.get_by_role("button", name="Copy the link")
    expect(button).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-copy-target]')"):
            break
    else:
        raise AssertionError("Tab never reached the copy button")
    page.keyboard.press("Enter")
    expect(page.locator("[data-copy-status='feed-url']")).to_have_text("Copied.")
    token = profile_for(owner.user).calendar_token
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == server + reverse("notices:calendar_feed", kwargs={"token": token})


def test_without_javascript_the_links_and_the_field_still_work(signed_in: Any, server: str) -> None:
    page, owner = signed_in(java_script_enabled=False)
    page.goto(reverse("notices:reminder_settings"))
    token = profile_for(owner.user).calendar_token
    feed_path = reverse("notices:calendar_feed", kwargs={"token": token})
    subscribe = page.get_by_role("link", name="Subscribe in your calendar app")
    expect(subscribe).to_have_attribute("href", f"webcal://{urlsplit(server).netloc}{feed_path}")
    field = page.get_by_label("Or copy your private calendar link")
    expect(field).to_have_value(server + feed_path)
    # The copy button needs JavaScript, so it stays out of the way without it.
    expect(page.get_by_role("button", name="Copy the link")).to_be_hidden()
    # The feed itself answers at that address.
    feed = page.request.get(server + feed_path)
    assert feed.ok and b"BEGIN:VALARM" in feed.body()

    page.goto(reverse("notices:case_detail", kwargs={"public_id": owner.case.public_id}))
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    assert download.value.suggested_filename.endswith(".ics")

    page.get_by_role("link", name="Call sheet").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"Call sheet: CP14 for \d{4}"))
    expect(page.get_by_text("Alice Marie Fairweather")).to_be_visible()
    expect(page.get_by_role("button", name="Print this sheet")).to_be_hidden()

    page.go_back()
    page.get_by_role("link", name="How to pay online").click()
    expect(page.locator(".pay-choices")).to_contain_text("Balance Due")
    expect(page.locator(".pay-choices")).to_contain_text(str(owner.case.tax_year))


def test_the_call_sheet_prints_without_the_site_around_it(signed_in: Any) -> None:
    page, owner = signed_in()
    page.goto(reverse("notices:case_call_sheet", kwargs={"public_id": owner.case.public_id}))
    expect(page.get_by_role("button", name="Print this sheet")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this sheet")).to_be_hidden()
    expect(page.locator(".call-questions li").first).to_be_visible()
    lines = page.locator(".call-blanks .write-line")
    assert lines.count() == 6
    assert lines.first.bounding_box()["height"] >= 30  # room to write by hand
