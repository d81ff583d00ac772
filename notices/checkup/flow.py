"""The guided check-up: its questions, where each answer leads, and the action plan.

Pure domain code: no request, no models. The flow is a small graph of steps. Each step
is one question, and each of its answers names the next step (or END, the plan). Answers
are a plain dict {step slug: answer}, so they fit in a session or a JSONField.

Facts used in the plan come from /work/shared/FACTS.md (sections noted where used).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from notices.irs.formatting import dollars, long_date
from notices.irs.notice_details import NoticeDetails

END = "plan"  # where a finished path goes: the plan page
DETAILS = "details"  # the optional first screen: dates and amount from the notice
FIRST_QUESTION = "arrived"

if TYPE_CHECKING:  # lazily translated text; django-stubs names the type _StrPromise
    from django.utils.functional import _StrPromise

    Text = str | _StrPromise
else:
    Text = str


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    hint: Text = ""


@dataclass(frozen=True)
class Section:
    slug: str
    label: Text


@dataclass(frozen=True)
class Step:
    """One screen: a question, why we ask it, its answers and where each one leads."""

    slug: str
    section: str
    question: Text
    why: Text
    error: Text
    goes_to: Mapping[str, str]  # answer value -> next step slug or END ("" for any answer)
    guide: str  # slug of the guide page that explains this question
    options: tuple[Option, ...] = ()
    hint: Text = ""
    hint_items: tuple[Text, ...] = ()

    @property
    def is_details(self) -> bool:
        return not self.options

    def next_for(self, answer: Any) -> str:
        if self.is_details:
            return self.goes_to[""]
        return self.goes_to[answer]

    def label_for(self, value: str) -> Text:
        return next((o.label for o in self.options if o.value == value), value)


SECTIONS: tuple[Section, ...] = (
    Section("notice", _("Your notice")),
    Section("real", _("Is it real?")),
    Section("paid", _("Already paid?")),
    Section("amount", _("Is it right?")),
    Section("pay", _("Paying")),
    Section("penalty", _("Penalties")),
    Section(END, _("Your plan")),
)

YES_NO_UNSURE = (
    Option("yes", _("Yes")),
    Option("no", _("No")),
    Option("not_sure", _("I'm not sure")),
)

STEPS: dict[str, Step] = {
    step.slug: step
    for step in (
        Step(
            slug=DETAILS,
            section="notice",
            question=_("What does your notice say?"),
            why=_(
                "With these dates we can put real dates in your plan. You can skip this question."
            ),
            error=_("Check the dates and amount you entered."),
            goes_to={"": FIRST_QUESTION},
            guide="your-deadline",
        ),
        # 1. Is the notice real? (FACTS 5.1, 5.2)
        Step(
            slug="arrived",
            section="real",
            question=_("How did you get this bill?"),
            why=_(
                "The real IRS sends a bill by mail first. Scammers often start with an "
                "email, a text or a call."
            ),
            error=_("Choose how you got the bill."),
            options=(
                Option("mail", _("By mail, from the U.S. Postal Service")),
                Option("email_text", _("By email, text message or social media")),
                Option("phone", _("By a phone call or a visit, with no letter first")),
            ),
            goes_to={"mail": "red-flags", "email_text": END, "phone": END},
            guide="is-it-real",
        ),
        Step(
            slug="red-flags",
            section="real",
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
            options=(
                Option("yes", _("Yes, at least one of these")),
                Option("no", _("No, none of these")),
            ),
            goes_to={"yes": END, "no": "notice-details"},
            guide="is-it-real",
        ),
        Step(
            slug="notice-details",
            section="real",
            question=_("Does the letter show CP14 and your name?"),
            hint=_(
                "Look for the notice number, CP14, in the top right corner. The letter "
                "should show your name and only the last digits of your Social Security "
                "number."
            ),
            why=_("A real CP14 shows these. If one is missing, check with the IRS before you pay."),
            error=_("Choose yes, no or not sure."),
            options=(
                Option("yes", _("Yes, it shows all of these")),
                Option("no", _("No, something is missing or wrong")),
                Option("not_sure", _("I'm not sure")),
            ),
            goes_to={"yes": "online-account", "no": "online-account", "not_sure": "online-account"},
            guide="is-it-real",
        ),
        Step(
            slug="online-account",
            section="real",
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
            options=(
                Option("shows", _("Yes, the same balance shows there")),
                Option("missing", _("No, I can't find it there")),
                Option("not_checked", _("I haven't checked, or I can't sign in")),
            ),
            goes_to={
                "shows": "already-paid",
                "missing": "already-paid",
                "not_checked": "already-paid",
            },
            guide="is-it-real",
        ),
        # 2. Did you already pay? (FACTS 4.1, 5.2)
        Step(
            slug="already-paid",
            section="paid",
            question=_("Have you already paid this bill?"),
            hint=_(
                "Count any payment for this tax year, even one you made before the letter came."
            ),
            why=_(
                "A bill and a payment can cross in the mail. If you paid, the next step is "
                "to get your payment counted."
            ),
            error=_("Choose whether you have paid."),
            options=(
                Option("all", _("Yes, I paid all of it")),
                Option("part", _("Yes, I paid part of it")),
                Option("no", _("No, not yet")),
            ),
            goes_to={"all": END, "part": "amount-check", "no": "amount-check"},
            guide="already-paid",
        ),
        # 3. Does the amount match your return? (FACTS 4.1)
        Step(
            slug="amount-check",
            section="amount",
            question=_("Does the amount match your tax return?"),
            hint=_("Get out your tax return for the same year. Compare:"),
            hint_items=(
                _("the tax on your return"),
                _("tax taken from your pay (withholding)"),
                _("estimated payments you made"),
                _("credits you claimed"),
                _("any change the IRS made to your math when it processed your return"),
            ),
            why=_(
                "If the numbers don't match, you may not owe all of it. You can question the bill."
            ),
            error=_("Choose yes, no or not sure."),
            options=(
                Option("matches", _("Yes, it matches")),
                Option("wrong", _("No, I think it's wrong")),
                Option("not_sure", _("I'm not sure")),
            ),
            goes_to={"matches": "can-pay", "wrong": "dispute-scope", "not_sure": "can-pay"},
            guide="think-its-wrong",
        ),
        Step(
            slug="dispute-scope",
            section="amount",
            question=_("Do you think you owe none of it, or only part?"),
            why=_(
                "You can pay the part you agree with now. That keeps the interest on it "
                "down while you question the rest."
            ),
            error=_("Choose none or part."),
            options=(
                Option("none", _("I don't think I owe any of it")),
                Option("part", _("I owe some of it, but not all")),
            ),
            goes_to={"none": END, "part": "can-pay"},
            guide="think-its-wrong",
        ),
        # 4. Can you pay in full by the pay-by date? (FACTS 3.1 to 3.5)
        Step(
            slug="can-pay",
            section="pay",
            question=_("Can you pay the full amount by the pay-by date?"),
            hint=_(
                "If you paid part already, or part of it is wrong, answer for the amount "
                "you still need to pay."
            ),
            why=_(
                "Paying in full by the pay-by date costs the least. If you can't, the IRS "
                "has payment plans, and we will show you the one that fits."
            ),
            error=_("Choose how you can pay."),
            options=(
                Option("full", _("Yes, I can pay it all by then")),
                Option("short", _("No, but I can pay it all within 180 days")),
                Option("monthly", _("No, I need to pay a bit each month")),
                Option("cannot", _("No, I can't pay anything right now")),
            ),
            goes_to={
                "full": "has-penalty",
                "short": "has-penalty",
                "monthly": "has-penalty",
                "cannot": "has-penalty",
            },
            guide="cant-pay",
        ),
        # 5. Penalty relief: first-time abatement as three questions (FACTS 2.5)
        Step(
            slug="has-penalty",
            section="penalty",
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
            goes_to={"yes": "fta-history", "no": END, "not_sure": "fta-history"},
            guide="penalty-relief",
        ),
        Step(
            slug="fta-history",
            section="penalty",
            question=_("Did you have any IRS penalties in the 3 tax years before this one?"),
            hint=_(
                "Don't count a penalty the IRS took off because you had a good reason. If "
                "you didn't have to file in those years, answer no."
            ),
            why=_("First-time penalty relief is for people with a clean record."),
            error=_("Choose yes, no or not sure."),
            options=(
                Option("none", _("No, I had no penalties")),
                Option("some", _("Yes, I had a penalty")),
                Option("not_sure", _("I'm not sure")),
            ),
            goes_to={"none": "fta-filed", "some": END, "not_sure": "fta-filed"},
            guide="penalty-relief",
        ),
        Step(
            slug="fta-filed",
            section="penalty",
            question=_("Have you filed all the tax returns you need to file?"),
            hint=_("A return with a valid extension counts as filed."),
            why=_("The IRS gives first-time relief only when your returns are filed."),
            error=_("Choose yes, no or not sure."),
            options=YES_NO_UNSURE,
            goes_to={"yes": "fta-paid", "no": END, "not_sure": "fta-paid"},
            guide="penalty-relief",
        ),
        Step(
            slug="fta-paid",
            section="penalty",
            question=_("When you ask, will you have paid the tax or set up a payment plan?"),
            hint=_("Keeping up with a payment plan counts."),
            why=_("This is the last rule for first-time relief. You can set up a plan first."),
            error=_("Choose yes, no or not sure."),
            options=YES_NO_UNSURE,
            goes_to={"yes": END, "no": END, "not_sure": END},
            guide="penalty-relief",
        ),
    )
}


def first_step(*, in_case: bool) -> str:
    """A case already has the notice's dates and amount, so it skips the details screen."""
    return FIRST_QUESTION if in_case else DETAILS


