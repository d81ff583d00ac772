"""The estimator page for each notice type, with the tax part known or not.

Expected money is worked out here by hand with Decimal (f = 1 + 0.07/365, the daily growth
at 7%), never by calling the code under test. Rules: notices/irs/penalties.py docstring.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from guidance.readability import grade_level, text_from_html
from tests.factories import make_case
from tests.notices.estimator.test_estimator import frozen_today, post, row  # noqa: F401

pytestmark = pytest.mark.usefixtures("frozen_today")
D = Decimal
F = 1 + D("0.07") / 365


def dollars(amount: Decimal) -> str:
    return f"${amount.quantize(D('0.01')):,}"


def text(html: str) -> str:
    """The words a person reads on the page, in one line."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def test_with_the_tax_part_unknown_each_cost_is_a_range_and_the_page_says_why(client):
    html = post(client, pay_on="2025-08-01").content.decode()
    # Paid August 1, 2025: 60 days of interest. With no tax there is no penalty; with all
    # $10,000 as tax, June 16 and July 16 add $50 each (no interest on them).
    low, high = 10000 * F**60, 10000 * F**60 + 100
    total, extra, penalty, interest, fees = row(html, "Pay in full on August 1, 2025")
    assert total == f"{dollars(low)} to {dollars(high)}"
    assert extra == f"{dollars(low - 10000)} to {dollars(high - 10000)}"
    assert penalty == "$0.00 to $100.00"
    assert interest == dollars(low - 10000)  # the same either way
    assert fees == "$0.00"
    words = text(html)
    assert "We don't know how much of $10,000.00 is tax." in words
    assert "It is lowest if none of it is tax, and highest if all of it is." in words
    assert "The Billing Summary on your notice shows the tax." in words
    # Given the tax, one number and no range sentence.
    html = post(client, pay_on="2025-08-01", tax_part="10000").content.decode()
    assert row(html, "Pay in full on August 1, 2025")[0] == dollars(high)
    assert "We don't know how much" not in html


def test_waiting_past_an_assumed_levy_notice_adds_the_one_percent_rate_and_says_so(client):
    html = post(client, tax_part="10000").content.decode()
    words = text(html)
    # CP14 of June 2, 2025: we assume a levy notice 15 weeks later, September 15. Months
    # that begin from September 26 are 1%: October 16 and November 16 ($100 each), after
    # June 16, July 16, August 16 and September 16 ($50 each). The notice bills the $150
    # added by then; unpaid 21 days later, it carries interest from September 15 (78 days
    # to December 2). Interest on the $10,000: June 3 .. December 2, 183 days.
    six_months = 10000 * F**183 + 150 * F**78 + 250
    assert row(html, "Pay nothing for 6 months")[0] == dollars(six_months)
    assert row(html, "Pay nothing for 6 months")[2] == "$400.00"
    # Three months (to September 2) is before the assumed notice: 0.5% only.
    assert row(html, "Pay nothing for 3 months")[2] == "$150.00"
    assert "We assume it comes on about September 15, 2025." in words
    assert "It may come sooner or later. That is 15 weeks after your notice." in words
    assert "the late-payment penalty is 1%, not 0.5%" in words
    assert "If you are on a payment plan, we assume no levy notice comes." in words
    # The plan keeps the 0.25% rate: 12 months of it on a shrinking tax stay under $300.
    assert D(row(html, "Payment plan: 12 months")[2].strip("$").replace(",", "")) < 300


def test_a_reminder_notice_does_not_promise_that_paying_by_its_date_stops_interest(client):
    html = post(client, notice_type="CP501", pay_by="2025-06-23", tax_part="10000")
    words = text(html.content.decode())
    assert "Your pay-by date is Monday, June 23, 2025." in words
    assert "nothing more is added" not in words
    assert "On this notice, interest is added every day until you pay in full." in words
    # June 3 .. June 23: 21 days of interest, and the June 16 penalty month.
    cost = dollars(10000 * F**21 + 50)
    assert f"Paying in full on Monday, June 23, 2025 would cost about {cost}." in words
    assert row(html.content.decode(), "Pay in full by June 23, 2025")[0] == cost


def test_without_a_printed_date_a_reminder_uses_the_notice_date_and_says_so(client):
    words = text(post(client, notice_type="CP503").content.decode())
    assert "We don't have the pay-by date printed on your notice" in words
    assert "so we use the notice date, Monday, June 2, 2025." in words
    # CP503: one notice (5 weeks) before the levy notice we assume: July 7, 2025.
    assert "We assume it comes on about July 7, 2025." in words


def test_a_levy_notice_uses_the_one_percent_rate_from_its_own_date(client):
    html = post(client, notice_type="CP504", tax_part="10000").content.decode()
    words = text(html)
    assert "This is a notice of intent to levy." in words
    assert "for months that start on or after June 13, 2025" in words  # June 2 + 11 days
    assert "We assume it comes" not in words
    # Three months: June 16, July 16, August 16 at 1% = $300; 92 days of interest.
    assert row(html, "Pay nothing for 3 months")[:3] == [
        dollars(10000 * F**92 + 300),
        dollars(10000 * F**92 + 300 - 10000),
        "$300.00",
    ]


def test_a_final_notice_explains_the_hearing_date(client):
    words = text(post(client, notice_type="LT11").content.decode())
    # 30 days after Monday June 2, 2025 is Wednesday July 2, a business day.
    assert "To ask for a hearing, send Form 12153 by Wednesday, July 2, 2025." in words
    assert "We worked out this date as 30 days after the notice date" in words
    assert "nothing more is added" not in words


def test_a_proposed_change_is_priced_as_agreed_and_not_paid(client):
    html = post(client, notice_type="CP2000", tax_part="10000", pay_on="2025-07-20")
    words = text(html.content.decode())
    assert "This notice is not a bill." in words
    assert "if you agree to the proposed amount of $10,000.00 and don't pay it" in words
    assert "If the bill is still unpaid on June 24, 2025, the late-payment penalty starts." in words
    # Penalty months count from the end of the bill's 21 days (June 23): June 24 only by
    # July 20, not June 16 and July 16. 48 days of interest.
    assert row(html.content.decode(), "Pay in full on July 20, 2025")[0] == dollars(
        10000 * F**48 + 50
    )


@pytest.mark.django_db
def test_a_case_gives_its_notice_type_and_saved_tax(alice_client, alice):
    case = make_case(alice, notice_type="CP504", tax_amount=D("2000"))
    url = reverse("notices:case_estimate", args=[case.public_id])
    form = alice_client.get(url).content.decode()
    assert '<option value="CP504" selected>' in form
    assert 'value="2000.00"' in form
    posted = {"amount_due": "2450.18", "notice_date": "2025-03-03", "pay_by": "2025-03-24",
              "tax_year": "2024", "plan_months": "12", "apply_online": "yes",
              "direct_debit": "yes"}  # fmt: skip
    words = text(alice_client.post(url, posted).content.decode())
    assert "We used the tax saved with this notice: $2,000.00." in words
    assert "This is a notice of intent to levy." in words
    assert "nothing more is added" not in words


@pytest.mark.parametrize("code", ["CP14", "CP501", "CP504", "LT11", "CP2000"])
def test_every_notice_type_reads_at_grade_eight_or_lower(client, code):
    html = post(client, notice_type=code).content.decode()
    match = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    assert match is not None and "Your estimate" in html
    without_tables = re.sub(r"<(table|svg|form)\b.*?</\1>", "", match.group(1), flags=re.S)
    assert grade_level(text_from_html(without_tables)) <= 8.0
