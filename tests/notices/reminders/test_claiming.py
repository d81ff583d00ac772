"""Claiming in sets: a batch of due rows costs one UPDATE, whatever its size."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.models import Reminder
from notices.reminders import sending
from tests.factories import make_case

NOW = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)


@pytest.fixture
def case(alice):
    return make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 4, 24))


def due_rows(case, count: int, *, minutes_ago: int = 5) -> list[Reminder]:
    return Reminder.objects.bulk_create(
        Reminder(case=case, kind=f"load-{n}", send_at=NOW - timedelta(minutes=minutes_ago + n))
        for n in range(count)
    )


def test_a_whole_batch_is_claimed_by_one_update(case):
    due_rows(case, 300)
    with CaptureQueriesContext(connection) as queries:
        claimed = sending.claim_due(now=NOW, limit=300)
    assert len(claimed) == 300
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "WITH"))]
    assert len(writes) == 1
    assert len(queries) <= 4  # savepoint, (SQLite: the read), the update, release
    assert set(Reminder.objects.filter(pk__in=claimed).values_list("status", flat=True)) == {
        "claimed"
    }


def test_oldest_first_and_never_more_than_the_limit(case):
    rows = due_rows(case, 30)
    oldest = sorted(rows, key=lambda row: row.send_at)[:10]
    assert sending.claim_due(now=NOW, limit=10) == [row.pk for row in oldest]
    assert Reminder.objects.filter(kind__startswith="load-", status="pending").count() == 20


def test_rows_not_yet_due_and_live_leases_are_left_alone(case):
    due_rows(case, 3)
    Reminder.objects.create(case=case, kind="later", send_at=NOW + timedelta(minutes=1))
    first = sending.claim_due(now=NOW)
    assert len(first) == 3
    assert sending.claim_due(now=NOW + timedelta(seconds=30)) == []  # leases still running


def test_a_row_tried_too_often_fails_and_one_stopped_while_sending_is_flagged(case, caplog):
    tired, stopped = due_rows(case, 2)
    Reminder.objects.filter(pk=tired.pk).update(status="sending", attempts=5, lease_until=NOW)
    Reminder.objects.filter(pk=stopped.pk).update(status="sending", attempts=1, lease_until=NOW)
    with caplog.at_level(logging.WARNING):
        claimed = sending.claim_due(now=NOW + timedelta(seconds=1))
    assert claimed == [stopped.pk]
    tired.refresh_from_db()
    assert (tired.status, tired.lease_until) == ("failed", None)
    assert f"reminder {tired.pk} failed after 5 attempts" in caplog.text
    assert f"reminder {stopped.pk} stopped while sending" in caplog.text
