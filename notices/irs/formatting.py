"""The one place that writes money and dates for people: "$1,234.56", "March 24, 2026"."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format


def dollars(amount: Decimal | None) -> str:
    """$1,234.56 from an unrounded Decimal: money is rounded to cents only for display."""
    if amount is None:
        return ""
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.2f}"


def long_date(day: date) -> str:
    """A date written out in the active language, like "March 24, 2026"."""
    return date_format(day, "F j, Y")
