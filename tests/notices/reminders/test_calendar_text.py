"""Whatever a person types (line breaks, NUL, escape codes) never breaks a calendar file:
it is read back with the icalendar library and shows the text on one clean line."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from notices.models import Case
from notices.profiles import profile_for
from notices.reminders.calendar import calendar_for, plain_text
from tests.factories import make_case, make_contact

NOW = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
# Everything but NUL: PostgreSQL refuses NUL in text, and the forms refuse it too.
NICKNAME = "Rent\r\nmoney\x1b and\x7f\u2028more\x0c\t"
SUMMARY = "She said:\n\n\rwait 30 days.\x01\x08"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def messy_case(alice) -> Case:
    case = make_case(alice, notice_date=date(2026, 11, 2), pay_by=date(2026, 11, 23))
    Case.objects.filter(pk=case.pk).update(nickname=NICKNAME, notes="Line one\r\nline\x02 two")
    make_contact(case, summary=SUMMARY, follow_up_on=date(2026, 12, 21))
    case.refresh_from_db()
    return case


def assert_well_formed(body: bytes) -> Calendar:
    """Lines end in CRLF only, none is longer than 75 octets, and it parses back."""
    lines = body.split(b"\r\n")
    assert lines[-1] == b""
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, line
        assert len(line) <= 75, line
        assert not any(byte < 32 and byte != 9 for byte in line), line
    return Calendar.from_ical(body)


def test_a_nickname_and_a_call_summary_with_line_breaks_make_a_clean_calendar_file(
    alice_client, messy_case
):
    response = alice_client.get(reverse("notices:case_calendar", args=[messy_case.public_id]))
    assert response.status_code == 200
    calendar = assert_well_formed(response.content)
    assert str(calendar["x-wr-calname"]) == "Rent money and more"
    key_date, follow_up = calendar.walk("VEVENT")
    assert "Your notice: Rent money and more." in str(key_date["description"])
    assert str(key_date["summary"]) == "Pay-by date: CP14 for 2024"
    # What was said on the call stays on the site, out of synced calendars.
    assert "She said" not in str(follow_up["description"])


def test_the_private_feed_with_messy_text_is_clean_too(client, messy_case):
    token = profile_for(messy_case.owner).calendar_token
    response = client.get(reverse("notices:calendar_feed", kwargs={"token": token}))
    assert response.status_code == 200
    calendar = assert_well_formed(response.content)
    assert len(calendar.walk("VEVENT")) == 2


def test_nul_and_other_control_characters_never_reach_the_file(messy_case):
    # Not stored (PostgreSQL refuses NUL), but a name from anywhere goes through the same path.
    messy_case.nickname = "a\x00b\x00\x00c"
    body = calendar_for([messy_case], name="Name\x00 with\x1f NUL")
    calendar = assert_well_formed(body)
    assert b"\x00" not in body
    assert str(calendar["x-wr-calname"]) == "Name with NUL"
    assert "Your notice: a b c." in str(calendar.walk("VEVENT")[0]["description"])


def test_a_long_nickname_is_cut_short_and_folded(alice, messy_case):
    messy_case.nickname = "word " * 1000
    calendar = assert_well_formed(calendar_for([messy_case], name="x"))
    description = str(calendar.walk("VEVENT")[0]["description"])
    assert description.count("word") < 100 and "…" in description


@settings(max_examples=50, deadline=None)
@given(text=st.text(st.characters(codec="utf-8"), max_size=200))
def test_any_text_at_all_becomes_one_clean_line(text):
    cleaned = plain_text(text)
    assert cleaned == cleaned.strip()
    assert not any(ord(char) < 32 or 127 <= ord(char) < 160 for char in cleaned)
    assert "\u2028" not in cleaned and "\u2029" not in cleaned
    assert len(cleaned) <= 300
