"""Each reminder row says which date it is about, in a real date column."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from notices import cases
from notices.models import ContactEntry
from tests.factories import make_case

# Sunday March 1, 2026, noon in New York.
NOW = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_deadline_reminders_are_about_the_pay_by_date(alice):
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))
    rows = case.reminders.filter(status="pending")
    assert {row.about for row in rows} == {date(2026, 3, 24)}
    assert {row.kind.split("@")[0] for row in rows} == {"before-7", "before-1", "due"}


def test_a_moved_pay_by_date_gives_rows_about_the_new_date(alice):
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))
    cases.update_case(case=case, data={"pay_by": date(2026, 3, 31)})
    pending = case.reminders.filter(status="pending")
    assert {row.about for row in pending} == {date(2026, 3, 31)}
    assert {row.about for row in case.reminders.filter(status="cancelled")} == {date(2026, 3, 24)}


def test_a_follow_up_reminder_is_about_the_follow_up_date(alice):
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))
    cases.add_entry(
        case=case,
        model=ContactEntry,
        data={
            "contacted_at": datetime(2026, 2, 27, 14, 0, tzinfo=UTC),
            "channel": ContactEntry.Channel.PHONE,
            "summary": "They will look for my March payment.",
            "follow_up_on": date(2026, 3, 16),
        },
    )
    (row,) = case.reminders.filter(kind__startswith="follow-up")
    assert row.about == date(2026, 3, 16)
