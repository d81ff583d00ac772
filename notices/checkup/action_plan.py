"""The action plan: which steps to take, in what order, with which dates and links.

Decisions only. The words of every step, finding and link are in plan_words.py, looked up
by key; the questions and where each answer leads are in flow.py. This module turns a
finished set of answers (and the case, when there is one) into steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString

from notices.checkup import plan_dates
from notices.checkup import plan_links as links
from notices.checkup import plan_phrases as phrases
from notices.checkup import plan_words as words
from notices.checkup.flow import Text, clean_answers, details_of, first_step, walk
from notices.checkup.plan_dates import (
    CALL_WITHIN_DAYS,
    REPLY_WAIT_DAYS,
    Bill,
    Due,
    When,
    bill_from,
    when_words,
)
from notices.checkup.plan_links import (
    ALREADY_PAID,
    CALL_TIPS,
    CHECK_A_NOTICE,
    CP2000_GUIDE,
    HEARING,
    HOW_TO_PAY,
    IRS_PAYMENTS,
    RECORDS,
    THINK_ITS_WRONG,
    WHO_CAN_HELP,
    CaseLike,
    Tool,
)
from notices.irs import notice_types, rates
from notices.irs.formatting import dollars

__all__ = ["CALL_WITHIN_DAYS", "REPLY_WAIT_DAYS", "Bill", "CaseLike", "IRS_PAYMENTS", "Tool"]

# Steps that need the IRS to be open: a call, a letter, an application or a mailed payment.
# Their dates fall only on IRS working days. The other dated steps (stop, look, gather,
# keep) can be done any day.
IRS_STEPS = frozenset(
    {
        "scam-check-with-irs", "scam-report", "scam-identity", "verify", "paid-call",
        "paid-trace-letter", "dispute-call", "dispute-letter", "pay-in-full",
        "pay-what-you-can", "short-term-plan", "installment-agreement", "cannot-pay-call",
        "offer-in-compromise", "taxpayer-advocate", "hearing-request", "cp2000-agree",
        "cp2000-disagree", "cp2000-respond",
    }
)  # fmt: skip


def _text(text: Text, amount: Decimal | None = None, **values: object) -> Text:
    if amount is not None:
        values["amount"] = dollars(amount)
    return plan_dates.plan_text(text, **values)


@dataclass(frozen=True)
class PlanStep:
    key: str  # stable: stored in Case.plan_done when ticked off
    title: Text
    what: Text
    details: tuple[Text, ...] = ()
    due: date | None = None
    when: Text = ""  # "within 7 days", "30 days after you send it", ...
    tools: tuple[Tool, ...] = ()


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    findings: tuple[Text, ...]
    bill: Bill
    scam: bool
    headline: SafeString | str = ""  # agrees with the steps: what to do by the key date

    @property
    def keys(self) -> set[str]:
        return {step.key for step in self.steps}


def _step(
    key: str,
    due: Due,
    *tools: Tool,
    what: Text = "",
    title: Text = "",
    first: Text = "",
    amount: Decimal | None = None,
    notice: str = notice_types.FIRST_NOTICE,
) -> PlanStep:
    """Step `key` with its words from plan_words.STEPS; `what`, `title` and `first` (a detail
    line put before the others) replace or add words that depend on the answers."""
    w = words.STEPS[key]
    details = (first, *w.details) if first else w.details
    return PlanStep(
        key,
        _text(title or w.title, notice=notice),
        _text(what or w.what, amount, notice=notice),
        tuple(_text(line, amount, notice=notice) for line in details),
        *due,
        tools=tools,
    )


def _bill(answers: Mapping[str, Any], case: CaseLike | None, today: date) -> Bill:
    if case is not None:
        key = case.deadline
        overdue = key.due < today
        return Bill(
            key.due, key.rule.value, case.amount_due, overdue, case.notice_type, case.notice_date
        )
    details = details_of(answers)
    return bill_from(
        notice_type=details.notice_type,
        notice_date=details.notice_date,
        printed=details.pay_by,
        amount=details.amount,
        today=today,
    )


def _undated(key: str) -> Due:
    return None, when_words(key)


# The ends of the branches


def authenticity(answers: Mapping[str, Any]) -> str:
    """Branch 1's end: "scam", "verified" or "unsure"."""
    if answers.get("arrived") in ("email_text", "phone") or answers.get("red-flags") == "yes":
        return "scam"
    if answers.get("notice-details") == "yes" and answers.get("online-account") == "shows":
        return "verified"
    return "unsure"


