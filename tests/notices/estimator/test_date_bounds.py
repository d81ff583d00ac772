"""The estimator with dates far in the past or the future: a plain message, never a 500."""

from __future__ import annotations

from html import unescape

import pytest
import time_machine
from django.urls import reverse

URL = "/estimator/"
GOOD = {
    "amount_due": "$10,000.00",
    "notice_date": "2025-06-02",
    "tax_year": "2024",
    "plan_months": "12",
    "apply_online": "yes",
    "direct_debit": "yes",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel("2026-11-21 12:00:00-05:00", tick=False):
        yield


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"pay_on": "9999-12-31"}, "pay_on", "Enter a date on or before November 21, 2029."),
        ({"pay_on": "2029-11-22"}, "pay_on", "Enter a date on or before November 21, 2029."),
        ({"pay_on": "0001-01-01"}, "pay_on", "Enter a date in 2000 or later."),
        ({"notice_date": "0001-01-01"}, "notice_date", "Enter a notice date in 2000 or later."),
        ({"notice_date": "9999-12-31"}, "notice_date", "The notice date can't be in the future."),
        ({"pay_by": "9999-12-31"}, "pay_by", "more than a year after the notice date"),
        ({"pay_by": "0001-01-01"}, "pay_by", "can't be before the notice date"),
        ({"tax_year": "9999"}, "tax_year", "Enter a tax year from 2000 to 2026."),
    ],
)
def test_a_date_out_of_range_is_explained_next_to_its_field(client, changes, field, message):
    response = client.post(URL, GOOD | changes)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert response.context["estimate"] is None
    assert message in html
    assert f'href="#id_{field}"' in html


def test_paying_in_full_three_years_from_now_is_still_estimated(client):
    response = client.post(URL, GOOD | {"pay_on": "2029-11-21"})
    assert response.status_code == 200
    assert response.context["estimate"] is not None


@pytest.mark.parametrize("query", ["pay_on=9999-12-31", "notice_date=0001-01-01&pay_by=9999-12-31"])
def test_far_dates_in_the_query_string_show_the_empty_form(client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response.context["estimate"] is None


def test_far_dates_posted_to_a_case_estimator_are_explained(alice_client, case):
    url = reverse("notices:case_estimate", args=[case.public_id])
    response = alice_client.post(url, GOOD | {"pay_on": "9999-12-31"})
    assert response.status_code == 200
    assert "Enter a date on or before November 21, 2029." in unescape(response.content.decode())
