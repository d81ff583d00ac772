from __future__ import annotations

import json

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse

from notices.account.data import HIDDEN_FIELDS
from notices.models import Case, ChecklistItem, ContactEntry, PaymentEntry
from tests.factories import PASSWORD, make_contact, make_payment


def test_export_contains_every_field_of_every_row(alice_client, case):
    make_contact(case)
    make_payment(case)
    response = alice_client.get(reverse("notices:export_json"))
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="cp14-helper-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.com"
    exported = data["cases"][0]
    for model, rows in (
        (Case, [exported]),
        (ContactEntry, exported["contacts"]),
        (PaymentEntry, exported["payments"]),
        (ChecklistItem, exported["checklist"]),
    ):
        expected = {f.name for f in model._meta.concrete_fields} - HIDDEN_FIELDS
        assert rows and expected <= set(rows[0]), model.__name__
    assert exported["amount_due"] == "2450.18"
    assert exported["contacts"][0]["employee_id"] == "1002345"
    assert exported["payments"][0]["confirmation_number"] == "DP-55512"


def test_export_holds_only_my_own_data(alice_client, outsider, case):
    from tests.factories import make_case

    make_case(outsider, nickname="Mallory's notice")
    data = json.loads(alice_client.get(reverse("notices:export_json")).content)
    assert len(data["cases"]) == 1
    assert "Mallory" not in json.dumps(data)


def test_data_page_shows_everything_readably(alice_client, case):
    make_payment(case)
    html = alice_client.get(reverse("notices:your_data")).content.decode()
    assert "alice@example.com" in html and "DP-55512" in html and "$2,450.18" in html


def test_wrong_password_deletes_nothing(alice_client, alice, case):
    response = alice_client.post(reverse("notices:delete_account"), {"password": "not it"})
    assert "That password is not right. Nothing was deleted." in response.content.decode()
    assert Case.objects.filter(owner=alice).exists()


def rows_referring_to(user_id: int, case_ids: list[int]) -> dict[str, int]:
    """Count rows in every table with a foreign key to the user model or to Case."""
    counts = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.ForeignKey | models.OneToOneField):
                continue
            related = field.related_model
            assert related is not None and not isinstance(related, str)
            rows = model._default_manager
            if related._meta.label == settings.AUTH_USER_MODEL:
                counts[model._meta.label] = rows.filter(**{field.name: user_id}).count()
            elif related._meta.label == "notices.Case":
                counts[model._meta.label] = rows.filter(**{f"{field.name}__in": case_ids}).count()
    return counts


def test_deleting_the_account_leaves_no_row_behind(alice_client, alice, case):
    make_contact(case)
    make_payment(case)
    before = rows_referring_to(alice.pk, [case.pk])
    assert before["notices.Case"] == 1 and before["notices.ContactEntry"] == 1
    response = alice_client.post(reverse("notices:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert all(count == 0 for count in rows_referring_to(alice.pk, [case.pk]).values())
    assert not type(alice).objects.filter(pk=alice.pk).exists()
    # Signed out: the dashboard now asks to sign in.
    assert alice_client.get(reverse("notices:dashboard")).status_code == 302


def test_export_and_data_page_never_show_the_private_link_tokens(alice_client, alice, case):
    from notices.profiles import profile_for

    profile = profile_for(alice)
    secrets = [profile.calendar_token, profile.unsubscribe_token]
    exported = alice_client.get(reverse("notices:export_json")).content.decode()
    page = alice_client.get(reverse("notices:your_data")).content.decode()
    for secret in secrets:
        assert secret and secret not in exported and secret not in page
