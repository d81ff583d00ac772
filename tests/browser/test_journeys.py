"""A new user's whole journey, through the UI only, as a person would: with and without
JavaScript. The site's real CSP applies throughout.

Home page, a guide page, search, the check-up as a visitor, sign up, confirm the email from
the outbox, save the plan into a new notice with real figures, the deadline, a call and a
payment, the estimator from the notice, a dispute letter downloaded as a PDF and read back,
reminder lead times, a reminder email, one-click unsubscribe, the data export, and deleting
the account.

Two things a person can't do happen in the test process: reading the outbox (the live server
runs in this process with the locmem email backend) and moving a reminder's send time into
the past, because the live server's clock can't be moved.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from guidance.content import get_page
from notices.checkup import flow
from notices.models import Case, Profile, Reminder
from notices.reminders import sending
from tests.browser.seed import SENDER, STEP_SLUGS, dates
from tests.factories import CHECKUP_PATH

pytestmark = pytest.mark.browser

EMAIL = "rosa.diaz@example.com"
PASSWORD = "blue kettle on a quiet porch"
BROWSER_ZONE = "America/Chicago"


def send_week_before_reminder(case: Case, due: date) -> Any:
    """After lead times 14, 7 and 3 days were chosen: check they are planned, then send the
    "7 days before" email. The dispatcher: the live server's clock can't move, so the test
    moves that reminder's send time into the past, then claims and sends it as a worker
    would. Returns the one email sent."""
    kinds = set(
        Reminder.objects.filter(case=case, status=Reminder.Status.PENDING).values_list(
            "kind", flat=True
        )
    )
    assert {f"before-14@{due}", f"before-7@{due}", f"before-3@{due}", f"due@{due}"} <= kinds
    assert f"before-1@{due}" not in kinds
    week_before = Reminder.objects.get(case=case, kind=f"before-7@{due}")
    Reminder.objects.filter(pk=week_before.pk).update(send_at=timezone.now() - timedelta(minutes=1))
    mail.outbox.clear()
    assert sending.claim_due() == [week_before.pk]
    assert sending.send(week_before.pk).sent
    [reminder] = mail.outbox
    return reminder


def long_date(day: date) -> str:
    """As the site writes dates: Monday, March 24, 2025."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def step_url(slug: str) -> str:
    if slug == flow.END:
        return reverse("notices:flow_plan")
    return reverse("notices:flow_step", kwargs={"step": slug})


def guide_title(slug: str) -> str:
    page = get_page(slug)
    assert page is not None, slug
    return page.title


def link_in(text: str, path_part: str) -> str:
    return next(word for word in text.split() if path_part in word).strip("<>")


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:  # .ci/run installs poppler-utils; say so plainly anywhere else
        pytest.fail("pdftotext (Debian package poppler-utils) is needed to read the letter")
    result = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(result.stdout.split())


def watch_for_errors(page: Any) -> list[str]:
    """Collect script errors, CSP refusals and failed requests (the site has no favicon)."""
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", on_console)
    return errors


def count_page_loads(page: Any) -> list[str]:
    """URLs of whole-page loads from now on (htmx swaps and pushState don't count)."""
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    return loads