def penalty_relief(answers: Mapping[str, Any]) -> str | None:
    """Branch 5's end: "likely", "check", "unlikely", or None when no penalty is listed.

    The three rules of first-time abatement: IRM 20.1.1.3.3.2.1. An earlier estimated-tax
    penalty does not count against the clean record.
    """
    if answers.get("has-penalty") in (None, "no"):
        return None
    history = answers.get("fta-history")
    rules = [
        "none" if history == "estimated_only" else history,
        answers.get("fta-filed"),
        answers.get("fta-paid"),
    ]
    if "some" in rules or "no" in rules:
        return "unlikely"
    if rules == ["none", "yes", "yes"]:
        return "likely"
    return "check"


def case_relief(answers: Mapping[str, Any]) -> str | None:
    """penalty_relief() for a case's stored check-up answers (only those on its path)."""
    walked = walk(clean_answers(dict(answers)), start=first_step(in_case=True))
    return penalty_relief(walked.answers) if walked.done else None


def build_plan(
    answers: Mapping[str, Any], *, case: CaseLike | None = None, today: date
) -> Plan | None:
    """The ordered action plan for finished answers; None while questions are open.

    Steps come in the order to do them: stop a scam first, then check, then get a
    payment counted or question the bill, then pay or ask for a plan, then ask for
    penalty relief, then keep records. Dated steps are then put in date order, and
    steps that need the IRS fall on days it is open.
    """
    walked = walk(clean_answers(dict(answers)), start=first_step(in_case=case is not None))
    if not walked.done:
        return None
    a = walked.answers
    bill = _bill(a, case, today)
    when = When(today, bill)
    real = authenticity(a)
    findings: list[Text] = [_text(phrases.FINDINGS[real])]
    if real == "scam":
        return Plan(_arrange(_scam_steps(when), when), tuple(findings), bill, True)
    if bill.notice_type != notice_types.FIRST_NOTICE:
        findings.append(plan_dates.notice_finding(bill))

    steps: list[PlanStep] = []
    if real == "unsure":
        steps.append(_step("verify", when.within_a_week(), CHECK_A_NOTICE))

    paid = a["already-paid"]
    if paid in ("all", "part"):
        findings.append(_text(phrases.FINDINGS[f"paid-{paid}"]))
        steps.extend(_already_paid_steps(case, when, partly=paid == "part", notice=bill))

    if paid != "all":
        if bill.rules.is_bill:
            steps.extend(_amount_steps(a, case, when, findings))
        else:
            steps.extend(_proposal_steps(a, when, findings))
        if a.get("dispute-scope") != "none":
            agreed_part = a.get("dispute-scope") == "part"
            steps.extend(_paying_steps(a["can-pay"], case, when, findings, agreed_part))
            if bill.rules.is_bill:
                steps.extend(_penalty_steps(a, case, findings))
        if bill.rules.hearing_rights and (a["amount-check"] == "wrong" or a["can-pay"] != "full"):
            steps.append(_step("hearing-request", when.within_a_week(), HEARING))

    steps.append(
        _step(
            "keep-records",
            _undated("as-you-go"),
            RECORDS,
            links.contact_log(case),
            links.payment_log(case),
        )
    )
    steps = _fit_letters(steps, bill)
    return Plan(_arrange(steps, when), tuple(findings), bill, False, plan_dates.headline(a, bill))


# Steps that are only there to make a letter: without the letter, the step goes too.
LETTER_STEPS = frozenset({"dispute-letter", "paid-trace-letter"})


def _fit_letters(steps: list[PlanStep], bill: Bill) -> list[PlanStep]:
    """Only letters that fit the notice: no dispute letter for an LT11, none for a CP2000."""
    fitted = []
    for step in steps:
        tools = tuple(t for t in step.tools if not t.letter or t.letter in bill.rules.letters)
        if tools != step.tools and step.key in LETTER_STEPS:
            continue
        fitted.append(replace(step, tools=tools))
    return fitted


def _arrange(steps: list[PlanStep], when: When) -> tuple[PlanStep, ...]:
    """IRS steps on IRS working days, then dated steps in date order (undated ones last,
    each group keeping the order it was built in).

    A later step done alone (gather proof) moves to a working day too, so it stays before
    the call it prepares for; only a step for today that needs no one stays on a weekend.
    """
    placed = []
    for step in steps:
        if step.due is not None and (step.key in IRS_STEPS or step.due > when.today):
            day = when.irs_day(step.due)
            if day > step.due:
                step = replace(step, due=day, when=when_words("irs-open"))
            else:
                step = replace(step, due=day)
        placed.append(step)
    return tuple(sorted(placed, key=lambda s: (s.due is None, s.due or date.min)))


