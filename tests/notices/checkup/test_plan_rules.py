"""Rules every plan keeps, proved over every path of the check-up and every notice type.

For every way through the check-up, every notice the product knows, and dates chosen to hit
weekends, DC holidays and year ends, a plan:
(a) never tells a person to pay an amount they dispute;
(b) dates every step that needs the IRS on a day the IRS is open;
(c) lists its dated steps in date order;
(d) dates no step after the deadline it serves;
(e) links every step to a page that explains it;
and its headline agrees with its steps.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from notices.checkup import action_plan, flow
from notices.irs import deadlines, notice_types
from tests.factories import checkup_answers
from tests.notices.checkup.test_flow import ANON_PATHS

NOTICE_TYPES = tuple(notice_types.RULES)

# Steps a person does alone, on any day: stop, look online, gather papers, ask a preparer,
# keep proof. Every other dated step needs the IRS to be open. Written out here on purpose,
# apart from the code's own list, so a new IRS step is checked without anyone adding it.
ON_YOUR_OWN = {"scam-do-not-pay", "paid-check-account", "paid-gather-proof",
               "dispute-gather-proof", "compare-return", "get-help-checking",
               "pay-keep-proof"}  # fmt: skip
PAYING = {"pay-in-full", "pay-what-you-can", "short-term-plan", "installment-agreement"}

# Days around weekends, DC holidays and year ends (the day before, on, and after).
TODAYS = (
    date(2025, 12, 24),  # Wednesday before Christmas
    date(2025, 12, 27),  # Saturday between Christmas and New Year
    date(2025, 12, 31),  # Wednesday before New Year's Day
    date(2026, 1, 16),  # Friday before Martin Luther King Jr. Day
    date(2026, 4, 11),  # Saturday before DC Emancipation Day (Thursday April 16)
    date(2026, 7, 2),  # Thursday before Independence Day observed on Friday July 3
    date(2026, 11, 22),  # Sunday before Thanksgiving week
    date(2027, 12, 26),  # Sunday; New Year's Day 2028 is observed on Friday December 31
)
NOTICE_AGES = (0, 9, 19, 45)  # days since the notice date: fresh, mid-window, near, overdue


def plan_signature(path: dict[str, object]) -> tuple[object, ...]:
    """What the plan reads from a path; paths that agree on all of it give the same plan."""
    return (
        action_plan.authenticity(path),
        *(path.get(slug) for slug in ("already-paid", "amount-check", "dispute-scope", "can-pay")),
        action_plan.penalty_relief(path),
    )


DISTINCT_PATHS = list({plan_signature(p): p for p in ANON_PATHS}.values())


def plan_for(path, *, notice_type, notice_date, today, printed=None, amount="2450.18"):
    details = {"notice_date": notice_date.isoformat(), "amount": amount}
    if notice_type != "CP14":
        details["notice_type"] = notice_type
    if printed is not None:
        details["pay_by"] = printed.isoformat()
    plan = action_plan.build_plan({**path, flow.DETAILS: details}, today=today)
    assert plan is not None
    return plan


def words(*steps: action_plan.PlanStep) -> str:
    return " ".join(str(t) for s in steps for t in (s.title, s.what, *s.details))


def check_rules(path: dict[str, object], plan: action_plan.Plan, today: date) -> None:
    where = f"{plan.bill.notice_type} {today} {plan_signature(path)}"
    keys = [s.key for s in plan.steps]
    by_key = {s.key: s for s in plan.steps}
    scope = path.get("dispute-scope")
    rules = notice_types.rules_for(plan.bill.notice_type)
    # (a) nothing asks to pay what is disputed
    if plan.scam or scope == "none":
        assert not PAYING & set(keys), where
        assert "cp2000-agree" not in keys, where
    if scope == "part" and "pay-in-full" in by_key:
        text = words(by_key["pay-in-full"])
        assert "Pay the full amount" not in text and "Pay in full by" not in text, where
    if scope is not None:
        assert "Pay in full" not in plan.headline, where
    # The headline asks for no payment that the steps don't ask for.
    if "Pay in full" in plan.headline or "Pay the part you agree with" in plan.headline:
        assert "pay-in-full" in keys, where
    if "payment plan" in plan.headline:
        assert {"pay-what-you-can", "cannot-pay-call"} & set(keys), where
    # (b) IRS steps on IRS working days (which are weekdays)
    for s in plan.steps:
        if s.due is not None and s.key not in ON_YOUR_OWN:
            assert deadlines.is_business_day(s.due), (where, s.key, s.due)
            assert s.due.weekday() < 5, (where, s.key, s.due)
    # (c) dated steps in date order, and proof gathered before the call or letter it backs
    dated = [s.due for s in plan.steps if s.due is not None]
    assert dated == sorted(dated), where
    for first, then in (
        ("paid-gather-proof", "paid-call"),
        ("dispute-gather-proof", "dispute-call"),
        ("dispute-gather-proof", "dispute-letter"),
        ("compare-return", "get-help-checking"),
    ):
        if first in keys and then in keys:
            assert keys.index(first) < keys.index(then), (where, first, then)
    # (d) no step after the deadline it serves; nothing dated in the past
    key_date = plan.bill.pay_by
    for s in plan.steps:
        if s.due is None:
            continue
        assert s.due >= today, (where, s.key)
        if key_date is not None and not plan.bill.overdue:
            latest = max(deadlines.next_business_day(key_date), deadlines.next_business_day(today))
            assert s.due <= latest, (where, s.key, s.due, key_date)
    # (e) every step links to a page that explains it
    for s in plan.steps:
        assert any(t.explains for t in s.tools), (where, s.key)
    # The notice's own rules: its interest promise, its letters, its hearing
    if not rules.interest_window:
        promise = "no more interest"
        assert promise not in plan.headline, where
        assert "pay-in-full" not in by_key or promise not in words(by_key["pay-in-full"]), where
    assert {t.letter for s in plan.steps for t in s.tools} <= {*rules.letters, ""}, where
    if "dispute" not in rules.letters:
        assert "dispute-letter" not in keys, where
    if not rules.is_bill:
        assert "paid-trace-letter" not in keys and "dispute-call" not in keys, where
    hearing_due = rules.hearing_rights and not plan.scam and path.get("already-paid") != "all"
    if hearing_due and (path["amount-check"] == "wrong" or path["can-pay"] != "full"):
        assert "hearing-request" in keys, where


def shape(plan: action_plan.Plan) -> list[tuple[object, ...]]:
    steps: list[tuple[object, ...]] = [(s.key, s.due, str(s.what)) for s in plan.steps]
    return steps + [(str(finding),) for finding in plan.findings]


@pytest.mark.parametrize("notice_type", NOTICE_TYPES)
def test_every_path_keeps_the_rules(notice_type):
    """Every path for the LT11 (the notice with the most rules); a seventh of them for the
    others. Paths that agree on what the plan reads get the same plan, so the grid below
    can use one path per kind of plan and still cover every path."""
    today, notice_date = date(2026, 11, 27), date(2026, 11, 18)  # a weekend comes next
    seen: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for path in ANON_PATHS[:: 1 if notice_type == "LT11" else 7]:
        plan = plan_for(path, notice_type=notice_type, notice_date=notice_date, today=today)
        check_rules(path, plan, today)
        assert seen.setdefault(plan_signature(path), shape(plan)) == shape(plan)


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_every_kind_of_plan_keeps_the_rules_around_weekends_and_holidays(today):
    for notice_type in NOTICE_TYPES:
        for n, age in enumerate(NOTICE_AGES):
            notice_date = today - timedelta(days=age)
            # Half the notices carry a printed date (21 days on, often a weekend), and half
            # are for $100,000 or more (10 business days).
            printed = notice_date + timedelta(days=21) if n % 2 else None
            amount = "150000" if n in (1, 2) else "2450.18"
            for path in DISTINCT_PATHS:
                plan = plan_for(
                    path,
                    notice_type=notice_type,
                    notice_date=notice_date,
                    today=today,
                    printed=printed,
                    amount=amount,
                )
                check_rules(path, plan, today)


def test_the_distinct_paths_cover_every_ending():
    assert len(DISTINCT_PATHS) > 50
    assert {action_plan.authenticity(p) for p in DISTINCT_PATHS} == {"scam", "verified", "unsure"}
    assert {p.get("can-pay") for p in DISTINCT_PATHS} >= {"full", "short", "monthly", "cannot"}


def test_a_call_due_on_a_holiday_moves_to_the_working_day_before():
    # A week from Thursday December 18, 2025 is Christmas Day: the call moves to the 24th.
    plan = plan_for(
        checkup_answers(can_pay="cannot"),
        notice_type="CP14",
        notice_date=date(2025, 12, 15),
        today=date(2025, 12, 18),
    )
    call = next(s for s in plan.steps if s.key == "cannot-pay-call")
    assert call.due == date(2025, 12, 24)


def test_a_step_due_today_on_a_sunday_waits_for_monday():
    # Overdue on Sunday, March 1, 2026: the payment step is for Monday, March 2.
    plan = plan_for(
        checkup_answers(), notice_type="CP14", notice_date=date(2026, 1, 5), today=date(2026, 3, 1)
    )
    pay = next(s for s in plan.steps if s.key == "pay-in-full")
    assert pay.due == date(2026, 3, 2)
    assert "the next day the IRS is open" in str(pay.when)


def test_amounts_in_money_are_the_notice_amount():
    plan = plan_for(
        checkup_answers(can_pay="short"),
        notice_type="CP14",
        notice_date=date(2025, 3, 3),
        today=date(2025, 3, 10),
    )
    assert "The notice asks for $2,450.18" in words(*plan.steps)
