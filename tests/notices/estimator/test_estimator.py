from __future__ import annotations

import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from guidance.readability import grade_level, text_from_html

URL = "/estimator/"
GOOD = {
    "amount_due": "$10,000.00",
    "notice_date": "2025-06-02",
    "tax_year": "2024",
    "plan_months": "12",
    "apply_online": "yes",
    "direct_debit": "yes",
}
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel("2026-11-21 12:00:00-05:00", tick=False):
        yield


def post(client, **changes):
    data = GOOD | changes
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


def row(html: str, title: str) -> list[str]:
    """The money cells of the options-table row whose heading starts with `title`."""
    match = re.search(r'<table class="options-table">(.*?)</table>', html, re.S)
    assert match is not None
    table = match.group(1)
    for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        if re.search(rf"<th scope=\"row\">\s*{re.escape(title)}", tr):
            return re.findall(r"<td>(.*?)</td>", tr)
    raise AssertionError(f"no row {title!r}")


def test_blank_page_shows_the_form_without_results(client):
    html = client.get(URL).content.decode()
    assert "Your notice" in html and "Your estimate" not in html
    assert 'name="amount_due"' in html


def test_paying_by_the_pay_by_date_costs_exactly_the_amount_due(client):
    html = post(client).content.decode()
    # 21 days after Monday June 2, 2025 is Monday June 23, a business day.
    assert "Your pay-by date is <strong>Monday, June 23, 2025</strong>" in html
    assert row(html, "Pay in full by June 23, 2025") == [
        "$10,000.00",
        "$0.00",
        "$0.00",
        "$0.00",
        "$0.00",
    ]


def test_paying_later_shows_penalty_and_interest(client):
    html = post(client, pay_on="2025-08-01", tax_part="10000").content.decode()
    # Worked in tests/notices/irs/test_penalties.py: $10,215.72 when paid August 1, 2025.
    assert row(html, "Pay in full on August 1, 2025")[0] == "$10,215.72"


def test_waiting_a_year_costs_more_than_a_plan_which_costs_more_than_paying_now(client):
    html = post(client, tax_part="2500").content.decode()
    now = row(html, "Pay in full by")[0]
    plan = row(html, "Payment plan: 12 months")[0]
    year = row(html, "Pay nothing for 12 months")[0]

    def money(text):
        return float(text.replace("$", "").replace(",", ""))

    assert money(now) < money(plan) < money(year)
    assert row(html, "Payment plan: 12 months")[4] == "$22.00"  # online, direct debit


def test_results_include_a_chart_a_data_table_and_the_rates_used(client):
    html = post(client).content.decode()
    assert '<svg viewBox="0 0 640' in html and 'role="img"' in html
    assert "Balance on each date (the numbers behind the chart)" in html
    assert "Apr 2025 to Mar 2026: 7% a year" in html
    assert "not yet published" in html  # the estimate reaches past the last published quarter
    assert "Rates last updated: November 21, 2026." in html
    assert "This is an estimate, not an IRS figure." in html


def test_amounts_with_dollar_signs_and_commas_are_accepted(client):
    response = post(client, amount_due=" $12,345.67 ")
    assert "Your estimate" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount_due": "0"}, "amount_due", "Enter an amount more than $0."),
        ({"amount_due": "-20"}, "amount_due", "Enter an amount more than $0."),
        ({"amount_due": "ten dollars"}, "amount_due", "Enter an amount in dollars and cents"),
        ({"amount_due": "999999999999"}, "amount_due", "Enter an amount of $100,000,000 or less."),
        ({"amount_due": "12.345"}, "amount_due", "no more than 2 digits after the decimal"),
        ({"tax_year": "2027"}, "tax_year", "Enter a tax year from 2000 to 2026."),
        ({"tax_year": "2025"}, "tax_year", "The tax year must be before the year of the notice:"),
        ({"pay_by": "9999-12-31"}, "pay_by", "more than a year after the notice date"),
        ({"notice_date": "2027-01-05"}, "notice_date", "The notice date can't be in the future."),
        (
            {"pay_by": "2025-05-01"},
            "pay_by",
            "to pay or answer by can't be before the notice date.",
        ),
        ({"pay_on": "2025-05-01"}, "pay_on", "The payment date can't be before the notice date."),
        ({"tax_part": "20000"}, "tax_part", "The tax part can't be more than the amount due."),
        ({"plan_months": "73"}, "plan_months", "less than or equal to 72"),
        (
            {"plan_months": "", "plan_payment": "20"},
            "plan_payment",
            "the balance would never go down",
        ),
        ({"plan_payment": "500"}, "plan_payment", "not both"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, changes, field, message):
    response = post(client, **changes)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Your estimate" not in html and "<svg" not in html
    assert "Please check what you entered" in html
    assert message in html
    assert f'href="#id_{field}"' in html
    # Everything else the person typed is still in the form.
    assert 'value="2024"' in html or changes.get("tax_year")
    assert 'value="$10,000.00"' in html or "amount_due" in changes


def test_a_plan_payment_that_takes_too_long_names_the_payment_needed(client):
    html = post(client, plan_months="", plan_payment="100").content.decode()
    assert "would take more than 72 months" in html
    assert "To pay it off in 72 months, pay at least" in html


def test_online_plan_above_50000_explains_how_to_apply_instead(client):
    html = post(client, amount_due="60000").content.decode()
    assert "You can apply online only if you owe $50,000 or less." in html


def test_no_short_term_plan_at_100000_or_more(client):
    html = post(client, amount_due="150000", apply_online="no").content.decode()
    assert "Short-term plan" not in html.split('<table class="balance-table">')[0]
    # 10 business days after Monday June 2, 2025: June 16 (no holidays in between).
    assert "Monday, June 16, 2025" in html


def test_the_estimator_text_reads_at_grade_eight_or_lower(client):
    html = post(client).content.decode()
    match = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    assert match is not None
    main = match.group(1)
    without_tables = re.sub(r"<(table|svg|form)\b.*?</\1>", "", main, flags=re.S)
    assert grade_level(text_from_html(without_tables)) <= 8.0


def test_the_estimator_is_linked_from_the_guide(client):
    html = client.get(
        reverse("guidance:page", kwargs={"slug": "penalties-and-interest"})
    ).content.decode()
    assert 'href="/estimator/"' in html
