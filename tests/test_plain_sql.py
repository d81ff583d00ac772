"""Rows read in SQL written once (cp14site/plain_sql.py) come back as the ORM gives them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection, models

from cp14site import plain_sql
from notices.checkup import saved
from notices.models import Case, Profile, Reminder
from notices.profiles import profile_for
from notices.reminders import sending
from tests.factories import checkup_answers, make_case, make_payment

pytestmark = pytest.mark.django_db


def same_values(read: models.Model, stored: models.Model) -> None:
    assert type(read) is type(stored)
    for field in stored._meta.concrete_fields:
        got, expected = getattr(read, field.attname), getattr(stored, field.attname)
        assert (got, type(got)) == (expected, type(expected)), field.name


def test_a_reminder_is_read_with_its_case_owner_and_profile_as_the_orm_reads_them(alice):
    profile = profile_for(alice)
    profile.reminder_lead_days = [7, 1]
    profile.save()
    case = make_case(alice, amount_due=Decimal("1234.56"), flow_answers=checkup_answers())
    make_payment(case, amount=Decimal("100.10"))
    make_payment(case, amount=Decimal("0.25"))
    row = case.reminders.first()
    assert row is not None
    loaded = sending._load(row.pk)
    same_values(loaded.reminder, Reminder.objects.get(pk=row.pk))
    read = loaded.reminder.case
    assert read is not None
    same_values(read, Case.objects.get(pk=case.pk))
    same_values(read.owner, User.objects.get(pk=alice.pk))
    same_values(read.owner.profile, Profile.objects.get(pk=profile.pk))
    assert loaded.paid == Decimal("100.35") and loaded.address == alice.email


def test_a_case_with_no_payments_and_an_unverified_owner(alice):
    case = make_case(alice)
    alice.emailaddress_set.update(verified=False)
    row = case.reminders.first()
    assert row is not None
    loaded = sending._load(row.pk)
    assert loaded.paid == Decimal("0") and loaded.address is None


def test_a_saved_plans_row_has_no_case():
    plan, _ = saved.create(checkup_answers())
    row = saved.request_email(plan, "someone@example.com")
    loaded = sending._load(row.pk)
    same_values(loaded.reminder, Reminder.objects.get(pk=row.pk))
    assert loaded.reminder.case is None and loaded.reminder.plan == plan
    assert loaded.address is None and loaded.paid == Decimal("0")


def test_some_fields_named_in_any_order_read_into_the_right_attributes(alice):
    case = make_case(alice, tax_year=2023)
    names = ("tax_year", "id", "notice_type")  # not the model's order
    sql = (
        f"SELECT {plain_sql.columns(Case, 'c', names)} FROM {Case._meta.db_table} c WHERE c.id = %s"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [case.pk])
        row = cursor.fetchone()
    read = plain_sql.instance(Case, row, names)
    assert (read.pk, read.notice_type, read.tax_year) == (case.pk, "CP14", 2023)
    assert read.amount_due == case.amount_due  # the rest load when read
    with pytest.raises(ValueError):
        plain_sql.fields(Case, ("tax_year", "no_such_field"))