# Answers: cleaning what comes back from a session or the database


def clean_answers(raw: Any) -> dict[str, Any]:
    """Only known steps with answers they allow. Anything else is dropped.

    Why: answers come back from a session or a JSONField, which may hold an old format,
    a forged value or junk. The walk and the plan must only ever see valid answers.
    """
    if not isinstance(raw, dict):
        return {}
    answers: dict[str, Any] = {}
    for slug, value in raw.items():
        step = STEPS.get(slug) if isinstance(slug, str) else None
        if step is None:
            continue
        if step.is_details:
            details = NoticeDetails.from_json(value)
            if details is not None:
                answers[slug] = details.to_json()
        elif isinstance(value, str) and value in step.goes_to:
            answers[slug] = value
    return answers


# Walking the graph


@dataclass(frozen=True)
class Walk:
    """Where the answers lead: the answered steps in order, then the first open one."""

    path: tuple[str, ...]
    current: str | None  # the first unanswered step; None once the path reaches END
    answers: dict[str, Any]  # only the answers on the path

    @property
    def done(self) -> bool:
        return self.current is None

    def reachable(self, slug: str) -> bool:
        return slug in self.path or slug == self.current

    def previous(self, slug: str) -> str | None:
        """The step before `slug` on the path (for the Back link)."""
        steps = [*self.path, self.current] if self.current else list(self.path)
        index = steps.index(slug) if slug in steps else len(steps)
        return steps[index - 1] if index > 0 else None


