"""The action plan: what to do, in order, with dates, after the check-up's questions.

The questions and how answers lead from one to the next are in notices/flow.py; this
module turns a finished set of answers (and the case, when there is one) into steps.
Facts and figures come from ../shared/FACTS.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from notices.checkup.flow import Text, clean_answers, details_of, first_step, walk
from notices.irs import deadlines
from notices.irs.formatting import dollars

# FACTS 3.2 and 3.3: the limits for a short-term plan and for applying online.
SHORT_TERM_LIMIT = Decimal("100000")
ONLINE_PLAN_LIMIT = Decimal("50000")
CALL_WITHIN_DAYS = 7
REPLY_WAIT_DAYS = 30  # FACTS 4.1: allow at least 30 days for a reply to a letter.
# FACTS 3.3: the setup fees are quoted by tax firms for 2025-2026; no IRS page confirms them.
PLAN_FEES_AS_OF = _("2025 to 2026")


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
    fallback: Tool | None = None  # used while `url_name` does not exist yet


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

    def by_pay_date(self) -> tuple[date | None, Text]:
        if self.bill.pay_by is None:
            return None, _("by the pay-by date on your notice")
        if self.bill.overdue:
            return self.today, _("as soon as you can: the pay-by date has passed")
        return self.bill.pay_by, _("your pay-by date")

    def within_a_week(self) -> tuple[date, Text]:
        """Within 7 days, or by the pay-by date if that comes first."""
        week = self.today + timedelta(days=CALL_WITHIN_DAYS)
        pay_by = self.bill.pay_by
        if pay_by is not None and self.today <= pay_by < week:
            return pay_by, _("before your pay-by date")
        return week, _("within 7 days")

    def today_step(self) -> tuple[date, Text]:
        return self.today, _("today")

    @staticmethod
    def after_sending() -> tuple[None, Text]:
        return None, _("30 days after you send your letter, if you have no reply")


def _guide(slug: str, label: Text, fragment: str = "") -> Tool:
    return Tool(label, "guidance:page", {"slug": slug}, fragment)


def _case_tool(case: CaseLike | None, label: Text, url_name: str, fragment: str = "") -> Tool:
    if case is None:
        return Tool(label, "notices:flow_save", save_first=True)
    return Tool(label, url_name, {"public_id": case.public_id}, fragment)


LETTER_GUIDES = {
    "dispute": ("think-its-wrong", "option-2-write-to-the-irs"),
    "payment_trace": ("already-paid", "step-3-contact-the-irs"),
    "abatement": ("penalty-relief", "how-to-ask-for-penalty-relief"),
    "payment_cover": ("how-to-pay", "check-or-money-order"),
}


def _letter(case: CaseLike | None, kind: str, label: Text) -> Tool:
    if case is None:
        return Tool(label, "notices:flow_save", save_first=True)
    slug, fragment = LETTER_GUIDES[kind]
    return Tool(
        label,
        "notices:letter_create",
        {"public_id": case.public_id, "kind": kind},
        fallback=_guide(slug, label, fragment),
    )


def _estimator(case: CaseLike | None) -> Tool:
    if case is None:
        return Tool(_("See what waiting costs"), "notices:estimator")
    return Tool(_("See what waiting costs"), "notices:case_estimate", {"public_id": case.public_id})


def _contact_log(case: CaseLike | None) -> Tool:
    return _case_tool(case, _("Log the call"), "notices:case_detail", "contacts")


def _payment_log(case: CaseLike | None) -> Tool:
    return _case_tool(case, _("Log the payment"), "notices:case_detail", "payments")


IRS_PAYMENTS = Tool(_("IRS ways to pay (irs.gov)"), href="https://www.irs.gov/payments")


def authenticity(answers: Mapping[str, Any]) -> str:
    """Branch 1's end: "scam", "verified" or "unsure"."""
    if answers.get("arrived") in ("email_text", "phone") or answers.get("red-flags") == "yes":
        return "scam"
    if answers.get("notice-details") == "yes" and answers.get("online-account") == "shows":
        return "verified"
    return "unsure"