def _scam_steps(when: When) -> list[PlanStep]:
    # IRS: How to know it's really the IRS calling or knocking on your door (irs.gov/newsroom);
    # IRS: Report phishing (irs.gov/privacy-disclosure/report-phishing); IRS: Understanding
    # your CP01S notice (the identity theft line and Form 14039).
    week = when.within_a_week()
    return [
        _step(
            "scam-do-not-pay",
            when.today_step(),
            links.guide("is-it-real", "scam-signs", "warning-signs-of-a-scam"),
        ),
        _step("scam-check-with-irs", week, CHECK_A_NOTICE),
        _step(
            "scam-report", week, links.guide("is-it-real", "report-scam", "where-to-report-a-scam")
        ),
        _step("scam-identity", week, links.guide("identity-theft", "identity-theft")),
    ]


def _already_paid_steps(
    case: CaseLike | None, when: When, *, partly: bool, notice: Bill
) -> list[PlanStep]:
    # Call the number on the notice or write to its address with proof. IRS: Understanding
    # your CP14 notice (irs.gov/individuals/understanding-your-cp14-notice).
    week = when.within_a_week()
    code = notice.notice_type
    return [
        _step(
            "paid-check-account",
            when.today_step(),
            links.guide("already-paid", "already-paid", "step-1-check-your-irs-online-account"),
            what=words.PAID_PART_CHECK if partly else "",
        ),
        _step("paid-gather-proof", week, ALREADY_PAID, links.payment_log(case)),
        _step("paid-call", week, CALL_TIPS, links.contact_log(case), notice=code),
        _step(
            "paid-trace-letter",
            week,
            ALREADY_PAID,
            links.letter(case, "payment_trace", "payment-trace-letter"),
        ),
        _step("paid-follow-up", _undated("after-sending"), CALL_TIPS, links.contact_log(case)),
    ]


def _amount_steps(
    a: Mapping[str, Any], case: CaseLike | None, when: When, findings: list[Text]
) -> list[PlanStep]:
    check = a["amount-check"]
    week = when.within_a_week()
    if check == "matches":
        findings.append(_text(phrases.FINDINGS["amount-matches"]))
        return []
    if check == "not_sure":
        findings.append(_text(phrases.FINDINGS["amount-not-sure"]))
        return [
            _step("compare-return", week, links.guide("why-you-got-one", "why-cp14")),
            _step("get-help-checking", week, WHO_CAN_HELP, THINK_ITS_WRONG),
        ]
    everything = a.get("dispute-scope") == "none"
    findings.append(_text(phrases.FINDINGS["owe-none" if everything else "owe-part"]))
    steps = [
        _step("dispute-gather-proof", week, THINK_ITS_WRONG),
        _step("dispute-call", week, CALL_TIPS, links.contact_log(case)),
        _step(
            "dispute-letter", week, THINK_ITS_WRONG, links.letter(case, "dispute", "dispute-letter")
        ),
    ]
    if everything:
        waiting = links.guide(
            "think-its-wrong", "interest-while-waiting", "interest-keeps-running-while-you-wait"
        )
        steps.append(_step("dispute-interest", _undated("while-waiting"), waiting))
    steps.append(
        _step("dispute-follow-up", _undated("after-sending"), CALL_TIPS, links.contact_log(case))
    )
    if a["already-paid"] == "part":
        # The payment steps already say to call and to follow up: one call covers both.
        steps = [s for s in steps if s.key not in ("dispute-call", "dispute-follow-up")]
    return steps


def _proposal_steps(a: Mapping[str, Any], when: When, findings: list[Text]) -> list[PlanStep]:
    """A CP2000 is answered on its own response form, by the date on it."""
    week, by_date = when.within_a_week(), when.by_key_date()
    check = a["amount-check"]
    if check == "matches":
        findings.append(_text(phrases.FINDINGS["cp2000-agree"]))
        return [_step("cp2000-agree", by_date, CP2000_GUIDE)]
    if check == "not_sure":
        findings.append(_text(phrases.FINDINGS["amount-not-sure"]))
        return [
            _step("compare-return", week, CP2000_GUIDE),
            _step("get-help-checking", week, WHO_CAN_HELP, CP2000_GUIDE),
            _step("cp2000-respond", by_date, CP2000_GUIDE),
        ]
    everything = a.get("dispute-scope") == "none"
    findings.append(_text(phrases.FINDINGS["owe-none" if everything else "owe-part"]))
    return [
        _step("dispute-gather-proof", week, CP2000_GUIDE),
        _step("cp2000-disagree", by_date, CP2000_GUIDE),
    ]


