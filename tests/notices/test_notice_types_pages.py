"""Each notice type in its own words (issue #13): the case page, the dashboard, reminder emails
and calendar events say pay, ask for a hearing or respond, as the notice does, and only a CP14
promises that paying in time stops interest."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from guidance.readability import grade_level, text_from_html
from notices import cases
from notices.irs.figures import figures
from notices.models import Case
from notices.reminders import sending
from tests.factories import make_case

# Friday March 14, 2025, in New York. Every notice below is dated Monday March 3, 2025.
TODAY = "2025-03-14 10:00:00-04:00"
INTEREST_PROMISE = "no more interest is added"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def text_of(page: str) -> str:
    """What a person reads: the page's text without tags, entities or extra spaces."""
    page = re.sub(r"(?s)<head.*?</head>|<script.*?</script>", " ", page)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


@dataclass(frozen=True)
class Row:
    code: str
    pay_by: date | None
    label: str  # the key date on the case page and the dashboard
    explanation: str  # how we found it
    about: str  # a line of the "About your …" box
    subject: str  # the first reminder email's subject
    body: str  # ... and the start of its body
    event: str  # the calendar event's title
    interest_promise: bool = False


ROWS = [
    Row(
        "CP14", None,
        label="Pay by Monday, March 24, 2025.",
        explanation="You didn't enter a pay-by date, so we counted 21 days from the notice date.",
        about="A CP14 is usually the first bill for a tax year.",
        subject="Your CP14 for 2024: pay-by date is Monday, March 24, 2025",
        body="Your CP14 for 2024: the pay-by date is Monday, March 24, 2025. That is 7 days "
        "from now.",
        event="Pay-by date: CP14 for 2024",
        interest_promise=True,
    ),
    Row(
        "CP501", date(2025, 3, 24),
        label="Pay by Monday, March 24, 2025.",
        explanation="This is the pay-by date printed on your notice.",
        about="A CP501 is the first reminder that you still owe.",
        subject="Your CP501 for 2024: pay-by date is Monday, March 24, 2025",
        body="Your CP501 for 2024: the pay-by date is Monday, March 24, 2025.",
        event="Pay-by date: CP501 for 2024",
    ),
    Row(
        "CP503", None,
        label="No date on file yet. Pay or call the IRS now, and add the date printed on your "
        "notice.",
        explanation="We can't work out the date to pay by for a CP503: only your notice has "
        "it. Please add the date printed on your notice, so we can remind you in time. Until "
        "then, pay or call the IRS as soon as you can.",
        about="A CP503 is the second reminder.",
        subject="Your CP503 for 2024: pay or call now, and add the date on your notice",
        body="Your CP503 for 2024: we don't have the date printed on it to pay by. Pay or call "
        "the IRS as soon as you can, and add the date on your notice's page.",
        event="Pay or call now: CP503 for 2024",
    ),
    Row(
        "CP504", date(2025, 4, 2),
        label="Pay by Wednesday, April 2, 2025.",
        explanation="This is the pay-by date printed on your notice.",
        # 10 days after March 3 is March 13: months that start from March 14 (IRC 6651(d)).
        about="If tax is still unpaid, the late-payment penalty goes up from {ftp_rate} to "
        "{ftp_levy_rate} a month, for each month that starts on or after Friday, March 14, 2025.",
        subject="Your CP504 for 2024: pay-by date is Wednesday, April 2, 2025",
        body="Your CP504 for 2024: the pay-by date is Wednesday, April 2, 2025.",
        event="Pay-by date: CP504 for 2024",
    ),
    Row(
        "LT11", None,
        label="Ask for a hearing by Wednesday, April 2, 2025.",
        explanation="You didn't enter a date from your notice, so we counted {hearing_days} days "
        "from the notice date.",
        about="You have {hearing_days} days from the notice date to ask for a Collection Due "
        "Process hearing. Your last day is Wednesday, April 2, 2025. Use Form 12153",
        subject="Your LT11 for 2024: last day to ask for a hearing is Wednesday, April 2, 2025",
        body="Your LT11 for 2024: the last day to ask for a hearing is Wednesday, April 2, 2025.",
        event="Last day to ask for a hearing: LT11 for 2024",
    ),
    Row(
        "CP2000", date(2025, 4, 2),
        label="Send your response by Wednesday, April 2, 2025.",
        explanation="This is the date printed on your notice to send your response by.",
        about="A CP2000 is a proposal, not a bill.",
        subject="Your CP2000 for 2024: send your response by Wednesday, April 2, 2025",
        body="Your CP2000 for 2024: send your response by Wednesday, April 2, 2025.",
        event="Send your response: CP2000 for 2024",
    ),
    Row(
        "CP2000", None,
        label="No date on file yet. Send your response or call the IRS now, and add the date "
        "printed on your notice.",
        explanation="We can't work out the date to send your response by for a CP2000",
        about="Answer on the response form that came with the notice",
        subject="Your CP2000 for 2024: answer now, and add the date on your notice",
        body="Your CP2000 for 2024: we don't have the date printed on it to send your response "
        "by.",
        event="Answer now: CP2000 for 2024",
    ),
]  # fmt: skip


