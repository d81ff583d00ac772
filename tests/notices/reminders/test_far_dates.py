"""Dates saved before the forms checked them (9999-12-31, 0001-01-01) never break a page,
a calendar file, the private feed or reminder scheduling: those dates are left out."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from notices.models import Case, Reminder
from notices.profiles import profile_for
from tests.factories import checkup_answers, make_case, make_contact

NOW = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
FAR_DATES = [date.max, date.min, date(1999, 12, 31), date(2100, 1, 1)]
GOOD_FOLLOW_UP = date(2026, 12, 21)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def pages(client: Client, case: Case) -> dict[str, str]:
    token = profile_for(case.owner).calendar_token
    return {
        "case page": reverse("notices:case_detail", args=[case.public_id]),
        "dashboard": reverse("notices:dashboard"),
        "calendar file": reverse("notices:case_calendar", args=[case.public_id]),
        "calendar feed": reverse("notices:calendar_feed", kwargs={"token": token}),
        "case estimator": reverse("notices:case_estimate", args=[case.public_id]),
        "edit form": reverse("notices:case_edit", args=[case.public_id]),
        "your data": reverse("notices:your_data"),
        "export": reverse("notices:export_json"),
    }


def events(client: Client, url: str) -> dict[str, date]:
    """The events of a calendar file: {UID: day}."""
    calendar = Calendar.from_ical(client.get(url).content)
    return {str(event["uid"]): event.decoded("dtstart") for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize("far", FAR_DATES, ids=str)
def test_a_far_pay_by_date_saved_long_ago_breaks_no_page(alice, alice_client, far):
    case = make_case(alice, notice_date=date(2026, 11, 2), pay_by=date(2026, 11, 23))
    contact = make_contact(case, follow_up_on=GOOD_FOLLOW_UP)
    Case.objects.filter(pk=case.pk).update(pay_by=far)
    for name, url in pages(alice_client, case).items():
        assert alice_client.get(url).status_code == 200, name
    # The calendar leaves the odd date out and keeps the good follow-up.
    found = events(alice_client, pages(alice_client, case)["calendar file"])
    assert list(found.values()) == [GOOD_FOLLOW_UP]
    assert str(contact.public_id) in next(iter(found))
    # Saving reminder settings schedules every case again: no reminder about the odd date.
    settings = {
        "reminders_enabled": "on",
        "reminder_lead_days": ["7"],
        "time_zone": "America/Denver",
    }
    response = alice_client.post(reverse("notices:reminder_settings"), settings)
    assert response.status_code == 302
    pending = Reminder.objects.filter(case=case, status=Reminder.Status.PENDING)
    assert {row.about for row in pending} == {GOOD_FOLLOW_UP}


@pytest.mark.parametrize("far", FAR_DATES, ids=str)
def test_a_far_follow_up_saved_long_ago_breaks_no_page(alice, alice_client, far):
    case = make_case(alice, notice_date=date(2026, 11, 2), pay_by=date(2026, 11, 23))
    make_contact(case, follow_up_on=far)
    for name, url in pages(alice_client, case).items():
        assert alice_client.get(url).status_code == 200, name
    # The notice's own date is still in the calendar; the odd follow-up is not.
    found = events(alice_client, pages(alice_client, case)["calendar feed"])
    assert list(found.values()) == [date(2026, 11, 23)]
    # Logging another call schedules reminders again, and the good follow-up gets one.
    call = {
        "contact-contacted_at": "2026-11-20T09:30", "contact-channel": "phone",
        "contact-employee_name": "", "contact-employee_id": "", "contact-summary": "Again.",
        "contact-reference_number": "", "contact-follow_up_on": str(GOOD_FOLLOW_UP),
    }  # fmt: skip
    response = alice_client.post(reverse("notices:contact_add", args=[case.public_id]), call)
    assert response.status_code == 302
    abouts = {row.about for row in case.reminders.filter(status=Reminder.Status.PENDING)}
    assert GOOD_FOLLOW_UP in abouts and far not in abouts


def test_the_estimator_on_a_case_with_a_far_pay_by_date_explains_instead_of_failing(
    alice, alice_client
):
    case = make_case(alice)
    Case.objects.filter(pk=case.pk).update(pay_by=date.max)
    url = reverse("notices:case_estimate", args=[case.public_id])
    data = {
        "amount_due": "2450.18", "notice_date": "2025-03-03", "pay_by": "9999-12-31",
        "tax_year": "2024", "plan_months": "12", "apply_online": "yes", "direct_debit": "yes",
    }  # fmt: skip
    response = alice_client.post(url, data)
    assert response.status_code == 200
    assert response.context["estimate"] is None
    assert "more than a year after the notice date" in response.content.decode()


def test_a_case_page_with_a_plan_and_a_pay_by_date_of_9999_opens(alice, alice_client):
    case = make_case(alice)
    Case.objects.filter(pk=case.pk).update(pay_by=date.max, flow_answers=checkup_answers())
    page = alice_client.get(reverse("notices:case_detail", args=[case.public_id]))
    assert page.status_code == 200


@pytest.mark.parametrize("notice_type", ["CP14", "CP504", "LT11"])
def test_a_stored_notice_date_of_9999_opens_every_page(alice, alice_client, notice_type):
    case = make_case(alice)
    Case.objects.filter(pk=case.pk).update(
        notice_type=notice_type, notice_date=date.max, pay_by=None, flow_answers=checkup_answers()
    )
    for url in (
        reverse("notices:case_detail", args=[case.public_id]),
        reverse("notices:dashboard"),
        reverse("notices:case_calendar", args=[case.public_id]),
    ):
        assert alice_client.get(url).status_code == 200, url
