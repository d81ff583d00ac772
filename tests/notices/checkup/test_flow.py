"""The check-up as data: the graph, the walk over answers, and the plan each path gives."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template

from guidance.content import guide_pages
from notices.checkup import action_plan, flow
from tests.factories import EASTERN, checkup_answers, make_case

TODAY = date(2025, 3, 10)  # a week after the factory case's notice date (March 3, 2025)
GUIDE_SLUGS = {page.slug for page in guide_pages()}


def all_paths(start: str) -> list[dict[str, object]]:
    """Every way through the check-up from `start`, as finished answer dicts."""
    finished = []

    def go(slug: str, answers: dict[str, object]) -> None:
        if slug == flow.END:
            finished.append(answers)
            return
        step = flow.STEPS[slug]
        choices: list[object] = [{}] if step.is_details else [o.value for o in step.options]
        for choice in choices:
            go(step.next_for(choice), {**answers, slug: choice})

    go(start, {})
    return finished


ANON_PATHS = all_paths(flow.first_step(in_case=False))
CASE_PATHS = all_paths(flow.first_step(in_case=True))


def keys(plan: action_plan.Plan | None) -> list[str]:
    assert plan is not None
    return [step.key for step in plan.steps]


def step(plan: action_plan.Plan | None, key: str) -> action_plan.PlanStep:
    assert plan is not None
    return next(s for s in plan.steps if s.key == key)


def words(plan_step: action_plan.PlanStep) -> str:
    return " ".join(str(t) for t in (plan_step.title, plan_step.what, *plan_step.details))


# The graph


def test_every_answer_leads_to_a_known_step_or_the_plan():
    for step in flow.STEPS.values():
        for target in step.goes_to.values():
            assert target == flow.END or target in flow.STEPS, (step.slug, target)
        if not step.is_details:
            assert set(step.goes_to) == {o.value for o in step.options}, step.slug


def test_every_step_is_reachable():
    seen = {slug for path in ANON_PATHS for slug in path}
    assert seen == set(flow.STEPS)
    in_case = {slug for path in CASE_PATHS for slug in path}
    assert in_case == set(flow.STEPS) - {flow.DETAILS}


def test_the_graph_has_no_cycles():
    def visit(slug: str, trail: tuple[str, ...]) -> None:
        assert slug not in trail, f"cycle: {' -> '.join((*trail, slug))}"
        if slug != flow.END:
            for target in set(flow.STEPS[slug].goes_to.values()):
                visit(target, (*trail, slug))

    visit(flow.DETAILS, ())


# Steps whose tool is a log or a letter rather than a guide page.
TOOL_ONLY_STEPS = {"paid-gather-proof", "paid-trace-letter", "paid-follow-up", "dispute-letter",
                   "dispute-follow-up", "keep-records", "pay-keep-proof"}  # fmt: skip


def test_every_path_ends_in_a_plan_with_no_dead_ends():
    for path in ANON_PATHS:
        where = "/".join(map(str, path.values()))
        assert flow.walk(path, start=flow.DETAILS).done, where
        plan = action_plan.build_plan(path, today=TODAY)
        assert plan is not None and plan.steps and plan.findings, where
        assert len(keys(plan)) == len(set(keys(plan))), f"repeated step key: {where}"
        assert keys(plan)[-1] == "keep-records" or plan.scam, where
        for plan_step in plan.steps:
            assert plan_step.title and plan_step.what, (where, plan_step.key)
            assert plan_step.due or plan_step.when, (where, plan_step.key)
            assert plan_step.tools, (where, plan_step.key)
            guide = any(t.url_name == "guidance:page" for t in plan_step.tools)
            assert guide or plan_step.key in TOOL_ONLY_STEPS, (where, plan_step.key)


def test_there_are_enough_paths_to_cover_every_end():
    assert len(ANON_PATHS) > 100
    ends: set[str | None] = {action_plan.authenticity(p) for p in ANON_PATHS}
    ends |= {action_plan.penalty_relief(p) for p in ANON_PATHS}
    assert ends >= {"scam", "verified", "unsure", "likely", "check", "unlikely", None}


def test_steps_have_a_guide_page_a_why_and_a_unique_question():
    questions = [str(step.question) for step in flow.STEPS.values()]
    assert len(set(questions)) == len(questions)
    for step in flow.STEPS.values():
        assert step.guide in GUIDE_SLUGS, step.slug
        assert step.why and step.error
    # URLs: /check-up/plan/ and /check-up/save/ must never be taken by a step.
    assert not {"plan", "save"} & set(flow.STEPS)


# Cleaning and walking answers


@pytest.mark.parametrize(
    "raw",
    [None, "junk", 42, ["arrived"], {"arrived": "carrier pigeon"}, {"no-such-step": "yes"},
     {"details": {"notice_date": "yesterday"}}, {"details": "2025-03-03"},
     {"details": {"amount": "-5"}}, {"details": {"amount": "NaN"}}, {7: "mail"}],
)  # fmt: skip
def test_clean_answers_drops_what_it_cannot_trust(raw):
    cleaned = flow.clean_answers(raw)
    assert "arrived" not in cleaned and "details" not in cleaned


def test_clean_answers_keeps_good_answers():
    raw = {"details": {"notice_date": "2025-03-03", "amount": "2450.18"}, "arrived": "mail"}
    assert flow.clean_answers(raw) == raw


def test_walk_stops_at_the_first_open_question_and_ignores_answers_off_the_path():
    # "already paid all" ends the path, so the amount answer left over from before is ignored.
    walked = flow.walk(checkup_answers(already_paid="all"), start="arrived")
    assert walked.done
    assert "amount-check" not in walked.answers
    walked = flow.walk({"arrived": "mail"}, start="arrived")
    assert walked.current == "red-flags"
    assert walked.reachable("red-flags") and walked.reachable("arrived")
    assert not walked.reachable("can-pay")
    assert walked.previous("red-flags") == "arrived"
    assert walked.previous("arrived") is None


def test_build_plan_is_none_while_questions_are_open():
    assert action_plan.build_plan({"arrived": "mail"}, today=TODAY, case=None) is None


def test_progress_marks_done_current_and_skipped_parts():
    walked = flow.walk(checkup_answers(already_paid="all"), start="arrived")
    states = {s.slug: s.state for s in flow.progress(walked, at=flow.END, in_case=True)}
    assert states == {
        "real": "done",
        "paid": "done",
        "amount": "skipped",
        "pay": "skipped",
        "penalty": "skipped",
        "plan": "current",
    }


def test_going_back_after_finishing_keeps_later_answered_parts_done():
    walked = flow.walk(checkup_answers(), start="arrived")
    states = {s.slug: s.state for s in flow.progress(walked, at="arrived", in_case=True)}
    assert states == {
        "real": "current",
        "paid": "done",
        "amount": "done",
        "pay": "done",
        "penalty": "done",
        "plan": "todo",
    }


# The plan, branch by branch: a real case (pay-by March 24, 2025) and frozen time


@pytest.fixture
def frozen():
    with time_machine.travel(datetime(2025, 3, 10, 12, tzinfo=EASTERN), tick=False):
        yield


def plan_for(case, **overrides: str) -> action_plan.Plan | None:
    return action_plan.build_plan(checkup_answers(**overrides), case=case, today=TODAY)


@pytest.mark.usefixtures("frozen")
class TestPlanOnACase:
    def test_scam_says_do_not_pay_report_and_protect_identity(self, case):
        plan = plan_for(case, arrived="email_text")
        assert plan is not None and plan.scam
        assert keys(plan) == [
            "scam-do-not-pay",
            "scam-check-with-irs",
            "scam-report",
            "scam-identity",
        ]
        assert step(plan, "scam-do-not-pay").due == TODAY
        report = words(step(plan, "scam-report"))
        assert "phishing@irs.gov" in report and "800-366-4484" in report
        assert "800-908-4490" in words(step(plan, "scam-identity"))
        assert "Form 14039" in words(step(plan, "scam-identity"))
        # Red flags on a mailed letter are a scam too.
        assert keys(plan_for(case, red_flags="yes"))[0] == "scam-do-not-pay"

    def test_unsure_notice_is_checked_first_within_seven_days(self, case):
        plan = plan_for(case, online_account="not_checked")
        assert keys(plan)[0] == "verify"
        assert step(plan, "verify").due == date(2025, 3, 17)
        assert "800-829-1040" in words(step(plan, "verify"))
        assert "verify" not in keys(plan_for(case))  # checks passed: nothing to verify

    def test_already_paid_gathers_proof_calls_writes_and_follows_up(self, case):
        plan = plan_for(case, already_paid="all")
        assert keys(plan) == [
            "paid-check-account",
            "paid-gather-proof",
            "paid-call",
            "paid-trace-letter",
            "paid-follow-up",
            "keep-records",
        ]
        assert step(plan, "paid-check-account").due == TODAY
        assert step(plan, "paid-call").due == date(2025, 3, 17)
        assert "Please credit it" in words(step(plan, "paid-call"))  # the call script
        follow_up = step(plan, "paid-follow-up")
        assert follow_up.due is None and "30 days after you send" in str(follow_up.when)
        letter = step(plan, "paid-trace-letter").tools[-1]
        assert letter.url_name == "notices:letter_create"
        assert dict(letter.kwargs) == {"public_id": case.public_id, "kind": "payment_trace"}
        log = step(plan, "paid-gather-proof").tools[-1]
        assert (log.url_name, log.fragment) == ("notices:case_detail", "payments")

    def test_paid_part_then_disputing_part_makes_one_call_not_two(self, case):
        plan = plan_for(case, already_paid="part", amount_check="wrong", dispute_scope="part")
        assert "paid-call" in keys(plan) and "dispute-call" not in keys(plan)
        assert "dispute-letter" in keys(plan)
        assert str(step(plan, "pay-in-full").title) == "Pay the part you agree with"

    def test_disputing_part_keeps_paying_what_you_agree_with(self, case):
        plan = plan_for(case, amount_check="wrong", dispute_scope="part")
        assert keys(plan)[:4] == [
            "dispute-gather-proof",
            "dispute-call",
            "dispute-letter",
            "pay-in-full",
        ]
        pay = step(plan, "pay-in-full")
        assert pay.due == date(2025, 3, 24)
        # Only the agreed part is to be paid: nothing asks to pay the full amount.
        assert str(pay.title) == "Pay the part you agree with"
        assert "full amount" not in words(pay) and "Pay in full" not in words(pay)
        assert step(plan, "dispute-call").due == date(2025, 3, 17)
        assert dict(step(plan, "dispute-letter").tools[-1].kwargs)["kind"] == "dispute"
        assert plan is not None and "Pay the part you agree with" in plan.headline

    def test_disputing_all_of_it_has_no_payment_steps(self, case):
        plan = plan_for(case, amount_check="wrong", dispute_scope="none")
        assert "dispute-interest" in keys(plan)
        assert not {"pay-in-full", "pay-what-you-can"} & set(keys(plan))
        assert plan is not None and "Question the bill" in plan.headline

    def test_not_sure_of_the_amount_says_what_to_compare_and_who_helps(self, case):
        plan = plan_for(case, amount_check="not_sure")
        compare = words(step(plan, "compare-return"))
        assert "Credits" in compare and "Billing Summary" in compare
        assert "Low Income Taxpayer Clinics" in words(step(plan, "get-help-checking"))

    def test_paying_in_full_by_the_pay_by_date(self, case):
        plan = plan_for(case)
        pay = step(plan, "pay-in-full")
        assert pay.due == date(2025, 3, 24)
        assert "Direct Pay" in words(pay) and "U.S. Treasury" in words(pay)
        assert action_plan.IRS_PAYMENTS in pay.tools
        assert dict(pay.tools[-1].kwargs)["kind"] == "payment_cover"
        assert keys(plan) == ["pay-in-full", "pay-keep-proof", "keep-records"]

    def test_short_term_plan_under_the_limit(self, case):
        plan = plan_for(case, can_pay="short")
        short = step(plan, "short-term-plan")
        assert short.due == date(2025, 3, 24)
        assert "$2,450.18, which is under the $100,000 limit" in words(short)
        assert "no setup fee" in words(short)

    def test_short_term_plan_over_the_limit_becomes_a_monthly_plan(self, alice):
        big = make_case(alice, amount_due=Decimal("150000.00"))
        plan = plan_for(big, can_pay="short")
        assert "short-term-plan" not in keys(plan)
        assert "Form 9465" in words(step(plan, "installment-agreement"))

    def test_monthly_plan_thresholds_and_fees_with_their_date(self, case):
        plan = plan_for(case, can_pay="monthly")
        monthly = words(step(plan, "installment-agreement"))
        assert "so you can apply online" in monthly
        assert "72 months" in monthly
        # The fees are not confirmed by the IRS, so they come dated and hedged.
        assert "could not confirm" in monthly and "check IRS.gov" in monthly
        assert step(plan, "installment-agreement").due == date(2025, 3, 24)

    def test_cannot_pay_points_to_hardship_settlement_and_free_help(self, case):
        plan = plan_for(case, can_pay="cannot")
        assert keys(plan)[:3] == ["cannot-pay-call", "offer-in-compromise", "taxpayer-advocate"]
        assert "currently not collectible" in words(step(plan, "cannot-pay-call"))
        assert "Pre-Qualifier" in words(step(plan, "offer-in-compromise"))
        # The offer fee is unverified, so no amount is stated.
        assert "$" not in words(step(plan, "offer-in-compromise"))
        advocate = words(step(plan, "taxpayer-advocate"))
        assert "877-777-4778" in advocate and "Low Income Taxpayer Clinics" in advocate

    def test_first_time_abatement_likely(self, case):
        plan = plan_for(
            case, has_penalty="yes", fta_history="none", fta_filed="yes", fta_paid="yes"
        )
        ask = step(plan, "fta-ask")
        assert "Form 843" in words(ask) and "3502C" in words(ask)
        assert dict(ask.tools[-1].kwargs)["kind"] == "abatement"

    def test_first_time_abatement_unsure_asks_to_check_the_rules(self, case):
        plan = plan_for(case, has_penalty="not_sure", fta_history="not_sure", fta_filed="yes",
                        fta_paid="yes")  # fmt: skip
        assert "fta-check" in keys(plan)

    @pytest.mark.parametrize(
        "overrides",
        [{"fta_history": "some"}, {"fta_history": "none", "fta_filed": "no"},
         {"fta_history": "none", "fta_filed": "yes", "fta_paid": "no"}],
    )  # fmt: skip
    def test_not_eligible_for_first_time_relief_points_to_reasonable_cause(self, case, overrides):
        plan = plan_for(case, has_penalty="yes", **overrides)
        assert "reasonable-cause" in keys(plan) and "fta-ask" not in keys(plan)
        assert "serious illness" in words(step(plan, "reasonable-cause"))

    def test_no_penalty_no_relief_steps(self, case):
        assert not {"fta-ask", "fta-check", "reasonable-cause"} & set(keys(plan_for(case)))

    def test_an_overdue_pay_by_date_means_as_soon_as_possible(self, alice):
        late = make_case(alice, notice_date=date(2025, 1, 6), pay_by=date(2025, 1, 27))
        plan = plan_for(late)
        assert plan is not None and plan.bill.overdue
        assert step(plan, "pay-in-full").due == TODAY
        assert "as soon as you can" in str(step(plan, "pay-in-full").when)

    def test_calls_are_due_by_the_pay_by_date_when_it_comes_first(self, alice):
        soon = make_case(alice, notice_date=date(2025, 2, 24), pay_by=date(2025, 3, 12))
        plan = plan_for(soon, amount_check="wrong", dispute_scope="part")
        assert step(plan, "dispute-call").due == date(2025, 3, 12)
        assert "before the date on your notice" in str(step(plan, "dispute-call").when)

    def test_the_printed_pay_by_date_wins_over_the_computed_one(self, alice):
        plan = plan_for(make_case(alice, pay_by=date(2025, 3, 28)))
        assert plan is not None and plan.bill.pay_by == date(2025, 3, 28)

    def test_every_tool_on_every_case_path_resolves_to_a_url(self, case):
        template = Template("{% load checkup %}{% for s in plan.steps %}{% for t in s.tools %}"
                            "[{% tool_url t %}]{% endfor %}{% endfor %}")  # fmt: skip
        for path in CASE_PATHS:
            plan = action_plan.build_plan(path, case=case, today=TODAY)
            rendered = template.render(Context({"plan": plan}))
            assert "[]" not in rendered
            assert "/check-up/save/" not in rendered  # a case never needs saving first


# The plan without a case: dates come from the optional first screen


def test_without_details_steps_say_by_the_pay_by_date_on_your_notice():
    plan = action_plan.build_plan({"details": {}, **checkup_answers()}, today=TODAY)
    assert plan is not None and plan.bill.pay_by is None
    pay = step(plan, "pay-in-full")
    assert pay.due is None and "by the date on your notice" in str(pay.when)


def test_details_give_the_21_day_pay_by_date():
    details = {"notice_date": "2025-03-03", "amount": "2450.18"}
    plan = action_plan.build_plan({"details": details, **checkup_answers()}, today=TODAY)
    assert plan is not None and plan.bill.rule == "21-days"
    assert step(plan, "pay-in-full").due == date(2025, 3, 24)


def test_details_of_100000_or_more_give_10_business_days():
    details = {"notice_date": "2025-03-03", "amount": "100000"}
    plan = action_plan.build_plan({"details": details, **checkup_answers()}, today=TODAY)
    assert plan is not None and plan.bill.rule == "10-business-days"
    assert plan.bill.pay_by == date(2025, 3, 17)


def test_a_printed_pay_by_date_from_the_details_wins():
    details = {"notice_date": "2025-03-03", "pay_by": "2025-03-25"}
    plan = action_plan.build_plan({"details": details, **checkup_answers()}, today=TODAY)
    assert plan is not None and plan.bill.pay_by == date(2025, 3, 25)


def test_without_a_case_case_tools_link_to_saving_the_plan():
    # Letters and logs need a saved case.
    plan = action_plan.build_plan(
        {"details": {}, **checkup_answers(already_paid="all")}, today=TODAY
    )
    assert plan is not None
    letter = next(t for s in plan.steps for t in s.tools if "letter" in str(t.label))
    assert letter.save_first and letter.url_name == "notices:flow_save"
    plan = action_plan.build_plan({"details": {}, **checkup_answers(can_pay="short")}, today=TODAY)
    assert plan is not None
    assert any(t.url_name == "notices:estimator" for s in plan.steps for t in s.tools)


def test_plan_text_states_no_unverified_figures():
    """Unverified figures are not stated as fact; changing fees say to check."""
    texts = set()
    for path in ANON_PATHS:
        plan = action_plan.build_plan(path, today=TODAY)
        assert plan is not None
        texts |= {words(s) for s in plan.steps} | {str(f) for f in plan.findings}
    everything = " ".join(texts)
    for unverified in ("$205", "6%", "$525", "$64,000", "automatic"):
        assert unverified not in everything
    for text in texts:
        if "$22" in text or "fee" in text.lower() and "no setup fee" not in text:
            assert "irs.gov" in text.lower(), text


def test_case_prefill_suggests_answers_from_the_case():
    assert flow.case_prefill(penalty_amount=Decimal("12.00"), paid_before_notice=Decimal(0)) == {
        "has-penalty": "yes"
    }
    assert flow.case_prefill(penalty_amount=Decimal("0"), paid_before_notice=Decimal("50")) == {
        "has-penalty": "no",
        "already-paid": "part",
    }
    assert flow.case_prefill(penalty_amount=None, paid_before_notice=Decimal(0)) == {}


def test_the_words_type_no_figures_that_rates_py_holds():
    """Limits, terms and fees come from notices/irs/rates.py, so one edit there changes all."""
    from notices.checkup import plan_phrases, plan_words, questions

    texts = [
        *plan_phrases.FINDINGS.values(),
        *plan_phrases.HEADLINES.values(),
        *plan_phrases.WHEN.values(),
        *plan_phrases.TOOLS.values(),
    ]
    for step_words in plan_words.STEPS.values():
        texts += [step_words.title, step_words.what, *step_words.details]
    for question in questions.QUESTIONS.values():
        texts += [question.question, question.why, question.hint, *question.options.values()]
    for text in map(str, texts):
        figures = ("100,000", "50,000", "180", "72", "$22", "$69", "$107", "$178", "0.5%", "1%")
        for figure in (*figures, " 30 days", " 10 days", "60 days"):
            assert figure not in text, text