def penalty_relief(answers: Mapping[str, Any]) -> str | None:
    """Branch 5's end: "likely", "check", "unlikely", or None when no penalty is listed."""
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
    if real == "scam":
        return Plan(
            tuple(_scam_steps(when)), (_("This looks like a scam. Do not pay it."),), bill, True
        )

    steps: list[PlanStep] = []
    findings: list[Text] = []
    if real == "verified":
        findings.append(_("Your letter passed our checks, so it looks real."))
    else:
        findings.append(_("You are not yet sure the letter is real. Check before you pay."))
        steps.append(_verify_step(when))

    paid = a["already-paid"]
    if paid in ("all", "part"):
        findings.append(
            _("You think you paid all of this bill already.")
            if paid == "all"
            else _("You paid part of this bill already.")
        )
        steps.extend(_already_paid_steps(case, when, partly=paid == "part"))

    if paid != "all":
        steps.extend(_amount_steps(a, case, when, findings))
        if a.get("dispute-scope") != "none":
            steps.extend(_paying_steps(a["can-pay"], case, when, bill, findings))
            steps.extend(_penalty_steps(a, case, when, findings))

    steps.append(_records_step(case))
    return Plan(tuple(steps), tuple(findings), bill, False)


def _scam_steps(when: _When) -> list[PlanStep]:
    # FACTS 5.1 (what the IRS does not do, where to report), 5.2 (checking), 5.4 (identity).
    return [
        PlanStep(
            "scam-do-not-pay",
            _("Do not pay, and do not reply"),
            _("Don't pay, call back, click links or give out any personal details."),
            (
                _("The real IRS does not ask for gift cards, prepaid cards or wire transfers."),
                _("It does not threaten arrest or ask for card numbers on the phone."),
                _("Keep the message. You will need it to report the scam."),
            ),
            *when.today_step(),
            tools=(_guide("is-it-real", _("Signs of a scam"), "warning-signs-of-a-scam"),),
        ),
        PlanStep(
            "scam-check-with-irs",
            _("Check with the IRS yourself"),
            _("Find out if you really owe anything, without using the message you got."),
            (
                _("Sign in to your IRS Online Account on IRS.gov to see what you owe."),
                _("Or call the IRS at 800-829-1040, weekdays 7 a.m. to 7 p.m. your time."),
                _("Use only a phone number you find on IRS.gov yourself."),
            ),
            *when.within_a_week(),
            tools=(_guide("is-it-real", _("How to check a notice"), "how-to-check-your-notice"),),
        ),
        PlanStep(
            "scam-report",
            _("Report the scam"),
            _("Reporting helps stop scammers and can help you get money back."),
            (
                _("A fake IRS email: forward it, with its full headers, to phishing@irs.gov."),
                _("If you lost money or gave out details: call TIGTA at 800-366-4484."),
                _(
                    "Also report it to the Federal Trade Commission (FTC) and to IC3, the FBI's "
                    "Internet Crime Complaint Center."
                ),
            ),
            *when.within_a_week(),
            tools=(_guide("is-it-real", _("Where to report a scam"), "where-to-report-a-scam"),),
        ),
        PlanStep(
            "scam-identity",
            _("Protect your identity if you gave out details"),
            _("If you gave a scammer your Social Security number, act to protect it."),
            (
                _("Call the IRS identity theft line at 800-908-4490."),
                _(
                    "If someone filed a tax return with your number, send Form 14039, the "
                    "Identity Theft Affidavit. Send it only once."
                ),
                _("Think about getting an Identity Protection PIN from your Online Account."),
            ),
            *when.within_a_week(),
            tools=(_guide("identity-theft", _("Identity theft steps")),),
        ),
    ]


def _verify_step(when: _When) -> PlanStep:
    # FACTS 5.2: Online Account, a number from IRS.gov, the IRS notice page.
    return PlanStep(
        "verify",
        _("Check that the letter is real before you pay"),
        _("Use a way to reach the IRS that you find yourself, not one in the letter."),
        (
            _("Sign in to your IRS Online Account. Look for the same balance and tax year."),
            _("Or call the IRS at 800-829-1040, weekdays 7 a.m. to 7 p.m. your time."),
            _("If the IRS has no record of the bill, do not pay it. Report it as a scam."),
        ),
        *when.within_a_week(),
        tools=(_guide("is-it-real", _("How to check a notice"), "how-to-check-your-notice"),),
    )


