"""The check-up and the notice page work from the keyboard alone (WCAG 2.1.1 Keyboard).

Tab, Shift+Tab, Space and Enter move around and press things; text goes into fields by
typing. After every htmx swap, focus must be where a keyboard or screen reader user needs
it: the new question's heading, the error summary, the button just pressed or the
confirmation. The site's real CSP applies.

One exception, which is how every browser's radio buttons work: a radio group is a single Tab
stop, and Tab (or Shift+Tab) into a group with nothing chosen lands on its first option. A
later option is chosen with the arrow keys, so the test presses ArrowDown inside a radio group
and nowhere else.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.checkup import flow
from tests.browser.seed import owner_with_everything
from tests.browser.sessions import sign_in

pytestmark = pytest.mark.browser

# From the first question to the plan, through every part of the check-up.
KEYBOARD_PATH = [
    ("arrived", "mail"),
    ("red-flags", "no"),
    ("notice-details", "yes"),
    ("online-account", "shows"),
    ("already-paid", "no"),
    ("amount-check", "matches"),
    ("can-pay", "monthly"),
    ("has-penalty", "yes"),
    ("fta-history", "none"),
    ("fta-filed", "yes"),
    ("fta-paid", "not_sure"),
]
MAX_TABS = 150  # the notice page has many links before its checklist
ACTIVE = """() => {
  const el = document.activeElement;
  return el === document.body ? 'the page itself' : el.outerHTML.slice(0, 160);
}"""


def focused(page: Any, selector: str) -> bool:
    return bool(page.evaluate("s => document.activeElement.matches(s)", selector))


def tab_to(page: Any, selector: str, *, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector}")


def expect_focus(page: Any, selector: str) -> None:
    """Focus is on `selector` (waits for the swap to settle)."""
    expect(page.locator(selector)).to_be_focused()


def choose(page: Any, slug: str, value: str) -> None:
    """From the question's heading: Tab into the answers, choose one, Tab to Continue, Enter."""
    page.keyboard.press("Tab")
    assert focused(page, "input[type=radio]"), page.evaluate(ACTIVE)
    page.keyboard.press("Space")  # the first answer
    position = [option.value for option in flow.STEPS[slug].options].index(value)
    for _ in range(position):
        page.keyboard.press("ArrowDown")  # the radio group's own key: moves and chooses
    assert focused(page, f"input[type=radio][value='{value}']:checked"), page.evaluate(ACTIVE)
    page.keyboard.press("Tab")
    assert focused(page, "button[type=submit]"), page.evaluate(ACTIVE)
    page.keyboard.press("Enter")


def test_the_check_up_by_keyboard_alone(open_context: Any) -> None:
    page = open_context(locale="en-US").new_page()
    page.goto(reverse("notices:flow_start"))
    tab_to(page, "a.button")  # "Start the check-up"
    page.keyboard.press("Enter")

    # The first screen is a whole page: type the amount, Enter submits the form.
    expect(page.locator("h1")).to_have_text(str(flow.STEPS[flow.DETAILS].question))
    tab_to(page, "input[name=amount]")
    page.keyboard.type("2,450.18")
    page.keyboard.press("Enter")

    # The first question is swapped in: focus on its heading, the URL follows.
    expect_focus(page, "h1#question")
    expect(page).to_have_url(reverse("notices:flow_step", kwargs={"step": "arrived"}))

    # Continue without an answer: the error summary takes focus, and leads to the answers.
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect_focus(page, "#error-summary")
    expect(page).to_have_title(re.compile(r"^Error: How did you get this bill\?"))
    page.keyboard.press("Tab")  # the summary's link to the answers
    assert focused(page, "#error-summary a[href='#answer-1']"), page.evaluate(ACTIVE)
    page.keyboard.press("Enter")
    expect_focus(page, "#answer-1")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect_focus(page, "h1#question")

    for slug, value in KEYBOARD_PATH[1:]:
        expect(page.locator("h1#question")).to_have_text(str(flow.STEPS[slug].question))
        expect(page).to_have_url(reverse("notices:flow_step", kwargs={"step": slug}))
        if slug == "can-pay":
            # Back one step: the link before the heading. The earlier answer is kept.
            page.keyboard.press("Shift+Tab")
            assert focused(page, "a.back-link"), page.evaluate(ACTIVE)
            page.keyboard.press("Enter")
            expect_focus(page, "h1#question")
            expect(page.locator("h1#question")).to_have_text(
                str(flow.STEPS["amount-check"].question)
            )
            page.keyboard.press("Tab")
            assert focused(page, "input[value=matches]:checked"), page.evaluate(ACTIVE)
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            expect_focus(page, "h1#question")
            expect(page.locator("h1#question")).to_have_text(str(flow.STEPS[slug].question))
        choose(page, slug, value)
        expect_focus(page, "h1")

    expect(page).to_have_url(reverse("notices:flow_plan"))
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect_focus(page, "h1")
    tab_to(page, "a[href$='/check-up/save/']")  # "Save this plan" is reachable too


