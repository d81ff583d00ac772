"""Any valid amount, with the form's defaults left alone, gets an estimate (issue #14).

The way to apply for the payment plan used to default to "online", which is open only up to
$50,000, so a bigger amount got an error about a question the person never answered. Now the
default picks the way from the amount, and the page says which way it used and why.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
import time_machine

from notices.estimator.forms import EstimatorForm

URL = "/estimator/"
AMOUNTS = ["1", "9,999", "25,000", "50,000", "50,000.01", "50,001", "100,000", "250,000",
           "1,000,000"]  # fmt: skip
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel("2026-11-21 12:00:00-05:00", tick=False):
        yield


def defaults() -> dict[str, str]:
    """What a browser sends for the fields a person leaves alone (checked radios, values)."""
    form = EstimatorForm()
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value not in (None, False):
            data[name] = str(value)
    return data


def estimate(client, amount: str, **changes: str) -> str:
    data = defaults() | {"amount_due": amount, "notice_date": "2026-11-02", "tax_year": "2025"}
    response = client.post(URL, data | changes)
    assert response.status_code == 200
    return response.content.decode()


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def errors(html: str) -> str:
    """The error summary's text, or "" when the page shows no error."""
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match or "has-error" not in html
    return plain(match.group(0)) if match else ""


def note(html: str) -> str:
    """The sentence that says how the plan is applied for ("" when there is none)."""
    match = re.search(r'<p class="applying-note">(.*?)</p>', html, re.S)
    return plain(match.group(1)) if match else ""


def rows(html: str) -> list[tuple[str, list[str]]]:
    """(title, money cells) for each row of the options table."""
    match = re.search(r'<table class="options-table">(.*?)</table>', html, re.S)
    assert match is not None
    found = []
    for tr in re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S):
        title = re.search(r"<th scope=\"row\">(.*?)</th>", tr, re.S)
        if title:
            found.append(
                (
                    plain(title.group(1)),
                    [plain(td) for td in re.findall(r"<td>(.*?)</td>", tr, re.S)],
                )
            )
    return found


def test_the_defaults_leave_the_way_to_apply_to_us():
    assert defaults()["apply_online"] == "auto"
    assert "amount_due" not in defaults()


@pytest.mark.parametrize("amount", AMOUNTS)
def test_every_valid_amount_with_untouched_defaults_gets_an_estimate(client, amount):
    page = estimate(client, amount)
    assert errors(page) == ""
    assert 'id="results-title"' in page
    titles = [title for title, _cells in rows(page)]
    assert any(title.startswith("Payment plan") for title in titles), titles
    assert note(page)


@pytest.mark.parametrize("amount", ["1", "25,000", "50,000"])
def test_up_to_the_online_limit_the_plan_is_priced_online_and_says_so(client, amount):
    text = note(estimate(client, amount))
    assert "We priced the plan as applying online, because you owe $50,000 or less." in text


@pytest.mark.parametrize("amount", ["50,000.01", "50,001", "250,000", "1,000,000"])
def test_above_the_online_limit_the_plan_is_priced_by_phone_and_says_why(client, amount):
    text = note(estimate(client, amount))
    assert "You owe more than $50,000, so you can't apply online." in text
    assert "by phone, mail or in person" in text
    assert "Form 433-F" in text


def test_the_setup_fee_follows_the_way_to_apply(client):
    """Online with direct debit costs $22; by phone, mail or in person $107 (unconfirmed)."""

    def plan_fee(page: str) -> str:
        return next(cells[-1] for title, cells in rows(page) if title.startswith("Payment plan"))

    assert plan_fee(estimate(client, "50,000")) == "$22.00"
    assert plan_fee(estimate(client, "50,001")) == "$107.00"


def test_asking_for_online_above_the_limit_prices_by_phone_without_an_error(client):
    page = estimate(client, "80,000", apply_online="yes")
    assert errors(page) == ""
    assert "You can apply online only if you owe $50,000 or less." in note(page)


def test_asking_for_phone_is_kept_even_when_online_is_open(client):
    assert "as you chose" in note(estimate(client, "5,000", apply_online="no"))


def test_a_form_without_the_question_still_gets_an_estimate(client):
    data = defaults()
    del data["apply_online"]
    response = client.post(
        URL, data | {"amount_due": "120000", "notice_date": "2026-11-02", "tax_year": "2025"}
    )
    page = response.content.decode()
    assert errors(page) == ""
    assert "can't apply online" in note(page)


def test_no_plan_no_note(client):
    page = estimate(client, "9,999", plan_months="")
    assert errors(page) == ""
    assert 'id="results-title"' in page
    assert note(page) == ""