def _already_paid_steps(case: CaseLike | None, when: _When, *, partly: bool) -> list[PlanStep]:
    # FACTS 4.1 (proof, calling, writing, 30 days) and 5.2 (payments take 1-3 weeks to show).
    check_what = (
        _("A payment can take 1 to 3 weeks to show. Check what is still left to pay.")
        if partly
        else _("A payment can take 1 to 3 weeks to show. It may not be counted yet.")
    )
    return [
        PlanStep(
            "paid-check-account",
            _("See if your payment shows in your Online Account"),
            check_what,
            (
                _("Look at your payment history and the balance for this tax year."),
                _("If the payment shows and the balance is zero, keep your proof and the letter."),
            ),
            *when.today_step(),
            tools=(
                _guide(
                    "already-paid", _("If you already paid"), "step-1-check-your-irs-online-account"
                ),
            ),
        ),
        PlanStep(
            "paid-gather-proof",
            _("Gather your proof of payment"),
            _("For each payment, note the date, the amount, how you paid and the tax year."),
            (
                _("A cancelled check, front and back."),
                _("A bank statement that shows the money leaving your account."),
                _("A Direct Pay or EFTPS confirmation number."),
            ),
            *when.within_a_week(),
            tools=(_payment_log(case),),
        ),
        PlanStep(
            "paid-call",
            _("Call the IRS if the payment is missing"),
            _("Call the number in the top right corner of the letter. Have your proof with you."),
            (
                _(
                    "You could say: “I got a CP14 for tax year (year). I paid (amount) on (date) "
                    "by (method). The confirmation number is (number). Please credit it to "
                    "that tax year.”"
                ),
                _("IRS phone staff can't see your Online Account, so read them your records."),
                _("Write down the date, the name and ID number of the person, and what they said."),
            ),
            *when.within_a_week(),
            tools=(_guide("calling-the-irs", _("Tips for the call")), _contact_log(case)),
        ),
        PlanStep(
            "paid-trace-letter",
            _("Or write to ask the IRS to find your payment"),
            _("Send a letter to the address on the notice, with copies of your proof."),
            (
                _("Include a copy of the notice or its payment stub."),
                _("Say what you want: credit the payment to the right tax year."),
                _("Keep a copy of everything you send."),
            ),
            *when.within_a_week(),
            tools=(_letter(case, "payment_trace", _("Make a payment-trace letter")),),
        ),
        PlanStep(
            "paid-follow-up",
            _("Follow up if you hear nothing"),
            _("Allow at least 30 days for a reply. Then call the number on the notice."),
            (),
            *when.after_sending(),
            tools=(_contact_log(case),),
        ),
    ]


