"""A notice's page offers its calendar file, and the reminder settings page offers the
private feed as a subscription (webcal://) and as text to copy. Each file rings twice: the
morning before the date and the morning of it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from notices.models import Case
from notices.profiles import profile_for
from tests.factories import make_case, make_contact
from tests.notices.visible import visible_text

NOW = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
PAY_BY = date(2026, 12, 14)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def open_case(alice) -> Case:
    return make_case(alice, notice_date=date(2026, 11, 23), pay_by=PAY_BY)


def test_the_case_file_has_the_date_and_two_morning_alarms(alice_client, open_case):
    response = alice_client.get(reverse("notices:case_calendar", args=[open_case.public_id]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == PAY_BY
    assert event.decoded("dtend") == PAY_BY + timedelta(days=1)
    alarms = event.walk("VALARM")
    triggers = sorted(alarm.decoded("trigger") for alarm in alarms)
    # All-day events start at midnight: 9 a.m. the day before, and 9 a.m. on the day.
    assert triggers == [timedelta(hours=-15), timedelta(hours=9)]
    descriptions = {str(alarm["description"]) for alarm in alarms}
    assert descriptions == {
        "Tomorrow: Pay-by date: CP14 for 2024",
        "Today: Pay-by date: CP14 for 2024",
    }
    assert all(str(alarm["action"]) == "DISPLAY" for alarm in alarms)


def test_follow_ups_in_the_feed_have_alarms_too(client, open_case):
    make_contact(open_case, follow_up_on=date(2026, 12, 21))
    token = profile_for(open_case.owner).calendar_token
    feed = client.get(reverse("notices:calendar_feed", kwargs={"token": token}))
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in events) == [PAY_BY, date(2026, 12, 21)]
    assert all(len(e.walk("VALARM")) == 2 for e in events)


def test_the_case_page_links_to_its_calendar_file(alice_client, open_case):
    html = alice_client.get(reverse("notices:case_detail", args=[open_case.public_id])).content
    page = html.decode()
    link = reverse("notices:case_calendar", args=[open_case.public_id])
    assert f'href="{link}" download>Add to calendar</a>' in page
    assert "Add to calendar: puts this notice's dates in your calendar once." in visible_text(page)
    assert reverse("notices:reminder_settings") in page


def test_a_resolved_notice_offers_no_calendar_file(alice_client, open_case):
    Case.objects.filter(pk=open_case.pk).update(status=Case.Status.RESOLVED)
    page = alice_client.get(reverse("notices:case_detail", args=[open_case.public_id]))
    assert ">Add to calendar</a>" not in page.content.decode()


def test_settings_page_offers_webcal_subscription_and_the_link_to_copy(alice_client, alice):
    token = profile_for(alice).calendar_token
    response = alice_client.get(reverse("notices:reminder_settings"))
    page = response.content.decode()
    feed_path = reverse("notices:calendar_feed", kwargs={"token": token})
    # The host the person reached us on, and the feed's own path.
    assert f'href="webcal://testserver{feed_path}"' in page
    assert f'value="http://testserver{feed_path}"' in page
    assert "Subscribe: your calendar keeps itself up to date as your notices change." in page
    assert 'data-copy-target="feed-url"' in page and 'id="feed-url"' in page
    assert "/static/js/copy.js" in page


def test_the_subscribe_link_opens_the_same_feed(alice_client, alice, client, open_case):
    page = alice_client.get(reverse("notices:reminder_settings")).content.decode()
    start = page.index('href="webcal://') + len('href="')
    webcal = page[start : page.index('"', start)]
    parts = urlsplit(webcal)
    assert parts.scheme == "webcal"
    feed = client.get(parts.path)
    assert feed.status_code == 200
    assert Calendar.from_ical(feed.content).walk("VEVENT")[0].decoded("dtstart") == PAY_BY


def test_another_persons_calendar_file_is_a_404(outsider_client, open_case):
    url = reverse("notices:case_calendar", args=[open_case.public_id])
    assert outsider_client.get(url).status_code == 404


def test_a_reset_link_turns_the_old_subscription_off(alice_client, alice, client, open_case):
    old = profile_for(alice).calendar_token
    alice_client.post(reverse("notices:calendar_reset"))
    assert client.get(reverse("notices:calendar_feed", kwargs={"token": old})).status_code == 404
    page = alice_client.get(reverse("notices:reminder_settings")).content.decode()
    assert old not in page
    assert profile_for(alice).calendar_token in page
