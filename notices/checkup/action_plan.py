"""The action plan: which steps to take, in what order, with which dates and links.

Decisions only. The words of every step, finding and link are in plan_words.py, looked up
by key; the questions and where each answer leads are in flow.py. This module turns a
finished set of answers (and the case, when there is one) into steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from notices.checkup import plan_words as words
from notices.checkup.flow import Text, clean_answers, details_of, first_step, walk
from notices.checkup.text import fill
from notices.irs import deadlines, rates
from notices.irs.formatting import dollars

CALL_WITHIN_DAYS = 7  # our own rule: call or write within a week
# Allow at least 30 days for a reply to a letter. IRS: Understanding your IRS notice or
# letter (irs.gov/individuals/understanding-your-irs-notice-or-letter).
REPLY_WAIT_DAYS = 30


def _text(text: Text, amount: Decimal | None = None) -> Text:
    values: dict[str, object] = {"call_days": CALL_WITHIN_DAYS, "reply_days": REPLY_WAIT_DAYS}
    if amount is not None:
        values["amount"] = dollars(amount)
    return fill(text, values)


class CaseLike(Protocol):
    """What the plan needs from a case (notices.models.Case)."""

    public_id: Any
    amount_due: Decimal

    @property
    def deadline(self) -> deadlines.Deadline: ...


@dataclass(frozen=True)
class Tool:
    """A link from a plan step. URL names are resolved in the template."""

    label: Text
    url_name: str = ""
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    fragment: str = ""
    href: str = ""  # an outside page (irs.gov)
    save_first: bool = False  # needs a saved case: links to saving the plan


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
class Bill:
    """What we know about the notice's pay-by date and amount."""

    pay_by: date | None
    rule: str | None  # deadlines.Rule value; None when unknown
    amount: Decimal | None
    overdue: bool


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlanStep, ...]
    findings: tuple[Text, ...]
    bill: Bill
    scam: bool

    @property
    def keys(self) -> set[str]:
        return {step.key for step in self.steps}


Due = tuple[date | None, Text]  # a step's date (None when there is none) and its words


def _step(
    key: str,
    due: Due,
    *tools: Tool,
    what: Text = "",
    first: Text = "",
    amount: Decimal | None = None,
) -> PlanStep:
    """Step `key` with its words from plan_words.STEPS; `what` and `first` (a detail line
    put before the others) replace or add words that depend on the answers."""
    w = words.STEPS[key]
    details = (first, *w.details) if first else w.details
    return PlanStep(
        key,
        _text(w.title),
        _text(what or w.what, amount),
        tuple(_text(line, amount) for line in details),
        *due,
        tools=tools,
    )


def _bill(answers: Mapping[str, Any], case: CaseLike | None, today: date) -> Bill:
    if case is not None:
        deadline = case.deadline
        amount: Decimal | None = case.amount_due
        return Bill(deadline.due, deadline.rule.value, amount, deadline.due < today)
    details = details_of(answers)
    amount = details.amount
    if details.pay_by:
        due = details.pay_by
        return Bill(due, deadlines.Rule.PRINTED.value, amount, due < today)
    if details.notice_date:
        deadline = deadlines.effective_deadline(
            notice_date=details.notice_date, amount=amount or Decimal(0), pay_by=None
        )
        return Bill(deadline.due, deadline.rule.value, amount, deadline.due < today)
    return Bill(None, None, amount, False)


@dataclass(frozen=True)
class _When:
    """Due dates for plan steps, worked out once from today and the pay-by date."""

    today: date
    bill: Bill

    def by_pay_date(self) -> Due:
        if self.bill.pay_by is None:
            return None, _when("pay-by-unknown")
        if self.bill.overdue:
            return self.today, _when("pay-by-passed")
        return self.bill.pay_by, _when("pay-by")

    def within_a_week(self) -> Due:
        """Within 7 days, or by the pay-by date if that comes first."""
        week = self.today + timedelta(days=CALL_WITHIN_DAYS)
        pay_by = self.bill.pay_by
        if pay_by is not None and self.today <= pay_by < week:
            return pay_by, _when("before-pay-by")
        return week, _when("within-days")

    def today_step(self) -> Due:
        return self.today, _when("today")


def _when(key: str) -> Text:
    return _text(words.WHEN[key])


def _undated(key: str) -> Due:
    return None, _when(key)


# Tools: links to guide pages, case pages and letters


def _guide(slug: str, label: str, fragment: str = "") -> Tool:
    return Tool(words.TOOLS[label], "guidance:page", {"slug": slug}, fragment)


def _case_tool(
    case: CaseLike | None, label: str, url_name: str, fragment: str = "", **kwargs: str
) -> Tool:
    """A link into a saved case; before the plan is saved, a link to saving it."""
    if case is None:
        return Tool(words.TOOLS[label], "notices:flow_save", save_first=True)
    return Tool(words.TOOLS[label], url_name, {"public_id": case.public_id, **kwargs}, fragment)


def _letter(case: CaseLike | None, kind: str, label: str) -> Tool:
    return _case_tool(case, label, "notices:letter_create", kind=kind)