def _paying_steps(
    choice: str,
    case: CaseLike | None,
    when: When,
    findings: list[Text],
    agreed_part: bool,
) -> list[PlanStep]:
    # Short-term and long-term plans: IRS: Payment plans; installment agreements
    # (irs.gov/payments/payment-plans-installment-agreements) and Instructions for Form 9465.
    by_key_date = when.by_key_date()
    bill = when.bill
    amount = bill.amount
    if choice == "short" and amount is not None and amount >= rates.SHORT_TERM_BALANCE_LIMIT:
        choice = "monthly"  # a short-term plan needs a balance under the limit
        findings.append(_text(phrases.FINDINGS["over-short-term-limit"]))
    findings.append(_text(phrases.FINDINGS[f"pay-{choice}"]))
    if choice == "full":
        cover_letter = links.letter(case, "payment_cover", "cover-letter")
        title: Text = ""
        what: Text = ""
        if agreed_part:
            title, what = words.PAY_AGREED_TITLE, words.PAY_AGREED_WHAT
        elif not bill.rules.interest_window:
            what = words.PAY_IN_FULL_NO_WINDOW
        code = bill.notice_type
        return [
            _step(
                "pay-in-full",
                by_key_date,
                HOW_TO_PAY,
                IRS_PAYMENTS,
                cover_letter,
                title=title,
                what=what,
                notice=code,
            ),
            _step("pay-keep-proof", by_key_date, HOW_TO_PAY, links.payment_log(case)),
        ]
    pay_some = _step("pay-what-you-can", by_key_date, HOW_TO_PAY, links.estimator(case))
    if choice == "short":
        first = words.SHORT_TERM_ANY_AMOUNT if amount is None else words.SHORT_TERM_YOU_OWE
        short_term = links.guide(
            "cant-pay", "short-term-plans", "short-term-payment-plan-up-to-180-days"
        )
        return [
            pay_some,
            _step("short-term-plan", by_key_date, short_term, first=first, amount=amount),
        ]
    if choice == "monthly":
        if amount is None:
            first = words.MONTHLY_ANY_AMOUNT
        elif amount > rates.ONLINE_PLAN_BALANCE_LIMIT:
            first = words.MONTHLY_OVER_ONLINE_LIMIT
        else:
            first = words.MONTHLY_ONLINE
        monthly = links.guide(
            "cant-pay", "monthly-plans", "monthly-payment-plan-installment-agreement"
        )
        return [
            pay_some,
            _step(
                "installment-agreement",
                by_key_date,
                monthly,
                links.estimator(case),
                first=first,
                amount=amount,
            ),
        ]
    # Can't pay anything: currently not collectible, an offer in compromise, the Taxpayer
    # Advocate Service.
    week = when.within_a_week()
    cannot_pay = links.guide("cant-pay", "cannot-pay", "if-you-cannot-pay-anything-right-now")
    return [
        _step("cannot-pay-call", week, cannot_pay, links.contact_log(case)),
        _step(
            "offer-in-compromise", week, links.guide("cant-pay", "offers", "offer-in-compromise")
        ),
        _step("taxpayer-advocate", week, WHO_CAN_HELP),
    ]


def _penalty_steps(
    a: Mapping[str, Any], case: CaseLike | None, findings: list[Text]
) -> list[PlanStep]:
    # First-time abatement: IRM 20.1.1.3.3.2.1.
    outcome = penalty_relief(a)
    if outcome is None:
        return []
    findings.append(_text(phrases.FINDINGS[f"relief-{outcome}"]))
    key, guide = {
        "likely": (
            "fta-ask",
            links.guide("penalty-relief", "how-to-ask", "how-to-ask-for-penalty-relief"),
        ),
        "check": (
            "fta-check",
            links.guide("penalty-relief", "three-rules", "first-time-abatement"),
        ),
        "unlikely": (
            "reasonable-cause",
            links.guide("penalty-relief", "reasonable-cause", "reasonable-cause"),
        ),
    }[outcome]
    letter = links.letter(case, "abatement", "relief-letter")
    return [_step(key, _undated("after-paying"), guide, letter)]
