"""Pay-by deadline for a CP14 notice, and the business-day calendar behind it.

Pure domain code (no Django). All dates are plain calendar dates with no time zone.
Sources: IRC 6601(e)(3) (21 days, or 10 business days at $100,000 or more), IRC 7503
(weekends and DC legal holidays), 5 U.S.C. 6103 and D.C. Code 1-612.02 (holidays).
docs/sources.md, "Pay-by date and the 21-day rule" and "Holidays and business days".
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

# IRC 6601(e)(3): at this amount or more the window is 10 business days instead of 21 days.
LARGE_BALANCE = Decimal("100000")
CALENDAR_WINDOW_DAYS = 21
BUSINESS_WINDOW_DAYS = 10
# IRC 6330(a)(3)(B): a final notice of intent to levy (LT11, Letter 1058) gives 30 days to ask
# for a Collection Due Process hearing (Form 12153). docs/sources.md, "Collection Due Process
# hearing and Form 12153".
HEARING_WINDOW_DAYS = 30
# IRC 6213(b)(2): 60 days after a math-error notice (CP11, CP12 and similar) to ask the IRS to
# reverse the change. docs/sources.md, "Math-error notices (CP11, CP12)".
MATH_ERROR_REPLY_DAYS = 60
# Allow at least 30 days for the IRS to answer a letter before following up (IRS: Understanding
# your IRS notice or letter). docs/sources.md, "Disputing a CP14".
REPLY_WAIT_DAYS = 30
# The Taxpayer Advocate Service can step in after a wait of more than 30 days for the IRS to fix
# a problem. docs/sources.md, "Taxpayer Advocate Service and free help".
ADVOCATE_WAIT_DAYS = 30
JUNETEENTH_FIRST_YEAR = 2021  # Pub. L. 117-17 made it a legal holiday in June 2021.

# Fixed-date holidays: 5 U.S.C. 6103(a), plus DC Emancipation Day (D.C. Code 1-612.02(a)(11)).
# Inauguration Day (5 U.S.C. 6103(c)) is deliberately left out: a missing holiday can only
# make a deadline earlier, never later, which is the safe error for someone trying to pay.
_FIXED: tuple[tuple[int, int, str], ...] = (
    (1, 1, "New Year's Day"),
    (4, 16, "District of Columbia Emancipation Day"),
    (6, 19, "Juneteenth National Independence Day"),
    (7, 4, "Independence Day"),
    (11, 11, "Veterans Day"),
    (12, 25, "Christmas Day"),
)
# Floating holidays, 5 U.S.C. 6103(a): (month, weekday, nth; -1 means last).
_FLOATING: tuple[tuple[int, int, int, str], ...] = (
    (1, calendar.MONDAY, 3, "Birthday of Martin Luther King, Jr."),
    (2, calendar.MONDAY, 3, "Washington's Birthday"),
    (5, calendar.MONDAY, -1, "Memorial Day"),
    (9, calendar.MONDAY, 1, "Labor Day"),
    (10, calendar.MONDAY, 2, "Columbus Day"),
    (11, calendar.THURSDAY, 4, "Thanksgiving Day"),
)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    return date(year, month, days[nth - 1] if nth > 0 else days[nth])


def _observed(day: date) -> date:
    """Saturday holidays are observed the Friday before, Sunday ones the Monday after.

    Why: the observed day is the day offices close. Source: D.C. Code 1-612.02(b)(1),
    5 U.S.C. 6103(b); the IRS treated Emancipation Day 2011 (observed Friday April 15) so.
    """
    if day.weekday() == calendar.SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == calendar.SUNDAY:
        return day + timedelta(days=1)
    return day


def legal_holidays(year: int) -> dict[date, str]:
    """Observed legal holidays in DC that fall in `year`, as {observed date: name}.

    Why: IRC 7503 moves deadlines off "a legal holiday in the District of Columbia".
    Observation can cross the year boundary: New Year's Day on a Saturday is observed on
    Friday December 31 of the year before, so a year can hold 0, 1 or 2 New Year's Days.
    """
    holidays: dict[date, str] = {}
    # Next year's Jan 1 may be observed on Dec 31 (there is no year after 9999).
    for holiday_year in range(year, min(year + 1, date.max.year) + 1):
        for month, day, name in _FIXED:
            if month == 6 and holiday_year < JUNETEENTH_FIRST_YEAR:
                continue
            observed = _observed(date(holiday_year, month, day))
            if observed.year == year:
                holidays[observed] = name
    for month, weekday, nth, name in _FLOATING:
        holidays[_nth_weekday(year, month, weekday, nth)] = name
    return dict(sorted(holidays.items()))


@cache
def _holiday_dates(year: int) -> frozenset[date]:
    return frozenset(legal_holidays(year))


def is_business_day(day: date) -> bool:
    """True unless `day` is a Saturday, Sunday or DC legal holiday (IRC 7503, 6601(e)(3))."""
    return day.weekday() < calendar.SATURDAY and day not in _holiday_dates(day.year)


def days_after(day: date, days: int) -> date:
    """`day` plus `days`, stopping at the last date there is (an old row may hold 9999-12-31)."""
    return day + timedelta(days=days) if date.max - day >= timedelta(days=days) else date.max


def next_business_day(day: date) -> date:
    """`day` itself if it is a business day, else the next one (IRC 7503)."""
    while not is_business_day(day) and day < date.max:
        day += timedelta(days=1)
    return day


def add_business_days(start: date, count: int) -> date:
    """The date `count` business days after `start`; `start` itself is not counted.

    Why: the 10-business-day window of IRC 6601(e)(3) for balances of $100,000 or more.
    """
    if count < 0:
        raise ValueError(f"count must be zero or more, got {count}")
    day = start
    for _ in range(count):
        day = next_business_day(days_after(day, 1))
    return day


class Rule(enum.StrEnum):
    """Which rule produced a deadline."""

    PRINTED = "printed"
    CALENDAR_21 = "21-days"
    BUSINESS_10 = "10-business-days"
    HEARING_30 = "30-days-hearing"  # LT11 / Letter 1058: IRC 6330(a)(3)(B)
    NOT_ON_FILE = "not-on-file"  # no printed date and no rule to count one: the notice date


@dataclass(frozen=True)
class Deadline:
    """The date to pay by; `unadjusted` is the date before rolling to a business day."""

    due: date
    rule: Rule
    unadjusted: date

    @property
    def moved(self) -> bool:
        """True when a weekend or holiday pushed the deadline later (IRC 7503)."""
        return self.due != self.unadjusted


def effective_deadline(
    *, notice_date: date, amount: Decimal, pay_by: date | None = None
) -> Deadline:
    """The date to pay by so no more interest accrues after the notice date.

    Why: IRC 6601(e)(3) stops interest if a notice and demand is paid within 21 calendar
    days, or 10 business days when the amount is $100,000 or more. A pay-by date printed
    on the notice wins and is used as printed (it is the IRS's own date). A computed date
    on a weekend or DC legal holiday moves to the next business day (IRC 7503).
    """
    if pay_by is not None:
        return Deadline(due=pay_by, rule=Rule.PRINTED, unadjusted=pay_by)
    if amount >= LARGE_BALANCE:
        due = add_business_days(notice_date, BUSINESS_WINDOW_DAYS)
        return Deadline(due=due, rule=Rule.BUSINESS_10, unadjusted=due)
    unadjusted = days_after(notice_date, CALENDAR_WINDOW_DAYS)
    return Deadline(due=next_business_day(unadjusted), rule=Rule.CALENDAR_21, unadjusted=unadjusted)


def days_left(due: date, *, today: date) -> int:
    """Calendar days from `today` to `due`: 0 on the due date, negative when overdue."""
    return (due - today).days


def return_due_date(tax_year: int) -> date:
    """Due date of an individual return for `tax_year`, without extensions.

    Why: interest and penalties run from this date. Source: IRC 6072(a) (April 15 of the
    next year) and IRC 7503 (weekend or DC legal holiday moves it to the next business day).
    One-off disaster or emergency postponements (e.g. to July 15, 2020) are not modelled.
    """
    return next_business_day(date(tax_year + 1, 4, 15))
