"""After mailing: the date and tracking number, the follow-up date and its reminder email."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from notices.irs import deadlines
from notices.irs.notice_types import RULES
from notices.letters import follow_up
from notices.models import Letter, Reminder
from notices.profiles import profile_for
from notices.reminders import emails
from tests.factories import make_case
from tests.notices.letters.letters_helpers import make_letter, render

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
MADE = datetime(2025, 6, 2, 10, 0, tzinfo=EASTERN)  # a Monday
TODAY = datetime(2025, 6, 5, 10, 0, tzinfo=EASTERN)
# Mailed Wednesday June 4, 2025: 30 days later is Friday July 4, Independence Day; the next
# IRS working day is Monday July 7.
MAILED = date(2025, 6, 4)
FOLLOW_UP = date(2025, 7, 7)
LETTER_NOTICES = sorted(code for code, rules in RULES.items() if rules.letters)


def mailed_url(letter: Letter) -> str:
    return reverse("notices:letter_mailed", args=[letter.public_id])


@pytest.fixture
def alice_client(alice_client, alice):
    alice_client.user = alice
    return alice_client


@pytest.fixture
def letter(alice_client, case):
    with at(MADE, alice_client):
        return render(make_letter(alice_client, case))


@contextmanager
def at(moment: datetime, client) -> Iterator[None]:
    """Days pass between making, mailing and reading: sign in again, as a person would."""
    with time_machine.travel(moment, tick=False):
        client.force_login(client.user)
        yield


def post(client, letter: Letter, **data):
    with at(TODAY, client):
        return client.post(mailed_url(letter), data)


def test_a_ready_letter_asks_when_it_was_mailed(alice_client, letter):
    with at(TODAY, alice_client):
        html = alice_client.get(reverse("notices:letter_detail", args=[letter.public_id])).content
    assert b'id="mailed"' in html and mailed_url(letter).encode() in html
    assert b'name="mailed_on"' in html and b'name="tracking_number"' in html


def test_saving_the_date_sets_the_follow_up_on_an_irs_working_day(alice_client, letter, case):
    response = post(alice_client, letter, mailed_on="2025-06-04", tracking_number="9407 1118 99")
    assert response.status_code == 302 and response.url.endswith("#mailed")
    letter.refresh_from_db()
    assert letter.mailed_on == MAILED and letter.tracking_number == "9407111899"
    assert follow_up.follow_up_on(letter) == FOLLOW_UP

    row = Reminder.objects.get(case=case, kind__startswith="letter-follow-up@")
    assert row.kind == f"letter-follow-up@{letter.public_id}@{FOLLOW_UP}"
    assert row.about == FOLLOW_UP and row.status == Reminder.Status.PENDING
    assert row.send_at == datetime.combine(FOLLOW_UP, time(8), tzinfo=EASTERN)

    with at(TODAY, alice_client):
        page = alice_client.get(reverse("notices:letter_detail", args=[letter.public_id]))
        case_page = alice_client.get(reverse("notices:case_detail", args=[case.public_id]))
    html = page.content.decode()
    assert "You mailed this letter on June 4, 2025." in html
    assert "Tracking number: 9407111899." in html
    assert "Follow up on Monday, July 7, 2025." in html
    assert (
        "Mailed on June 4, 2025. Follow up on Monday, July 7, 2025: if the IRS has not "
        "answered by then, call them."
    ) in " ".join(case_page.content.decode().split())


@pytest.mark.parametrize("notice", LETTER_NOTICES)
def test_each_notice_type_with_letters_gets_its_follow_up_reminder(alice_client, alice, notice):
    case = make_case(alice, notice_type=notice)
    with at(MADE, alice_client):
        letter = make_letter(alice_client, case, "abatement")
    assert post(alice_client, letter, mailed_on="2025-06-04").status_code == 302
    wait = follow_up.reply_wait_days(notice)
    assert wait >= deadlines.REPLY_WAIT_DAYS
    expected = deadlines.next_business_day(date.fromordinal(MAILED.toordinal() + wait))
    assert expected == FOLLOW_UP  # July 4 is a holiday, July 5 and 6 the weekend
    assert case.reminders.filter(kind=f"letter-follow-up@{letter.public_id}@{expected}").exists()


def test_a_later_date_gives_a_later_follow_up(alice_client, letter, case):
    post(alice_client, letter, mailed_on="2025-06-04")
    with at(datetime(2025, 6, 12, 10, tzinfo=EASTERN), alice_client):
        alice_client.post(mailed_url(letter), {"mailed_on": "2025-06-11"})  # + 30: July 11
    pending = case.reminders.filter(kind__startswith="letter-", status=Reminder.Status.PENDING)
    assert [row.about for row in pending] == [date(2025, 7, 11)]
    gone = case.reminders.get(kind=f"letter-follow-up@{letter.public_id}@{FOLLOW_UP}")
    assert gone.status == Reminder.Status.CANCELLED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mailed_on": ""}, "Enter the date you mailed the letter."),
        ({"mailed_on": "2025-06-06"}, "The date you mailed it can&#x27;t be in the future."),
        ({"mailed_on": "2025-06-01"}, "You made this letter on June 2, 2025."),
        ({"mailed_on": "2025-06-04", "tracking_number": "9407<b>11"}, "Use only the letters"),
        ({"mailed_on": "2025-06-04", "tracking_number": "A" * 41}, "at most 40 letters"),
    ],
)
def test_the_form_explains_what_is_wrong_and_saves_nothing(alice_client, letter, data, message):
    response = post(alice_client, letter, **data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and "Please check what you entered" in html
    assert "9407<b>11" not in html  # typed text comes back escaped
    letter.refresh_from_db()
    assert letter.mailed_on is None and letter.tracking_number == ""
    assert not Reminder.objects.filter(kind__startswith="letter-").exists()


def test_mailed_is_post_only(alice_client, letter):
    with at(TODAY, alice_client):
        assert alice_client.get(mailed_url(letter)).status_code == 405


def test_the_reminder_email_says_to_call_if_the_irs_has_not_answered(alice_client, alice, letter):
    post(alice_client, letter, mailed_on="2025-06-04")
    row = Reminder.objects.get(kind__startswith="letter-follow-up@")
    message = emails.build(row, profile=profile_for(alice), to=alice.email, now=row.send_at)
    text = " ".join(message.body.split())
    assert message.subject == "Check on the letter you mailed about your CP14 for 2024"
    assert (
        "It is time to check on the letter you mailed to the IRS about your CP14 for 2024. "
        "If the IRS has not answered it yet, call them."
    ) in text
    assert "If you have had no answer, call the number on your notice." in text
    html = " ".join(str(message.alternatives[0][0]).split())
    assert "If the IRS has not answered it yet, call them." in html
