"""Accessibility in a real browser: every page and state, one test each.

Each test brings the page to one state the way a person would (a click, a swap, a bad
answer), then checks it three ways and reports everything it finds at once:

- axe-core with the tags wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa: zero violations;
- WCAG 2.5.8 target size, measured with getBoundingClientRect();
- lang="en", a title, exactly one h1, and aria-current on the step indicator.

Most states are checked 1280 px wide; the main pages also 320 px wide.

These pages are opened in contexts made with bypass_csp=True, for the axe checks only: the
site's CSP allows only same-origin scripts that carry the page's nonce, so the injected
axe-core would be blocked. The journeys (test_journeys.py, test_keyboard.py) run under the
real CSP.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from guidance.content import guide_pages
from notices.checkup import flow
from notices.checkup.store import SESSION_KEY
from notices.reminders.emails import unsubscribe_token
from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    page_basics_problems,
    target_size_problems,
)
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.seed import STEP_SLUGS, Owner, answers_before, owner_with_everything
from tests.browser.sessions import sign_in, visitor_session
from tests.factories import CHECKUP_PATH, UserFactory

pytestmark = pytest.mark.browser

Page = Any
State = Callable[[Page, str], None]
STATES: dict[str, State] = {}


def state(name: str) -> Callable[[State], State]:
    def register(function: State) -> State:
        STATES[name] = function
        return function

    return register


def continue_button(page: Page) -> Any:
    return page.locator("#flow form.flow-form button[type=submit]").first


def wait_for_heading(page: Page, text: str) -> None:
    expect(page.locator("h1")).to_contain_text(text)


# Public pages


@state("home")
def _home(page: Page, server: str) -> None:
    page.goto("/")


@state("guide index")
def _guide_index(page: Page, server: str) -> None:
    page.goto(reverse("guidance:index"))


def _guide_page(slug: str) -> State:
    def visit(page: Page, server: str) -> None:
        page.goto(reverse("guidance:page", kwargs={"slug": slug}))

    return visit


for _page in guide_pages():
    STATES[f"guide {_page.slug}"] = _guide_page(_page.slug)


@state("faq")
def _faq(page: Page, server: str) -> None:
    page.goto(reverse("guidance:faq"))


@state("search results")
def _search(page: Page, server: str) -> None:
    page.goto("/")
    page.get_by_role("searchbox", name="Search the guide").fill("payment plan")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.locator("h2#results-title")).to_contain_text("result")


@state("search, no results")
def _search_nothing(page: Page, server: str) -> None:
    page.goto(reverse("guidance:search") + "?q=zebra+xylophone")
    expect(page.get_by_text("No pages match all of those words.")).to_be_visible()


@state("estimator")
def _estimator(page: Page, server: str) -> None:
    page.goto(reverse("notices:estimator"))


@state("estimator, errors")
def _estimator_errors(page: Page, server: str) -> None:
    page.goto(reverse("notices:estimator"))
    page.get_by_role("button", name="Estimate the cost").click()
    expect(page.locator(".error-summary")).to_be_visible()


# Accounts


@state("sign-up")
def _signup(page: Page, server: str) -> None:
    page.goto(reverse("account_signup"))


@state("sign-up, errors")
def _signup_errors(page: Page, server: str) -> None:
    page.goto(reverse("account_signup"))
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".error-summary")).to_be_visible()


@state("login")
def _login(page: Page, server: str) -> None:
    page.goto(reverse("account_login"))


@state("login, errors")
def _login_errors(page: Page, server: str) -> None:
    UserFactory.create(email="alice@example.com")
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".error-summary")).to_be_visible()


@state("sign-in code")
def _login_code(page: Page, server: str) -> None:
    page.goto(reverse("account_request_login_code"))


@state("sign-in code, sent")
def _login_code_sent(page: Page, server: str) -> None:
    UserFactory.create(email="alice@example.com")
    page.goto(reverse("account_request_login_code"))
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_role("button", name="Email me a code").click()
    expect(page.locator("h1")).to_have_text("Enter your code")


@state("password reset")
def _reset(page: Page, server: str) -> None:
    page.goto(reverse("account_reset_password"))


@state("password reset, sent")
def _reset_sent(page: Page, server: str) -> None:
    page.goto(reverse("account_reset_password"))
    page.get_by_label("Email").fill("alice@example.com")
    page.get_by_role("button", name="Send me a link").click()
    expect(page).to_have_url(reverse("account_reset_password_done"))


@state("email confirmation")
def _confirm_email(page: Page, server: str) -> None:
    page.goto(reverse("account_signup"))
    page.get_by_label("Email").fill("new@example.com")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long passphrase for tests")
    page.get_by_label(re.compile(r"^Password \(again\)")).fill("a long passphrase for tests")
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(reverse("notices:dashboard"))
    link = next(word for word in mail.outbox[-1].body.split() if "/confirm-email/" in word)
    page.goto(link)
    expect(page.get_by_role("button", name="Yes, confirm my email")).to_be_visible()


# The check-up, for a visitor: each step as first loaded, with an error, and swapped in


def _step_initial(slug: str) -> State:
    def visit(page: Page, server: str) -> None:
        visitor_session(page.context, server, {SESSION_KEY: answers_before(slug)})
        page.goto(reverse("notices:flow_step", kwargs={"step": slug}))
        wait_for_heading(page, str(flow.STEPS[slug].question))

    return visit


def _step_error(slug: str) -> State:
    def visit(page: Page, server: str) -> None:
        _step_initial(slug)(page, server)
        if slug == flow.DETAILS:
            page.get_by_label("Notice date").fill("2099-01-05")
        continue_button(page).click()
        expect(page.locator("#error-summary")).to_be_focused()

    return visit


def _step_swapped(slug: str) -> State:
    def visit(page: Page, server: str) -> None:
        if slug == flow.DETAILS:  # the only way back to the first screen: its Back link
            _step_initial("arrived")(page, server)
            page.locator("#flow .back-link").click()
        else:
            previous = STEP_SLUGS[STEP_SLUGS.index(slug) - 1]
            _step_initial(previous)(page, server)
            if previous != flow.DETAILS:
                page.locator(f"input[name=answer][value='{dict(CHECKUP_PATH)[previous]}']").check()
            continue_button(page).click()
        expect(page.locator("h1#question")).to_be_focused()
        wait_for_heading(page, str(flow.STEPS[slug].question))

    return visit


for _slug in STEP_SLUGS:
    STATES[f"check-up {_slug}"] = _step_initial(_slug)
    STATES[f"check-up {_slug}, error"] = _step_error(_slug)
    STATES[f"check-up {_slug}, swapped in"] = _step_swapped(_slug)


@state("check-up start")
def _flow_start(page: Page, server: str) -> None:
    page.goto(reverse("notices:flow_start"))


@state("plan")
def _plan(page: Page, server: str) -> None:
    visitor_session(page.context, server, {SESSION_KEY: answers_before()})
    page.goto(reverse("notices:flow_plan"))
    wait_for_heading(page, "Your action plan")


@state("plan, swapped in")
def _plan_swapped(page: Page, server: str) -> None:
    _step_initial("fta-paid")(page, server)
    page.locator("input[name=answer][value=yes]").check()
    continue_button(page).click()
    expect(page.locator("h1")).to_be_focused()
    wait_for_heading(page, "Your action plan")


@state("plan not ready")
def _plan_not_ready(page: Page, server: str) -> None:
    page.goto(reverse("notices:flow_plan"))
    wait_for_heading(page, "Your plan is not ready yet")


@state("save plan, visitor")
def _save_visitor(page: Page, server: str) -> None:
    visitor_session(page.context, server, {SESSION_KEY: answers_before()})
    page.goto(reverse("notices:flow_save"))
    expect(page.get_by_role("link", name="Create an account")).to_have_count(2)


# Signed in


def _signed_in(page: Page, server: str) -> Owner:
    owner = owner_with_everything()
    sign_in(page.context, server, owner.user)
    return owner


@state("dashboard")
def _dashboard(page: Page, server: str) -> None:
    _signed_in(page, server)
    page.goto(reverse("notices:dashboard"))


@state("case page")
def _case(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(reverse("notices:case_detail", kwargs={"public_id": owner.case.public_id}))
    # Open both log forms, so their fields are checked too.
    page.get_by_text("Log a call or letter").click()
    page.get_by_text("Log a payment").click()


@state("case page, log form error swapped in")
def _case_log_error(page: Page, server: str) -> None:
    _case(page, server)
    page.locator("#payments").get_by_role("button", name="Save").click()
    expect(page.locator("#payments .error-summary")).to_be_visible()


@state("case page, checklist ticked")
def _case_checklist(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(reverse("notices:case_detail", kwargs={"public_id": owner.case.public_id}))
    page.locator("#checklist .check-toggle").first.click()
    expect(page.locator("#checklist .check-toggle").first).to_have_attribute("aria-pressed", "true")


@state("add a notice")
def _case_create(page: Page, server: str) -> None:
    _signed_in(page, server)
    page.goto(reverse("notices:case_create"))


@state("add a notice, errors")
def _case_create_errors(page: Page, server: str) -> None:
    _case_create(page, server)
    page.get_by_role("button", name="Save notice").click()
    expect(page.locator(".error-summary")).to_be_visible()


@state("case plan")
def _case_plan(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(reverse("notices:case_flow_plan", kwargs={"public_id": owner.case.public_id}))
    wait_for_heading(page, "Your action plan")


@state("estimator with results")
def _estimator_results(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(reverse("notices:case_estimate", kwargs={"public_id": owner.case.public_id}))
    page.get_by_role("button", name="Estimate the cost").click()
    expect(page.get_by_role("heading", name="Your estimate")).to_be_visible()


@state("letter form")
def _letter_form(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    kwargs = {"public_id": owner.case.public_id, "kind": "dispute"}
    page.goto(reverse("notices:letter_create", kwargs=kwargs))


@state("letter form, errors")
def _letter_form_errors(page: Page, server: str) -> None:
    _letter_form(page, server)
    page.get_by_label("Your full name").fill("")
    page.get_by_role("button", name="Make the letter").click()
    expect(page.locator(".error-summary")).to_be_visible()


@state("letter preview")
def _letter_preview(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(reverse("notices:letter_detail", kwargs={"letter_id": owner.letter.public_id}))


@state("reminder settings")
def _reminder_settings(page: Page, server: str) -> None:
    _signed_in(page, server)
    page.goto(reverse("notices:reminder_settings"))


@state("your data")
def _your_data(page: Page, server: str) -> None:
    _signed_in(page, server)
    page.goto(reverse("notices:your_data"))


@state("account deletion")
def _delete_account(page: Page, server: str) -> None:
    _signed_in(page, server)
    page.goto(reverse("notices:delete_account"))


@state("account deletion, wrong password")
def _delete_account_error(page: Page, server: str) -> None:
    _delete_account(page, server)
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".error-summary")).to_be_visible()


@state("unsubscribe")
def _unsubscribe(page: Page, server: str) -> None:
    user = UserFactory.create(email="alice@example.com")
    page.goto(reverse("notices:unsubscribe", kwargs={"token": unsubscribe_token(user.pk)}))


@state("unsubscribe, done")
def _unsubscribed(page: Page, server: str) -> None:
    _unsubscribe(page, server)
    page.get_by_role("button", name="Stop all reminders").click()
    wait_for_heading(page, "Reminders are off")


@pytest.fixture(scope="module")
def axe_context(chromium: Any, live_server: Any) -> Iterator[Any]:
    """One context for all these tests (a new one per test costs more than the checks).

    bypass_csp=True is for axe only: see the module docstring.
    """
    context = chromium.new_context(
        bypass_csp=True, base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def axe_page(axe_context: Any, server: str) -> Iterator[Any]:
    """A fresh page in the shared context, signed out (no cookies from the last test)."""
    axe_context.clear_cookies()
    page = axe_context.new_page()
    yield page
    page.close()


# The main pages again on a small phone: the site works at 320 px wide (WCAG 1.4.10
# Reflow), where tables scroll and the navigation wraps.
PHONE = ", 320 px wide"
ON_A_PHONE = [
    "home",
    "guide is-it-real",
    "check-up can-pay, swapped in",
    "plan",
    "case page",
    "estimator with results",
    "letter preview",
    "reminder settings",
]


@pytest.mark.parametrize("name", [*STATES, *(name + PHONE for name in ON_A_PHONE)])
def test_page_is_accessible(axe_page: Any, server: str, name: str) -> None:
    page = axe_page
    if name.endswith(PHONE):
        name = name.removesuffix(PHONE)
        page.set_viewport_size({"width": 320, "height": 640})
    STATES[name](page, server)
    page.wait_for_load_state()
    problems = []
    if violations := axe_violations(page):
        problems.append(f"axe-core found {len(violations)} violation(s):\n")
        problems.append(describe_violations(violations))
    if targets := target_size_problems(page):
        problems.append("Targets smaller than 24 x 24 CSS px (WCAG 2.5.8):")
        problems.extend(f"- {target}" for target in targets)
    if basics := page_basics_problems(page):
        problems.append("Page basics (language, title, one h1, current step):")
        problems.extend(f"- {basic}" for basic in basics)
    assert not problems, f"{name} at {page.url}:\n" + "\n".join(problems)
