"""A letter's PDF being made, in a real browser: with JavaScript the page updates by itself;
without it, "Check again" shows the news. Waiting, failed and ready are each axe clean, at
1280 px and at 375 px, and the buttons work from the keyboard.

The render runs here in the test, as the worker would (the live server shares this process
and its cache, so the letter can be shown "just queued" without any worker).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from notices.letters import mailing, rendering
from notices.models import Letter
from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    page_basics_problems,
    target_size_problems,
)
from tests.browser.sessions import sign_in
from tests.factories import UserFactory, make_case, make_letter

pytestmark = pytest.mark.browser
# Nested this deep, the snapshot makes WeasyPrint give up: a real failed render.
BROKEN = "<!doctype html><html lang='en'><body>" + "<div>" * 5000 + "x</body></html>"
WIDTHS = [1280, 375]


@pytest.fixture
def owner(transactional_db: None) -> Any:
    return UserFactory(email="alice@example.com")


def just_queued(owner: Any) -> Letter:
    """A frozen letter whose render is queued and not started: the page shows progress."""
    letter = make_letter(make_case(owner))
    cache.set(rendering._note_key(letter.pk), (time.time(), 1), timeout=600)
    return letter


def open_page(open_context: Any, server: str, owner: Any, width: int, **options: Any) -> Any:
    context = open_context(viewport={"width": width, "height": 900}, **options)
    sign_in(context, server, owner)
    return context.new_page()


def assert_accessible(page: Any) -> None:
    problems = page_basics_problems(page) + target_size_problems(page)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_with_javascript_the_page_turns_into_the_download_by_itself(
    open_context, server, owner, width
):
    letter = just_queued(owner)
    page = open_page(open_context, server, owner, width, bypass_csp=True, accept_downloads=True)
    page.goto(reverse("notices:letter_detail", args=[letter.public_id]))
    status = page.locator("#letter-file")
    expect(status).to_contain_text("We are making your PDF.")
    expect(status).to_have_attribute("aria-live", "polite")
    assert (
        page.locator(f"a[href='{reverse('notices:letter_pdf', args=[letter.public_id])}']").count()
        == 0
    )
    assert_accessible(page)
    page.evaluate("window.stillTheSamePage = true")

    rendering.render(letter.pk)  # the worker finishes

    download = status.get_by_role("link", name="Download the PDF")
    expect(download).to_be_visible(timeout=10_000)
    expect(status).to_contain_text("Your PDF is ready.")
    assert page.evaluate("window.stillTheSamePage === true"), "the page reloaded"
    assert_accessible(page)
    download.focus()
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    letter.refresh_from_db()
    with letter.pdf.open("rb") as stored:
        assert Path(caught.value.path()).read_bytes() == stored.read()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_check_again_shows_the_ready_pdf(open_context, server, owner, width):
    letter = just_queued(owner)
    page = open_page(open_context, server, owner, width, java_script_enabled=False)
    page.goto(reverse("notices:letter_detail", args=[letter.public_id]))
    expect(page.locator("#letter-file")).to_contain_text("We are making your PDF.")
    check_again = page.get_by_role("link", name="Check again")
    check_again.click()
    expect(page.locator("#letter-file")).to_contain_text("We are making your PDF.")

    rendering.render(letter.pk)
    page.get_by_role("link", name="Check again").click()
    expect(page.locator("#letter-file")).to_contain_text("Your PDF is ready.")
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    expect(page.get_by_role("heading", name="After you mail it")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_failed_pdf_says_so_and_try_again_works_by_keyboard(
    open_context, server, owner, width, eager
):
    letter = just_queued(owner)
    good = letter.html_snapshot
    Letter.objects.filter(pk=letter.pk).update(html_snapshot=BROKEN)
    assert rendering.render(letter.pk) == Letter.Render.FAILED
    page = open_page(open_context, server, owner, width, bypass_csp=True)
    page.goto(reverse("notices:letter_detail", args=[letter.public_id]))
    status = page.locator("#letter-file")
    expect(status).to_contain_text("We could not make the PDF.")
    expect(status).to_contain_text("nothing is lost")
    assert_accessible(page)

    Letter.objects.filter(pk=letter.pk).update(html_snapshot=good)  # whatever broke is mended
    page.get_by_role("button", name="Try again").focus()
    page.keyboard.press("Enter")  # eager: the render runs as the request commits
    expect(page.get_by_text("We are making your PDF again.")).to_be_visible()
    expect(status).to_contain_text("Your PDF is ready.", timeout=10_000)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_mailed_form_is_accessible_and_explains_a_date_in_the_future(
    open_context, server, owner, width
):
    letter = just_queued(owner)
    rendering.render(letter.pk)
    page = open_page(open_context, server, owner, width, bypass_csp=True)
    page.goto(reverse("notices:letter_detail", args=[letter.public_id]))
    assert_accessible(page)  # the ready state, with the mailed form
    page.get_by_label("The date you mailed it").fill("2999-01-01")
    page.get_by_role("button", name="Save the mailing date").click()
    expect(page.locator("#error-summary")).to_contain_text("can't be in the future")
    assert_accessible(page)
    page.get_by_label("The date you mailed it").fill(f"{mailing.local_day(letter):%Y-%m-%d}")
    page.get_by_label("Certified mail tracking number (optional)").fill("9407 1118 9922")
    page.get_by_role("button", name="Save the mailing date").click()
    expect(page.locator("#mailed")).to_contain_text("Tracking number: 940711189922.")
    expect(page.locator("#mailed")).to_contain_text("Follow up on")
