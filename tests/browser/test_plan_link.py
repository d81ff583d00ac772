"""A plan kept by private link, in a real browser: another device, a phone, the keyboard,
no JavaScript, and axe on every new screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from notices.checkup.store import PENDING_KEY, SESSION_KEY
from notices.models import Reminder, SavedPlan
from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    page_basics_problems,
    target_size_problems,
)
from tests.browser.seed import answers_before
from tests.browser.sessions import add_session_cookie, visitor_session
from tests.browser.test_keyboard import tab_to
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


def finished_visitor(context: Any, server: str) -> None:
    visitor_session(context, server, {SESSION_KEY: answers_before()})


def step_titles(page: Any) -> list[str]:
    return [title.strip() for title in page.locator(".plan-step-title").all_inner_texts()]


def make_link(page: Any) -> str:
    """From the plan page: ask for a private link; returns it as the page shows it."""
    page.goto(reverse("notices:flow_plan"))
    page.get_by_role("button", name="Get a private link").click()
    expect(page.locator("h1")).to_have_text("Your saved action plan")
    return str(page.locator("#plan-link").input_value())


def check_page(page: Any, name: str) -> None:
    page.wait_for_load_state()
    problems = []
    if violations := axe_violations(page):
        problems.append(describe_violations(violations))
    problems.extend(target_size_problems(page))
    problems.extend(page_basics_problems(page))
    assert not problems, f"{name} at {page.url}:\n" + "\n".join(problems)


@pytest.fixture
def axe_context(chromium: Any, server: str) -> Iterator[Any]:
    """bypass_csp only so axe can be injected (see test_accessibility.py)."""
    context = chromium.new_context(
        bypass_csp=True, base_url=server, viewport={"width": 1280, "height": 900}
    )
    yield context
    context.close()


def test_the_link_opens_the_same_plan_in_a_fresh_browser(open_context: Any, server: str) -> None:
    mine = open_context()
    finished_visitor(mine, server)
    page = mine.new_page()
    page.goto(reverse("notices:flow_plan"))
    titles = step_titles(page)
    assert titles
    link = make_link(page)
    assert link.startswith(server + "/plan/")

    fresh = open_context()  # another device: no cookies at all
    assert fresh.cookies() == []
    other = fresh.new_page()
    other.goto(link)
    expect(other.locator("h1")).to_have_text("Your saved action plan")
    assert step_titles(other) == titles
    expect(other.locator(".check-toggle")).to_have_count(0)  # read-only
    expect(other.get_by_text(re.compile(r"opens it on any device until \w+day,"))).to_be_visible()


def test_copy_delete_and_change_on_a_phone_by_keyboard(open_context: Any, server: str) -> None:
    context = open_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    finished_visitor(context, server)
    page = context.new_page()
    link = make_link(page)
    # No sideways scrolling at 375 px, even with the long link.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    tab_to(page, "[data-copy-target]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-copy-status=plan-link]")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link

    tab_to(page, "a.button[href*='/check-up/']")  # "Change my answers"
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("What does your notice say?")
    page.go_back()

    tab_to(page, "a[href$='/delete/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Delete your saved plan?")
    tab_to(page, "button.button-danger")  # "Yes, delete my plan"
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Your plan is deleted")
    assert SavedPlan.objects.count() == 0
    page.goto(link)
    expect(page.locator("h1")).to_have_text("We can't find this plan")


def test_email_and_link_work_without_javascript(open_context: Any, server: str) -> None:
    context = open_context(java_script_enabled=False, viewport=PHONE)
    finished_visitor(context, server)
    page = context.new_page()
    page.goto(reverse("notices:flow_plan"))
    page.get_by_label("Your email address").fill("not an address")
    page.get_by_role("button", name="Email me this plan").click()
    expect(page.locator(".error-summary")).to_contain_text("like name@example.com")
    page.get_by_label("Your email address").fill("sam@example.com")
    page.get_by_role("button", name="Email me this plan").click()
    expect(page.locator("h1")).to_have_text("Your saved action plan")
    expect(page.get_by_text("We are sending your plan to sam@example.com")).to_be_visible()
    # The copy button needs JavaScript, so it stays hidden; the plain field holds the link.
    expect(page.locator("[data-copy-target]")).to_be_hidden()
    link = page.locator("#plan-link").input_value()
    assert re.fullmatch(re.escape(server) + r"/plan/[A-Za-z0-9_-]{43}/", link)
    row = Reminder.objects.get()
    assert row.plan is not None and row.case is None and row.status == "pending"

    fresh = open_context(java_script_enabled=False)
    other = fresh.new_page()
    other.goto(link)
    expect(other.locator("h1")).to_have_text("Your saved action plan")
    assert mail.outbox == []  # the worker sends it, not the page


def test_new_screens_are_accessible(axe_context: Any, server: str) -> None:
    finished_visitor(axe_context, server)
    page = axe_context.new_page()
    page.goto(reverse("notices:flow_plan"))
    check_page(page, "plan page with the keep controls")
    page.get_by_role("button", name="Email me this plan").click()
    check_page(page, "plan page, email error")
    link = make_link(page)
    check_page(page, "saved plan")
    page.set_viewport_size(PHONE)
    check_page(page, "saved plan at 375 px")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(link + "delete/")
    check_page(page, "delete confirm")
    page.goto(server + "/plan/" + "x" * 43 + "/")
    check_page(page, "plan not found")


def test_dashboard_with_a_pending_plan_is_accessible(axe_context: Any, server: str) -> None:
    user: Any = UserFactory()
    client = Client()
    client.force_login(user)
    session = SessionStore(client.session.session_key)
    session.update({SESSION_KEY: answers_before(), PENDING_KEY: True})
    session.save()
    add_session_cookie(axe_context, server, session.session_key or "")
    page = axe_context.new_page()
    page.goto(reverse("notices:dashboard"))
    expect(page.get_by_role("heading", name="You have a plan from your check-up")).to_be_visible()
    check_page(page, "dashboard with a pending plan")
    page.set_viewport_size(PHONE)
    check_page(page, "dashboard with a pending plan at 375 px")
    tab_to(page, "form[action$='/dismiss/'] button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("We won't offer that plan here again.")).to_be_visible()
    expect(page.get_by_role("heading", name="You have a plan from your check-up")).to_have_count(0)
