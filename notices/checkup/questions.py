"""The words of the check-up's questions. Pure data: no decisions.

Edit any sentence here without reading flow.py, which holds the graph: the order of the
questions, where each answer leads and which guide page explains each one. Questions are
keyed by step slug and answers by their stored value; neither may change, the words may.

For each question:
    question    the heading of the screen
    why         "Why we ask:"
    error       shown when nothing is chosen
    hint        a line under the question (optional)
    hint_items  a list under the question (optional)
    options     answer value -> its label, in the order they are shown

Figures are not typed here: %(short_term_days)s is filled in by flow.py from
notices/irs/rates.py. A text with a placeholder must write a percent sign as %%.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from notices.checkup.text import Text


@dataclass(frozen=True)
class QuestionWords:
    question: Text
    why: Text
    error: Text
    options: Mapping[str, Text] = field(default_factory=dict)
    hint: Text = ""
    hint_items: tuple[Text, ...] = ()


SECTIONS: dict[str, Text] = {
    "notice": _("Your notice"),
    "real": _("Is it real?"),
    "paid": _("Already paid?"),
    "amount": _("Is it right?"),
    "pay": _("Paying"),
    "penalty": _("Penalties"),
    "plan": _("Your plan"),
}

YES_NO_UNSURE: dict[str, Text] = {
    "yes": _("Yes"),
    "no": _("No"),
    "not_sure": _("I'm not sure"),
}

QUESTIONS: dict[str, QuestionWords] = {
    "details": QuestionWords(
        question=_("What does your notice say?"),
        why=_(
            "Each kind of notice has its own rules and dates. With these details we can "
            "follow them and put real dates in your plan. You can skip this question."
        ),
        error=_("Check the dates and amount you entered."),
    ),
    # 1. Is the notice real?
    "arrived": QuestionWords(
        question=_("How did you get this bill?"),
        why=_(
            "The real IRS sends a bill by mail first. Scammers often start with an "
            "email, a text or a call."
        ),
        error=_("Choose how you got the bill."),
        options={
            "mail": _("By mail, from the U.S. Postal Service"),
            "email_text": _("By email, text message or social media"),
            "phone": _("By a phone call or a visit, with no letter first"),
        },
    ),
    "red-flags": QuestionWords(
        question=_("Did anyone ask you to pay in one of these ways, or make threats?"),
        hint_items=(
            _("Pay with a gift card, a prepaid debit card or a wire transfer"),
            _("Give your card number over the phone"),
            _("Pay right now, with no chance to question the amount"),
            _("Threats of arrest, or of losing your license"),
            _("Pay a person instead of the U.S. Treasury"),
        ),
        why=_("The real IRS never does any of these things."),
        error=_("Choose yes or no."),
        options={"yes": _("Yes, at least one of these"), "no": _("No, none of these")},
    ),
    "notice-details": QuestionWords(
        question=_("Does the letter show CP14 and your name?"),
        hint=_(
            "Look for the notice number, CP14, in the top right corner. The letter "
            "should show your name and only the last digits of your Social Security "
            "number."
        ),
        why=_("A real CP14 shows these. If one is missing, check with the IRS before you pay."),
        error=_("Choose yes, no or not sure."),
        options={
            "yes": _("Yes, it shows all of these"),
            "no": _("No, something is missing or wrong"),
            "not_sure": _("I'm not sure"),
        },
    ),
    "online-account": QuestionWords(
        question=_("Does the bill show in your IRS Online Account?"),
        hint=_(
            "Sign in to your IRS Online Account on IRS.gov. Look at the balance for "
            "the tax year on the letter."
        ),
        why=_(
            "Your Online Account shows what the IRS says you owe. If it matches the "
            "letter, that is a good sign the letter is real."
        ),
        error=_("Choose one answer."),
        options={
            "shows": _("Yes, the same balance shows there"),
            "missing": _("No, I can't find it there"),
            "not_checked": _("I haven't checked, or I can't sign in"),
        },
    ),
    # 2. Did you already pay?
    "already-paid": QuestionWords(
        question=_("Have you already paid this bill?"),
        hint=_("Count any payment for this tax year, even one you made before the letter came."),
        why=_(
            "A bill and a payment can cross in the mail. If you paid, the next step is "
            "to get your payment counted."
        ),
        error=_("Choose whether you have paid."),
        options={
            "all": _("Yes, I paid all of it"),
            "part": _("Yes, I paid part of it"),
            "no": _("No, not yet"),
        },
    ),
    # 3. Does the amount match your return?
    "amount-check": QuestionWords(
        question=_("Is the amount right, going by your tax return?"),
        hint=_(
            "The amount due is more than the tax on your return: it adds penalties and "
            "interest. Look at the Billing Summary on the notice and compare it with your "
            "return for the same year:"
        ),
        hint_items=(
            _("the tax on your return"),
            _("tax taken from your pay (withholding)"),
            _("estimated payments you made"),
            _("credits you claimed"),
        ),
        why=_(
            "If the tax or the payments don't match, you may not owe all of it. You can "
            "question the bill."
        ),
        error=_("Choose yes, no or not sure."),
        options={
            "matches": _("Yes, it matches"),
            "wrong": _("No, I think it's wrong"),
            "not_sure": _("I'm not sure"),
        },
    ),
    "dispute-scope": QuestionWords(
        question=_("Do you think you owe none of it, or only part?"),
        why=_(
            "You can pay the part you agree with now. That keeps the interest on it "
            "down while you question the rest."
        ),
        error=_("Choose none or part."),
        options={
            "none": _("I don't think I owe any of it"),
            "part": _("I owe some of it, but not all"),
        },
    ),
    # 4. Can you pay in full by the date on the notice?
    "can-pay": QuestionWords(
        question=_("Can you pay the full amount by the date on your notice?"),
        hint=_(
            "If you paid part already, or part of it is wrong, answer for the amount "
            "you still need to pay."
        ),
        why=_(
            "Paying in full soon costs the least. If you can't, the IRS has payment "
            "plans, and we will show you the one that fits."
        ),
        error=_("Choose how you can pay."),
        options={
            "full": _("Yes, I can pay it all by then"),
            "short": _("No, but I can pay it all within %(short_term_days)s days"),
            "monthly": _("No, I need to pay a bit each month"),
            "cannot": _("No, I can't pay anything right now"),
        },
    ),
    # 5. Penalty relief: first-time abatement as three questions
    "has-penalty": QuestionWords(
        question=_("Does your notice list a penalty?"),
        hint=_(
            "Look for a line such as “failure-to-pay penalty” or “failure-to-file "
            "penalty”. Interest is not a penalty."
        ),
        why=_(
            "You may be able to ask the IRS to remove a penalty. The next questions "
            "check if you qualify."
        ),
        error=_("Choose yes, no or not sure."),
        options=YES_NO_UNSURE,
    ),
    "fta-history": QuestionWords(
        question=_("Did you have an IRS penalty in the 3 tax years before this one?"),
        hint=_(
            "Count only penalties on the same kind of return, such as your personal "
            "return (Form 1040). Don't count a penalty the IRS took off because you had "
            "a good reason. If you didn't have to file in those years, answer no."
        ),
        why=_(
            "First-time penalty relief is for people with a clean record. A penalty for "
            "not paying enough estimated tax does not count against you."
        ),
        error=_("Choose one answer."),
        options={
            "none": _("No, I had no penalties"),
            "estimated_only": _("Only a penalty for not paying enough estimated tax"),
            "some": _("Yes, another penalty, such as for filing or paying late"),
            "not_sure": _("I'm not sure"),
        },
    ),
    "fta-filed": QuestionWords(
        question=_("Have you filed all the tax returns you need to file?"),
        hint=_("A return with a valid extension counts as filed."),
        why=_("The IRS gives first-time relief only when your returns are filed."),
        error=_("Choose yes, no or not sure."),
        options=YES_NO_UNSURE,
    ),
    "fta-paid": QuestionWords(
        question=_("When you ask, will you have paid the tax or set up a payment plan?"),
        hint=_("Keeping up with a payment plan counts."),
        why=_("This is the last rule for first-time relief. You can set up a plan first."),
        error=_("Choose yes, no or not sure."),
        options=YES_NO_UNSURE,
    ),
}

# The answer summary on the plan page: the first screen's answer in words.
NOTICE_DATED = _("notice dated %(day)s")
PAY_BY = _("act by %(day)s")
AMOUNT_DUE = _("%(amount)s due")
SKIPPED = _("Skipped")
