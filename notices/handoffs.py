"""Hand-offs from a notice's page: a call sheet to print before phoning the IRS, and what to
choose on IRS Direct Pay to pay this notice's tax year.

Both only rearrange what the case already holds. The questions on the call sheet follow the
steps of the person's action plan (notices/checkup/action_plan.py), so the sheet asks what the
plan tells them to ask and nothing else. IRS facts: docs/sources.md, "IRS phone numbers" and
"Direct Pay: what to choose".
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from notices.access import AuthedRequest, case_for
from notices.checkup import action_plan
from notices.checkup.flow import Text
from notices.irs.formatting import long_date
from notices.models import Case, Profile
from notices.summary import summarize

# The IRS line for individuals (docs/sources.md, "IRS phone numbers"): for a notice whose
# own number is missing, and instead of the notice's number when the check-up found a scam.
IRS_LINE = "800-829-1040"

# Asked on every call: who the person on the phone is, and where the balance stands.
FIRST_QUESTIONS: tuple[Text, ...] = (
    _("May I have your name and your IRS employee ID number?"),
    _("What is my balance for tax year %(year)s today, with interest and penalties?"),
)
# Asked when the plan has this step (keys of notices/checkup/plan_words.STEPS).
STEP_QUESTIONS: dict[str, Text] = {
    "verify": _(
        "I got a %(type)s dated %(date)s. Can you confirm that you sent it and that it is "
        "about my account?"
    ),
    "paid-call": _(
        "I already paid toward tax year %(year)s. Can you see my payment, and which tax year is "
        "it on?"
    ),
    "dispute-call": _(
        "I think the amount is wrong. What proof do you need from me, and where do I send it?"
    ),
    "short-term-plan": _("Can I have a short-term payment plan to pay the full amount?"),
    "installment-agreement": _("Can I set up a monthly payment plan? What would the setup fee be?"),
    "cannot-pay-call": _(
        "I can't pay anything right now. Can you hold off on collection while my money is short?"
    ),
    "fta-ask": _(
        "Can you remove the penalty for tax year %(year)s with first-time penalty relief?"
    ),
    "fta-check": _("Do I qualify for first-time penalty relief for tax year %(year)s?"),
    "reasonable-cause": _(
        "I had a good reason for paying late. How do I ask you to remove the penalty?"
    ),
}
# Asked at the end of every call.
LAST_QUESTIONS: tuple[Text, ...] = (
    _("What happens next, and by what date?"),
    _("Is there anything I need to send or do?"),
    _("Is there a reference number for this call?"),
)


def call_questions(case: Case, plan: action_plan.Plan | None) -> list[str]:
    """The questions for this case's call, in the order to ask them."""
    values = {
        "year": case.tax_year,
        "type": case.notice_type,
        "date": long_date(case.notice_date),
    }
    keys = plan.keys if plan else set()
    picked = [words for key, words in STEP_QUESTIONS.items() if key in keys]
    return [str(words) % values for words in (*FIRST_QUESTIONS, *picked, *LAST_QUESTIONS)]


@require_GET
@login_required
def case_call_sheet(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    case = case_for(request, public_id)
    plan = action_plan.build_plan(case.flow_answers, case=case, today=timezone.localdate())
    profile = Profile.objects.filter(user=request.user).first()
    scam = bool(plan and plan.scam)
    context = {
        "case": case,
        "plan": plan,
        "scam": scam,
        "full_name": profile.full_name if profile else "",
        # Never the number on a notice the check-up found to be a scam.
        "phone": IRS_LINE if scam or not case.irs_phone else case.irs_phone,
        "phone_from_notice": bool(case.irs_phone) and not scam,
        "questions": call_questions(case, plan),
        "note_lines": range(6),
    }
    return render(request, "notices/call_sheet.html", context)


def direct_pay_reason(case: Case) -> str:
    """What to pick as "Reason for payment": a CP2000 is paid under its own notice number;
    every other notice here is a balance due on a filed return."""
    return "CP2000" if case.notice_type == Case.NoticeType.CP2000 else "Balance Due"


@require_GET
@login_required
def case_how_to_pay(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    case = case_for(request, public_id)
    context = {"case": case, "reason": direct_pay_reason(case), "summary": summarize(case)}
    return render(request, "notices/how_to_pay.html", context)


handoff_urls = [
    path("cases/<uuid:public_id>/call-sheet/", case_call_sheet, name="case_call_sheet"),
    path("cases/<uuid:public_id>/how-to-pay/", case_how_to_pay, name="case_how_to_pay"),
]
