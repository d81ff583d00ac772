"""Everything we hold about a person: to hand it over, or to delete it all."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from allauth.account.models import EmailAddress
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from notices.models import Case, Profile, Reminder, SavedPlan
from notices.reminders.scheduling import cancel_all

# Internal keys that mean nothing outside our database.
HIDDEN_FIELDS = {"id", "owner", "case", "plan", "user", "calendar_token", "unsubscribe_token"}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, FieldFile):  # a stored file (a letter's PDF): its name in storage
        return value.name or ""
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    """Every stored field of a row, so a new field is exported without a code change."""
    return {
        field.name: _plain(field.value_from_object(instance))
        for field in instance._meta.concrete_fields
        if field.name not in HIDDEN_FIELDS
    }


def export_user_data(user: Any) -> dict[str, Any]:
    cases = Case.objects.filter(owner=user).prefetch_related(
        "contacts", "payments", "checklist", "letters", "reminders", "earlier_notices"
    )
    profile = Profile.objects.filter(user=user).first()
    addresses = [a.email for a in EmailAddress.objects.filter(user=user)]
    # A plan kept by link holds an address only until its email has gone.
    waiting = SavedPlan.objects.filter(email__in=addresses) if addresses else []
    return {
        "profile": _row(profile) if profile else {},
        "account": {
            "email": user.email,
            "date_joined": _plain(user.date_joined),
            "last_login": _plain(user.last_login),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
        },
        "cases": [
            _row(case)
            | {
                "contacts": [_row(entry) for entry in case.contacts.all()],
                "payments": [_row(entry) for entry in case.payments.all()],
                "checklist": [_row(item) for item in case.checklist.all()],
                "letters": [_row(letter) for letter in case.letters.all()],
                "reminders": [_row(reminder) for reminder in case.reminders.all()],
                "earlier_notices": [_row(notice) for notice in case.earlier_notices.all()],
            }
            for case in cases
        ],
        "plans_waiting_to_be_emailed": [
            {key: _row(plan)[key] for key in ("email", "answers", "created_at", "expires_at")}
            for plan in waiting
        ],
    }


@transaction.atomic
def delete_account(user: Any) -> None:
    """Delete the user and, through the database's cascades, every row that refers to them."""
    cancel_all(Reminder.objects.filter(case__owner=user))
    user.delete()
