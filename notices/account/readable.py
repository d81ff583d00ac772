"""'Your data' in words a person understands: what we hold, by topic, with dates and times in
the person's own time zone.

The JSON download (data.export_user_data) stays complete for machines. This page leaves out
what means nothing outside our database (ids, leases, attempt counts, secret tokens) and says
the rest in words: "sent on March 3, 2026, 9:00 a.m." rather than a UTC timestamp.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notices.checkup import flow, plan_words
from notices.checkup.plan_dates import plan_text
from notices.irs.formatting import long_date
from notices.models import Case, Profile, Reminder, SavedPlan


@dataclass(frozen=True)
class ReminderLine:
    what: str  # which email: "3 days before the date on your notice (March 24, 2026)"
    when: str  # "Sent on …", "Will be sent on …", "Cancelled: not sent"


@dataclass(frozen=True)
class NoticeData:
    case: Case
    reminders: list[ReminderLine]
    answers: list[flow.AnswerRow]  # the saved check-up answers, question and answer in words
    done_steps: list[str]  # titles of the plan steps the person ticked off


def zone_name(profile: Profile | None) -> str:
    """The person's time zone, or the site's when the saved one is unknown to this system."""
    name = profile.time_zone if profile else ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return str(settings.TIME_ZONE)
    return name


def when(moment: datetime, zone: str) -> str:
    """A moment as the person reads it on their own clock: "March 3, 2026, 9:00 a.m."."""
    return date_format(timezone.localtime(moment, ZoneInfo(zone)), _("F j, Y, g:i a"))


def _about_day(reminder: Reminder) -> date | None:
    if reminder.about:
        return reminder.about
    try:  # older rows keep the day only at the end of their kind: "due@2026-03-24"
        return date.fromisoformat(reminder.kind.rsplit("@", 1)[-1])
    except ValueError:
        return None


def _what(reminder: Reminder) -> str:
    kind, _sep, rest = reminder.kind.partition("@")
    name, _dash, number = kind.partition("-")
    day = _about_day(reminder)
    values = {"day": long_date(day) if day else _("a date no longer on file")}
    count = int(number) if number.isdigit() else 0
    if name == "before":
        return ngettext(
            "Email %(count)s day before the date on your notice (%(day)s)",
            "Email %(count)s days before the date on your notice (%(day)s)",
            count,
        ) % {"count": count, **values}
    if name == "after":
        return ngettext(
            "Email %(count)s week after the date on your notice (%(day)s)",
            "Email %(count)s weeks after the date on your notice (%(day)s)",
            count,
        ) % {"count": count, **values}
    if name == "follow":
        return _("Email on your follow-up date (%(day)s)") % values
    if name == "letter":
        return _("Email to check on the letter you mailed (%(day)s)") % values
    return _("Email on the date on your notice (%(day)s)") % values


def reminder_line(reminder: Reminder, zone: str) -> ReminderLine:
    status = reminder.status
    if status == Reminder.Status.SENT:
        text = _("Sent on %(when)s") % {"when": when(reminder.sent_at or reminder.send_at, zone)}
    elif status == Reminder.Status.CANCELLED:
        text = _("Cancelled: not sent")
    elif status == Reminder.Status.FAILED:
        text = _("Could not be sent")
    else:  # pending, or being sent right now
        text = _("Will be sent on %(when)s") % {"when": when(reminder.send_at, zone)}
    return ReminderLine(_what(reminder), text)


def checkup_answers(case: Case) -> list[flow.AnswerRow]:
    """The answers saved on the case, each with its question, in the order they were asked."""
    answers = flow.clean_answers(case.flow_answers)
    return flow.summary(flow.walk(answers, start=flow.first_step(in_case=True)))


def done_step_titles(case: Case) -> list[str]:
    titles = []
    for key in case.plan_done if isinstance(case.plan_done, list) else []:
        words = plan_words.STEPS.get(key) if isinstance(key, str) else None
        if words is not None:
            titles.append(str(plan_text(words.title, notice=case.notice_type)))
    return titles


def lead_days_words(profile: Profile) -> str:
    """[7, 1] as "7 days, 1 day": how long before the date each reminder comes."""
    days = [d for d in profile.reminder_lead_days or [] if isinstance(d, int)]
    words = [ngettext("%(count)s day", "%(count)s days", d) % {"count": d} for d in days]
    return ", ".join(words) if words else _("None")


def cases_for(user: Any) -> QuerySet[Case]:
    return Case.objects.filter(owner=user).prefetch_related(
        "contacts", "payments", "checklist", "letters", "reminders", "earlier_notices"
    )


def notices_for(user: Any, zone: str) -> list[NoticeData]:
    return [
        NoticeData(
            case=case,
            reminders=[reminder_line(row, zone) for row in case.reminders.all()],
            answers=checkup_answers(case),
            done_steps=done_step_titles(case),
        )
        for case in cases_for(user)
    ]


def plans_waiting(user: Any) -> QuerySet[SavedPlan]:
    """Check-up plans saved by link that still hold one of the person's addresses, because
    their "email me this plan" message has not gone yet (the same rows as the download)."""
    addresses = EmailAddress.objects.filter(user=user).values("email")
    return SavedPlan.objects.filter(email__in=addresses).order_by("created_at")