def walk(answers: Mapping[str, Any], *, start: str) -> Walk:
    """Follow the answers from `start` until an unanswered step or the end.

    Answers off the path (left over after an earlier answer changed) are ignored, so
    they can never leak into the plan.
    """
    path: list[str] = []
    slug = start
    while slug != END:
        if slug not in answers or slug in path:  # `in path`: a guard; the graph has no cycles
            return Walk(tuple(path), slug, {s: answers[s] for s in path})
        path.append(slug)
        slug = STEPS[slug].next_for(answers[slug])
    return Walk(tuple(path), None, {s: answers[s] for s in path})


def next_step(slug: str, answers: Mapping[str, Any]) -> str:
    """Where the answer to `slug` leads: a step slug or END."""
    return STEPS[slug].next_for(answers[slug])


@dataclass(frozen=True)
class SectionState:
    slug: str
    label: Text
    state: str  # "done", "current", "todo" or "skipped"


def progress(walked: Walk, *, at: str, in_case: bool) -> list[SectionState]:
    """The step indicator: one entry per part of the check-up."""
    at_section = END if at == END else STEPS[at].section
    answered = {STEPS[slug].section for slug in walked.path}
    states = []
    for section in SECTIONS:
        if in_case and section.slug == "notice":
            continue
        if section.slug == at_section:
            state = "current"
        elif section.slug in answered:
            state = "done"  # also after the current part, when someone goes back to change

        elif walked.done and section.slug != END:
            state = "skipped"  # the answers made this part unnecessary
        else:
            state = "todo"
        states.append(SectionState(section.slug, section.label, state))
    return states


@dataclass(frozen=True)
class AnswerRow:
    slug: str
    question: Text
    answer: Text


def summary(walked: Walk) -> list[AnswerRow]:
    """Each answered question with its answer in words, for "change" links on the plan."""
    rows = []
    for slug in walked.path:
        step = STEPS[slug]
        value = walked.answers[slug]
        if step.is_details:
            answer: Text = _details_in_words(value)
        else:
            answer = step.label_for(value)
        rows.append(AnswerRow(slug, step.question, answer))
    return rows


def details_of(answers: Mapping[str, Any]) -> NoticeDetails:
    """The first screen's answer, typed (empty when skipped or not asked)."""
    return NoticeDetails.from_json(answers.get(DETAILS, {})) or NoticeDetails()


def _details_in_words(raw: Mapping[str, str]) -> Text:
    details = NoticeDetails.from_json(raw) or NoticeDetails()
    parts = []
    if details.notice_date:
        parts.append(_("notice dated %(day)s") % {"day": long_date(details.notice_date)})
    if details.pay_by:
        parts.append(_("pay by %(day)s") % {"day": long_date(details.pay_by)})
    if details.amount:
        parts.append(_("%(amount)s due") % {"amount": dollars(details.amount)})
    return ", ".join(str(p) for p in parts) if parts else _("Skipped")


# Prefill inside a case


def case_prefill(*, penalty_amount: Decimal | None, paid_before_notice: Decimal) -> dict[str, str]:
    """Answers a case already suggests. They preselect an option; the person confirms."""
    prefill = {}
    if penalty_amount is not None:
        prefill["has-penalty"] = "yes" if penalty_amount > 0 else "no"
    if paid_before_notice > 0:
        prefill["already-paid"] = "part"
    return prefill
