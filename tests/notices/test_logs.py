"""Contact log, payment log and checklist: full-page forms and htmx in place."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from notices.models import Case, ContactEntry, PaymentEntry
from tests.factories import make_contact, make_payment

HTMX = {"HTTP_HX_REQUEST": "true"}
CONTACT = {
    "contact-contacted_at": "2025-03-10T09:30",
    "contact-channel": "phone",
    "contact-employee_name": "Mr. Okafor",
    "contact-employee_id": "1009988",
    "contact-summary": "Agreed to wait 30 days while they trace my payment.",
    "contact-reference_number": "",
    "contact-follow_up_on": "2025-04-10",
}
PAYMENT = {
    "payment-paid_on": "2025-03-12",
    "payment-amount": "$1,000.00",
    "payment-method": "direct_pay",
    "payment-confirmation_number": "DP-1",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel("2025-03-14 10:00:00-04:00", tick=False):
        yield


def test_logging_a_call_without_javascript_redirects_back_to_the_log(alice_client, case):
    response = alice_client.post(reverse("notices:contact_add", args=[case.public_id]), CONTACT)
    assert response.status_code == 302
    assert response["Location"].endswith("#contacts")
    entry = case.contacts.get()
    assert entry.employee_id == "1009988"
    html = alice_client.get(response["Location"]).content.decode()
    assert "Agreed to wait 30 days" in html and "Saved." in html


def test_logging_a_call_with_htmx_returns_just_the_section(alice_client, case):
    response = alice_client.post(
        reverse("notices:contact_add", args=[case.public_id]), CONTACT, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="contacts"')
    assert "<html" not in html and "<head" not in html and "site-header" not in html
    assert "Agreed to wait 30 days" in html and "Saved." in html


def test_an_invalid_entry_keeps_what_was_typed(alice_client, case):
    bad = CONTACT | {"contact-summary": "", "contact-contacted_at": "2030-01-01T10:00"}
    for extra in ({}, HTMX):
        response = alice_client.post(
            reverse("notices:contact_add", args=[case.public_id]), bad, **extra
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "This field is required." in html
        assert "The date and time can&#x27;t be in the future." in html
        assert 'value="Mr. Okafor"' in html
    assert not case.contacts.exists()


def test_editing_a_call_in_place(alice_client, case):
    entry = make_contact(case)
    url = reverse("notices:contact_edit", args=[entry.public_id])
    form_html = alice_client.get(url, **HTMX).content.decode()
    assert form_html.lstrip().startswith(f'<li id="contact-{entry.public_id}"')
    assert "<html" not in form_html
    response = alice_client.post(url, CONTACT | {"contact-summary": "Changed my note."}, **HTMX)
    assert 'id="contacts"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.summary == "Changed my note."


def test_an_invalid_edit_with_htmx_swaps_only_the_row(alice_client, case):
    entry = make_contact(case)
    url = reverse("notices:contact_edit", args=[entry.public_id])
    response = alice_client.post(url, CONTACT | {"contact-summary": ""}, **HTMX)
    assert response["HX-Retarget"] == f"#contact-{entry.public_id}"
    assert "This field is required." in response.content.decode()


def test_editing_without_javascript_uses_a_full_page(alice_client, case):
    entry = make_payment(case)
    url = reverse("notices:payment_edit", args=[entry.public_id])
    html = alice_client.get(url).content.decode()
    assert "<h1>Edit this payment</h1>" in html
    response = alice_client.post(url, PAYMENT | {"payment-amount": "600"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.amount == Decimal("600.00")


def test_deleting_entries(alice_client, case):
    contact, payment = make_contact(case), make_payment(case)
    alice_client.post(reverse("notices:contact_delete", args=[contact.public_id]), **HTMX)
    alice_client.post(reverse("notices:payment_delete", args=[payment.public_id]))
    assert not ContactEntry.objects.exists() and not PaymentEntry.objects.exists()


def test_payments_that_cover_the_amount_due_resolve_the_case(alice_client, case):
    alice_client.post(
        reverse("notices:payment_add", args=[case.public_id]), PAYMENT | {"payment-amount": "2000"}
    )
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    response = alice_client.post(
        reverse("notices:payment_add", args=[case.public_id]),
        PAYMENT | {"payment-amount": "450.18"},
        **HTMX,
    )
    assert (
        "Your payments now cover the amount due, so we marked it resolved."
        in response.content.decode()
    )
    case.refresh_from_db()
    assert case.status == Case.Status.RESOLVED and case.resolved_at is not None


def test_a_payment_in_the_future_is_refused(alice_client, case):
    response = alice_client.post(
        reverse("notices:payment_add", args=[case.public_id]),
        PAYMENT | {"payment-paid_on": "2025-04-01"},
    )
    assert "Log a payment once it is made." in response.content.decode()
    assert not case.payments.exists()


def test_ticking_the_checklist_with_and_without_htmx(alice_client, case):
    item = case.checklist.first()
    url = reverse("notices:checklist_toggle", args=[item.public_id])
    response = alice_client.post(url, **HTMX)
    assert response.content.decode().lstrip().startswith('<section id="checklist"')
    item.refresh_from_db()
    assert item.done and item.done_at is not None
    response = alice_client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("#checklist")
    item.refresh_from_db()
    assert not item.done


def test_adding_and_removing_own_checklist_items(alice_client, case):
    add = reverse("notices:checklist_add", args=[case.public_id])
    alice_client.post(add, {"item-text": "Find the 2024 bank statement"}, **HTMX)
    item = case.checklist.get(text="Find the 2024 bank statement")
    response = alice_client.post(add, {"item-text": ""}, **HTMX)
    assert "This field is required." in response.content.decode()
    alice_client.post(reverse("notices:checklist_delete", args=[item.public_id]))
    assert not case.checklist.filter(pk=item.pk).exists()


def test_user_text_is_escaped(alice_client, case):
    make_contact(case, summary='<script>alert("x")</script><img src=x onerror=alert(1)>')
    html = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
