"""Calendar files: one per case, and a private feed with every open deadline.

Each event has a stable UID, so importing the file again updates the event
instead of adding a second copy. Every text a person typed goes through `plain_text` (no
line breaks or control characters; the icalendar library escapes and folds the rest), and a
date out of reach (saved before the forms checked dates, like 9999-12-31) is left out, so
one odd row never breaks the file or the feed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from icalendar import Alarm, Calendar, Event, vText

from notices.irs.deadlines import Rule
from notices.irs.notice_details import within_reach
from notices.irs.notice_types import DateKind
from notices.models import Case

# Events are whole days, so a trigger counts from the midnight that starts the day: -15 hours
# is 9 a.m. the day before, +9 hours is 9 a.m. on the day. Midnight alarms would wake no one
# in time; these come while there is still a working day left to pay, call or mail.
ALARMS = (
    (timedelta(hours=-15), gettext_noop("Tomorrow: %(summary)s")),
    (timedelta(hours=9), gettext_noop("Today: %(summary)s")),
)
LONGEST_TEXT = 300  # a calendar shows a line or two; the notice's page has the rest
# Line and paragraph separators, and every control character (NUL, ESC, CR, LF, tab...).
_BREAKING = {"Cc", "Zl", "Zp", "Cs"}


def plain_text(text: str, *, limit: int = LONGEST_TEXT) -> str:
    """`text` on one line: control characters and line breaks become single spaces."""
    cleaned = "".join(
        " " if unicodedata.category(char) in _BREAKING else char for char in str(text)
    )
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _event(uid: str, day: date, summary: str, description: str, url: str) -> Event:
    summary, description = plain_text(summary), plain_text(description, limit=2000)
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    for trigger, words in ALARMS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", plain_text(_(words) % {"summary": summary}))
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def key_date_words(case: Case) -> tuple[str, str]:
    """The event title and description for the case's key date, in the words of its notice:
    pay, ask for a hearing, or respond; "act now" when the date on the notice is missing."""
    values = {"type": case.notice_type, "year": case.tax_year}
    kind = case.rules.date_kind
    if case.deadline.rule == Rule.NOT_ON_FILE:
        if kind == DateKind.RESPOND:
            title = _("Answer now: %(type)s for %(year)s") % values
        else:
            title = _("Pay or call now: %(type)s for %(year)s") % values
        return title, _(
            "We don't have the date printed on your notice. Add it on your notice's page."
        )
    if kind == DateKind.HEARING:
        return _("Last day to ask for a hearing: %(type)s for %(year)s") % values, _(
            "Today is the last day to ask for a Collection Due Process hearing on Form 12153."
        )
    if kind == DateKind.RESPOND:
        return _("Send your response: %(type)s for %(year)s") % values, _(
            "Send the response form from your notice by today."
        )
    return _("Pay-by date: %(type)s for %(year)s") % values, _(
        "Pay in full by today, or ask the IRS for a payment plan."
    )


def calendar_for(cases: Iterable[Case], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CP14 Helper//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", vText(plain_text(name) or "CP14 Helper"))
    today = timezone.localdate()
    for case in cases:
        if case.is_resolved:
            continue
        url = settings.SITE_URL + reverse(
            "notices:case_detail", kwargs={"public_id": case.public_id}
        )
        # Which notice, in the person's own words, when they gave it a name.
        nickname = plain_text(case.nickname)
        named = _("Your notice: %(name)s.") % {"name": nickname} if nickname else ""
        due = case.deadline.due
        if within_reach(due, today=today):
            title, description = key_date_words(case)
            # The UID keeps its old "pay-by" name for every notice: a calendar that imported
            # the event before then updates it instead of adding a second one.
            uid = f"case-{case.public_id}-pay-by"
            text = " ".join(part for part in (description, named, url) if part)
            calendar.add_component(_event(uid, due, title, text, url))
        for contact in case.contacts.all():
            day = contact.follow_up_on
            if day is None or not within_reach(day, today=today):
                continue
            # What was said on the call stays on the site: calendars are often synced to
            # other companies, so a follow-up names only the notice.
            text = " ".join(
                part
                for part in (_("Call or check again, and note what you learn."), named, url)
                if part
            )
            calendar.add_component(
                _event(
                    f"contact-{contact.public_id}-follow-up",
                    day,
                    _("Follow up: %(type)s for %(year)s")
                    % {"type": case.notice_type, "year": case.tax_year},
                    text,
                    url,
                )
            )
    return bytes(calendar.to_ical())
