"""Celery tasks: thin wrappers that call the domain modules. Arguments are ids only."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from notices import heartbeat
from notices.checkup import saved
from notices.letters import limits, rendering
from notices.reading.tasks import read_notice  # noqa: F401 (the worker finds it here)
from notices.reminders import sending


@shared_task(time_limit=30, soft_time_limit=20)
def record_heartbeat() -> None:
    heartbeat.record_heartbeat()


@shared_task(time_limit=60, soft_time_limit=45)
def dispatch_reminders() -> int:
    return sending.dispatch(enqueue=send_reminders.delay)


@shared_task(time_limit=60, soft_time_limit=45)
def delete_expired_plans() -> int:
    return saved.delete_expired()


class ReminderNotSent(Exception):
    """A send failed. Says only the ids and the errors' types: see send_reminders."""


# A batch of claimed rows (sending.SEND_BATCH): one message and one task's overhead for many
# emails. acks_late + reject_on_worker_lost (settings): a killed worker's message comes back,
# and the compare-and-set inside sending.send makes the rows it already sent do nothing.
@shared_task(time_limit=60, soft_time_limit=45)
def send_reminders(reminder_ids: list[int]) -> int:
    failed = []
    sent = 0
    for reminder_id in reminder_ids:
        try:
            sent += sending.send(reminder_id).sent
        except SoftTimeLimitExceeded:
            raise  # the rows not reached stay claimed; a dispatch after their lease sends them
        except Exception as error:
            # A failed row stays "sending" and goes again after its lease; the others go on.
            # Celery logs a failed task's exception, and a mail server's error names the
            # recipient ("SMTPRecipientsRefused({'alice@…': …})"). sending.send has logged
            # the type and stored the details on the reminder; the log gets the type alone.
            failed.append(f"reminder {reminder_id}: {type(error).__name__}")
    if failed:
        raise ReminderNotSent("; ".join(failed))
    return sent


# A letter's PDF, made once (notices/letters/rendering.py). Past the soft limit the letter is
# marked failed, with "Try again"; the hard limit kills a render that ignores it. While the
# site-wide cap on renders at once is reached, it tries again in a few seconds: a short
# countdown, well inside the broker's visibility timeout.
@shared_task(
    bind=True,
    soft_time_limit=settings.LETTER_RENDER_SOFT_SECONDS,
    time_limit=settings.LETTER_RENDER_HARD_SECONDS,
    max_retries=24,
)
def render_letter(self: Any, letter_id: int) -> str:
    try:
        return rendering.render(letter_id)
    except rendering.Busy:
        raise self.retry(countdown=limits.BUSY_WAIT) from None