def _amount_steps(
    a: Mapping[str, Any], case: CaseLike | None, when: _When, findings: list[Text]
) -> list[PlanStep]:
    check = a["amount-check"]
    if check == "matches":
        findings.append(_("The amount matches your tax return."))
        return []
    if check == "not_sure":
        findings.append(_("You are not sure the amount is right."))
        return [
            PlanStep(
                "compare-return",
                _("Compare the bill with your tax return"),
                _("Look at each number on the bill next to your return for the same year."),
                (
                    _("The tax on your return."),
                    _("Tax taken from your pay, and any payments you made."),
                    _("Credits you claimed."),
                    _("Any change the IRS made when it processed your return."),
                ),
                *when.within_a_week(),
                tools=(_guide("why-you-got-one", _("Why you got a CP14")),),
            ),
            PlanStep(
                "get-help-checking",
                _("Get help if it still doesn't add up"),
                _("Ask the person who did your return, or get free help."),
                (
                    _(
                        "Low Income Taxpayer Clinics help people on low incomes "
                        "for little or nothing."
                    ),
                    _("A CPA, an enrolled agent or a tax attorney can look at it for you."),
                    _("If it turns out to be wrong, question it by phone or by letter."),
                ),
                *when.within_a_week(),
                tools=(
                    _guide("getting-help", _("Who can help")),
                    _guide("think-its-wrong", _("If you think it's wrong")),
                ),
            ),
        ]
    everything = a.get("dispute-scope") == "none"
    findings.append(
        _("You think you don't owe any of it.")
        if everything
        else _("You think part of the bill is wrong.")
    )
    steps = [
        PlanStep(
            "dispute-gather-proof",
            _("Gather proof of what is wrong"),
            _("Find the papers that show the right numbers."),
            (
                _("Your tax return for that year, and any amended return."),
                _("W-2 and 1099 forms, and proof of estimated payments."),
                _("Cancelled checks, bank statements or payment confirmation numbers."),
            ),
            *when.within_a_week(),
            tools=(_guide("think-its-wrong", _("If you think it's wrong")),),
        ),
        PlanStep(
            "dispute-call",
            _("Call the IRS to explain"),
            _("Call the number in the top right corner of the letter. Ask what proof they need."),
            (
                _("Have the notice, your return and your proof in front of you."),
                _("Write down the date, the name and ID number of the person, and what they said."),
            ),
            *when.within_a_week(),
            tools=(_guide("calling-the-irs", _("Tips for the call")), _contact_log(case)),
        ),
        PlanStep(
            "dispute-letter",
            _("Or write a letter that explains what is wrong"),
            _("Send it to the address on the notice, with copies of your proof."),
            (
                _("Say what you disagree with and why, and what you want the IRS to do."),
                _("Include a copy of the notice or its payment stub."),
                _("Say you will pay any amount you really owe. Keep a copy of it all."),
            ),
            *when.within_a_week(),
            tools=(_letter(case, "dispute", _("Make a dispute letter")),),
        ),
    ]
    if not everything:
        due, text = when.by_pay_date()
        steps.append(
            PlanStep(
                "dispute-pay-agreed",
                _("Pay the part you agree with"),
                _(
                    "Interest keeps running while the IRS looks at your case. Paying the part you "
                    "agree with now lowers it."
                ),
                (),
                due,
                text,
                tools=(_guide("how-to-pay", _("How to pay safely")), _payment_log(case)),
            )
        )
    else:
        steps.append(
            PlanStep(
                "dispute-interest",
                _("Know that interest keeps running"),
                _("If you turn out to owe some of it, interest will have built up."),
                (),
                None,
                _("while you wait for a reply"),
                tools=(
                    _guide(
                        "think-its-wrong",
                        _("Interest while you wait"),
                        "interest-keeps-running-while-you-wait",
                    ),
                ),
            )
        )
    steps.append(
        PlanStep(
            "dispute-follow-up",
            _("Follow up if you hear nothing"),
            _("Allow at least 30 days for a reply. Then call the number on the notice."),
            (),
            *when.after_sending(),
            tools=(_contact_log(case),),
        )
    )
    if a["already-paid"] == "part":
        # The payment steps already say to call and to follow up: one call covers both.
        steps = [s for s in steps if s.key not in ("dispute-call", "dispute-follow-up")]
    return steps


