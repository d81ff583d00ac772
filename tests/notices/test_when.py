"""The line that says how long a person has, for every kind of date and every stage."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from notices.models import Case
from notices.summary import summarize
from tests.factories import make_case

PAY_BY = date(2025, 3, 24)  # a Monday

# (notice type, days from the date to today) -> (badge, badge class, sentence)
EXPECTED = {
    ("CP14", 10): ("10 days left", "", "Pay by Monday, March 24, 2025."),
    ("CP14", 7): ("7 days left", "badge-soon", "Pay by Monday, March 24, 2025."),
    ("CP14", 1): ("1 day left", "badge-soon", "Pay by Monday, March 24, 2025."),
    ("CP14", 0): ("Due today", "badge-soon", "Pay by today, Monday, March 24, 2025."),
    ("CP14", -1): (
        "Overdue", "badge-overdue", "The pay-by date was Monday, March 24, 2025: 1 day ago."
    ),
    ("CP14", -9): (
        "Overdue", "badge-overdue", "The pay-by date was Monday, March 24, 2025: 9 days ago."
    ),
    ("CP2000", 10): ("10 days left", "", "Send your response by Monday, March 24, 2025."),
    ("CP2000", 0): (
        "Due today", "badge-soon", "Send your response by today, Monday, March 24, 2025."
    ),
    ("CP2000", -2): (
        "Overdue", "badge-overdue",
        "The date to send your response was Monday, March 24, 2025: 2 days ago.",
    ),
    ("LT11", 10): ("10 days left", "", "Ask for a hearing by Monday, March 24, 2025."),
    ("LT11", 0): (
        "Last day today", "badge-soon",
        "Today, Monday, March 24, 2025, is the last day to ask for a hearing.",
    ),
    ("LT11", -1): (
        "Date passed", "badge-overdue",
        "The last day to ask for a hearing was Monday, March 24, 2025: 1 day ago.",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("notice_type", "days_before"), list(EXPECTED))
def test_each_kind_of_date_says_what_to_do_and_by_when(alice, notice_type, days_before):
    case = make_case(alice, notice_type=notice_type, notice_date=date(2025, 3, 3), pay_by=PAY_BY)
    today = date.fromordinal(PAY_BY.toordinal() - days_before)
    when = summarize(case, today=today).when
    assert (when.badge, when.badge_class, when.sentence) == EXPECTED[notice_type, days_before]


@pytest.mark.parametrize(
    ("notice_type", "verb"), [("CP504", "Pay"), ("CP2000", "Send your response")]
)
def test_no_date_on_file_says_act_now(alice, notice_type, verb):
    case = make_case(alice, notice_type=notice_type, pay_by=None)
    when = summarize(case, today=date(2025, 3, 10)).when
    assert (when.badge, when.badge_class) == ("Act now", "badge-soon")
    assert when.sentence.startswith(f"No date on file yet. {verb}")


def test_a_resolved_notice_just_says_so(alice):
    case = make_case(alice)
    case.status = Case.Status.RESOLVED
    when = summarize(case, today=date(2025, 4, 30)).when
    assert (when.badge, when.badge_class, when.sentence) == ("Resolved", "badge-done", "")


def test_dashboard_rows_escape_what_a_person_typed(alice_client, alice):
    make_case(alice, nickname='<img src=x onerror="alert(1)">')
    html = alice_client.get(reverse("notices:dashboard")).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_dashboard_rows_show_each_notice_with_its_facts(alice_client, alice):
    make_case(alice, nickname="Mom's notice", notice_type="CP2000", amount_due="812.40")
    html = alice_client.get(reverse("notices:dashboard")).content.decode()
    assert "Mom&#x27;s notice" in html
    assert "<dt>Proposed amount</dt><dd>$812.40</dd>" in html
    assert "<dd>CP2000, tax year 2024</dd>" in html
