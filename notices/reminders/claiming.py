"""Claiming due reminders in sets: one UPDATE … RETURNING per batch.

A row is due when it is pending and its send time has come, or when it was claimed or
being sent and its lease ran out (a worker died, the broker lost the message). Claiming
gives it a new lease, or marks it failed once it has been tried REMINDER_MAX_ATTEMPTS
times. `start` then moves one claimed row to sending. The protocol around this is
described in notices/reminders/sending.py.

- PostgreSQL: one statement. A CTE picks the batch with FOR UPDATE SKIP LOCKED, so two
  dispatchers never claim the same row and never wait for each other, and the UPDATE
  returns each row's new status next to its old one.
- SQLite (development): a writer locks the whole database, so there is no SKIP LOCKED.
  The batch is read first, then claimed by an UPDATE that checks again that each row is
  still due, so a row another process claimed in between is left alone.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection

from notices.models import Reminder

log = logging.getLogger(__name__)

TABLE = Reminder._meta.db_table
PENDING, CLAIMED, SENDING, FAILED = (
    Reminder.Status.PENDING.value,
    Reminder.Status.CLAIMED.value,
    Reminder.Status.SENDING.value,
    Reminder.Status.FAILED.value,
)
# Table, column and status names are ours, never a person's input: only values are bound.
DUE = f"""
    (status = '{PENDING}' AND send_at <= %(now)s)
    OR (status IN ('{CLAIMED}', '{SENDING}') AND lease_until < %(now)s)
"""
NEW_STATE = f"""
    status = CASE WHEN attempts >= %(max)s THEN '{FAILED}' ELSE '{CLAIMED}' END,
    lease_until = CASE WHEN attempts >= %(max)s THEN NULL ELSE %(until)s END
"""
POSTGRES_CLAIM = f"""
    WITH due AS (
        SELECT id, status AS was FROM {TABLE}
        WHERE {DUE}
        ORDER BY send_at
        LIMIT %(limit)s
        FOR UPDATE SKIP LOCKED
    )
    UPDATE {TABLE} AS reminder SET {NEW_STATE.replace("attempts", "reminder.attempts")}
    FROM due WHERE reminder.id = due.id
    RETURNING reminder.id, reminder.status, due.was, reminder.attempts, reminder.send_at
"""  # noqa: S608
SQLITE_BATCH = f"SELECT id, status FROM {TABLE} WHERE {DUE} ORDER BY send_at LIMIT %(limit)s"  # noqa: S608
SQLITE_CLAIM = f"""
    UPDATE {TABLE} SET {NEW_STATE}
    WHERE id IN (SELECT value FROM json_each(%(ids)s)) AND ({DUE})
    RETURNING id, status, attempts, send_at
"""  # noqa: S608


# The compare-and-set from claimed to sending (sending.send): one plain statement, the same on
# both databases, so a duplicate message finds the row no longer claimed and does nothing.
START = f"""
    UPDATE {TABLE} SET status = '{SENDING}', lease_until = %(until)s, attempts = attempts + 1
    WHERE id = %(id)s AND status = '{CLAIMED}'
"""  # noqa: S608


@dataclass(frozen=True)
class Claimed:
    id: int
    status: str
    was: str
    attempts: int


def claim_batch(*, now: datetime, limit: int) -> list[int]:
    """Claim up to `limit` due rows; return the ids now claimed, oldest send time first.

    Must run inside a transaction (the caller's), so the claim and the enqueueing that
    follows it commit together.
    """
    values: dict[str, Any] = {
        "now": connection.ops.adapt_datetimefield_value(now),
        "until": connection.ops.adapt_datetimefield_value(now + lease()),
        "max": settings.REMINDER_MAX_ATTEMPTS,
        "limit": limit,
    }
    rows = _postgres(values) if connection.vendor == "postgresql" else _sqlite(values)
    for row in rows:
        if row.status == FAILED:
            log.error("reminder %s failed after %s attempts", row.id, row.attempts)
        elif row.was == SENDING:
            log.warning(
                "reminder %s stopped while sending; sending again (possible duplicate)", row.id
            )
    return [row.id for row in rows if row.status == CLAIMED]


def start(reminder_id: int, *, now: datetime) -> bool:
    """Move a claimed row to sending, with a new lease and one more attempt; False if it is
    not claimed (another worker has it, or it was cancelled)."""
    until = connection.ops.adapt_datetimefield_value(now + lease())
    with connection.cursor() as cursor:
        cursor.execute(START, {"until": until, "id": reminder_id})
        return bool(cursor.rowcount == 1)


def lease() -> timedelta:
    return timedelta(seconds=settings.REMINDER_LEASE_SECONDS)


def _postgres(values: dict[str, Any]) -> list[Claimed]:
    with connection.cursor() as cursor:
        # Planned for these values each time. Once prepared (settings.py), PostgreSQL may
        # keep one plan for any time and LIMIT, and that plan claimed half as fast.
        cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        cursor.execute(POSTGRES_CLAIM, values)
        rows = sorted(cursor.fetchall(), key=lambda row: (row[4], row[0]))
    return [Claimed(*row[:4]) for row in rows]


def _sqlite(values: dict[str, Any]) -> list[Claimed]:
    with connection.cursor() as cursor:
        cursor.execute(SQLITE_BATCH, values)
        was = dict(cursor.fetchall())
        if not was:
            return []
        cursor.execute(SQLITE_CLAIM, {**values, "ids": json.dumps(list(was))})
        rows = sorted(cursor.fetchall(), key=lambda row: (row[3], row[0]))
    return [Claimed(pk, status, was[pk], attempts) for pk, status, attempts, _ in rows]
