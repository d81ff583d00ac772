"""The one place that writes money, rates and dates for people: "$1,234.56", "0.5%",
"March 24, 2026"."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext


def dollars(amount: Decimal | None) -> str:
    """$1,234.56 from an unrounded Decimal: money is rounded to cents only for display."""
    if amount is None:
        return ""
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.2f}"


def whole_dollars(amount: Decimal) -> str:
    """$100,000 or $22: a limit or a fee in whole dollars, with no cents."""
    if amount != amount.to_integral_value():
        raise ValueError(f"{amount} is not a whole-dollar figure")
    return f"${int(amount):,}"


def percent(rate: Decimal) -> str:
    """0.5%, 25% or 7% from a fraction such as Decimal("0.005")."""
    return f"{(rate * 100).normalize():f}%"


def long_date(day: date) -> str:
    """A date written out in the active language, like "March 24, 2026"."""
    return date_format(day, gettext("F j, Y"))  # the date in the reader's language
