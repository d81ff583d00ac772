"""Read my notice from the check-up's details step, in a real browser, with no account:
on a phone (375 px) under the real CSP, without JavaScript, by keyboard alone; and each of
its pages is axe clean at 375 and 1280 px.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.checkup import flow
from notices.models import Case
from tests.browser.a11y import axe_violations, describe_violations, target_size_problems
from tests.notices.reading.conftest import leftovers, notice_pdf
from tests.notices.reading.test_reading_accuracy import notices_text

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
DETAILS = reverse("notices:flow_step", kwargs={"step": flow.DETAILS})
ARRIVED = reverse("notices:flow_step", kwargs={"step": "arrived"})
ACTIVE = "document.activeElement.outerHTML.slice(0, 120)"


@pytest.fixture
def reading_dir(settings, tmp_path):
    folder = tmp_path / "reading"
    settings.READING_TMP_DIR = str(folder)
    return folder


def _no_sideways_scroll(page: Any, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways on a phone ({width} px)"


def test_a_visitor_uploads_a_pdf_on_a_phone_and_goes_on(open_context, eager, reading_dir):
    page = open_context(viewport=PHONE).new_page()
    page.goto(DETAILS)
    page.get_by_role("link", name="Read these details from my notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Read my notice")
    page.get_by_label("Your notice as a PDF or a photo").set_input_files(
        files=[{"name": "cp14.pdf", "mimeType": "application/pdf", "buffer": notice_pdf("CP14")}]
    )
    page.get_by_role("button", name="Read my notice").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check what we read")
    assert leftovers(reading_dir) == []
    expect(page.get_by_label("Notice date")).to_have_value("2024-03-04")
    expect(page.get_by_label("Date to pay or answer by")).to_have_value("2024-03-25")
    expect(page.get_by_label("Amount due")).to_have_value("1486.40")
    expect(page.get_by_text("Guessed").first).to_be_visible()
    _no_sideways_scroll(page, "the review")
    page.get_by_label("Amount due").fill("1400.00")  # the person fixes a value
    page.get_by_role("button", name="Use these details").click()

    expect(page).to_have_url(re.compile(re.escape(ARRIVED) + "$"))
    expect(page.get_by_text("We filled in the details from your notice.")).to_be_visible()
    page.goto(DETAILS)
    expect(page.get_by_label("Amount due")).to_have_value("1400.00")
    expect(page.get_by_label("Date to pay or answer by")).to_have_value("2024-03-25")
    assert not Case.objects.exists()


def test_without_javascript_a_file_is_read_and_its_details_used(open_context, eager, reading_dir):
    page = open_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(DETAILS)
    page.get_by_role("link", name="Read these details from my notice").click()
    page.get_by_label("Your notice as a PDF or a photo").set_input_files(
        files=[{"name": "cp504.pdf", "mimeType": "application/pdf", "buffer": notice_pdf("CP504")}]
    )
    page.get_by_role("button", name="Read my notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what we read")
    expect(page.get_by_label("Which notice is it?")).to_have_value("CP504")
    page.get_by_role("button", name="Use these details").click()
    expect(page).to_have_url(re.compile(re.escape(ARRIVED) + "$"))

    page.goto(DETAILS)  # and "Throw this away" works without JavaScript too
    page.get_by_role("link", name="Read these details from my notice").click()
    page.get_by_label("Or paste the text of the notice").fill(notices_text("CP14"))
    page.get_by_role("button", name="Read my notice").click()
    page.get_by_role("button", name="Throw this away").click()
    expect(page).to_have_url(re.compile(re.escape(DETAILS) + "$"))
    expect(page.get_by_text("We threw away what we read.")).to_be_visible()


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}; at {page.evaluate(ACTIVE)}")


def test_by_keyboard_alone(open_context):
    page = open_context(viewport=DESKTOP).new_page()
    page.goto(DETAILS)
    _tab_to(page, f"a[href='{reverse('notices:flow_read_start')}']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Read my notice")
    _tab_to(page, "textarea[name=text]")
    page.keyboard.insert_text(notices_text("CP2000"))
    _tab_to(page, "main form.stacked-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what we read")
    expect(page.get_by_label("Amount due")).to_have_value("1299.00")
    _tab_to(page, "main form.stacked-form button[type=submit]:not(.button-secondary)")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(ARRIVED) + "$"))


def _check(page: Any, name: str) -> None:
    page.wait_for_load_state()
    problems = []
    if violations := axe_violations(page):
        problems.append(describe_violations(violations))
    problems.extend(target_size_problems(page))
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_check_up_reading_pages_are_accessible(open_context, viewport):
    page = open_context(viewport=viewport, bypass_csp=True).new_page()
    page.goto(DETAILS)
    _check(page, "details step with the offer")
    page.get_by_role("link", name="Read these details from my notice").click()
    _check(page, "upload")
    page.get_by_role("button", name="Read my notice").click()  # nothing chosen
    expect(
        page.get_by_text("Choose a file of your notice, or paste its text.").first
    ).to_be_visible()
    _check(page, "upload with an error")
    page.get_by_label("Or paste the text of the notice").fill(notices_text("CP2000"))
    page.get_by_role("button", name="Read my notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what we read")
    _check(page, "review")
    if viewport == PHONE:
        _no_sideways_scroll(page, "the review")
    page.get_by_label("Date to pay or answer by").fill("2020-01-01")  # before the notice
    page.get_by_role("button", name="Use these details").click()
    expect(page.locator("#error-summary")).to_be_visible()
    _check(page, "review with an error")
