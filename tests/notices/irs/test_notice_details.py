"""The typed notice details and the one date validator every form uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notices.irs.notice_details import (
    NoticeDetails,
    date_errors,
    date_range_error,
    within_reach,
    years_after,
)

TODAY = date(2026, 11, 21)


def test_details_survive_a_trip_through_json():
    details = NoticeDetails(date(2026, 3, 3), date(2026, 3, 24), Decimal("2450.18"))
    assert details.to_json() == {
        "notice_date": "2026-03-03",
        "pay_by": "2026-03-24",
        "amount": "2450.18",
    }
    assert NoticeDetails.from_json(details.to_json()) == details


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-03",
        {"notice_date": "March 3"},
        {"pay_by": 20260324},
        {"amount": "-5"},
        {"amount": "NaN"},
        {"amount": "lots"},
    ],
)
def test_unreadable_stored_details_are_dropped(raw):
    assert NoticeDetails.from_json(raw) is None


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        ({"notice_date": date(2026, 11, 22)}, "notice_date", "can't be in the future"),
        ({"notice_date": date(1999, 12, 31)}, "notice_date", "in 2000 or later"),
        (
            {"notice_date": date(2026, 3, 3), "pay_by": date(2026, 3, 2)},
            "pay_by",
            "can't be before the notice date",
        ),
        (
            {"notice_date": date(2026, 3, 3), "pay_by": date(9999, 12, 31)},
            "pay_by",
            "more than a year after the notice date",
        ),
        ({"pay_by": date(9999, 12, 31)}, "pay_by", "a few weeks after the notice"),
        ({"tax_year": 1999}, "tax_year", "from 2000 to 2026"),
        ({"tax_year": 2026, "notice_date": date(2026, 3, 3)}, "tax_year", "before the year"),
    ],
)
def test_impossible_dates_get_a_plain_message_on_their_field(dates, field, message):
    errors = date_errors(today=TODAY, **dates)
    assert list(errors) == [field]
    assert message in errors[field]


def test_an_ordinary_cp14_passes():
    ok = date_errors(
        today=TODAY, notice_date=date(2026, 3, 3), pay_by=date(2026, 3, 24), tax_year=2025
    )
    assert ok == {}


@given(
    notice_date=st.none() | st.dates(),
    pay_by=st.none() | st.dates(),
    tax_year=st.none() | st.integers(min_value=-(10**6), max_value=10**6),
)
def test_any_date_at_all_gives_messages_never_an_exception(notice_date, pay_by, tax_year):
    errors = date_errors(today=TODAY, notice_date=notice_date, pay_by=pay_by, tax_year=tax_year)
    assert set(errors) <= {"notice_date", "pay_by", "tax_year"}
    if notice_date is not None and not date(2000, 1, 1) <= notice_date <= TODAY:
        assert "notice_date" in errors


# The shared bounds for every other typed date (calls, follow-ups, payments, plans)


@pytest.mark.parametrize(
    ("day", "options", "message"),
    [
        (date(1, 1, 1), {}, "Enter a date in 2000 or later."),
        (date(1999, 12, 31), {}, "Enter a date in 2000 or later."),
        (date(9999, 12, 31), {}, "Check the year. Enter a date on or before November 21, 2029."),
        (date(2029, 11, 22), {}, "on or before November 21, 2029."),
        (date(2028, 11, 22), {"years_ahead": 2}, "on or before November 21, 2028."),
        (date(2026, 11, 22), {"future": False}, "This date can't be in the future."),
    ],
)
def test_dates_too_far_back_or_ahead_are_refused_with_a_plain_message(day, options, message):
    assert message in (date_range_error(day, today=TODAY, **options) or "")


@pytest.mark.parametrize(
    ("day", "options"),
    [
        (date(2000, 1, 1), {}),
        (TODAY, {"future": False}),
        (date(2029, 11, 21), {}),
        (date(2028, 11, 21), {"years_ahead": 2}),
    ],
)
def test_dates_inside_the_bounds_pass(day, options):
    assert date_range_error(day, today=TODAY, **options) is None


def test_a_leap_day_counts_ahead_to_the_last_day_of_february():
    assert years_after(date(2028, 2, 29), 3) == date(2031, 2, 28)


@given(day=st.dates())
def test_any_date_at_all_gets_an_answer_never_an_exception(day):
    message = date_range_error(day, today=TODAY)
    accepted = date(2000, 1, 1) <= day <= date(2029, 11, 21)
    assert (message is None) == accepted
    # What a form accepts, calendars and reminders can always work with.
    if accepted:
        assert within_reach(day, today=TODAY)


def test_stored_dates_far_out_of_range_are_out_of_reach():
    assert not within_reach(date(9999, 12, 31), today=TODAY)
    assert not within_reach(date(1, 1, 1), today=TODAY)
    assert within_reach(date(2040, 1, 1), today=TODAY)
