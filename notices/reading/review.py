"""From what was read to what the review screen shows: one row per detail, with its source
line, how sure we are, and a plain warning when the shared rules say it can't be right.

The same rules as every other form (notices/irs/notice_details.py date_errors, the phone
check in notices/fields.py, and the case form's sum check), so a value the review accepts is
never refused when the case is saved, and the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from notices.fields import validate_phone
from notices.irs.notice_details import date_errors
from notices.reading import labels as L
from notices.reading.extract import Found, SummaryLine, billing_summary, read_details

TOLERANCE = Decimal("1.00")  # the case form's own tolerance for rounding


@dataclass(frozen=True)
class Reading:
    """What a reading gives the review screen; stored as JSON in the cache (store.py)."""

    found: dict[str, Found]
    summary: list[SummaryLine]
    method: str  # text, ocr or paste
    pages: int

    def to_json(self) -> dict[str, Any]:
        return {
            "found": {name: item.to_json() for name, item in self.found.items()},
            "summary": [[s.label, str(s.amount), s.kind] for s in self.summary],
            "method": self.method,
            "pages": self.pages,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Reading:
        return cls(
            found={name: Found(**item) for name, item in raw["found"].items()},
            summary=[
                SummaryLine(label, Decimal(amount), kind) for label, amount, kind in raw["summary"]
            ],
            method=raw["method"],
            pages=raw["pages"],
        )


def reading_of(text: str, *, method: str, pages: int = 1) -> Reading:
    """Read the details and the Billing Summary, and add the three parts the case keeps."""
    found = read_details(text)
    summary = billing_summary(text)
    found.update(_parts(summary))
    return Reading(found, summary, method, pages)


def _parts(summary: list[SummaryLine]) -> dict[str, Found]:
    """Tax (owed less payments and credits), penalties and interest, as the case keeps them."""
    parts: dict[str, Found] = {}
    groups = {
        "tax_amount": [s for s in summary if s.kind in ("tax", "payments")],
        "penalty_amount": [s for s in summary if s.kind == "penalty"],
        "interest_amount": [s for s in summary if s.kind == "interest"],
    }
    for name, lines in groups.items():
        if not lines or (name == "tax_amount" and not any(s.kind == "tax" for s in lines)):
            continue  # payments alone say nothing about the tax
        total = sum((_signed(s) for s in lines), Decimal(0))
        source = "\n".join(f"{s.label} {s.amount:,.2f}" for s in lines)
        official = all(L.official_line(s.label) for s in lines)  # see labels.OFFICIAL
        parts[name] = Found(str(max(total, Decimal(0))), source, official)
    return parts


def _signed(line: SummaryLine) -> Decimal:
    return -abs(line.amount) if line.kind == "payments" else line.amount


def initial(reading: Reading) -> dict[str, str]:
    """The case form's starting values. The tax form goes into the nickname ("2022 Form
    1040"): the case has no field of its own for it, and it tells notices apart."""
    data = {name: item.value for name, item in reading.found.items()}
    form, year = data.pop("form", None), data.get("tax_year")
    data.pop("ssn_last_four", None)
    if form:
        data["nickname"] = f"{year} Form {form}" if year else f"Form {form}"
    return data


def warnings(reading: Reading, *, today: date) -> dict[str, str]:
    """{field: plain message} for values the shared rules call impossible."""
    values = {name: item.value for name, item in reading.found.items()}
    problems: dict[str, str] = dict(
        date_errors(
            today=today,
            notice_date=_date(values.get("notice_date")),
            pay_by=_date(values.get("pay_by")),
            tax_year=_int(values.get("tax_year")),
        )
    )
    if phone := values.get("irs_phone"):
        try:
            validate_phone(phone)
        except forms.ValidationError as error:
            problems["irs_phone"] = error.messages[0]
    if message := _sum_problem(reading.summary, _money(values.get("amount_due"))):
        problems["amount_due"] = message
    return problems


def _sum_problem(summary: list[SummaryLine], amount: Decimal | None) -> str | None:
    if amount is None or not summary:
        return None
    total = sum((_signed(line) for line in summary), Decimal(0))
    if abs(total - amount) <= TOLERANCE:
        return None
    return _(
        "The Billing Summary lines add up to $%(total)s, but the amount due reads "
        "$%(amount)s. One of them may have been read wrong. Check both against the notice."
    ) % {"total": f"{total:,.2f}", "amount": f"{amount:,.2f}"}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _money(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None
