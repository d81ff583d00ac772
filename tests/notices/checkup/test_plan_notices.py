"""The plan follows the notice in hand: one row per notice type the product knows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from notices.checkup import action_plan, flow
from tests.factories import EASTERN, checkup_answers

TODAY = date(2026, 3, 10)  # a Tuesday
NOTICE_DATE = date(2026, 3, 2)  # a Monday


def plan_for(notice_type: str, *, printed: str = "", **answers: str) -> action_plan.Plan:
    details = {"notice_date": NOTICE_DATE.isoformat(), "amount": "2450.18"}
    details |= {"notice_type": notice_type} if notice_type != "CP14" else {}
    details |= {"pay_by": printed} if printed else {}
    plan = action_plan.build_plan(
        {flow.DETAILS: details, **checkup_answers(**answers)}, today=TODAY
    )
    assert plan is not None
    return plan


def text(plan: action_plan.Plan) -> str:
    parts = [str(f) for f in plan.findings]
    parts += [str(t) for s in plan.steps for t in (s.title, s.what, *s.details)]
    return " ".join(parts)


# notice type, printed date, key date, headline words, words in the findings
ROWS = [
    ("CP14", "", date(2026, 3, 23), "no more interest is added", "matches your tax return"),
    ("CP501", "2026-03-16", date(2026, 3, 16), "Interest grows until it is all paid",
     "is a reminder"),
    ("CP503", "2026-03-16", date(2026, 3, 16), "Interest grows until it is all paid",
     "second reminder"),
    ("CP504", "2026-03-16", date(2026, 3, 16), "Interest grows until it is all paid",
     "1% a month for months that start on or after March 13, 2026"),
    ("LT11", "", date(2026, 4, 1), "to ask for a hearing on Form 12153",
     "until April 1, 2026 to ask for a hearing"),
    ("CP2000", "2026-04-01", date(2026, 4, 1), "Send the CP2000 response form",
     "is not a bill"),
]  # fmt: skip


@pytest.mark.parametrize(("notice_type", "printed", "key_date", "headline", "finding"), ROWS)
def test_each_notice_gets_its_own_date_headline_and_finding(
    notice_type, printed, key_date, headline, finding
):
    plan = plan_for(notice_type, printed=printed)
    assert plan.bill.pay_by == key_date
    assert headline in plan.headline
    assert "April 1, 2026" not in plan.headline or key_date == date(2026, 4, 1)
    assert finding in text(plan)
    if notice_type != "CP14":
        assert "no more interest" not in text(plan) + plan.headline


def test_an_lt11_counts_30_days_to_the_hearing_and_moves_off_a_weekend():
    # March 2, 2026 + 30 days = Wednesday April 1; from Friday March 6, April 5 is a Sunday.
    assert plan_for("LT11").bill.pay_by == date(2026, 4, 1)
    details = {"notice_date": "2026-03-06", "notice_type": "LT11"}
    plan = action_plan.build_plan({flow.DETAILS: details, **checkup_answers()}, today=TODAY)
    assert plan is not None and plan.bill.pay_by == date(2026, 4, 6)
    assert plan.bill.rule == "30-days-hearing"


def test_an_lt11_dispute_asks_for_a_hearing_not_a_dispute_letter():
    plan = plan_for("LT11", amount_check="wrong", dispute_scope="none")
    keys = [s.key for s in plan.steps]
    assert "hearing-request" in keys and "dispute-letter" not in keys
    hearing = next(s for s in plan.steps if s.key == "hearing-request")
    assert hearing.due is not None and hearing.due <= date(2026, 4, 1)
    assert "Form 12153" in str(hearing.what)


def test_an_lt11_you_cannot_pay_in_full_points_to_the_hearing_too():
    keys = [s.key for s in plan_for("LT11", can_pay="monthly").steps]
    assert "hearing-request" in keys and "installment-agreement" in keys
    assert "hearing-request" not in [s.key for s in plan_for("LT11").steps]  # pays in full


def test_a_cp2000_is_answered_on_its_response_form_with_no_letters_of_ours():
    agree = plan_for("CP2000", printed="2026-04-01")
    assert [s.key for s in agree.steps][0] == "cp2000-agree"
    disagree = plan_for("CP2000", printed="2026-04-01", amount_check="wrong", dispute_scope="none")
    keys = [s.key for s in disagree.steps]
    assert "cp2000-disagree" in keys
    assert not {"dispute-letter", "dispute-call", "pay-in-full"} & set(keys)
    for plan in (agree, disagree):
        assert not [t for s in plan.steps for t in s.tools if t.letter]
        assert "pay-by date" not in text(plan)


def test_a_notice_after_the_cp14_without_its_printed_date_says_to_act_now():
    plan = plan_for("CP503")
    assert plan.bill.rule == "not-on-file"
    assert "Find the date printed on it" in plan.headline


def test_a_cp504_without_the_date_still_says_when_the_higher_rate_starts():
    assert "1% a month for months that start on or after March 13, 2026" in text(plan_for("CP504"))


def test_the_earlier_estimated_tax_penalty_does_not_block_first_time_relief():
    answers = {"has_penalty": "yes", "fta_history": "estimated_only", "fta_filed": "yes",
               "fta_paid": "yes"}  # fmt: skip
    plan = plan_for("CP14", **answers)
    assert "fta-ask" in [s.key for s in plan.steps]
    assert "likely qualify" in text(plan)
    other = plan_for("CP14", **{**answers, "fta_history": "some"})
    assert "reasonable-cause" in [s.key for s in other.steps]


def test_a_scam_call_next_to_a_real_letter_gets_a_calm_word_about_the_letter():
    plan = plan_for("CP14", arrived="phone")
    assert plan.scam
    assert "Do not pay through it" in text(plan)
    assert "it may still be real" in text(plan)


@pytest.mark.django_db
def test_a_visitor_who_picks_an_lt11_gets_its_plan_in_the_browser(client):
    details = {"notice_type": "LT11", "notice_date": "2026-03-02", "amount": "2,450.18"}
    url = reverse("notices:flow_step", kwargs={"step": flow.DETAILS})
    assert client.post(url, details).status_code == 302
    for slug, value in checkup_answers(can_pay="monthly").items():
        step = reverse("notices:flow_step", kwargs={"step": slug})
        assert client.post(step, {"answer": value}).status_code == 302
    with time_machine.travel(datetime(2026, 3, 10, 12, tzinfo=EASTERN), tick=False):
        page = client.get(reverse("notices:flow_plan")).content.decode()
    assert "You have until <strong>Wednesday, April 1, 2026</strong> to ask for a hearing" in page
    assert "Ask for a Collection Due Process hearing" in page
    assert "LT11, notice dated" in page  # the answer summary names the notice


@pytest.mark.django_db
def test_the_details_form_refuses_an_unknown_notice_type(client):
    url = reverse("notices:flow_step", kwargs={"step": flow.DETAILS})
    response = client.post(url, {"notice_type": "CP99", "notice_date": "2026-03-02"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
