"""Form fields and small validators shared by every form on the site."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.irs.notice_details import YEARS_AHEAD, date_errors, date_range_error

MAX_AMOUNT = Decimal("100000000")


class MoneyField(forms.DecimalField):
    """Dollars and cents as people type them: "$1,234.56", "1234.5" or " 800 "."""

    # A text box, not type=number: browsers reject "$1,234.56" in number inputs.
    widget = forms.TextInput

    default_error_messages = {
        "invalid": _("Enter an amount in dollars and cents, like 1,234.56."),
        "min_value": _("Enter an amount more than $0."),
        "max_value": _("Enter an amount of $100,000,000 or less."),
        "max_decimal_places": _("Enter no more than 2 digits after the decimal point (cents)."),
        "max_digits": _("Enter an amount of $100,000,000 or less."),
        "max_whole_digits": _("Enter an amount of $100,000,000 or less."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 11)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no min/max/step attributes on a text box

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = re.sub(r"[\s$,]", "", value)
            if value and not re.fullmatch(r"-?\d*\.?\d*", value):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PlainForm(forms.Form):
    """Labels without a trailing colon, as plain as the rest of the page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


PHONE = re.compile(
    r"^\+?1?[\s.-]*\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}(\s*(x|ext\.?)\s*\d{1,6})?$", re.I
)


def validate_phone(value: str) -> None:
    if not PHONE.fullmatch(value.strip()):
        raise forms.ValidationError(
            _("Enter a US phone number with area code, like 800-829-1040."), code="phone"
        )


def add_date_errors(form: forms.Form, data: dict[str, Any]) -> None:
    """Put the shared date rules' messages on a form's notice date, pay-by date and tax
    year (whichever it has), unless the field already has an error of its own."""
    problems = date_errors(
        today=timezone.localdate(),
        notice_date=data.get("notice_date"),
        pay_by=data.get("pay_by"),
        tax_year=data.get("tax_year"),
    )
    for field, message in problems.items():
        if field in form.fields and field not in form.errors:
            form.add_error(field, message)


def check_date(
    value: date | datetime | None, *, years_ahead: int = YEARS_AHEAD, future: bool = True
) -> None:
    """Refuse a typed date, or date and time, outside the shared bounds
    (notice_details.date_range_error): before 2000, or too far ahead. `future=False` for
    what has already happened (a payment made). Call it from a form's clean_<field>."""
    if value is None:
        return
    # The day as typed: converting a date and time near year 9999 to another zone overflows.
    day = value.date() if isinstance(value, datetime) else value
    message = date_range_error(
        day, today=timezone.localdate(), years_ahead=years_ahead, future=future
    )
    if message:
        raise forms.ValidationError(message, code="date_range")