def _estimator(case: CaseLike | None) -> Tool:
    if case is None:
        return Tool(words.TOOLS["waiting-costs"], "notices:estimator")
    return Tool(
        words.TOOLS["waiting-costs"], "notices:case_estimate", {"public_id": case.public_id}
    )


def _contact_log(case: CaseLike | None) -> Tool:
    return _case_tool(case, "log-call", "notices:case_detail", "contacts")


def _payment_log(case: CaseLike | None) -> Tool:
    return _case_tool(case, "log-payment", "notices:case_detail", "payments")


IRS_PAYMENTS = Tool(words.TOOLS["irs-payments"], href="https://www.irs.gov/payments")
CHECK_A_NOTICE = _guide("is-it-real", "check-notice", "how-to-check-your-notice")
CALL_TIPS = _guide("calling-the-irs", "call-tips")
HOW_TO_PAY = _guide("how-to-pay", "how-to-pay")
WHO_CAN_HELP = _guide("getting-help", "who-can-help")
THINK_ITS_WRONG = _guide("think-its-wrong", "think-its-wrong")


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

    The three rules of first-time abatement: IRM 20.1.1.3.3.2.1.
    """
    if answers.get("has-penalty") in (None, "no"):
        return None
    rules = [answers.get("fta-history"), answers.get("fta-filed"), answers.get("fta-paid")]
    if "some" in rules or "no" in rules:
        return "unlikely"
    if rules == ["none", "yes", "yes"]:
        return "likely"
    return "check"


def build_plan(
    answers: Mapping[str, Any], *, case: CaseLike | None = None, today: date
) -> Plan | None:
    """The ordered action plan for finished answers; None while questions are open.

    Steps come in the order to do them: stop a scam first, then check, then get a
    payment counted or question the bill, then pay or ask for a plan, then ask for
    penalty relief, then keep records.
    """
    walked = walk(clean_answers(dict(answers)), start=first_step(in_case=case is not None))
    if not walked.done:
        return None
    a = walked.answers
    bill = _bill(a, case, today)
    when = _When(today, bill)
    real = authenticity(a)
    findings: list[Text] = [_text(words.FINDINGS[real])]
    if real == "scam":
        return Plan(tuple(_scam_steps(when)), tuple(findings), bill, True)

    steps: list[PlanStep] = []
    if real == "unsure":
        steps.append(_step("verify", when.within_a_week(), CHECK_A_NOTICE))

    paid = a["already-paid"]
    if paid in ("all", "part"):
        findings.append(_text(words.FINDINGS[f"paid-{paid}"]))
        steps.extend(_already_paid_steps(case, when, partly=paid == "part"))

    if paid != "all":
        steps.extend(_amount_steps(a, case, when, findings))
        if a.get("dispute-scope") != "none":
            steps.extend(_paying_steps(a["can-pay"], case, when, bill, findings))
            steps.extend(_penalty_steps(a, case, findings))

    steps.append(
        _step("keep-records", _undated("as-you-go"), _contact_log(case), _payment_log(case))
    )
    return Plan(tuple(steps), tuple(findings), bill, False)


def _scam_steps(when: _When) -> list[PlanStep]:
    # IRS: How to know it's really the IRS calling or knocking on your door (irs.gov/newsroom);
    # IRS: Report phishing (irs.gov/privacy-disclosure/report-phishing); IRS: Understanding
    # your CP01S notice (the identity theft line and Form 14039).
    week = when.within_a_week()
    return [
        _step(
            "scam-do-not-pay",
            when.today_step(),
            _guide("is-it-real", "scam-signs", "warning-signs-of-a-scam"),
        ),
        _step("scam-check-with-irs", week, CHECK_A_NOTICE),
        _step("scam-report", week, _guide("is-it-real", "report-scam", "where-to-report-a-scam")),
        _step("scam-identity", week, _guide("identity-theft", "identity-theft")),
    ]


def _already_paid_steps(case: CaseLike | None, when: _When, *, partly: bool) -> list[PlanStep]:
    # Call the number on the notice or write to its address with proof. IRS: Understanding
    # your CP14 notice (irs.gov/individuals/understanding-your-cp14-notice).
    week = when.within_a_week()
    return [
        _step(
            "paid-check-account",
            when.today_step(),
            _guide("already-paid", "already-paid", "step-1-check-your-irs-online-account"),
            what=words.PAID_PART_CHECK if partly else "",
        ),
        _step("paid-gather-proof", week, _payment_log(case)),
        _step("paid-call", week, CALL_TIPS, _contact_log(case)),
        _step("paid-trace-letter", week, _letter(case, "payment_trace", "payment-trace-letter")),
        _step("paid-follow-up", _undated("after-sending"), _contact_log(case)),
    ]


def _amount_steps(
    a: Mapping[str, Any], case: CaseLike | None, when: _When, findings: list[Text]
) -> list[PlanStep]:
    check = a["amount-check"]
    week = when.within_a_week()
    if check == "matches":
        findings.append(_text(words.FINDINGS["amount-matches"]))
        return []
    if check == "not_sure":
        findings.append(_text(words.FINDINGS["amount-not-sure"]))
        return [
            _step("compare-return", week, _guide("why-you-got-one", "why-cp14")),
            _step("get-help-checking", week, WHO_CAN_HELP, THINK_ITS_WRONG),
        ]
    everything = a.get("dispute-scope") == "none"
    findings.append(_text(words.FINDINGS["owe-none" if everything else "owe-part"]))
    steps = [
        _step("dispute-gather-proof", week, THINK_ITS_WRONG),
        _step("dispute-call", week, CALL_TIPS, _contact_log(case)),
        _step("dispute-letter", week, _letter(case, "dispute", "dispute-letter")),
    ]
    if not everything:
        steps.append(
            _step("dispute-pay-agreed", when.by_pay_date(), HOW_TO_PAY, _payment_log(case))
        )
    else:
        waiting = _guide(
            "think-its-wrong", "interest-while-waiting", "interest-keeps-running-while-you-wait"
        )
        steps.append(_step("dispute-interest", _undated("while-waiting"), waiting))
    steps.append(_step("dispute-follow-up", _undated("after-sending"), _contact_log(case)))
    if a["already-paid"] == "part":
        # The payment steps already say to call and to follow up: one call covers both.
        steps = [s for s in steps if s.key not in ("dispute-call", "dispute-follow-up")]
    return steps


def _paying_steps(
    choice: str, case: CaseLike | None, when: _When, bill: Bill, findings: list[Text]
) -> list[PlanStep]:
    # Short-term and monthly plans: IRS: Payment plans; installment agreements
    # (irs.gov/payments/payment-plans-installment-agreements) and Instructions for Form 9465.
    by_pay_date = when.by_pay_date()
    amount = bill.amount
    if choice == "short" and amount is not None and amount >= rates.SHORT_TERM_BALANCE_LIMIT:
        choice = "monthly"  # a short-term plan needs a balance under the limit
        findings.append(_text(words.FINDINGS["over-short-term-limit"]))
    findings.append(_text(words.FINDINGS[f"pay-{choice}"]))
    if choice == "full":
        cover_letter = _letter(case, "payment_cover", "cover-letter")
        return [
            _step("pay-in-full", by_pay_date, HOW_TO_PAY, IRS_PAYMENTS, cover_letter),
            _step("pay-keep-proof", by_pay_date, _payment_log(case)),
        ]
    pay_some = _step("pay-what-you-can", by_pay_date, HOW_TO_PAY, _estimator(case))
    if choice == "short":
        first = words.SHORT_TERM_ANY_AMOUNT if amount is None else words.SHORT_TERM_YOU_OWE
        short_term = _guide(
            "cant-pay", "short-term-plans", "short-term-payment-plan-up-to-180-days"
        )
        return [
            pay_some,
            _step("short-term-plan", by_pay_date, short_term, first=first, amount=amount),
        ]
    if choice == "monthly":
        if amount is None:
            first = words.MONTHLY_ANY_AMOUNT
        elif amount > rates.ONLINE_PLAN_BALANCE_LIMIT:
            first = words.MONTHLY_OVER_ONLINE_LIMIT
        else:
            first = words.MONTHLY_ONLINE
        monthly = _guide("cant-pay", "monthly-plans", "monthly-payment-plan-installment-agreement")
        return [
            pay_some,
            _step(
                "installment-agreement",
                by_pay_date,
                monthly,
                _estimator(case),
                first=first,
                amount=amount,
            ),
        ]
    # Can't pay anything: currently not collectible, an offer in compromise, the Taxpayer
    # Advocate Service.
    week = when.within_a_week()
    cannot_pay = _guide("cant-pay", "cannot-pay", "if-you-cannot-pay-anything-right-now")
    return [
        _step("cannot-pay-call", by_pay_date, cannot_pay, _contact_log(case)),
        _step("offer-in-compromise", week, _guide("cant-pay", "offers", "offer-in-compromise")),
        _step("taxpayer-advocate", week, WHO_CAN_HELP),
    ]


def _penalty_steps(
    a: Mapping[str, Any], case: CaseLike | None, findings: list[Text]
) -> list[PlanStep]:
    # First-time abatement: IRM 20.1.1.3.3.2.1.
    outcome = penalty_relief(a)
    if outcome is None:
        return []
    findings.append(_text(words.FINDINGS[f"relief-{outcome}"]))
    key, guide = {
        "likely": (
            "fta-ask",
            _guide("penalty-relief", "how-to-ask", "how-to-ask-for-penalty-relief"),
        ),
        "check": ("fta-check", _guide("penalty-relief", "three-rules", "first-time-abatement")),
        "unlikely": (
            "reasonable-cause",
            _guide("penalty-relief", "reasonable-cause", "reasonable-cause"),
        ),
    }[outcome]
    letter = _letter(case, "abatement", "relief-letter")
    return [_step(key, _undated("after-paying"), guide, letter)]
