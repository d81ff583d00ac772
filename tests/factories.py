"""Fixed, readable values: they show up in pages, letters and emails that tests read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User

from notices import cases
from notices.letters import documents
from notices.models import Case, ContactEntry, Letter, PaymentEntry

PASSWORD = "correct horse battery staple"
EASTERN = ZoneInfo("America/New_York")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create:
            obj.save()
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )


def make_case(owner: User, **overrides) -> Case:
    """A CP14 for tax year 2024 dated March 3, 2025, through the same path as the app."""
    data = {
        "notice_type": Case.NoticeType.CP14,
        "notice_date": date(2025, 3, 3),
        "pay_by": date(2025, 3, 24),
        "tax_year": 2024,
        "amount_due": Decimal("2450.18"),
        "nickname": "",
        "irs_phone": "800-829-1040",
        "irs_address": "Internal Revenue Service\nKansas City, MO 64999-0010",
        "notes": "",
    } | overrides
    return cases.create_case(owner=owner, data=data)


def make_contact(case: Case, **overrides) -> ContactEntry:
    data = {
        "case": case,
        "contacted_at": datetime(2025, 3, 10, 9, 30, tzinfo=EASTERN),
        "channel": ContactEntry.Channel.PHONE,
        "employee_name": "Ms. Rivera",
        "employee_id": "1002345",
        "summary": "She said the March payment is not on the account yet.",
        "reference_number": "REF-778",
    } | overrides
    return ContactEntry.objects.create(**data)


def make_payment(case: Case, **overrides) -> PaymentEntry:
    data = {
        "case": case,
        "paid_on": date(2025, 3, 12),
        "amount": Decimal("500.00"),
        "method": PaymentEntry.Method.DIRECT_PAY,
        "confirmation_number": "DP-55512",
    } | overrides
    return PaymentEntry.objects.create(**data)


# The case form, filled in as a person would for the notice make_case makes.
NEW_CASE = {
    "nickname": "",
    "notice_type": "CP14",
    "notice_date": "2025-03-03",
    "pay_by": "",
    "tax_year": "2024",
    "amount_due": "$2,450.18",
    "tax_amount": "",
    "penalty_amount": "",
    "interest_amount": "",
    "irs_phone": "(800) 829-1040",
    "irs_address": "Internal Revenue Service\nKansas City, MO 64999-0010",
    "status": "open",
    "notes": "",
}


# Letters

# What someone types about themselves in a letter form: fixed, readable values to look for
# in the PDF.
LETTER_SENDER: dict[str, Any] = {
    "full_name": "Alice Marie Fairweather",
    "address_line1": "1200 Elm Street",
    "address_line2": "Apt 4B",
    "city": "Springfield",
    "state": "IL",
    "zip_code": "62704",
    "daytime_phone": "217-555-0142",
    "ssn_last4": "1234",
    "tax_form": "1040",
}
# The rest of each kind's form, as typed (a payment trace also names the payments).
LETTER_ANSWERS: dict[str, dict[str, Any]] = {
    "dispute": {
        "reasons": ["payment_not_credited"],
        "explanation": "I paid $500 with IRS Direct Pay on March 12, 2025.",
        "requested_action": "Credit my payment of March 12, 2025.",
        "enclosures": ["notice_copy", "payment_proof"],
    },
    "payment_trace": {"enclosures": ["notice_copy", "payment_proof"]},
    "abatement": {
        "penalties": ["failure_to_pay"],
        "penalty_amount": "48.20",
        "basis": "first_time",
        "first_time_checks": ["clean_history", "returns_filed", "tax_paid"],
        "enclosures": ["notice_copy"],
    },
    "payment_cover": {
        "payment_type": "check",
        "check_number": "1043",
        "payment_amount": "2,450.18",
        "enclosures": ["payment_stub"],
    },
}
# Validated answers for a dispute letter, as the form hands them over.
DISPUTE_CLEANED_DATA: dict[str, Any] = {
    "full_name": "Alice Owner", "address_line1": "1 Main St", "city": "Springfield",
    "state": "IL", "zip_code": "62704", "daytime_phone": "217-555-0142", "ssn_last4": "",
    "tax_form": "1040", "reasons": ["other"], "explanation": "Wrong.", "enclosures": [],
}  # fmt: skip


def make_letter(case: Case) -> Letter:
    """A dispute letter for the case, made through the same path as the app."""
    return documents.create_letter(
        case=case, kind=Letter.Kind.DISPUTE, cleaned_data=DISPUTE_CLEANED_DATA
    )


# The check-up

# One ordinary path through every part of the check-up, as a person answers it.
CHECKUP_PATH = [
    ("arrived", "mail"),
    ("red-flags", "no"),
    ("notice-details", "not_sure"),
    ("online-account", "shows"),
    ("already-paid", "part"),
    ("amount-check", "wrong"),
    ("dispute-scope", "part"),
    ("can-pay", "monthly"),
    ("has-penalty", "yes"),
    ("fta-history", "none"),
    ("fta-filed", "yes"),
    ("fta-paid", "yes"),
]
CHECKUP_DETAILS = {"notice_date": "2025-03-03", "pay_by": "", "amount": "$2,450.18"}


def checkup_answers(**overrides: str) -> dict[str, object]:
    """A finished, ordinary path (real notice, not paid, amount right, pays in full)."""
    base: dict[str, object] = {
        "arrived": "mail",
        "red-flags": "no",
        "notice-details": "yes",
        "online-account": "shows",
        "already-paid": "no",
        "amount-check": "matches",
        "can-pay": "full",
        "has-penalty": "no",
    }
    return base | {key.replace("_", "-"): value for key, value in overrides.items()}