def words(text: str) -> str:
    return text.format(**figures())


@pytest.fixture(params=ROWS, ids=lambda row: f"{row.code}-{'printed' if row.pay_by else 'none'}")
def row(request) -> Row:
    return request.param


@pytest.fixture
def notice(alice, row: Row) -> Case:
    return make_case(alice, notice_type=row.code, pay_by=row.pay_by)


def test_the_case_page_labels_and_explains_the_key_date(alice_client, notice, row):
    page = text_of(
        alice_client.get(reverse("notices:case_detail", args=[notice.public_id])).content.decode()
    )
    assert words(row.label) in page
    assert words(row.explanation) in page
    assert (INTEREST_PROMISE in page) is row.interest_promise
    if row.code in ("LT11", "CP2000"):
        assert "pay-by" not in page.lower() and "Pay by" not in page


def test_the_about_box_says_what_the_notice_is_changes_and_allows(alice_client, notice, row):
    page = alice_client.get(reverse("notices:case_detail", args=[notice.public_id]))
    section = page.content.decode().split('id="about-notice"', 1)[1].split(">", 1)[1]
    section = section.split("</section>")[0]
    about = text_of(section)
    assert f"About your {row.code}" in about
    assert words(row.about) in about
    assert grade_level(text_from_html(section)) <= 8
    guide = reverse("guidance:page", kwargs={"slug": "related-notices"})
    anchor = "lt11-or-letter-1058" if row.code == "LT11" else row.code.lower()
    assert f'href="{guide}#{anchor}"' in section  # the notice's own section of the guide


def test_the_dashboard_row_uses_the_notice_s_words(alice_client, notice, row):
    page = text_of(alice_client.get(reverse("notices:dashboard")).content.decode())
    assert words(row.label) in page
    assert (INTEREST_PROMISE in page) is False  # the dashboard never promises it


def first_email(case: Case) -> mail.EmailMultiAlternatives:
    """Send the case's first pending reminder, as the worker would at its time."""
    reminder = case.reminders.filter(status="pending").earliest("send_at")
    at = reminder.send_at + timedelta(minutes=1)
    assert reminder.pk in sending.claim_due(now=at)
    assert sending.send(reminder.pk, now=at).sent
    message = mail.outbox[-1]
    assert isinstance(message, mail.EmailMultiAlternatives)
    return message


def test_the_first_reminder_email_uses_the_notice_s_words(notice, row):
    message = first_email(notice)
    html = text_of(str(message.alternatives[0][0]))
    assert message.subject == row.subject
    assert message.body.startswith(row.body)
    assert row.body in html
    for text in (message.body, html):
        assert (INTEREST_PROMISE in text) is row.interest_promise
    if row.code in ("LT11", "CP2000"):
        assert all("pay-by" not in text.lower() for text in (message.subject, message.body, html))
    assert grade_level(str(message.body)) <= 8


