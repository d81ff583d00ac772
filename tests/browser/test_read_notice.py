"""Read my notice in a real browser on a phone (375 px): upload a PDF under the site's real
CSP, review and fix a value, save; and the upload, progress and review pages are axe clean.

The task runs at once in the live server's thread (the `eager` fixture), as a worker would.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.models import Case
from notices.reading import store
from tests.browser.a11y import axe_violations, describe_violations, target_size_problems
from tests.browser.sessions import sign_in
from tests.factories import UserFactory
from tests.notices.reading.conftest import leftovers, notice_pdf
from tests.notices.reading.test_reading_accuracy import notices_text

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def reading_dir(settings, tmp_path):
    folder = tmp_path / "reading"
    settings.READING_TMP_DIR = str(folder)
    return folder


def test_upload_a_pdf_review_fix_and_save_on_a_phone(open_context, server, eager, reading_dir):
    user: Any = UserFactory(email="reader@example.com")
    context = open_context(viewport=PHONE)
    sign_in(context, server, user)
    page = context.new_page()
    page.goto(reverse("notices:case_create"))
    page.get_by_role("link", name="Read it from a PDF or photo of my notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Read my notice")
    page.get_by_label("Your notice as a PDF or a photo").set_input_files(
        files=[{"name": "cp501.pdf", "mimeType": "application/pdf", "buffer": notice_pdf("CP501")}]
    )
    page.get_by_role("button", name="Read my notice").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check what we read")
    assert leftovers(reading_dir) == []
    expect(page.get_by_label("Notice date")).to_have_value("2024-04-08")
    expect(page.get_by_label("Amount due", exact=True)).to_have_value("2215.75")
    expect(page.get_by_text("Amount due by April 29, 2024: $2,215.75").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the review scrolls sideways on a phone ({width} px)"
    page.get_by_label("Nickname").fill("Second bill for 2022")
    page.get_by_role("button", name="Save notice").click()

    expect(page.get_by_text("Your notice is saved.")).to_be_visible()
    case = Case.objects.get(owner=user)
    assert case.nickname == "Second bill for 2022" and case.notice_type == "CP501"
    assert str(case.amount_due) == "2215.75" and case.irs_phone == "800-555-0177"


def _check(page: Any, name: str) -> None:
    page.wait_for_load_state()
    problems = []
    if violations := axe_violations(page):
        problems.append(describe_violations(violations))
    problems.extend(target_size_problems(page))
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_the_upload_progress_and_review_pages_are_accessible(open_context, server):
    user: Any = UserFactory(email="reader@example.com")
    context = open_context(viewport=PHONE, bypass_csp=True)
    sign_in(context, server, user)
    page = context.new_page()

    page.goto(reverse("notices:read_start"))
    _check(page, "upload")
    page.get_by_role("button", name="Read my notice").click()  # nothing chosen: errors
    expect(
        page.get_by_text("Choose a file of your notice, or paste its text.").first
    ).to_be_visible()
    _check(page, "upload with an error")

    reading_id = store.start(user.pk)
    page.goto(reverse("notices:read_status", args=[reading_id]))
    expect(page.get_by_role("button", name="Check again")).to_be_visible()
    _check(page, "progress")
    store.fail(reading_id, "no_text")
    page.get_by_role("button", name="Check again").click()
    expect(page.get_by_role("heading", name="We couldn't read your notice")).to_be_visible()
    _check(page, "could not read")

    page.goto(reverse("notices:read_start"))
    page.get_by_label("Or paste the text of the notice").fill(notices_text("CP2000"))
    page.get_by_role("button", name="Read my notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what we read")
    _check(page, "review")
