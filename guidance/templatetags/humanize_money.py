from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def dollars(amount: Decimal | None) -> str:
    """$1,234.56 from an unrounded Decimal: money is rounded to cents only for display."""
    if amount is None:
        return ""
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${abs(rounded):,.2f}"