def answer(page: Any, slug: str, value: str) -> None:
    """Choose an answer by its label and continue, as a person would."""
    step = flow.STEPS[slug]
    expect(page.locator("h1")).to_have_text(str(step.question))
    label = next(str(option.label) for option in step.options if option.value == value)
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_new_user_from_first_visit_to_deleting_the_account(
    open_context: Any, server: str, javascript: bool, tmp_path: Path, eager: None
) -> None:
    context = open_context(
        java_script_enabled=javascript, timezone_id=BROWSER_ZONE, accept_downloads=True
    )
    page = context.new_page()
    errors = watch_for_errors(page)
    d = dates()

    # The home page, then a guide page from it
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Got a CP14? Start here.")
    page.get_by_role("link", name="Check it is real").click()
    expect(page.locator("h1")).to_have_text(guide_title("is-it-real"))

    # Search from the header, and open a result
    page.get_by_role("searchbox", name="Search the guide").fill("payment plan")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("Search results for “payment plan”"))
    first_result = page.locator(".search-results").get_by_role("link").first
    result_title = first_result.inner_text()
    first_result.click()
    expect(page.locator("h1")).to_have_text(result_title)

    # The check-up, as a visitor
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check-up").click()
    page.get_by_role("link", name="Start the check-up").click()
    expect(page.locator("h1")).to_have_text(str(flow.STEPS[flow.DETAILS].question))
    page.get_by_label("Notice date").fill(d.notice_date.isoformat())
    page.get_by_label("Date to pay or answer by").fill(d.pay_by.isoformat())
    page.get_by_label("Amount due").fill("$2,450.18")
    loads = count_page_loads(page)
    page.get_by_role("button", name="Continue").click()
    for (slug, value), following in zip(CHECKUP_PATH, [*STEP_SLUGS[2:], flow.END], strict=True):
        answer(page, slug, value)
        expect(page).to_have_url(step_url(following))  # so Back, reload and bookmarks work
    # With JavaScript each step is swapped in; without, each answer loads a page.
    assert len(loads) == (0 if javascript else len(CHECKUP_PATH) + 1)
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect(page.locator(".plan-due")).to_contain_text(
        f"Act by {long_date(d.pay_by)}: question the part you think is wrong"
    )
    expect(page.get_by_role("heading", name="Apply for a long-term payment plan")).to_be_visible()

    # Save the plan: that needs an account
    page.get_by_role("link", name="Save this plan").click()
    page.locator(".form-actions").get_by_role("link", name="Create an account").click()
    expect(page.locator("h1")).to_have_text("Create an account")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("h1")).to_have_text("Save your plan")  # back where we were going
    # Signed in with production's cookie: __Host- prefixed, Secure, HttpOnly (conftest.py).
    [session_cookie] = [c for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] and session_cookie["httpOnly"]

    # Confirm the email address with the link from the outbox
    confirmation = next(message for message in mail.outbox if EMAIL in message.to)
    page.goto(link_in(str(confirmation.body), "/accounts/confirm-email/"))
    page.get_by_role("button", name="Yes, confirm my email").click()
    expect(page.locator(".messages")).to_contain_text(f"Your email address {EMAIL} is confirmed")
    assert EmailAddress.objects.get(email=EMAIL).verified

    # Back to the plan (the answers are still in the session), and save it with a new notice
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Check-up").click()
    page.get_by_role("link", name="See your plan").click()
    page.get_by_role("link", name="Save this plan").click()
    page.get_by_label("A new notice: you add its details next").check()
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("h1")).to_have_text("Save your plan as a notice")
    # No typing twice: the check-up's dates and amount are already filled in (WCAG 3.3.7).
    expect(page.get_by_label("Notice date")).to_have_value(d.notice_date.isoformat())
    expect(page.get_by_label("Date printed on the notice to pay or answer by")).to_have_value(
        d.pay_by.isoformat()
    )
    expect(page.get_by_label("Amount due")).to_have_value("2450.18")
    page.get_by_label("Nickname").fill("Rosa's 2024 taxes")
    page.get_by_label("Tax year").fill(str(d.tax_year))
    page.get_by_label("Tax (optional)").fill("2,100.00")
    page.get_by_label("Penalties (optional)").fill("210.00")
    page.get_by_label("Interest (optional)").fill("140.18")
    page.get_by_label("IRS phone number on the notice").fill("800-829-1040")
    page.get_by_label("IRS address for letters").fill(
        "Internal Revenue Service\nKansas City, MO 64999-0010"
    )
    page.get_by_label("IRS address for payments").fill(
        "Internal Revenue Service\nP.O. Box 931000\nLouisville, KY 40293-1000"
    )
    page.get_by_role("button", name="Save notice").click()
    expect(page.locator(".messages")).to_contain_text("Your notice is saved, with your check-up")
    expect(page.locator("h1")).to_have_text("Your action plan for Rosa's 2024 taxes")
    case = Case.objects.get(owner__email=EMAIL)
    assert case.flow_answers == dict(CHECKUP_PATH)
    # The browser's time zone (timezone.js) sets when reminders arrive; without JavaScript,
    # the site's default stands.
    expected_zone = BROWSER_ZONE if javascript else "America/New_York"
    assert Profile.objects.get(user=case.owner).time_zone == expected_zone

    # The deadline, on the notice's page
    page.get_by_role("link", name="Back to Rosa's 2024 taxes").click()
    expect(page.locator("h1")).to_have_text("Rosa's 2024 taxes")
    days_left = (d.pay_by - timezone.localdate()).days
    expect(page.locator(".case-when")).to_contain_text(f"{days_left} days left")
    expect(page.locator(".case-when")).to_contain_text(f"Pay by {long_date(d.pay_by)}.")

    # Log a call, then a payment
    contacts = page.locator("#contacts")
    contacts.get_by_text("Log a call or letter").click()
    contacts.get_by_label("Date and time").fill(f"{d.notice_date + timedelta(days=1)}T10:15")
    contacts.get_by_label("How").select_option(label="Phone call")
    contacts.get_by_label("IRS employee name").fill("Mr. Okafor")
    contacts.get_by_label("IRS employee ID number").fill("1004567")
    contacts.get_by_label("What was said or agreed").fill("He said to send a letter.")
    contacts.get_by_label("Reference number").fill("REF-2231")
    loads = count_page_loads(page)
    contacts.get_by_role("button", name="Save").click()
    expect(page.locator("#contacts .log-entry")).to_contain_text("Mr. Okafor (ID 1004567)")
    if javascript:  # saved in place, and focus is on the confirmation
        expect(page.locator("#contacts .message")).to_be_focused()
        assert not loads
    payments = page.locator("#payments")
    payments.get_by_text("Log a payment").click()
    payments.get_by_label("Date paid").fill((d.notice_date + timedelta(days=2)).isoformat())
    payments.get_by_label("Amount").fill("500")
    payments.get_by_label("How you paid").select_option(label="IRS Direct Pay")
    payments.get_by_label("Confirmation or check number").fill("DP-90817")
    payments.get_by_role("button", name="Save").click()
    expect(page.locator("#payments")).to_contain_text(
        "Paid so far: $500.00. Left to pay: $1,950.18."
    )

    # What waiting would cost, from the notice
    page.get_by_role("link", name="See what waiting would cost").click()
    expect(page.get_by_label("Amount due on the notice")).to_have_value("2450.18")
    page.get_by_role("button", name="Estimate the cost").click()
    expect(page.get_by_role("heading", name="Your estimate")).to_be_visible()
    expect(page.locator(".estimate")).to_contain_text(
        f"Your pay-by date is {long_date(d.pay_by)}. Pay $2,450.18 by then"
    )
    page.get_by_role("link", name="Back to Rosa's 2024 taxes").click()

    # A dispute letter: make it, check the preview, download the PDF and read it back
    page.get_by_role("link", name="The amount is wrong: write a dispute letter").click()
    expect(page.locator("h1")).to_have_text("Dispute letter")
    page.get_by_label("A payment I made is not credited").check()
    page.get_by_label("Explain in your own words").fill(
        f"I paid $500 with IRS Direct Pay on {long_date(d.notice_date + timedelta(days=2))}."
    )
    for label, name in [
        ("Your full name", "full_name"),
        ("Street address", "address_line1"),
        ("City", "city"),
        ("ZIP code", "zip_code"),
        ("Daytime phone", "daytime_phone"),
    ]:
        page.get_by_label(label, exact=True).fill(SENDER[name])
    page.get_by_label("State", exact=True).select_option(SENDER["state"])
    page.get_by_role("button", name="Make the letter").click()
    # The PDF is made by a worker once the letter is saved (here at once: `eager`).
    expect(page.locator(".messages")).to_contain_text("Your letter is saved.")
    expect(page.locator(".letter-preview")).to_contain_text(SENDER["full_name"])
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").first.click()
    pdf = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(pdf)
    assert pdf.name.startswith(f"cp14-{d.tax_year}-")
    text = pdf_text(pdf)
    notice_day = f"{d.notice_date:%B} {d.notice_date.day}, {d.notice_date.year}"
    for fact in [SENDER["full_name"], "1200 Elm Street", "CP14", str(d.tax_year), notice_day,
                 "$2,450.18", "I paid $500 with IRS Direct Pay"]:  # fmt: skip
        assert fact in text, f"{fact!r} is not in the PDF:\n{text}"

    # Reminder lead times
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Reminder settings and calendar link").click()
    page.get_by_label("14 days before").check()
    page.get_by_label("3 days before").check()
    page.get_by_label("1 day before").uncheck()
    page.get_by_role("button", name="Save reminder settings").click()
    expect(page.locator(".messages")).to_contain_text("Your reminder settings are saved.")
    due = d.pay_by
    reminder = send_week_before_reminder(case, due)
    assert reminder.to == [EMAIL]
    assert long_date(due) in reminder.body
    assert reverse("notices:case_detail", kwargs={"public_id": case.public_id}) in reminder.body

    # One click to stop them all, from the link in the email
    page.goto(link_in(reminder.extra_headers["List-Unsubscribe"], "/reminders/unsubscribe/"))
    expect(page.locator("h1")).to_have_text("Stop reminder emails?")
    page.get_by_role("button", name="Stop all reminders").click()
    expect(page.locator("h1")).to_have_text("Reminders are off")
    assert not Profile.objects.get(user=case.owner).reminders_enabled
    assert not Reminder.objects.filter(case=case, status=Reminder.Status.PENDING).exists()

    # Download everything we keep
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all your data (JSON file)").click()
    export = json.loads(Path(download_info.value.path()).read_text())
    assert export["account"]["email"] == EMAIL
    [saved] = export["cases"]
    assert saved["amount_due"] == "2450.18" and saved["nickname"] == "Rosa's 2024 taxes"
    assert [c["employee_name"] for c in saved["contacts"]] == ["Mr. Okafor"]
    assert [p["amount"] for p in saved["payments"]] == ["500.00"]
    assert [letter["kind"] for letter in saved["letters"]] == ["dispute"]

    # And delete the account
    page.get_by_role("link", name="Delete your account").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(reverse("home"))
    expect(page.locator(".messages")).to_contain_text("Your account and everything in it")
    assert not User.objects.filter(email=EMAIL).exists()
    assert not Case.objects.exists()
    page.goto(reverse("notices:dashboard"))
    expect(page.locator("h1")).to_have_text("Sign in")  # signed out, nothing left

    assert not errors, "JavaScript errors or blocked resources (CSP?):\n" + "\n".join(errors)
