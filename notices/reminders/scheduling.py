"""Which reminder emails a case should have, kept in step with every change to it.

`schedule_for_case` runs in the same transaction as every change to a case, its contact
log, its letters' mailing dates or the person's reminder settings. It works out which
reminders the case wants now and makes the rows match: new rows are pending, rows no longer
wanted are cancelled, rows already sent are never touched. Each row carries the date it is
about, so a moved deadline gets fresh reminders. Sending is in notices/reminders/sending.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from notices.irs.notice_details import within_reach
from notices.letters.follow_up import follow_up_on
from notices.models import Case, Profile, Reminder
from notices.profiles import profile_for

WEEK = timedelta(days=7)
# How late a reminder may still go out (after an outage) before it no longer makes sense.
GRACE = timedelta(days=1)
LEAD_CHOICES = (30, 14, 7, 3, 2, 1)


def local_morning(day: date, time_zone: str) -> datetime:
    """`REMINDER_HOUR` o'clock on `day` in `time_zone`, as an aware datetime.

    zoneinfo resolves daylight-saving changes, so 8 a.m. stays 8 a.m. all year.
    """
    return datetime.combine(day, time(settings.REMINDER_HOUR), tzinfo=ZoneInfo(time_zone))


@dataclass(frozen=True)
class Wanted:
    send_at: datetime
    about: date  # the pay-by date or follow-up date the reminder is about


def wanted(case: Case, profile: Profile, *, now: datetime) -> dict[str, Wanted]:
    """The reminders this case should have at `now`: {kind: when to send, and which date}.

    A reminder more than GRACE in the past is not wanted any more (a "7 days left" email
    is wrong once 5 days are left); one a little late, after an outage, still is. After
    the pay-by date come weekly nudges: the one due now, if any, and the next one; each
    send schedules the following week's.

    A date out of reach (saved before the forms checked dates, like 9999-12-31) gets no
    reminders: counting days or weeks from it would run past the calendar's last year.
    """
    if case.is_resolved or not profile.reminders_enabled:
        return {}
    due, tz = case.deadline.due, profile.time_zone
    kinds: dict[str, Wanted] = {}
    if within_reach(due, today=now.date()):
        kinds = _key_date_reminders(due, tz, profile.reminder_lead_days, now=now)
    for contact in case.contacts.filter(follow_up_on__isnull=False):
        day = contact.follow_up_on
        if day is not None and within_reach(day, today=now.date()):
            kinds[f"follow-up@{contact.public_id}@{day}"] = Wanted(local_morning(day, tz), day)
    # A mailed letter: check on it once the IRS has had time to answer (letters/follow_up.py).
    for letter in case.letters.filter(mailed_on__isnull=False):
        letter.case = case  # already in hand: no second fetch
        day = follow_up_on(letter)
        if day is not None and within_reach(day, today=now.date()):
            kind = f"letter-follow-up@{letter.public_id}@{day}"
            kinds[kind] = Wanted(local_morning(day, tz), day)
    return {kind: want for kind, want in kinds.items() if want.send_at > now - GRACE}


def _key_date_reminders(
    due: date, tz: str, lead_days: list[int], *, now: datetime
) -> dict[str, Wanted]:
    """Before the key date, on it, and the weekly nudges after it."""
    kinds = {f"before-{days}@{due}": Wanted(local_morning(due - timedelta(days=days), tz), due)
             for days in sorted(set(lead_days), reverse=True)}  # fmt: skip
    kinds[f"due@{due}"] = Wanted(local_morning(due, tz), due)
    week = max(1, (now - GRACE - local_morning(due, tz)) // WEEK)
    while (at := local_morning(due + week * WEEK, tz)) <= now + WEEK:
        kinds[f"after-{week}@{due}"] = Wanted(at, due)
        week += 1
    return kinds


@transaction.atomic
def schedule_for_case(case: Case, *, now: datetime | None = None) -> None:
    """Make the case's reminder rows match what it wants now (inside the change's transaction)."""
    now = now or timezone.now()
    # Lock the case row first, always: two workers finishing reminders of the same case
    # then queue up here instead of each holding one reminder row the other needs.
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    want = wanted(case, profile_for(case.owner), now=now)
    rows = {row.kind: row for row in Reminder.objects.select_for_update().filter(case=case)}
    for kind, it in want.items():
        row = rows.get(kind)
        if row is None:
            Reminder.objects.create(case=case, kind=kind, send_at=it.send_at, about=it.about)
        elif row.status in (Reminder.Status.PENDING, Reminder.Status.CANCELLED):
            row.status, row.send_at, row.attempts = Reminder.Status.PENDING, it.send_at, 0
            row.about = it.about
            row.save(update_fields=["status", "send_at", "attempts", "about"])
    stale = [kind for kind in rows if kind not in want]
    Reminder.objects.filter(
        case=case, kind__in=stale, status__in=[Reminder.Status.PENDING, Reminder.Status.CLAIMED]
    ).update(status=Reminder.Status.CANCELLED, lease_until=None)


def schedule_for_user(user: Any) -> None:
    for case in Case.objects.filter(owner=user):
        schedule_for_case(case)


def cancel_all(rows: Any) -> int:
    """Cancel what has not gone out yet (a send task in flight then finds nothing to do)."""
    unsent = [Reminder.Status.PENDING, Reminder.Status.CLAIMED, Reminder.Status.SENDING]
    return int(rows.filter(status__in=unsent).update(status=Reminder.Status.CANCELLED))


def turn_off_for_user(user: Any) -> None:
    """Unsubscribe: no more reminders for any of this person's notices."""
    with transaction.atomic():
        profile = profile_for(user)
        profile.reminders_enabled = False
        profile.save(update_fields=["reminders_enabled"])
        schedule_for_user(user)


@transaction.atomic
def save_settings(*, profile: Profile, data: dict[str, Any]) -> Profile:
    """New reminder settings (on or off, lead days, time zone) re-schedule every case."""
    for field, value in data.items():
        setattr(profile, field, value)
    profile.save()
    schedule_for_user(profile.user)
    return profile
