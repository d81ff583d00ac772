"""A send re-plans its case only when that changes what is planned.

Whether a row was written is read from the row itself: PostgreSQL gives every new version
of a row a new physical place (its ctid), even when an UPDATE sets the same values.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection

from notices import cases
from notices.models import Case, Reminder
from notices.reminders import scheduling, sending
from tests.factories import make_case
from tests.helpers import needs_postgres

NOW = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)
PAY_BY = date(2026, 3, 24)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def due_case(alice):
    needs_postgres("the re-planning tests", "reads PostgreSQL row versions")
    return make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY)


def versions(case: Case) -> dict[str, tuple[str, str]]:
    """Each reminder row's current version and status, by kind."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, ctid::text, status FROM {Reminder._meta.db_table} "  # noqa: S608
            "WHERE case_id = %s",
            [case.pk],
        )
        return {kind: (ctid, status) for kind, ctid, status in cursor.fetchall()}


def written(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> set[str]:
    return {kind for kind in after if before.get(kind) != after[kind]}


def test_a_send_that_changes_no_plan_writes_only_its_own_row(due_case):
    week_before = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
    (row_id,) = sending.claim_due(now=week_before)
    before = versions(due_case)
    assert sending.send(row_id, now=week_before).sent
    after = versions(due_case)
    assert written(before, after) == {"before-7@2026-03-24"}
    assert after["before-7@2026-03-24"][1] == "sent"
    assert {status for _, status in after.values()} == {"sent", "pending"}
    assert len(mail.outbox) == 1


def test_a_send_after_the_pay_by_date_plans_the_first_weekly_nudge(due_case):
    after_due = datetime(2026, 3, 24, 12, 1, tzinfo=UTC)
    first, *_ = sending.claim_due(now=after_due)  # before-7, before-1 and due, a little late
    before = versions(due_case)
    sending.send(first, now=after_due)
    assert "after-1@2026-03-24" in written(before, versions(due_case))
    assert Reminder.objects.get(case=due_case, kind="after-1@2026-03-24").status == "pending"


class MovesThePayByDate(locmem.EmailBackend):
    """A mail server that takes its time: meanwhile the person enters a new pay-by date."""

    def send_messages(self, messages: Any) -> int:
        cases.update_case(case=Case.objects.get(), data={"pay_by": date(2026, 4, 21)})
        return int(super().send_messages(messages))


def test_a_date_changed_while_the_email_went_out_is_planned_from_the_change(due_case, settings):
    after_due = datetime(2026, 3, 24, 12, 1, tzinfo=UTC)
    *earlier, last = sending.claim_due(now=after_due)  # before-7, before-1, due
    for row_id in earlier:
        sending.send(row_id, now=after_due)
    settings.EMAIL_BACKEND = "tests.notices.reminders.test_replanning.MovesThePayByDate"
    assert sending.send(last, now=after_due).sent
    planned = versions(due_case)
    # The new date's reminders stand; the old date gets no weekly nudge.
    assert planned["before-7@2026-04-21"][1] == "pending"
    assert planned["due@2026-04-21"][1] == "pending"
    assert planned["after-1@2026-03-24"][1] == "cancelled"
    assert planned["due@2026-03-24"][1] == "sent"


def test_saving_a_case_without_new_dates_rewrites_no_reminder_row(due_case):
    before = versions(due_case)
    cases.update_case(case=due_case, data={"nickname": "The big one"})
    scheduling.schedule_for_case(due_case)
    assert written(before, versions(due_case)) == set()