def test_the_calendar_event_is_titled_for_the_notice(alice_client, notice, row):
    ics = alice_client.get(reverse("notices:case_calendar", args=[notice.public_id])).content
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["summary"]) == row.event
    assert event.decoded("dtstart") == notice.deadline.due
    assert str(event["uid"]).startswith(f"case-{notice.public_id}-pay-by@")  # as before


# Reminders follow the case's key date, whatever changes it


def pending_about(case: Case) -> set[date | None]:
    return set(case.reminders.filter(status="pending").values_list("about", flat=True))


def test_changing_the_type_moves_the_reminders_to_the_new_key_date(alice):
    case = make_case(alice, notice_type="LT11", pay_by=None)
    assert pending_about(case) == {date(2025, 4, 2)}  # 30 days to ask for a hearing
    cases.update_case(case=case, data={"notice_type": "CP14"})
    assert pending_about(case) == {date(2025, 3, 24)}  # 21 days to pay
    cancelled = case.reminders.filter(status="cancelled").values_list("about", flat=True)
    assert set(cancelled) == {date(2025, 4, 2)}


def test_adding_the_printed_date_replaces_the_act_now_nudges(alice):
    case = make_case(alice, notice_type="CP503", pay_by=None)
    assert pending_about(case) == {date(2025, 3, 3)}  # the notice date stands in
    cases.update_case(case=case, data={"pay_by": date(2025, 3, 28)})
    assert pending_about(case) == {date(2025, 3, 28)}
    assert set(case.reminders.filter(status="pending").values_list("kind", flat=True)) == {
        "before-7@2025-03-28",
        "before-1@2025-03-28",
        "due@2025-03-28",
    }


def test_after_a_missed_hearing_date_the_email_points_to_the_equivalent_hearing(alice):
    case = make_case(alice, notice_type="LT11", pay_by=None, notice_date=date(2025, 2, 3))
    # 30 days after February 3 is March 5; a week later comes the first weekly nudge.
    message = first_email(case)
    assert message.subject == (
        "Your LT11 for 2024: the last day to ask for a hearing was Wednesday, March 5, 2025"
    )
    assert "equivalent hearing" in message.body
    assert "pay-by" not in message.body.lower()


def test_a_weekly_nudge_names_the_notices_that_usually_come_next(alice):
    case = make_case(alice, notice_type="CP503", pay_by=date(2025, 3, 10))
    message = first_email(case)
    assert message.subject == "Your CP503 for 2024: the pay-by date was Monday, March 10, 2025"
    assert "the IRS usually sends these notices next: CP504, LT11." in message.body
    assert "CP501" not in message.body  # it comes before a CP503, not after


def test_a_new_case_s_checklist_speaks_of_its_key_date(alice):
    hearing = make_case(alice, notice_type="LT11", pay_by=None)
    response = make_case(alice, notice_type="CP2000", pay_by=None)
    assert hearing.checklist.filter(text__contains="Form 12153").exists()
    assert not hearing.checklist.filter(text__contains="pay-by").exists()
    assert response.checklist.filter(text__contains="response form").exists()
    assert not response.checklist.filter(text__contains="pay-by").exists()


@pytest.mark.parametrize("notice_type", Case.NoticeType.values)
def test_the_checklist_step_for_the_key_date_includes_that_day(notice_type):
    """Paying, asking for a hearing or answering ON the last day is in time: the step says
    "by" that day, never "before" it (in Spanish, "a más tardar")."""
    steps = [text for _kind, text in cases.default_checklist(notice_type)]
    act = next(text for text in steps if text.startswith(("Pay, or", "If you want", "Send the")))
    assert " by the " in act and "before" not in act
    with translation.override("es"):
        spanish = [text for _kind, text in cases.default_checklist(notice_type)]
    assert any("a más tardar" in text for text in spanish)
    assert not any("antes de" in text or "antes del" in text for text in spanish)
