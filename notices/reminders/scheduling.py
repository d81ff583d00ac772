"""Which reminder emails a case should have, kept in step with every change to it.

`schedule_for_case` runs in the same transaction as every change to a case, its contact
log, its letters' mailing dates or the person's reminder settings. It works out which
reminders the case wants now and makes the rows match: new rows are pending, rows no longer
wanted are cancelled, rows already sent are never touched. Each row carries the date it is
about, so a moved deadline gets fresh reminders. Sending is in notices/reminders/sending.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cp14site.plain_sql import value_of
from notices.irs.notice_details import within_reach
from notices.letters.follow_up import follow_up_on
from notices.models import Case, ContactEntry, Letter, Profile, Reminder
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


def wanted(
    case: Case,
    profile: Profile,
    *,
    now: datetime,
    dated: list[tuple[str, date]] | None = None,
) -> dict[str, Wanted]:
    """The reminders this case should have at `now`: {kind: when to send, and which date}.

    A reminder more than GRACE in the past is not wanted any more (a "7 days left" email
    is wrong once 5 days are left); one a little late, after an outage, still is. After
    the pay-by date come weekly nudges: the one due now, if any, and the next one; each
    send schedules the following week's.

    A date out of reach (saved before the forms checked dates, like 9999-12-31) gets no
    reminders: counting days or weeks from it would run past the calendar's last year.
    `dated`: the case's dated_reminders, when the caller has them already.
    """
    if case.is_resolved or not profile.reminders_enabled:
        return {}
    due, tz = case.deadline.due, profile.time_zone
    kinds: dict[str, Wanted] = {}
    if within_reach(due, today=now.date()):
        kinds = _key_date_reminders(due, tz, profile.reminder_lead_days, now=now)
    for head, day in dated if dated is not None else dated_reminders(case, profile):
        if within_reach(day, today=now.date()):
            kinds[f"{head}@{day}"] = Wanted(local_morning(day, tz), day)
    return {kind: want for kind, want in kinds.items() if want.send_at > now - GRACE}


# The dates a case's own entries ask reminders for: one query, plain SQL (names are ours).
DATED = f"""
    SELECT 0, public_id, follow_up_on FROM {ContactEntry._meta.db_table}
    WHERE case_id = %(case)s AND follow_up_on IS NOT NULL
    UNION ALL
    SELECT 1, public_id, mailed_on FROM {Letter._meta.db_table}
    WHERE case_id = %(case)s AND mailed_on IS NOT NULL
"""  # noqa: S608


def dated_reminders(case: Case, profile: Profile) -> list[tuple[str, date]]:
    """The case's own dates to be reminded of, as (kind without its date, the date): each
    follow-up date in its contact log, and a check on each mailed letter once the IRS has had
    time to answer (letters/follow_up.py). One query, none if the case wants no reminders;
    a caller that plans twice (sending.send) loads them once and passes them to `wanted`."""
    if case.is_resolved or not profile.reminders_enabled:
        return []
    with connection.cursor() as cursor:
        cursor.execute(DATED, {"case": case.pk})
        found = cursor.fetchall()
    dated = []
    for mailed, public_id, value in found:
        on = date.fromisoformat(value) if isinstance(value, str) else value  # SQLite: text
        key = uuid.UUID(str(public_id))  # SQLite keeps it as 32 hex digits
        if not mailed:
            dated.append((f"follow-up@{key}", on))
        elif (day := follow_up_on(Letter(case=case, mailed_on=on))) is not None:
            dated.append((f"letter-follow-up@{key}", day))
    return dated


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


# What a row needs for planning: loading only these keeps the per-send check cheap.
ROW_FIELDS = ("id", "case_id", "kind", "status", "send_at", "attempts", "about")
OPEN = (Reminder.Status.PENDING, Reminder.Status.CANCELLED)  # rows planning may (re)set


@dataclass(frozen=True)
class Changes:
    """What schedule_for_case would do to a case's rows: add, set again, cancel (kinds)."""

    new: list[str]
    moved: list[str]
    stale: list[str]

    def __bool__(self) -> bool:
        return bool(self.new or self.moved or self.stale)


def changes(want: dict[str, Wanted], rows: Mapping[str, Row | Reminder]) -> Changes:
    """Rows already sent, being sent or failed are never touched; a pending row that already
    says what is wanted needs nothing."""
    new = [kind for kind in want if kind not in rows]
    moved = [
        kind
        for kind, it in want.items()
        if (row := rows.get(kind)) is not None
        and row.status in OPEN
        and (row.status, row.send_at, row.attempts, row.about)
        != (Reminder.Status.PENDING, it.send_at, 0, it.about)
    ]
    unsent = (Reminder.Status.PENDING, Reminder.Status.CLAIMED)
    stale = [kind for kind, row in rows.items() if kind not in want and row.status in unsent]
    return Changes(new, moved, stale)


class Row(NamedTuple):
    status: str
    send_at: datetime
    attempts: int
    about: date | None


# Asked after every reminder sent: in SQL written once (cp14site/plain_sql.py).
ROWS = f"""
SELECT kind, status, send_at, attempts, about FROM {Reminder._meta.db_table} WHERE case_id = %s
"""  # noqa: S608 - our names
SEND_AT, ABOUT = Reminder._meta.get_field("send_at"), Reminder._meta.get_field("about")


def in_step(case: Case, want: dict[str, Wanted]) -> bool:
    """Whether the case's rows already match `want`, so schedule_for_case would change
    nothing (one read, no locks). A change to the case re-plans in its own transaction."""
    with connection.cursor() as cursor:
        cursor.execute(ROWS, [case.pk])
        found = cursor.fetchall()
    rows = {
        kind: Row(status, value_of(SEND_AT, at), attempts, value_of(ABOUT, about))
        for kind, status, at, attempts, about in found
    }
    return not changes(want, rows)


@transaction.atomic
def schedule_for_case(case: Case, *, now: datetime | None = None) -> None:
    """Make the case's reminder rows match what it wants now (inside the change's transaction)."""
    now = now or timezone.now()
    # Lock the case row first, always: two workers finishing reminders of the same case
    # then queue up here instead of each holding one reminder row the other needs.
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    want = wanted(case, profile_for(case.owner), now=now)
    locked = Reminder.objects.select_for_update().filter(case=case).only(*ROW_FIELDS)
    rows = {row.kind: row for row in locked}
    change = changes(want, rows)
    for kind in change.new:
        it = want[kind]
        Reminder.objects.create(case=case, kind=kind, send_at=it.send_at, about=it.about)
    for kind in change.moved:
        row, it = rows[kind], want[kind]
        row.status, row.send_at, row.attempts = Reminder.Status.PENDING, it.send_at, 0
        row.about = it.about
        row.save(update_fields=["status", "send_at", "attempts", "about"])
    if change.stale:
        Reminder.objects.filter(
            case=case,
            kind__in=change.stale,
            status__in=[Reminder.Status.PENDING, Reminder.Status.CLAIMED],
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
