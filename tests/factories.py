"""Fixed, readable values: they show up in pages, letters and emails that tests read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User

from notices import cases
from notices.models import Case, ContactEntry, PaymentEntry

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