def _paying_steps(
    choice: str, case: CaseLike | None, when: _When, bill: Bill, findings: list[Text]
) -> list[PlanStep]:
    due, by_text = when.by_pay_date()
    amount = bill.amount
    if choice == "short" and amount is not None and amount >= SHORT_TERM_LIMIT:
        choice = "monthly"  # FACTS 3.2: a short-term plan needs a balance under $100,000
        findings.append(
            _("A short-term plan needs a balance under $100,000, so a monthly plan fits better.")
        )
    if choice == "full":
        findings.append(_("You can pay in full by the pay-by date."))
        return [
            PlanStep(
                "pay-in-full",
                _("Pay the full amount"),
                _("Pay in full by the pay-by date and no more interest is added."),
                (
                    _(
                        "IRS Direct Pay takes money from your bank account for free. You get a "
                        "confirmation number right away."
                    ),
                    _(
                        "Card payments go through a processor that charges a fee. Check the fee on "
                        "irs.gov first."
                    ),
                    _(
                        "A check goes to “U.S. Treasury”. Write your name, phone, tax year and "
                        "“CP14” on it."
                    ),
                ),
                due,
                by_text,
                tools=(
                    _guide("how-to-pay", _("How to pay safely")),
                    IRS_PAYMENTS,
                    _letter(case, "payment_cover", _("Make a cover letter for a check")),
                ),
            ),
            PlanStep(
                "pay-keep-proof",
                _("Keep proof of your payment"),
                _("Save the confirmation number, the date and the amount."),
                (_("If you pay by check, keep a copy of it, front and back, once it clears."),),
                due,
                by_text,
                tools=(_payment_log(case),),
            ),
        ]
    pay_some = PlanStep(
        "pay-what-you-can",
        _("Pay what you can now"),
        _("Interest and the late-payment penalty grow on what is unpaid, so every payment helps."),
        (),
        due,
        by_text,
        tools=(_guide("how-to-pay", _("How to pay safely")), _estimator(case)),
    )
    if choice == "short":
        findings.append(_("You can pay it all within 180 days."))
        details: list[Text] = [
            _("Apply online, by phone, by mail or in person. There is no setup fee."),
            _("Then pay the full balance within 180 days."),
            _("Interest and penalties keep adding up until it is all paid."),
        ]
        if amount is not None:
            details.insert(
                0,
                _("You owe %(amount)s, which is under the $100,000 limit.")
                % {"amount": dollars(amount)},
            )
        else:
            details.insert(0, _("You can get one if you owe less than $100,000 in all."))
        return [
            pay_some,
            PlanStep(
                "short-term-plan",
                _("Ask for a short-term payment plan"),
                _("A short-term plan gives you up to 180 days to pay in full."),
                tuple(details),
                due,
                by_text,
                tools=(
                    _guide(
                        "cant-pay", _("Short-term plans"), "short-term-payment-plan-up-to-180-days"
                    ),
                ),
            ),
        ]
    if choice == "monthly":
        findings.append(_("You need to pay over time, month by month."))
        return [pay_some, _installment_step(amount, due, by_text, case)]
    findings.append(_("You can't pay anything right now."))
    return [
        PlanStep(
            "cannot-pay-call",
            _("Tell the IRS you can't pay right now"),
            _("Call the number on the notice. Ask the IRS to hold off because you can't pay."),
            (
                _(
                    "The IRS calls this “currently not collectible”. It looks at your income, "
                    "costs and what you own. It may ask for Form 433-F."
                ),
                _(
                    "The debt is not forgiven. Interest and penalties keep growing, and the IRS "
                    "may still file a lien."
                ),
            ),
            due,
            by_text,
            tools=(
                _guide(
                    "cant-pay",
                    _("If you can't pay anything"),
                    "if-you-cannot-pay-anything-right-now",
                ),
                _contact_log(case),
            ),
        ),
        PlanStep(
            "offer-in-compromise",
            _("See if you could settle for less"),
            _("With an offer in compromise, you pay less than you owe. The IRS may say no."),
            (
                _("First use the Offer in Compromise Pre-Qualifier tool on irs.gov."),
                _(
                    "There is a fee, which the IRS keeps even if it says no. Check the current fee "
                    "on irs.gov. People with low incomes may not have to pay it."
                ),
                _("Be careful of firms that promise to settle for “pennies on the dollar”."),
            ),
            *when.within_a_week(),
            tools=(_guide("cant-pay", _("Offers in compromise"), "offer-in-compromise"),),
        ),
        PlanStep(
            "taxpayer-advocate",
            _("Get free help if you face hardship"),
            _("The Taxpayer Advocate Service is free and works inside the IRS for you."),
            (
                _("Call 877-777-4778 if paying would cause real hardship, or your case is stuck."),
                _("Low Income Taxpayer Clinics help people on low incomes for little or nothing."),
            ),
            *when.within_a_week(),
            tools=(_guide("getting-help", _("Who can help")),),
        ),
    ]


