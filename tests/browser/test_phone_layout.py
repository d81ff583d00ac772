"""Phone first (issue #14): every main screen at 320 and 375 px, the home page's first screen,
and the header menu that folds away on a phone and works without JavaScript.

At 320 and 375 px wide no page may scroll sideways, and no visible text (SVG chart text
included, as drawn) may be smaller than 12 px. The pages are seeded with a person who has a
notice with everything (tests/browser/seed.py), and with a visitor half-way through the
check-up and one who has finished it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from guidance.content import guide_pages
from notices.checkup.store import SESSION_KEY
from tests.browser.a11y import axe_violations, describe_violations, target_size_problems
from tests.browser.layout import layout_problems
from tests.browser.seed import Owner, answers_before, dates, owner_with_everything
from tests.browser.sessions import sign_in, visitor_session

pytestmark = pytest.mark.browser

STEP = "amount-check"  # a question with a hint list, half-way through
CALM = "Take a breath: a CP14 is a bill, not an audit, and you have time to act."
VISITOR, MIDWAY, FINISHED, OWNER = "visitor", "midway", "finished", "owner"
Prepare = Callable[[Any], None] | None


def fill_estimator(page: Any) -> None:
    d = dates()
    page.get_by_label("Amount due on the notice").fill("250,000")
    page.get_by_label("Notice date").fill(d.notice_date.isoformat())
    page.get_by_label("Tax year").fill(str(d.tax_year))
    page.get_by_role("button", name="Estimate the cost").click()
    page.get_by_role("heading", name="Your estimate", exact=True).wait_for()


def estimate(page: Any) -> None:
    page.get_by_role("button", name="Estimate the cost").click()
    page.get_by_role("heading", name="Your estimate", exact=True).wait_for()


def screens(owner: Owner) -> list[tuple[str, str, str, Prepare]]:
    """(name, path, who, what to do on the page first) for every main screen.

    Every guide page is here, not just one: many hold tables.
    """
    case = {"public_id": owner.case.public_id}
    return [
        ("home", reverse("home"), VISITOR, None),
        ("guide index", reverse("guidance:index"), VISITOR, None),
        *((f"guide {page.slug}", reverse("guidance:page", kwargs={"slug": page.slug}),
           VISITOR, None) for page in guide_pages()),
        ("FAQ", reverse("guidance:faq"), VISITOR, None),
        ("search results", reverse("guidance:search") + "?q=payment+plan", VISITOR, None),
        ("check-up start", reverse("notices:flow_start"), VISITOR, None),
        ("check-up step", reverse("notices:flow_step", kwargs={"step": STEP}), MIDWAY, None),
        ("plan", reverse("notices:flow_plan"), FINISHED, None),
        ("estimator with results", reverse("notices:estimator"), VISITOR, fill_estimator),
        ("sign in", reverse("account_login"), VISITOR, None),
        ("sign up", reverse("account_signup"), VISITOR, None),
        ("404", "/no-such-page/", VISITOR, None),
        ("dashboard", reverse("notices:dashboard"), OWNER, None),
        ("case page", reverse("notices:case_detail", kwargs=case), OWNER, None),
        ("case form", reverse("notices:case_edit", kwargs=case), OWNER, None),
        ("new case form", reverse("notices:case_create"), OWNER, None),
        ("case estimator", reverse("notices:case_estimate", kwargs=case), OWNER, estimate),
        ("letter form", reverse("notices:letter_create", kwargs={**case, "kind": "dispute"}),
         OWNER, None),
        ("letter detail", reverse("notices:letter_detail",
                                  kwargs={"letter_id": owner.letter.public_id}), OWNER, None),
        ("reminder settings", reverse("notices:reminder_settings"), OWNER, None),
        ("your data", reverse("notices:your_data"), OWNER, None),
    ]  # fmt: skip


@pytest.mark.parametrize("width", [320, 375])
def test_no_main_screen_scrolls_sideways_or_has_text_under_12px(
    open_context: Callable[..., Any], server: str, width: int
) -> None:
    owner = owner_with_everything()
    viewport = {"width": width, "height": 720}
    contexts = {who: open_context(viewport=viewport) for who in (VISITOR, MIDWAY, FINISHED, OWNER)}
    visitor_session(contexts[MIDWAY], server, {SESSION_KEY: answers_before(STEP)})
    visitor_session(contexts[FINISHED], server, {SESSION_KEY: answers_before()})
    sign_in(contexts[OWNER], server, owner.user)
    problems = []
    for name, path, who, prepare in screens(owner):
        page = contexts[who].new_page()
        page.goto(path)
        if prepare:
            prepare(page)
        expect(page.locator("h1")).to_be_visible()
        problems += [f"{name} ({page.url}): {problem}" for problem in layout_problems(page)]
        # The open menu is part of every screen too.
        page.get_by_text("Menu", exact=True).click()
        expect(page.get_by_role("navigation", name="Main")).to_be_visible()
        problems += [f"{name}, menu open: {problem}" for problem in layout_problems(page)]
        page.close()
    assert not problems, f"At {width} px wide:\n" + "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False], ids=["with JS", "without JS"])
def test_the_first_phone_screen_holds_the_calm_sentence_and_the_way_to_start(
    open_context: Callable[..., Any], javascript: bool
) -> None:
    context = open_context(viewport={"width": 375, "height": 812}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto("/")
    calm = page.get_by_text(CALM)
    start = page.get_by_role("link", name="Make a plan")
    for what in (page.locator("h1"), calm, start):
        expect(what).to_be_visible()
        box = what.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 812, box
    # The header is one short row: the menu is folded away.
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] <= 72, header
    start.click()
    expect(page).to_have_url(reverse("notices:flow_start"))


def test_the_menu_opens_and_searches_without_javascript(open_context: Callable[..., Any]) -> None:
    context = open_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(reverse("guidance:faq"))
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    expect(page.get_by_role("searchbox", name="Search the guide")).to_be_hidden()
    menu = page.locator("summary", has_text="Menu")
    menu.click()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Questions")).to_have_attribute("aria-current", "page")
    for name in ("Home", "Check-up", "Guide", "Cost estimator", "Sign in"):
        expect(nav.get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("searchbox", name="Search the guide").fill("payment plan")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("Search results for “payment plan”"))
    expect(page.locator(".search-results").get_by_role("link").first).to_be_visible()
    # Closed again on the next page: a new page starts with the menu folded.
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    page.locator("summary", has_text="Menu").click()
    nav.get_by_role("link", name="Cost estimator").click()
    expect(page.locator("h1")).to_have_text("What waiting costs")


def test_the_menu_by_keyboard_on_a_phone(open_context: Callable[..., Any]) -> None:
    page = open_context(viewport={"width": 375, "height": 812}).new_page()
    page.goto("/")
    focused = "document.activeElement.textContent.trim()"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Skip to main content"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "CP14 Helper"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Menu"
    assert page.evaluate("document.querySelector('details.menu').open") is False
    page.keyboard.press("Enter")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Home"
    assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "page"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # closes it again
    expect(nav).to_be_hidden()
    page.keyboard.press("Tab")  # past the closed menu, into the page
    assert page.evaluate(focused) == "Make a plan"


def test_on_a_wide_screen_the_full_menu_shows_without_a_menu_button(
    open_context: Callable[..., Any],
) -> None:
    for javascript in (True, False):
        context = open_context(viewport={"width": 1280, "height": 900},
                               java_script_enabled=javascript)  # fmt: skip
        page = context.new_page()
        page.goto(reverse("guidance:index"))
        nav = page.get_by_role("navigation", name="Main")
        expect(nav).to_be_visible()
        expect(nav.get_by_role("link", name="Guide")).to_have_attribute("aria-current", "page")
        expect(page.get_by_role("searchbox", name="Search the guide")).to_be_visible()
        expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
        # The links sit in one row, as before the phone menu.
        tops = {
            round(box["y"])
            for box in (link.bounding_box() for link in nav.get_by_role("link").all())
            if box
        }
        assert len(tops) == 1, tops
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Home"
        # Screen readers get the links too: Chromium's own accessibility tree lists them.
        tree = context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        links = {
            node.get("name", {}).get("value")
            for node in tree
            if node.get("role", {}).get("value") == "link" and not node.get("ignored")
        }
        assert {"Home", "Check-up", "Guide", "Questions", "Cost estimator"} <= links, links


@pytest.fixture
def axe_page(chromium: Any, server: str) -> Any:
    """A phone-sized page for axe (bypass_csp: see tests/browser/test_accessibility.py)."""
    context = chromium.new_context(
        bypass_csp=True, base_url=server, viewport={"width": 375, "height": 812}
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("menu_open", [False, True], ids=["menu closed", "menu open"])
def test_the_home_page_and_its_menu_are_accessible_on_a_phone(
    axe_page: Any, menu_open: bool
) -> None:
    page = axe_page
    page.goto("/")
    if menu_open:
        page.locator("summary", has_text="Menu").click()
        expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    problems = [describe_violations(violations)] if (violations := axe_violations(page)) else []
    problems += target_size_problems(page)
    assert not problems, "\n".join(problems)
