"""Tests for notices.deadlines.

Every expected date below is a literal, checked by hand against Python's calendar module
(calendar.TextCalendar) and a separate brute-force day counter, not computed by the code
under test.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from notices.irs.deadlines import (
    LARGE_BALANCE,
    Deadline,
    Rule,
    add_business_days,
    days_left,
    effective_deadline,
    is_business_day,
    legal_holidays,
    next_business_day,
    return_due_date,
)

NEW_YEAR = "New Year's Day"
MLK = "Birthday of Martin Luther King, Jr."
WASHINGTON = "Washington's Birthday"
EMANCIPATION = "District of Columbia Emancipation Day"
MEMORIAL = "Memorial Day"
JUNETEENTH = "Juneteenth National Independence Day"
INDEPENDENCE = "Independence Day"
LABOR = "Labor Day"
COLUMBUS = "Columbus Day"
VETERANS = "Veterans Day"
THANKSGIVING = "Thanksgiving Day"
CHRISTMAS = "Christmas Day"

# Observed dates of each holiday for holiday years 2021..2028, in that order.
# Comments mark dates moved off a weekend (Sat -> Fri before, Sun -> Mon after).
OBSERVED: dict[str, tuple[date, ...]] = {
    NEW_YEAR: (
        date(2021, 1, 1),
        date(2021, 12, 31),  # Jan 1, 2022 was a Saturday
        date(2023, 1, 2),  # Sunday
        date(2024, 1, 1),
        date(2025, 1, 1),
        date(2026, 1, 1),
        date(2027, 1, 1),
        date(2027, 12, 31),  # Jan 1, 2028 is a Saturday
    ),
    MLK: (
        date(2021, 1, 18),
        date(2022, 1, 17),
        date(2023, 1, 16),
        date(2024, 1, 15),
        date(2025, 1, 20),
        date(2026, 1, 19),
        date(2027, 1, 18),
        date(2028, 1, 17),
    ),
    WASHINGTON: (
        date(2021, 2, 15),
        date(2022, 2, 21),
        date(2023, 2, 20),
        date(2024, 2, 19),
        date(2025, 2, 17),
        date(2026, 2, 16),
        date(2027, 2, 15),
        date(2028, 2, 21),
    ),
    EMANCIPATION: (
        date(2021, 4, 16),
        date(2022, 4, 15),  # Saturday
        date(2023, 4, 17),  # Sunday
        date(2024, 4, 16),
        date(2025, 4, 16),
        date(2026, 4, 16),
        date(2027, 4, 16),
        date(2028, 4, 17),  # Sunday
    ),
    MEMORIAL: (
        date(2021, 5, 31),
        date(2022, 5, 30),
        date(2023, 5, 29),
        date(2024, 5, 27),
        date(2025, 5, 26),
        date(2026, 5, 25),
        date(2027, 5, 31),
        date(2028, 5, 29),
    ),
    JUNETEENTH: (
        date(2021, 6, 18),  # Saturday
        date(2022, 6, 20),  # Sunday
        date(2023, 6, 19),
        date(2024, 6, 19),
        date(2025, 6, 19),
        date(2026, 6, 19),
        date(2027, 6, 18),  # Saturday
        date(2028, 6, 19),
    ),
    INDEPENDENCE: (
        date(2021, 7, 5),  # Sunday
        date(2022, 7, 4),
        date(2023, 7, 4),
        date(2024, 7, 4),
        date(2025, 7, 4),
        date(2026, 7, 3),  # Saturday
        date(2027, 7, 5),  # Sunday
        date(2028, 7, 4),
    ),
    LABOR: (
        date(2021, 9, 6),
        date(2022, 9, 5),
        date(2023, 9, 4),
        date(2024, 9, 2),
        date(2025, 9, 1),
        date(2026, 9, 7),
        date(2027, 9, 6),
        date(2028, 9, 4),
    ),
    COLUMBUS: (
        date(2021, 10, 11),
        date(2022, 10, 10),
        date(2023, 10, 9),
        date(2024, 10, 14),
        date(2025, 10, 13),
        date(2026, 10, 12),
        date(2027, 10, 11),
        date(2028, 10, 9),
    ),
    VETERANS: (
        date(2021, 11, 11),
        date(2022, 11, 11),
        date(2023, 11, 10),  # Saturday
        date(2024, 11, 11),
        date(2025, 11, 11),
        date(2026, 11, 11),
        date(2027, 11, 11),
        date(2028, 11, 10),  # Saturday
    ),
    THANKSGIVING: (
        date(2021, 11, 25),
        date(2022, 11, 24),
        date(2023, 11, 23),
        date(2024, 11, 28),
        date(2025, 11, 27),
        date(2026, 11, 26),
        date(2027, 11, 25),
        date(2028, 11, 23),
    ),
    CHRISTMAS: (
        date(2021, 12, 24),  # Saturday
        date(2022, 12, 26),  # Sunday
        date(2023, 12, 25),
        date(2024, 12, 25),
        date(2025, 12, 25),
        date(2026, 12, 25),
        date(2027, 12, 24),  # Saturday
        date(2028, 12, 25),
    ),
}
HOLIDAY_ROWS = [(name, day) for name, days in OBSERVED.items() for day in days]


def _expected_for(year: int) -> dict[date, str]:
    return {day: name for name, day in HOLIDAY_ROWS if day.year == year}


# --- holidays -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "observed"), HOLIDAY_ROWS)
def test_each_holiday_is_observed_on_the_expected_date(name: str, observed: date) -> None:
    assert legal_holidays(observed.year).get(observed) == name
    assert not is_business_day(observed)


@pytest.mark.parametrize("year", range(2021, 2029))
def test_a_year_holds_exactly_the_expected_holidays(year: int) -> None:
    # Jan 1, 2029 is a Monday, so no holiday outside the table lands in 2021..2028.
    assert legal_holidays(year) == _expected_for(year)


@pytest.mark.parametrize(
    ("year", "new_year_days"),
    [
        (2021, [date(2021, 1, 1), date(2021, 12, 31)]),
        (2022, []),
        (2023, [date(2023, 1, 2)]),
        (2027, [date(2027, 1, 1), date(2027, 12, 31)]),
        (2028, []),
    ],
)
def test_new_years_day_on_a_saturday_is_observed_in_the_previous_year(
    year: int, new_year_days: list[date]
) -> None:
    found = [day for day, name in legal_holidays(year).items() if name == NEW_YEAR]
    assert found == new_year_days


def test_december_31_before_a_saturday_new_year_is_not_a_business_day() -> None:
    assert not is_business_day(date(2021, 12, 31))
    assert not is_business_day(date(2027, 12, 31))
    assert is_business_day(date(2024, 12, 31))


def test_juneteenth_is_not_a_holiday_before_2021() -> None:
    assert JUNETEENTH not in legal_holidays(2020).values()
    assert is_business_day(date(2020, 6, 19))  # a Friday


def test_juneteenth_is_a_holiday_from_2021() -> None:
    assert legal_holidays(2021)[date(2021, 6, 18)] == JUNETEENTH
    assert not is_business_day(date(2021, 6, 18))


def test_inauguration_day_is_deliberately_not_a_holiday() -> None:
    # Inauguration Day, Jan 20 after a presidential election, is a holiday only for some
    # federal workers in the DC area; leaving it out can only make a deadline earlier.
    assert is_business_day(date(2017, 1, 20))  # a Friday
    assert is_business_day(date(2021, 1, 20))  # a Wednesday


def test_day_after_thanksgiving_is_a_business_day() -> None:
    assert is_business_day(date(2024, 11, 29))


def test_legal_holidays_are_sorted_by_date() -> None:
    days = list(legal_holidays(2024))
    assert days == sorted(days)


# --- business days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 6, 1), False),  # Saturday
        (date(2024, 6, 2), False),  # Sunday
        (date(2024, 6, 3), True),  # Monday
        (date(2024, 6, 5), True),  # Wednesday
        (date(2024, 6, 7), True),  # Friday
        (date(2024, 7, 4), False),  # Independence Day, Thursday
        (date(2026, 7, 3), False),  # Independence Day observed, Friday
        (date(2026, 7, 4), False),  # Saturday
    ],
)
def test_weekends_and_holidays_are_not_business_days(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 6, 5), date(2024, 6, 5)),  # already a business day
        (date(2024, 6, 1), date(2024, 6, 3)),  # Saturday -> Monday
        (date(2024, 6, 2), date(2024, 6, 3)),  # Sunday -> Monday
        (date(2026, 7, 3), date(2026, 7, 6)),  # observed holiday Friday -> Monday
        (date(2017, 4, 15), date(2017, 4, 18)),  # Sat, Sun, Emancipation Day Mon -> Tue
        (date(2021, 12, 31), date(2022, 1, 3)),  # across the year boundary
    ],
)
def test_next_business_day(day: date, expected: date) -> None:
    assert next_business_day(day) == expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2024, 6, 5), 0, date(2024, 6, 5)),
        (date(2024, 6, 5), 1, date(2024, 6, 6)),
        (date(2024, 6, 7), 1, date(2024, 6, 10)),  # Friday -> Monday
        (date(2024, 6, 1), 1, date(2024, 6, 3)),  # from a Saturday
        (date(2024, 6, 18), 1, date(2024, 6, 20)),  # skips Juneteenth
        (date(2024, 3, 4), 10, date(2024, 3, 18)),
    ],
)
def test_add_business_days(start: date, count: int, expected: date) -> None:
    assert add_business_days(start, count) == expected


def test_add_business_days_rejects_a_negative_count() -> None:
    with pytest.raises(ValueError, match="count"):
        add_business_days(date(2024, 6, 5), -1)


# --- effective deadline ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "rule", "due"),
    [
        (Decimal("0.01"), Rule.CALENDAR_21, date(2024, 3, 25)),
        (Decimal("99999.99"), Rule.CALENDAR_21, date(2024, 3, 25)),
        (Decimal("100000.00"), Rule.BUSINESS_10, date(2024, 3, 18)),
        (Decimal("100000"), Rule.BUSINESS_10, date(2024, 3, 18)),
        (Decimal("250000"), Rule.BUSINESS_10, date(2024, 3, 18)),
    ],
)
def test_the_100000_boundary_picks_the_window(amount: Decimal, rule: Rule, due: date) -> None:
    deadline = effective_deadline(notice_date=date(2024, 3, 4), amount=amount)
    assert (deadline.rule, deadline.due) == (rule, due)


@pytest.mark.parametrize(
    ("notice_date", "unadjusted", "due"),
    [
        (date(2025, 5, 5), date(2025, 5, 26), date(2025, 5, 27)),  # Memorial Day
        (date(2025, 6, 13), date(2025, 7, 4), date(2025, 7, 7)),  # Independence Day, Friday
        (date(2025, 3, 26), date(2025, 4, 16), date(2025, 4, 17)),  # DC Emancipation Day
        (date(2021, 12, 10), date(2021, 12, 31), date(2022, 1, 3)),  # New Year's observed
        (date(2027, 12, 10), date(2027, 12, 31), date(2028, 1, 3)),  # New Year's observed
    ],
)
def test_computed_deadline_on_a_holiday_moves_to_next_business_day(
    notice_date: date, unadjusted: date, due: date
) -> None:
    deadline = effective_deadline(notice_date=notice_date, amount=Decimal("5000"))
    assert deadline == Deadline(due=due, rule=Rule.CALENDAR_21, unadjusted=unadjusted)
    assert deadline.moved


@pytest.mark.parametrize(
    ("notice_date", "unadjusted", "due"),
    [
        (date(2024, 6, 1), date(2024, 6, 22), date(2024, 6, 24)),  # Saturday -> Monday
        (date(2024, 12, 15), date(2025, 1, 5), date(2025, 1, 6)),  # Sunday -> Monday
        (date(2027, 12, 4), date(2027, 12, 25), date(2027, 12, 27)),  # Christmas on a Sat
    ],
)
def test_computed_deadline_on_a_weekend_moves_to_monday(
    notice_date: date, unadjusted: date, due: date
) -> None:
    deadline = effective_deadline(notice_date=notice_date, amount=Decimal("5000"))
    assert (deadline.unadjusted, deadline.due, deadline.moved) == (unadjusted, due, True)


def test_21_day_deadline_on_a_business_day_is_not_moved() -> None:
    deadline = effective_deadline(notice_date=date(2024, 3, 4), amount=Decimal("1234.56"))
    assert deadline == Deadline(
        due=date(2024, 3, 25), rule=Rule.CALENDAR_21, unadjusted=date(2024, 3, 25)
    )
    assert not deadline.moved


@pytest.mark.parametrize(
    ("notice_date", "due"),
    [
        (date(2024, 11, 20), date(2024, 12, 5)),  # skips Thanksgiving Nov 28, 2024
        (date(2024, 12, 20), date(2025, 1, 7)),  # skips Dec 25 and Jan 1
        (date(2021, 12, 20), date(2022, 1, 5)),  # skips Fri Dec 24 and Fri Dec 31, 2021
    ],
)
def test_10_business_days_skip_holidays(notice_date: date, due: date) -> None:
    deadline = effective_deadline(notice_date=notice_date, amount=Decimal("150000"))
    assert deadline == Deadline(due=due, rule=Rule.BUSINESS_10, unadjusted=due)
    assert not deadline.moved


@pytest.mark.parametrize(
    ("notice_date", "amount", "rule", "due"),
    [
        (date(2024, 12, 15), Decimal("5000"), Rule.CALENDAR_21, date(2025, 1, 6)),
        (date(2024, 12, 20), Decimal("5000"), Rule.CALENDAR_21, date(2025, 1, 10)),
        (date(2024, 12, 15), Decimal("100000"), Rule.BUSINESS_10, date(2024, 12, 30)),
        (date(2024, 12, 20), Decimal("100000"), Rule.BUSINESS_10, date(2025, 1, 7)),
        (date(2021, 12, 15), Decimal("5000"), Rule.CALENDAR_21, date(2022, 1, 5)),
        (date(2021, 12, 20), Decimal("5000"), Rule.CALENDAR_21, date(2022, 1, 10)),
        (date(2021, 12, 15), Decimal("100000"), Rule.BUSINESS_10, date(2021, 12, 30)),
        (date(2021, 12, 20), Decimal("100000"), Rule.BUSINESS_10, date(2022, 1, 5)),
        (date(2027, 12, 15), Decimal("5000"), Rule.CALENDAR_21, date(2028, 1, 5)),
        (date(2027, 12, 20), Decimal("100000"), Rule.BUSINESS_10, date(2028, 1, 5)),
    ],
)
def test_notices_in_late_december_cross_the_year_end(
    notice_date: date, amount: Decimal, rule: Rule, due: date
) -> None:
    deadline = effective_deadline(notice_date=notice_date, amount=amount)
    assert (deadline.rule, deadline.due) == (rule, due)


@pytest.mark.parametrize(
    ("pay_by", "amount"),
    [
        (date(2024, 6, 22), Decimal("5000")),  # a Saturday
        (date(2024, 7, 4), Decimal("5000")),  # a holiday
        (date(2024, 6, 22), Decimal("500000")),  # a large balance too
        (date(2024, 6, 20), Decimal("5000")),  # earlier than 21 days
    ],
)
def test_a_printed_pay_by_date_is_used_as_printed(pay_by: date, amount: Decimal) -> None:
    deadline = effective_deadline(notice_date=date(2024, 6, 1), amount=amount, pay_by=pay_by)
    assert deadline == Deadline(due=pay_by, rule=Rule.PRINTED, unadjusted=pay_by)
    assert not deadline.moved


def test_every_computed_deadline_is_a_business_day_at_most_3_days_after_unadjusted() -> None:
    day = date(2020, 1, 1)
    while day < date(2029, 1, 1):
        for amount in (Decimal("99999.99"), LARGE_BALANCE):
            deadline = effective_deadline(notice_date=day, amount=amount)
            assert is_business_day(deadline.due)
            assert timedelta(0) <= deadline.due - deadline.unadjusted <= timedelta(days=3)
        day += timedelta(days=1)


# --- days left and return due date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 7, 1), 6),
        (date(2025, 7, 7), 0),
        (date(2025, 7, 10), -3),
        (date(2024, 12, 31), 188),  # across a year end (2025 is not a leap year)
    ],
)
def test_days_left_counts_calendar_days_and_goes_negative_when_overdue(
    today: date, expected: int
) -> None:
    assert days_left(date(2025, 7, 7), today=today) == expected


@pytest.mark.parametrize(
    ("tax_year", "expected"),
    [
        (2010, date(2011, 4, 18)),  # Fri Apr 15, 2011 was Emancipation Day observed
        (2016, date(2017, 4, 18)),  # Sat Apr 15; Mon Apr 17 was Emancipation Day observed
        (2019, date(2020, 4, 15)),  # a Wednesday (the COVID postponement is not modelled)
        (2021, date(2022, 4, 18)),  # Fri Apr 15, 2022 was Emancipation Day observed
        (2022, date(2023, 4, 18)),  # Sat Apr 15; Mon Apr 17 was Emancipation Day observed
        (2023, date(2024, 4, 15)),  # a Monday
        (2024, date(2025, 4, 15)),  # a Tuesday
    ],
)
def test_return_due_date_moves_off_weekends_and_emancipation_day(
    tax_year: int, expected: date
) -> None:
    assert return_due_date(tax_year) == expected
