"""The typed notice details and the one date validator every form uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notices.irs.notice_details import NoticeDetails, date_errors

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
