"""Data for the browser tests and the screenshots: a person with a notice that has everything.

Dates are relative to today, so the notice is never overdue and its reminders are still to
come, whenever the tests run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from notices.checkup import flow
from notices.letters import documents
from notices.letters.forms import DisputeForm
from notices.models import Case, ContactEntry, Letter, PaymentEntry
from tests.factories import (
    CHECKUP_PATH,
    EASTERN,
    LETTER_SENDER,
    UserFactory,
    make_case,
    make_contact,
    make_payment,
)

STEP_SLUGS = [flow.DETAILS, *(slug for slug, _ in CHECKUP_PATH)]

SENDER = LETTER_SENDER  # what the journey types into the letter form


@dataclass(frozen=True)
class Dates:
    today: date
    notice_date: date
    pay_by: date
    tax_year: int


def dates() -> Dates:
    today = timezone.localdate()
    notice_date = today - timedelta(days=6)
    return Dates(today, notice_date, today + timedelta(days=16), notice_date.year - 1)


def answers_before(slug: str | None = None) -> dict[str, Any]:
    """A visitor's check-up answers along CHECKUP_PATH up to (not including) `slug`; None: all."""
    if slug == flow.DETAILS:
        return {}
    d = dates()
    answers: dict[str, Any] = {
        flow.DETAILS: {"notice_date": d.notice_date.isoformat(), "pay_by": d.pay_by.isoformat()}
    }
    for step, value in CHECKUP_PATH:
        if step == slug:
            break
        answers[step] = value
    return answers


@dataclass
class Owner:
    user: Any
    case: Case
    contact: ContactEntry
    payment: PaymentEntry
    letter: Letter


def owner_with_everything(email: str = "alice@example.com") -> Owner:
    """A verified user whose notice has a plan, a call, a payment and a dispute letter."""
    d = dates()
    user = UserFactory.create(email=email)
    case = make_case(
        user,
        notice_date=d.notice_date,
        pay_by=d.pay_by,
        tax_year=d.tax_year,
        tax_amount=Decimal("2100.00"),
        penalty_amount=Decimal("210.00"),
        interest_amount=Decimal("140.18"),
    )
    case.flow_answers = dict(CHECKUP_PATH)
    case.save(update_fields=["flow_answers"])
    called = datetime.combine(d.notice_date + timedelta(days=2), datetime.min.time(), EASTERN)
    contact = make_contact(
        case,
        contacted_at=called.replace(hour=9, minute=30),
        follow_up_on=d.today + timedelta(days=10),
    )
    payment = make_payment(case, paid_on=d.notice_date + timedelta(days=3))
    form = DisputeForm(
        {
            **SENDER,
            "reasons": ["payment_not_credited"],
            "explanation": "I paid $500 with IRS Direct Pay before the notice came.",
            "enclosures": ["notice_copy", "payment_proof"],
        },
        case=case,
    )
    assert form.is_valid(), form.errors
    letter = documents.create_letter(case=case, kind="dispute", cleaned_data=form.cleaned_data)
    return Owner(user, case, contact, payment, letter)
