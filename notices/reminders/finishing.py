"""Finishing a try at sending a reminder: the row's new state and its line in the audit trail.

Both are written together. On PostgreSQL that is one statement (an UPDATE inside an INSERT),
so a send costs one round trip here instead of four (BEGIN, UPDATE, INSERT, COMMIT), and the
two can never be apart. Elsewhere (SQLite in development) they share a transaction. The
protocol around this is described in notices/reminders/sending.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from notices.models import Reminder, ReminderAttempt

# Table names are ours, never a person's input: only values are bound.
POSTGRES_FINISH = f"""
    WITH done AS (
        UPDATE {Reminder._meta.db_table}
        SET status = %(status)s, lease_until = NULL, last_error = %(error)s,
            message_id = COALESCE(%(message_id)s, message_id),
            sent_at = COALESCE(%(sent_at)s, sent_at)
        WHERE id = %(id)s
        RETURNING id
    )
    INSERT INTO {ReminderAttempt._meta.db_table} (reminder_id, started_at, outcome, error)
    SELECT id, %(started_at)s, %(outcome)s, %(error)s FROM done
"""  # noqa: S608


def finish(
    reminder_id: int,
    status: str,
    *,
    outcome: str,
    error: str = "",
    message_id: str | None = None,
    sent_at: datetime | None = None,
) -> None:
    """Set the row's status (its lease ends) and log the try; `message_id` and `sent_at`
    are kept as they were when not given."""
    if connection.vendor != "postgresql":
        fields = {"message_id": message_id, "sent_at": sent_at}
        with transaction.atomic():
            Reminder.objects.filter(pk=reminder_id).update(
                status=status,
                lease_until=None,
                last_error=error,
                **{name: value for name, value in fields.items() if value is not None},
            )
            ReminderAttempt.objects.create(reminder_id=reminder_id, outcome=outcome, error=error)
        return
    adapt = connection.ops.adapt_datetimefield_value
    values: dict[str, Any] = {
        "id": reminder_id,
        "status": status,
        "error": error,
        "message_id": message_id,
        "sent_at": adapt(sent_at) if sent_at is not None else None,
        "started_at": adapt(timezone.now()),
        "outcome": outcome,
    }
    with connection.cursor() as cursor:
        cursor.execute(POSTGRES_FINISH, values)
