"""'Your data' is readable: words, not field names; times on the person's own clock; nothing
that only means something inside our database. The JSON download stays complete."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from notices.models import Case, ChecklistItem, Reminder, SavedPlan
from notices.profiles import profile_for
from tests.factories import checkup_answers, make_contact, make_letter, make_payment
from tests.notices.visible import visible_text

RAW_NAMES = [
    "ssn_last4", "lease_until", "flow_answers", "attempts", "token_hash", "calendar_token",
    "unsubscribe_token", "public_id", "html_snapshot", "plan_done", "send_at", "message_id",
    "last_error", "render_status", "None",
]  # fmt: skip
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# 2025-03-12 14:00 UTC is 7:00 a.m. in Los Angeles and 10:00 a.m. in New York.
SENT_AT = datetime(2025, 3, 12, 14, 0, tzinfo=UTC)
SEND_AT = datetime(2025, 3, 23, 14, 0, tzinfo=UTC)


@pytest.fixture
def full_case(alice, case) -> Case:
    make_contact(case)
    make_payment(case)
    make_letter(case)  # (this saves the letter's sender details as the person's details)
    profile = profile_for(alice)
    profile.full_name = "Alice Marie Fairweather"
    profile.ssn_last4 = "1234"
    profile.address_line1 = "1200 Elm Street"
    profile.city, profile.state, profile.zip_code = "Springfield", "IL", "62704"
    profile.time_zone = "America/Los_Angeles"
    profile.save()
    ChecklistItem.objects.create(case=case, text="Find the notice", done=True, done_at=SENT_AT)
    Case.objects.filter(pk=case.pk).update(
        flow_answers=checkup_answers(), plan_done=["keep-records"]
    )
    Reminder.objects.filter(case=case).delete()
    Reminder.objects.create(
        case=case, kind="before-7@2025-03-24", about=date(2025, 3, 24), send_at=SENT_AT,
        status=Reminder.Status.SENT, sent_at=SENT_AT, attempts=1,
    )  # fmt: skip
    Reminder.objects.create(
        case=case, kind="due@2025-03-24", about=date(2025, 3, 24), send_at=SEND_AT
    )
    case.refresh_from_db()
    return case


def page_text(client) -> str:
    response = client.get(reverse("notices:your_data"))
    assert response.status_code == 200
    return visible_text(response.content.decode())


def test_no_raw_field_names_ids_or_iso_timestamps(alice_client, full_case):
    text = page_text(alice_client)
    for name in RAW_NAMES:
        assert name not in text, name
    assert not ISO_TIME.search(text), ISO_TIME.search(text)
    assert not ISO_DAY.search(text), ISO_DAY.search(text)
    assert str(full_case.public_id) not in text


def test_every_kind_of_data_is_there_in_words(alice_client, full_case):
    text = page_text(alice_client)
    for heading in (
        "Your account", "Your details for letters", "Your notices", "Calls and letters log",
        "Payments", "Checklist", "Letters", "Reminder emails", "Your check-up answers",
    ):  # fmt: skip
        assert heading in text, heading
    for shown in (
        "alice@example.com (confirmed)",
        "Alice Marie Fairweather",
        "Last 4 digits of your Social Security number 1234",
        "1200 Elm Street",
        "How long before the date to remind you 7 days, 1 day",
        "CP14 (first bill)",
        "Notice date March 3, 2025",
        "$2,450.18",
        "Ms. Rivera (ID 1002345)",
        "$500.00 on March 12, 2025, by IRS Direct Pay.",
        "Find the notice: done on March 12, 2025",
        "Dispute letter: the amount is wrong",
        "How did you get this bill?",  # a saved check-up question, with its answer
        "Keep a record of everything",  # a plan step marked done, by its title
    ):  # fmt: skip
        assert shown in text, shown


def test_reminders_say_when_they_were_or_will_be_sent_on_the_persons_clock(alice_client, full_case):
    text = page_text(alice_client)
    assert "Dates and times are shown in your time zone, America/Los_Angeles." in text
    assert (
        "Email 7 days before the date on your notice (March 24, 2025): "
        "Sent on March 12, 2025, 7:00 a.m." in text
    )
    assert (
        "Email on the date on your notice (March 24, 2025): "
        "Will be sent on March 23, 2025, 7:00 a.m." in text
    )
    # The call at 9:30 a.m. New York time is 6:30 a.m. in Los Angeles.
    assert "March 10, 2025, 6:30 a.m." in text


def test_another_time_zone_moves_every_time(alice_client, alice, full_case):
    profile = profile_for(alice)
    profile.time_zone = "America/New_York"
    profile.save()
    text = page_text(alice_client)
    assert "Sent on March 12, 2025, 10:00 a.m." in text
    assert "March 10, 2025, 9:30 a.m." in text


def test_the_json_download_stays_complete(alice_client, full_case):
    data = json.loads(alice_client.get(reverse("notices:export_json")).content)
    profile = data["profile"]
    assert profile["ssn_last4"] == "1234" and profile["time_zone"] == "America/Los_Angeles"
    exported = data["cases"][0]
    assert exported["flow_answers"]["arrived"] == "mail"
    sent = next(r for r in exported["reminders"] if r["kind"].startswith("before"))
    assert {"lease_until", "attempts", "sent_at", "send_at", "status"} <= set(sent)
    assert sent["attempts"] == 1 and sent["sent_at"].startswith("2025-03-12T14:00")
    assert exported["letters"][0]["html_snapshot"]


def test_the_page_shows_only_my_own_data(alice_client, outsider, full_case):
    from tests.factories import make_case

    make_case(outsider, nickname="Mallory's notice")
    assert "Mallory" not in page_text(alice_client)


def test_what_people_typed_is_escaped(alice_client, full_case):
    Case.objects.filter(pk=full_case.pk).update(nickname="<script>x()</script>", notes="<b>n</b>")
    html = alice_client.get(reverse("notices:your_data")).content.decode()
    assert "<script>x()</script>" not in html and "&lt;script&gt;" in html
    assert "<b>n</b>" not in html


def test_a_plan_waiting_to_be_emailed_to_me_is_shown(alice_client, full_case):
    SavedPlan.objects.create(
        token_hash="a" * 64, answers={}, email="alice@example.com", expires_at=SEND_AT
    )
    SavedPlan.objects.create(
        token_hash="b" * 64, answers={}, email="someone@example.com", expires_at=SEND_AT
    )
    text = page_text(alice_client)
    assert "A plan to email to alice@example.com" in text
    assert "March 23, 2025" in text and "someone@example.com" not in text


def test_a_letter_follow_up_reminder_says_what_it_is_for(alice_client, full_case):
    letter = full_case.letters.get()
    Reminder.objects.create(
        case=full_case, kind=f"letter-follow-up@{letter.public_id}@2025-04-24",
        about=date(2025, 4, 24), send_at=SEND_AT,
    )  # fmt: skip
    text = page_text(alice_client)
    assert "Email to check on the letter you mailed (April 24, 2025)" in text
