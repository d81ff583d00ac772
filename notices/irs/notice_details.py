"""The details printed on a notice, and the one set of rules every form checks them by.

A check-up, a tracked notice and the cost estimator all ask for some of the same dates.
They share `NoticeDetails` (what a check-up keeps in the session) and `date_errors` (what
makes a date impossible), so a date one screen accepts is never refused by another. Every
other date a person types (a call, a follow-up, a payment, a plan) goes through
`date_range_error`, the same bounds in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from notices.irs import notice_types
from notices.irs.formatting import long_date

EARLIEST_YEAR = 2000
EARLIEST_DATE = date(EARLIEST_YEAR, 1, 1)
# How far ahead a typed date may be. Why: everything we track is weeks or months away (a
# pay-by date, a payment planned in full, a call back), and our rates change every quarter,
# so a date years ahead is a typing slip ("2205" for "2025"). A firm limit also keeps every
# date far from the year 9999, where adding a week for a reminder or a day for a calendar
# event would fail.
YEARS_AHEAD = 3
# A follow-up is a call back or a check on a reply: the IRS asks for 30 to 60 days, and a
# case that is still open after two years needs a fresh look rather than a reminder.
FOLLOW_UP_YEARS_AHEAD = 2
# A pay-by date is printed a few weeks after the notice date (21 calendar days on a CP14,
# IRC 6601(e)(3)); a year is far beyond any notice, so a later date is a typing mistake.
LONGEST_PAY_BY = timedelta(days=366)


@dataclass(frozen=True)
class NoticeDetails:
    """What a person read off the notice. Every part is optional: they may skip any."""

    notice_date: date | None = None
    pay_by: date | None = None  # the date printed on it: to pay, ask for a hearing or answer by
    amount: Decimal | None = None
    notice_type: str = notice_types.FIRST_NOTICE

    def to_json(self) -> dict[str, str]:
        """Strings only, for a session or a JSONField."""
        data = {}
        if self.notice_type != notice_types.FIRST_NOTICE:
            data["notice_type"] = self.notice_type
        if self.notice_date:
            data["notice_date"] = self.notice_date.isoformat()
        if self.pay_by:
            data["pay_by"] = self.pay_by.isoformat()
        if self.amount:
            data["amount"] = str(self.amount)
        return data

    @classmethod
    def from_json(cls, raw: Any) -> NoticeDetails | None:
        """Details from stored JSON; None when any part is unreadable (old format, junk)."""
        if not isinstance(raw, dict):
            return None
        try:
            notice_date = _iso_date(raw.get("notice_date"))
            pay_by = _iso_date(raw.get("pay_by"))
            amount = _amount(raw.get("amount"))
        except (TypeError, ValueError, InvalidOperation):
            return None
        notice_type = raw.get("notice_type", notice_types.FIRST_NOTICE)
        if notice_type not in notice_types.RULES:
            return None
        return cls(notice_date, pay_by, amount, notice_type)

    @property
    def is_empty(self) -> bool:
        return self.notice_date is None and self.pay_by is None and self.amount is None


def _iso_date(value: Any) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    return date.fromisoformat(value)


def _amount(value: Any) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    amount = Decimal(value)
    if not amount.is_finite() or amount <= 0:
        raise ValueError(value)
    return amount


def years_after(day: date, years: int) -> date:
    """The same day `years` later (February 29 becomes February 28)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def date_range_error(
    day: date, *, today: date, years_ahead: int = YEARS_AHEAD, future: bool = True
) -> str | None:
    """Why `day` can't be right, or None: before EARLIEST_YEAR, more than `years_ahead`
    after `today`, or (with `future=False`, for what already happened) after `today`."""
    if day < EARLIEST_DATE:
        return _("Enter a date in %(year)d or later.") % {"year": EARLIEST_YEAR}
    if not future and day > today:
        return _("This date can't be in the future.")
    latest = years_after(today, years_ahead)
    if day > latest:
        return _("Check the year. Enter a date on or before %(day)s.") % {"day": long_date(latest)}
    return None


# Stored dates further ahead than this were saved before the forms checked dates (a
# follow-up on 9999-12-31). Calendars and reminders leave them out instead of failing. It
# is far wider than FURTHEST_AHEAD, so a date a form accepted stays in reach for years.
OUT_OF_REACH = timedelta(days=20 * 366)


def within_reach(day: date, *, today: date) -> bool:
    """True for a stored date calendars and reminders can work with."""
    return day >= EARLIEST_DATE and day - today <= OUT_OF_REACH


def date_errors(
    *,
    today: date,
    notice_date: date | None = None,
    pay_by: date | None = None,
    tax_year: int | None = None,
) -> dict[str, str]:
    """What is impossible about these dates, as {field name: message}; empty when all fit.

    Forms call this from `clean()` with whichever of the three they ask for.
    """
    errors: dict[str, str] = {}
    if notice_date is not None:
        if notice_date > today:
            errors["notice_date"] = _("The notice date can't be in the future.")
        elif notice_date.year < EARLIEST_YEAR:
            errors["notice_date"] = _("Enter a notice date in %(year)d or later.") % {
                "year": EARLIEST_YEAR
            }
    if pay_by is not None:
        if notice_date is not None and pay_by < notice_date:
            errors["pay_by"] = _("The date to pay or answer by can't be before the notice date.")
        elif notice_date is not None and pay_by - notice_date > LONGEST_PAY_BY:
            errors["pay_by"] = _(
                "The date to pay or answer by is more than a year after the notice date. "
                "Check both dates against the notice."
            )
        elif pay_by.year < EARLIEST_YEAR or pay_by - today > LONGEST_PAY_BY:
            errors["pay_by"] = _(
                "Check the date to pay or answer by: it should be a few weeks after the notice."
            )
    if tax_year is not None:
        if not EARLIEST_YEAR <= tax_year <= today.year:
            errors["tax_year"] = _("Enter a tax year from %(first)d to %(last)d.") % {
                "first": EARLIEST_YEAR,
                "last": today.year,
            }
        elif (
            notice_date is not None and "notice_date" not in errors and tax_year >= notice_date.year
        ):
            errors["tax_year"] = _(
                "The tax year must be before the year of the notice: a bill for %(year)d "
                "comes after that year ends."
            ) % {"year": tax_year}
    return errors
