"""Deadline reminder emails that are never lost and, but for one honest window, never doubled.

The database is the source of truth; Redis only carries short "send reminder N" messages.

1. `schedule_for_case` (notices/reminders/scheduling.py) keeps the rows in step with every
   change to a case, in the same transaction.
2. `dispatch` (Celery beat every minute, or `manage.py send_due_reminders`) claims due rows
   in sets (notices/reminders/claiming.py: one UPDATE ... RETURNING per batch, with
   FOR UPDATE SKIP LOCKED on PostgreSQL), gives each a lease, and enqueues a send task per
   SEND_BATCH rows after the transaction commits, at most REMINDER_DISPATCH_MAX a run. It
   also re-claims rows whose lease ran out (a worker died, Redis lost the message, the
   broker was down at commit). A row whose sending was tried REMINDER_MAX_ATTEMPTS times
   is marked failed and logged.
3. `send` (each row of a send task) moves it from claimed to sending with a compare-and-set,
   so a duplicate message does nothing; re-checks that the reminder is still wanted; sends with
   a deterministic Message-ID; then marks the row sent. When the case's rows differ from what
   it wants now (the next weekly nudge), the case is re-planned in the same transaction, under
   its lock and read afresh; otherwise marking the row sent is one statement.

A row about a saved plan (the "email me this plan" message, notices/checkup/saved.py)
goes through the same steps; it is sent to the address waiting on the plan, which is
cleared once the email has gone.

Delivery is at-least-once: for a tax deadline a lost reminder is worse than a duplicate. The
one window for a duplicate is a crash after the mail server accepted the message and before
the row was marked sent; a row re-claimed from "sending" is logged as a possible duplicate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Greatest
from django.utils import timezone

from cp14site import plain_sql
from cp14site.plain_sql import M
from notices.models import Case, PaymentEntry, Profile, Reminder, ReminderAttempt, SavedPlan
from notices.profiles import profile_for
from notices.reminders import claiming, emails, finishing, mailer
from notices.reminders.scheduling import dated_reminders, in_step, schedule_for_case, wanted
from notices.summary import ZERO

log = logging.getLogger(__name__)

# Rows claimed by one UPDATE; a dispatch run claims batches up to REMINDER_DISPATCH_MAX.
DISPATCH_BATCH = 500
# Rows per send task. A task costs the worker about as much as sending one email, so each
# carries many; few enough that a batch ends well inside the task's time limit.
SEND_BATCH = 20


# 2. Dispatching


def _claimable(now: datetime) -> Q:
    due = Q(status=Reminder.Status.PENDING, send_at__lte=now)
    expired = Q(status__in=[Reminder.Status.CLAIMED, Reminder.Status.SENDING], lease_until__lt=now)
    return due | expired


def due_now(*, now: datetime | None = None) -> list[Reminder]:
    """What a dispatch would claim, without claiming it (for --dry-run)."""
    return list(Reminder.objects.filter(_claimable(now or timezone.now())))


def claim_due(
    *,
    now: datetime | None = None,
    limit: int = DISPATCH_BATCH,
    enqueue: Callable[[list[int]], object] | None = None,
) -> list[int]:
    """Claim up to `limit` due rows and return their ids. Safe to run in many processes.

    With `enqueue` (the send task's `delay`), the rows are queued in batches of SEND_BATCH
    once the claim has committed. The caller passes it in, so this module never imports
    the tasks.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = claiming.claim_batch(now=now, limit=limit)
        if enqueue is not None:
            transaction.on_commit(lambda: _enqueue(claimed, enqueue))
    return claimed


def _enqueue(ids: list[int], enqueue: Callable[[list[int]], object]) -> None:
    """Queue the claimed rows in batches; if the broker is down, leave the rest claimed.

    A row that was not queued stays claimed, and a dispatch re-claims it once its lease
    runs out, so nothing is lost. Stopping at the first failure keeps a broker outage from
    costing a connection attempt (and its retries) for every batch.
    """
    for position in range(0, len(ids), SEND_BATCH):
        try:
            enqueue(ids[position : position + SEND_BATCH])
        except Exception as error:
            log.warning(
                "could not enqueue reminders (%s); %s stay claimed and are retried after "
                "their lease",
                type(error).__name__,
                len(ids) - position,
            )
            return


def dispatch(*, enqueue: Callable[[list[int]], object], now: datetime | None = None) -> int:
    """Claim and enqueue what is due, in batches, up to REMINDER_DISPATCH_MAX a run.

    The cap keeps the queue short enough that every message is sent well within its
    lease; a burst (everyone's 8 a.m.) drains over the next runs. Returns how many.
    """
    total = 0
    while total < settings.REMINDER_DISPATCH_MAX:
        limit = min(DISPATCH_BATCH, settings.REMINDER_DISPATCH_MAX - total)
        batch = claim_due(now=now, limit=limit, enqueue=enqueue)
        total += len(batch)
        if len(batch) < DISPATCH_BATCH:
            break
    return total


# 3. Sending


@dataclass(frozen=True)
class Outcome:
    sent: bool
    reason: str


# The row, its case, the case's owner and their profile in one query (a plan's row has no
# case), with the owner's verified address and what they logged as paid. In SQL written once
# (cp14site/plain_sql.py): the ORM took longer to build this join than PostgreSQL to run it.
# Names are ours.
_LOAD = f"""
SELECT {plain_sql.columns(Reminder, "r")}, {plain_sql.columns(Case, "c")},
       {plain_sql.columns(User, "u")}, {plain_sql.columns(Profile, "p")},
       (SELECT email FROM {EmailAddress._meta.db_table}
        WHERE user_id = u.id AND verified ORDER BY "primary" DESC LIMIT 1),
       (SELECT SUM(amount) FROM {PaymentEntry._meta.db_table} WHERE case_id = c.id)
FROM {Reminder._meta.db_table} r
LEFT JOIN {Case._meta.db_table} c ON c.id = r.case_id
LEFT JOIN {User._meta.db_table} u ON u.id = c.owner_id
LEFT JOIN {Profile._meta.db_table} p ON p.user_id = u.id
WHERE r.id = %s
"""  # noqa: S608
_AMOUNT = PaymentEntry._meta.get_field("amount")


@dataclass
class Loaded:
    reminder: Reminder
    address: str | None  # the owner's verified address, if any
    paid: Decimal  # the total logged as paid on the case


def _load(reminder_id: int) -> Loaded:
    """The row with its case, owner and profile (those that exist) in one query. A saved
    plan's row loads its plan when asked (reminder.plan)."""
    row = plain_sql.first_row(_LOAD, [reminder_id])
    if row is None:
        raise Reminder.DoesNotExist(reminder_id)
    values = iter(row)

    def part(model: type[M]) -> M | None:
        """The next model's columns; None for a LEFT JOIN that found nothing."""
        chunk = list(islice(values, plain_sql.width(model)))
        return plain_sql.instance(model, chunk) if chunk[0] is not None else None

    reminder, case, owner, profile = part(Reminder), part(Case), part(User), part(Profile)
    assert reminder is not None
    if case is not None and owner is not None:
        reminder.case, case.owner = case, owner
        if profile is not None:
            owner.profile = profile
    address, paid = values
    return Loaded(reminder, address, plain_sql.value_of(_AMOUNT, paid) or ZERO)


def send(reminder_id: int, *, now: datetime | None = None) -> Outcome:
    """Send one claimed reminder. A second delivery of the same message does nothing."""
    now = now or timezone.now()
    # Attempts count real tries at sending, not claims: a message that waited in the queue
    # past its lease and was claimed again must not push a healthy row towards "failed".
    if not claiming.start(reminder_id, now=now):
        return Outcome(False, "not claimed: already handled by another worker")
    loaded = _load(reminder_id)
    reminder, address = loaded.reminder, loaded.address
    if reminder.plan is not None:
        return _send_plan(reminder, reminder.plan, now=now)
    case = reminder.case
    assert case is not None  # a case reminder
    profile = getattr(case.owner, "profile", None) or profile_for(case.owner)
    dated = dated_reminders(case, profile)  # loaded once, for both plans below
    # Judged at its own send time, so an outage does not make a reminder "too late".
    if reminder.kind not in wanted(case, profile, now=reminder.send_at, dated=dated) or not address:
        reason = "no verified email address" if not address else "no longer wanted"
        finishing.finish(reminder.pk, Reminder.Status.CANCELLED, outcome="cancelled", error=reason)
        return Outcome(False, reason)
    case.paid_total = loaded.paid  # type: ignore[attr-defined]  # summarize reads it
    message_id = _deliver(
        reminder, lambda: emails.build(reminder, profile=profile, to=address, now=now)
    )
    mark_sent = partial(
        finishing.finish, reminder.pk, Reminder.Status.SENT, outcome="sent",
        message_id=message_id, sent_at=now,
    )  # fmt: skip
    # Re-plan (e.g. add the next weekly nudge) only when the rows differ from what the case
    # wants now; otherwise schedule_for_case would lock the case and change nothing.
    if in_step(case, wanted(case, profile, now=now, dated=dated)):
        mark_sent()
        return Outcome(True, "sent")
    with transaction.atomic():
        # The case row first, as every re-plan locks it; read afresh once locked, so a change
        # made while the email went out is planned from, not undone.
        fresh = Case.objects.select_for_update().select_related("owner").filter(pk=case.pk)
        latest = fresh.first()
        mark_sent()
        if latest is not None:
            schedule_for_case(latest, now=now)
    return Outcome(True, "sent")


def _send_plan(reminder: Reminder, plan: SavedPlan, *, now: datetime) -> Outcome:
    """ "Email me this plan": to the address waiting on the plan, then forget the address."""
    address = plan.email
    if not address or plan.expires_at <= now:
        reason = "no address waiting" if not address else "plan expired"
        finishing.finish(reminder.pk, Reminder.Status.CANCELLED, outcome="cancelled", error=reason)
        return Outcome(False, reason)
    message_id = _deliver(
        reminder, lambda: emails.build_plan(reminder, plan=plan, to=address, now=now)
    )
    with transaction.atomic():
        finishing.finish(
            reminder.pk, Reminder.Status.SENT, outcome="sent", message_id=message_id, sent_at=now
        )
        # Only if unchanged: a newer request for another address keeps its address.
        SavedPlan.objects.filter(pk=plan.pk, email=address).update(email="")
    return Outcome(True, "sent")


def _deliver(reminder: Reminder, build: Callable[[], Any]) -> str:
    """Build and send the message; returns its Message-ID. On an error the row stays
    "sending": after its lease a dispatch re-claims it and tries again."""
    try:
        message = build()
        mailer.deliver(message)  # through this process's open connection
    except Exception as error:
        ReminderAttempt.objects.create(reminder=reminder, outcome="error", error=repr(error)[:500])
        Reminder.objects.filter(pk=reminder.pk).update(last_error=repr(error)[:500])
        log.warning("reminder %s could not be sent: %s", reminder.pk, type(error).__name__)
        raise
    return str(message.extra_headers["Message-ID"])


# Health


def reminder_lag(*, now: datetime | None = None) -> timedelta:
    """How long the longest-waiting due reminder has waited (zero when none waits).

    Waiting starts when the reminder became due or when it was made, whichever is later,
    so a reminder made due a minute ago has waited a minute. Raises if the database can't
    answer.
    """
    now = now or timezone.now()
    waiting_since = (
        Reminder.objects.filter(_claimable(now))
        .annotate(waiting_since=Greatest("send_at", "created_at"))
        .order_by("waiting_since")
        .values_list("waiting_since", flat=True)
        .first()
    )
    return max(now - waiting_since, timedelta(0)) if waiting_since else timedelta(0)
