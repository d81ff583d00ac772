"""The case page and the dashboard are kept rendered (notices/kept.py), and never shown stale.

A kept copy is found by the case's version, which the database changes on every write to the
case or to a row its pages show, whatever code makes the write. These tests make such writes
the ways the app and its workers do (save, delete, queryset update, bulk create) and check
the page tells at once; that the pages read no table outside that rule; and that nothing in
a copy belongs to another person or another response.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notices import kept
from notices.models import (
    Case,
    ChecklistItem,
    ContactEntry,
    EarlierNotice,
    Letter,
    PaymentEntry,
    Reminder,
)
from tests.factories import make_case, make_contact, make_letter, make_payment

MIGRATION = import_module("notices.migrations.0011_case_version")
SHOWN = {EarlierNotice, ContactEntry, PaymentEntry, ChecklistItem, Letter}
# Read on every signed-in page before the view runs, and by the kept-page check itself.
FRAMEWORK_TABLES = {"django_session", "auth_user"}


def page_url(case: Case) -> str:
    return reverse("notices:case_detail", kwargs={"public_id": case.public_id})


def version(case: Case):
    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


def test_every_table_tied_to_a_case_is_covered_or_left_out_on_purpose():
    related = {rel.related_model for rel in Case._meta.related_objects}
    assert related == SHOWN | {Reminder}
    assert {model._meta.db_table for model in SHOWN} == set(MIGRATION.PARTS)


def _earlier(case: Case) -> EarlierNotice:
    return EarlierNotice.objects.create(
        case=case, notice_type="CP14", notice_date=date(2025, 1, 6), amount_due=Decimal("10")
    )


MAKERS: dict[type[Any], Callable[[Case], Any]] = {
    EarlierNotice: _earlier,
    ContactEntry: make_contact,
    PaymentEntry: make_payment,
    ChecklistItem: lambda case: ChecklistItem.objects.create(case=case, text="Call", position=9),
    Letter: make_letter,
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", sorted(SHOWN, key=str), ids=str)
def test_any_write_to_a_shown_row_gives_the_case_a_new_version(alice, model):
    case = make_case(alice)
    other = make_case(alice, nickname="Other")
    seen = {version(case)}

    def changed() -> bool:
        now = version(case)
        fresh = now not in seen
        seen.add(now)
        return fresh

    row = MAKERS[model](case)
    assert changed(), "create"
    row.save()
    assert changed(), "save"
    model.objects.filter(pk=row.pk).update(case=case)
    assert changed(), "queryset update"
    untouched = version(other)
    model.objects.filter(pk=row.pk).update(case=other)
    assert changed() and version(other) != untouched, "moved to another case"
    model.objects.filter(pk=row.pk).update(case=case)
    changed()
    row.delete()
    assert changed(), "delete"
    assert not changed(), "reading alone"


@pytest.mark.django_db
def test_a_change_to_the_case_itself_gives_a_new_version(alice):
    case = make_case(alice)
    before = version(case)
    Case.objects.filter(pk=case.pk).update(notes="Called on Monday.")
    after = version(case)
    assert after != before
    case.refresh_from_db()
    case.save(update_fields=["status"])
    assert version(case) not in (before, after)


@pytest.mark.django_db
def test_the_case_page_reads_only_tables_that_change_its_version(alice_client, alice):
    case = make_case(alice)
    for maker in MAKERS.values():
        maker(case)
    with CaptureQueriesContext(connection) as captured:
        response = alice_client.get(page_url(case))
    assert response.status_code == 200
    tables = set()
    for query in captured.captured_queries:
        tables |= set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', query["sql"]))
    allowed = FRAMEWORK_TABLES | {"notices_case"} | set(MIGRATION.PARTS)
    assert tables <= allowed, tables - allowed


@pytest.mark.django_db
def test_a_second_visit_is_served_from_the_kept_copy(alice_client, alice):
    case = make_case(alice)
    make_contact(case)
    first = alice_client.get(page_url(case))
    with CaptureQueriesContext(connection) as captured:
        second = alice_client.get(page_url(case))
    # The same page, without reading the logs, checklist and letters again.
    assert _without_tokens(second) == _without_tokens(first)
    assert not any("notices_contactentry" in q["sql"] for q in captured.captured_queries)


def _without_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


@pytest.mark.django_db
def test_the_page_shows_writes_made_outside_the_page_at_once(alice_client, alice):
    case = make_case(alice)
    letter = make_letter(case)
    assert "The PDF is being made" in alice_client.get(page_url(case)).content.decode()
    # As the letter worker does: a queryset update, no save() and no signal.
    Letter.objects.filter(pk=letter.pk).update(render_status="failed")
    assert "The PDF could not be made" in alice_client.get(page_url(case)).content.decode()
    paid = PaymentEntry(
        case=case, paid_on=date(2025, 3, 12), amount=Decimal("450.18"), method="check"
    )
    PaymentEntry.objects.bulk_create([paid])
    assert "$2,000.00" in alice_client.get(page_url(case)).content.decode()
    ChecklistItem.objects.filter(case=case).update(text="Find the blue folder")
    assert "Find the blue folder" in alice_client.get(page_url(case)).content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_every_change_at_once(alice_client, alice):
    dashboard = reverse("notices:dashboard")
    first = make_case(alice, nickname="First notice")
    assert "First notice" in alice_client.get(dashboard).content.decode()
    second = make_case(alice, nickname="Second notice")
    assert "Second notice" in alice_client.get(dashboard).content.decode()
    make_payment(first, amount=Decimal("2450.18"))
    html = alice_client.get(dashboard).content.decode()
    assert html.count("$0.00") == 1  # what is left to pay on the first
    second.delete()
    html = alice_client.get(dashboard).content.decode()
    assert "Second notice" not in html and "First notice" in html
    first.delete()
    assert "You are not tracking any notices yet." in alice_client.get(dashboard).content.decode()


@pytest.mark.django_db
def test_days_left_move_on_when_the_day_changes(alice_client, alice):
    case = make_case(alice, notice_date=date(2026, 3, 2), pay_by=date(2026, 3, 23))
    tz = timezone.get_current_timezone()
    with time_machine.travel(datetime(2026, 3, 9, 23, 50, tzinfo=tz), tick=False):
        before = alice_client.get(page_url(case)).content.decode()
    with time_machine.travel(datetime(2026, 3, 10, 0, 10, tzinfo=tz), tick=False):
        after = alice_client.get(page_url(case)).content.decode()
    assert "14 days left" in before and "13 days left" in after


@pytest.mark.django_db
def test_each_language_has_its_own_copy(alice_client, alice):
    case = make_case(alice)
    assert "Checklist" in alice_client.get(page_url(case)).content.decode()
    spanish = alice_client.get("/es" + page_url(case)).content.decode()
    assert "Lista de tareas" in spanish and ">Checklist<" not in spanish


@pytest.mark.django_db
def test_a_kept_copy_is_never_anyone_elses(alice_client, outsider_client, alice, outsider):
    case = make_case(alice, nickname="Notice of Alice")
    theirs = make_case(outsider, nickname="Notice of Mallory")
    assert alice_client.get(page_url(case)).status_code == 200
    alice_client.get(reverse("notices:dashboard"))
    assert outsider_client.get(page_url(case)).status_code == 404
    html = outsider_client.get(reverse("notices:dashboard")).content.decode()
    assert "Notice of Mallory" in html and "Alice" not in html
    assert "Alice" not in outsider_client.get(page_url(theirs)).content.decode()


@pytest.mark.django_db
def test_kept_forms_carry_this_responses_csrf_token(alice, case):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get(page_url(case))
    response = client.get(page_url(case))  # from the kept copy
    html = response.content.decode()
    assert kept.CSRF_SLOT not in html and "\x00" not in html
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    add = reverse("notices:checklist_add", kwargs={"public_id": case.public_id})
    posted = client.post(add, {"item-text": "Ask about the payment plan", "csrfmiddlewaretoken":
                               tokens.pop()})  # fmt: skip
    assert posted.status_code == 302
    assert "Ask about the payment plan" in client.get(page_url(case)).content.decode()


@pytest.mark.django_db
def test_no_form_takes_the_nul_character_the_token_slot_holds(alice_client, alice):
    case = make_case(alice)
    edit = reverse("notices:case_edit", kwargs={"public_id": case.public_id})
    response = alice_client.post(edit, {"notes": "a \x00 b"})
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()


@pytest.mark.django_db
def test_a_message_shows_once_and_is_never_kept(alice_client, alice):
    case = make_case(alice)
    alice_client.get(page_url(case))  # a copy is kept
    url = reverse("notices:contact_add", kwargs={"public_id": case.public_id})
    contact = {
        "contact-contacted_at": "2025-03-10T09:30", "contact-channel": "phone",
        "contact-summary": "Asked about the bill", "contact-follow_up_on": "",
    }  # fmt: skip
    saved = alice_client.post(url, contact, follow=True).content.decode()
    assert 'class="messages"' in saved and "Asked about the bill" in saved
    again = alice_client.get(page_url(case)).content.decode()
    assert "Asked about the bill" in again and 'class="messages"' not in again


@pytest.mark.django_db
def test_the_frame_follows_the_address_the_page_was_asked_at(alice_client, alice):
    case = make_case(alice)
    here = alice_client.get(page_url(case)).content.decode()
    other_host = alice_client.get(page_url(case), HTTP_HOST="localhost").content.decode()
    assert 'href="http://testserver/es/cases/' in here
    assert 'href="http://localhost/es/cases/' in other_host
    assert "testserver" not in other_host
    # A query string is rendered afresh: the language link carries it, and is not kept.
    asked = alice_client.get(page_url(case) + "?from=email").content.decode()
    assert "from%3Demail" in asked
    assert "from%3Demail" not in alice_client.get(page_url(case)).content.decode()
