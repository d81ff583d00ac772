from __future__ import annotations

from html import unescape

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from notices.models import Case
from tests.factories import NEW_CASE


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel("2026-11-21 10:00:00-05:00", tick=False):
        yield


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"notice_date": "2026-12-01"}, "notice_date", "The notice date can't be in the future."),
        (
            {"notice_date": "1999-06-01", "tax_year": "2000"},
            "notice_date",
            "Enter a notice date in 2000 or later.",
        ),
        ({"tax_year": "1999"}, "tax_year", "Enter a tax year from 2000 to 2026."),
        ({"tax_year": "2027"}, "tax_year", "Enter a tax year from 2000 to 2026."),
        ({"tax_year": "2025"}, "tax_year", "The tax year must be before the year of the notice"),
        ({"pay_by": "9999-12-31"}, "pay_by", "more than a year after the notice date"),
        (
            {"pay_by": "2025-02-01"},
            "pay_by",
            "to pay or answer by can't be before the notice date.",
        ),
        ({"amount_due": "0"}, "amount_due", "Enter an amount more than $0."),
        ({"amount_due": "-12"}, "amount_due", "Enter an amount more than $0."),
        ({"amount_due": "12.345"}, "amount_due", "no more than 2 digits after the decimal point"),
        ({"amount_due": "100000000.01"}, "amount_due", "Enter an amount of $100,000,000 or less."),
        ({"amount_due": "about 2000"}, "amount_due", "Enter an amount in dollars and cents"),
        ({"notes": "x" * 10000}, "notes", "Ensure this value has at most 5000 characters"),
        ({"irs_phone": "call me maybe"}, "irs_phone", "Enter a US phone number with area code"),
        ({"irs_phone": "12345"}, "irs_phone", "Enter a US phone number with area code"),
        (
            {"tax_amount": "2000", "penalty_amount": "100", "interest_amount": "100"},
            "amount_due",
            "add up to $2,200.00, but the amount due is $2,450.18",
        ),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    alice_client, alice, changes, field, message
):
    response = alice_client.post(reverse("notices:case_create"), NEW_CASE | changes)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert message in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html or (
        f'aria-describedby="id_{field}_error"' in html
    )
    assert not Case.objects.filter(owner=alice).exists()
    # What the person typed in other fields is still there.
    if "irs_address" not in changes:
        assert "Kansas City, MO 64999-0010" in html


@pytest.mark.parametrize(
    "phone",
    ["800-829-1040", "(800) 829-1040", "1-800-829-1040", "+1 800 829 1040", "800.829.1040 ext 12"],
)
def test_common_phone_formats_are_accepted(alice_client, alice, phone):
    response = alice_client.post(reverse("notices:case_create"), NEW_CASE | {"irs_phone": phone})
    assert response.status_code == 302
    assert Case.objects.get(owner=alice).irs_phone == phone


def test_amounts_with_dollar_signs_and_commas_are_accepted(alice_client, alice):
    alice_client.post(reverse("notices:case_create"), NEW_CASE | {"amount_due": " $12,345.60 "})
    assert str(Case.objects.get(owner=alice).amount_due) == "12345.60"


def test_a_forged_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        reverse("notices:case_create"), NEW_CASE | {"csrfmiddlewaretoken": "forged"}
    )
    assert response.status_code == 403
    assert not Case.objects.filter(owner=alice).exists()


# Dates far in the past or the future, on every form with a date (today is 2026-11-21)

CONTACT = {
    "contact-contacted_at": "2026-11-20T09:30",
    "contact-channel": "phone",
    "contact-employee_name": "Mr. Okafor",
    "contact-employee_id": "1009988",
    "contact-summary": "Agreed to wait 30 days while they trace my payment.",
    "contact-reference_number": "",
    "contact-follow_up_on": "2026-12-21",
}
PAYMENT = {
    "payment-paid_on": "2026-11-20",
    "payment-amount": "$1,000.00",
    "payment-method": "direct_pay",
    "payment-confirmation_number": "DP-1",
}
TOO_EARLY = "Enter a date in 2000 or later."
TOO_LATE = "Check the year. Enter a date on or before November 21, 2029."


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"contact-follow_up_on": "9999-12-31"}, "on or before November 21, 2028."),
        ({"contact-follow_up_on": "2028-11-22"}, "on or before November 21, 2028."),
        ({"contact-follow_up_on": "0001-01-01"}, TOO_EARLY),
        ({"contact-contacted_at": "0001-01-01T00:00"}, TOO_EARLY),
        ({"contact-contacted_at": "1999-12-31T23:59"}, TOO_EARLY),
        ({"contact-contacted_at": "9999-12-31T23:59"}, "can't be in the future."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_call_with_a_date_out_of_range_is_explained_and_not_saved(
    alice_client, case, changes, message, htmx
):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("notices:contact_add", args=[case.public_id])
    response = alice_client.post(url, CONTACT | changes, **headers)
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not case.contacts.exists()


def test_a_follow_up_two_years_ahead_is_still_fine(alice_client, case):
    url = reverse("notices:contact_add", args=[case.public_id])
    response = alice_client.post(url, CONTACT | {"contact-follow_up_on": "2028-11-21"})
    assert response.status_code == 302
    assert str(case.contacts.get().follow_up_on) == "2028-11-21"


@pytest.mark.parametrize(
    ("paid_on", "message"),
    [
        ("0001-01-01", TOO_EARLY),
        ("1999-12-31", TOO_EARLY),
        ("9999-12-31", "The date can't be in the future."),
    ],
)
def test_a_payment_with_a_date_out_of_range_is_explained_and_not_saved(
    alice_client, case, paid_on, message
):
    url = reverse("notices:payment_add", args=[case.public_id])
    response = alice_client.post(url, PAYMENT | {"payment-paid_on": paid_on})
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not case.payments.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"notice_date": "0001-01-01"}, "notice_date", "Enter a notice date in 2000 or later."),
        ({"notice_date": "9999-12-31"}, "notice_date", "The notice date can't be in the future."),
        ({"pay_by": "9999-12-31"}, "pay_by", "more than a year after the notice date"),
        ({"pay_by": "0001-01-01"}, "pay_by", "can't be before the notice date"),
    ],
)
def test_a_newer_notice_with_a_date_out_of_range_is_explained_and_not_saved(
    alice_client, case, changes, field, message
):
    newer = {"notice_type": "CP501", "notice_date": "2025-04-07", "pay_by": "2025-04-21"}
    newer |= {"amount_due": "2,500.00"} | changes
    response = alice_client.post(reverse("notices:case_newer_notice", args=[case.public_id]), newer)
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert f'href="#id_{field}"' in unescape(response.content.decode())
    case.refresh_from_db()
    assert case.notice_type == "CP14" and not case.earlier_notices.exists()


@pytest.mark.parametrize("pay_by", ["0001-01-01", "1999-12-31", "9999-12-31", "2028-01-01"])
def test_the_case_form_refuses_a_pay_by_date_far_away_whatever_the_notice_date(
    alice_client, alice, pay_by
):
    response = alice_client.post(reverse("notices:case_create"), NEW_CASE | {"pay_by": pay_by})
    assert response.status_code == 200
    assert 'href="#id_pay_by"' in unescape(response.content.decode())
    assert not Case.objects.filter(owner=alice).exists()
