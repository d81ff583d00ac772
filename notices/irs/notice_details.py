"""The details printed on a notice, and the one set of rules every form checks them by.

A check-up, a tracked notice and the cost estimator all ask for some of the same dates.
They share `NoticeDetails` (what a check-up keeps in the session) and `date_errors` (what
makes a date impossible), so a date one screen accepts is never refused by another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from notices.irs import notice_types

EARLIEST_YEAR = 2000
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