def test_the_notice_page_by_keyboard_alone(open_context: Any, server: str) -> None:
    # The browser's locale decides the order of a date field's parts: month, day, year.
    page = open_context(locale="en-US").new_page()
    owner = owner_with_everything()
    sign_in(page.context, server, owner.user)
    page.goto(reverse("notices:case_detail", kwargs={"public_id": owner.case.public_id}))

    # Tick a checklist item, and untick it: focus stays on the button just pressed.
    first_item = owner.case.checklist.order_by("kind", "position", "id").first()
    assert first_item is not None
    toggle = f"#checklist button.check-toggle:has-text({first_item.text!r})"
    tab_to(page, "#checklist button.check-toggle")
    page.keyboard.press("Space")
    expect(page.locator(toggle)).to_have_attribute("aria-pressed", "true")
    expect_focus(page, toggle)
    page.keyboard.press("Enter")
    expect(page.locator(toggle)).to_have_attribute("aria-pressed", "false")
    expect_focus(page, toggle)

    # Add an item of our own: focus goes to it.
    tab_to(page, "#checklist input[name=item-text]")
    page.keyboard.type("Find the March bank statement")
    page.keyboard.press("Enter")
    new_item = "#checklist button.check-toggle:has-text('Find the March bank statement')"
    expect_focus(page, new_item)

    # Log a payment: open the form, save it empty, get the error summary, then fill it in.
    tab_to(page, "#payments summary")
    page.keyboard.press("Enter")
    tab_to(page, "#payments form.stacked-form button[type=submit]")
    page.keyboard.press("Enter")
    expect_focus(page, "#payments #error-summary")
    tab_to(page, "#payments input[name=payment-paid_on]")
    day = owner.case.notice_date
    page.keyboard.type(f"{day:%m%d%Y}")
    expect(page.locator("#payments input[name=payment-paid_on]")).to_have_value(f"{day:%Y-%m-%d}")
    tab_to(page, "#payments input[name=payment-amount]")
    page.keyboard.type("250")
    page.keyboard.press("Tab")
    assert focused(page, "#payments select[name=payment-method]"), page.evaluate(ACTIVE)
    page.keyboard.type("IRS")  # type-ahead picks "IRS Direct Pay"
    tab_to(page, "#payments form.stacked-form button[type=submit]")
    page.keyboard.press("Enter")
    expect_focus(page, "#payments .message")
    expect(page.locator("#payments")).to_contain_text("$250.00")
    expect(page.locator("#payments")).to_contain_text("Paid so far: $750.00.")

    # Log a call the same way (its section is above: back up with Shift+Tab).
    tab_to(page, "#contacts summary", back=True)
    page.keyboard.press("Enter")
    tab_to(page, "#contacts input[name=contact-contacted_at]")
    page.keyboard.type(f"{day:%m%d%Y}")
    page.keyboard.press("Tab")  # from the year to the time: a year can have six digits
    page.keyboard.type("0945A")
    expect(page.locator("#contacts input[name=contact-contacted_at]")).to_have_value(
        f"{day:%Y-%m-%d}T09:45"
    )
    tab_to(page, "#contacts select[name=contact-channel]")  # Tab walks the field's parts first
    page.keyboard.type("Ph")  # "Phone call"
    tab_to(page, "#contacts textarea[name=contact-summary]")
    page.keyboard.type("Asked for a payment trace.")
    tab_to(page, "#contacts form.stacked-form button[type=submit]")
    page.keyboard.press("Enter")
    expect_focus(page, "#contacts .message")
    expect(page.locator("#contacts")).to_contain_text("Asked for a payment trace.")
    assert owner.case.contacts.filter(summary="Asked for a payment trace.").exists()