def _installment_step(
    amount: Decimal | None, due: date | None, by_text: Text, case: CaseLike | None
) -> PlanStep:
    # FACTS 3.3: online if $50,000 or less and returns filed; up to 72 months; fees quoted
    # by tax firms (not confirmed by the IRS, so said with a date and "check irs.gov").
    details: list[Text] = []
    if amount is not None and amount > ONLINE_PLAN_LIMIT:
        details.append(
            _(
                "You owe %(amount)s, which is over $50,000. You can't apply online. Send "
                "Form 9465 with Form 433-F, a statement of your income and costs."
            )
            % {"amount": dollars(amount)}
        )
    elif amount is not None:
        details.append(
            _("You owe %(amount)s, so you can apply online if you have filed all your tax returns.")
            % {"amount": dollars(amount)}
        )
    else:
        details.append(
            _(
                "You can apply online if you owe $50,000 or less and have filed all "
                "your tax returns."
            )
        )
    details += [
        _("A plan can last up to 72 months. You pick a payment day from the 1st to the 28th."),
        _(
            "Setup fees listed for %(when)s: online $22 with direct debit or $69 without; by "
            "phone, mail or in person $107 or $178. Lower for low incomes. We could not confirm "
            "these on an IRS page, so check irs.gov before you apply."
        )
        % {"when": PLAN_FEES_AS_OF},
        _(
            "If you filed on time, the late-payment penalty drops from 0.5% to 0.25% a month "
            "while the plan is in place."
        ),
    ]
    return PlanStep(
        "installment-agreement",
        _("Apply for a monthly payment plan"),
        _("The IRS calls this an installment agreement. Make every payment once it starts."),
        tuple(details),
        due,
        by_text,
        tools=(
            _guide(
                "cant-pay", _("Monthly payment plans"), "monthly-payment-plan-installment-agreement"
            ),
            _estimator(case),
        ),
    )


def _penalty_steps(
    a: Mapping[str, Any], case: CaseLike | None, when: _When, findings: list[Text]
) -> list[PlanStep]:
    outcome = penalty_relief(a)
    if outcome is None:
        return []
    how_to_ask = (
        _("Call the number on the notice and ask for first-time abatement for this tax year."),
        _("Or send a signed letter to the address on the notice, or use Form 843."),
        _("If the IRS agrees, it sends a letter, often Letter 3502C or 3503C. Keep it."),
    )
    ask_when = _("once you have paid or set up a plan")
    if outcome == "likely":
        findings.append(_("You likely qualify for first-time penalty relief."))
        return [
            PlanStep(
                "fta-ask",
                _("Ask the IRS to remove the penalty"),
                _(
                    "You seem to meet all three rules for first-time penalty relief. Ask for it: "
                    "the IRS may not give it on its own."
                ),
                how_to_ask,
                None,
                ask_when,
                tools=(
                    _guide("penalty-relief", _("How to ask"), "how-to-ask-for-penalty-relief"),
                    _letter(case, "abatement", _("Make a penalty relief letter")),
                ),
            )
        ]
    if outcome == "check":
        findings.append(_("You may qualify for first-time penalty relief."))
        return [
            PlanStep(
                "fta-check",
                _("Check the rules, then ask to remove the penalty"),
                _(
                    "You may qualify for first-time penalty relief. Check the rules you weren't "
                    "sure about, then ask."
                ),
                (
                    _(
                        "No penalties in the 3 tax years before, all returns filed, and the tax "
                        "paid or a plan set up."
                    ),
                    *how_to_ask,
                ),
                None,
                ask_when,
                tools=(
                    _guide("penalty-relief", _("The three rules"), "first-time-abatement"),
                    _letter(case, "abatement", _("Make a penalty relief letter")),
                ),
            )
        ]
    findings.append(_("First-time penalty relief does not seem to fit, but a good reason may."))
    return [
        PlanStep(
            "reasonable-cause",
            _("Ask for relief if you had a good reason"),
            _("The IRS may remove a penalty if something outside your control made you late."),
            (
                _(
                    "For example: a serious illness, a death in the family, a fire or disaster, or "
                    "not being able to get your records."
                ),
                _("Explain what happened, when, and how it stopped you paying or filing on time."),
                _("Send copies of papers that back up your story. Keep the originals."),
            ),
            None,
            ask_when,
            tools=(
                _guide("penalty-relief", _("Reasonable cause"), "reasonable-cause"),
                _letter(case, "abatement", _("Make a penalty relief letter")),
            ),
        )
    ]


def _records_step(case: CaseLike | None) -> PlanStep:
    return PlanStep(
        "keep-records",
        _("Keep a record of everything"),
        _("Keep the notice, your proof, copies of letters and notes of every call together."),
        (_("If another notice comes, you will have what you need."),),
        None,
        _("as you go"),
        tools=(_contact_log(case), _payment_log(case)),
    )
