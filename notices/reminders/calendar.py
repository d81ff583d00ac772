"""Calendar files: one per case, and a private feed with every open deadline.

Each event has a stable UID, so importing the file again updates the event
instead of adding a second copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from notices.models import Case

ALARMS = (timedelta(days=-7), timedelta(days=-1))


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _event(uid: str, day: object, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # type: ignore[operator]
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    for trigger in ALARMS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def calendar_for(cases: Iterable[Case], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CP14 Helper//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for case in cases:
        if case.is_resolved:
            continue
        url = settings.SITE_URL + reverse(
            "notices:case_detail", kwargs={"public_id": case.public_id}
        )
        due = case.deadline.due
        calendar.add_component(
            _event(
                f"case-{case.public_id}-pay-by",
                due,
                f"Pay-by date: {case.notice_type} for {case.tax_year}",
                "Pay in full by today, or ask the IRS for a payment plan. " + url,
                url,
            )
        )
        for contact in case.contacts.all():
            if contact.follow_up_on:
                calendar.add_component(
                    _event(
                        f"contact-{contact.public_id}-follow-up",
                        contact.follow_up_on,
                        f"Follow up: {case.notice_type} for {case.tax_year}",
                        "Call or check again, and note what you learn. " + url,
                        url,
                    )
                )
    return bytes(calendar.to_ical())
