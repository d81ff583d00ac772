"""{{ amount|dollars }} in templates, written by notices/irs/formatting.py."""

from __future__ import annotations

from decimal import Decimal

from django import template

from notices.irs import formatting

register = template.Library()


@register.filter
def dollars(amount: Decimal | None) -> str:
    return formatting.dollars(amount)
