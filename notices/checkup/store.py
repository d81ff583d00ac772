"""Where check-up answers live: the session for a visitor, a saved plan opened by its
private link, or the case once it is saved.

The rules of the check-up are in notices/flow.py; this module only loads, cleans and
saves answers, and carries them from the session (or a saved plan's link) into a case
after sign-up, sign-in or confirming an email.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.urls import reverse

from notices.checkup import flow, saved
from notices.models import Case, SavedPlan

SESSION_KEY = "checkup"
# Set when a visitor chose "save to a new notice": the case form then attaches the answers.
PENDING_KEY = "checkup_save_pending"
# The hash of the saved plan this browser opened last by its private link.
SAVED_KEY = "checkup_saved_plan"
# Set when the person chose "dismiss" on the dashboard; a new answer clears it.
DISMISSED_KEY = "checkup_save_dismissed"


@dataclass
class Run:
    """One person's check-up: its answers, where they are kept, and its URLs."""

    request: HttpRequest
    case: Case | None = None
    # A plan kept by private link, and the key from that link (for its URLs).
    saved: SavedPlan | None = None
    key: str = ""
    # True when stored answers had to be cleaned (an old format, junk or a forged value).
    repaired: bool = field(default=False, init=False)

    @property
    def start(self) -> str:
        return flow.first_step(in_case=self.case is not None)

    @cached_property
    def answers(self) -> dict[str, Any]:
        if self.case is not None:
            raw = self.case.flow_answers
        elif self.saved is not None:
            raw = self.saved.answers
        else:
            raw = self.request.session.get(SESSION_KEY)
        answers = flow.clean_answers(raw)
        if raw is not None and answers != raw:
            self.repaired = True
            self.save(answers)
        return answers

    def walk(self) -> flow.Walk:
        return flow.walk(self.answers, start=self.start)

    def save(self, answers: dict[str, Any]) -> None:
        self.__dict__["answers"] = answers
        if self.case is not None:
            self.case.flow_answers = answers
            self.case.save(update_fields=["flow_answers", "updated_at"])
        elif self.saved is not None:
            self.saved.answers = answers
            self.saved.save(update_fields=["answers", "updated_at"])
        else:
            self.request.session[SESSION_KEY] = answers
            # A new check-up in this browser is newer than a saved plan opened before.
            self.request.session.pop(SAVED_KEY, None)
            self.request.session.pop(DISMISSED_KEY, None)

    def clear(self) -> None:
        self.save({})

    def prefill(self) -> dict[str, str]:
        """Suggested answers from the case: they preselect an option, nothing more."""
        if self.case is None:
            return {}
        paid = self.case.payments.filter(paid_on__lte=self.case.notice_date).aggregate(
            total=Sum("amount")
        )["total"]
        return flow.case_prefill(
            penalty_amount=self.case.penalty_amount, paid_before_notice=paid or Decimal(0)
        )

    # URLs: the same views serve both, with or without a case.

    def step_url(self, slug: str) -> str:
        if slug == flow.END:
            return self.plan_url()
        if self.saved is not None:
            return reverse("notices:saved_flow_step", kwargs={"key": self.key, "step": slug})
        if self.case is not None:
            return reverse(
                "notices:case_flow_step",
                kwargs={"public_id": self.case.public_id, "step": slug},
            )
        return reverse("notices:flow_step", kwargs={"step": slug})

    def plan_url(self) -> str:
        if self.saved is not None:
            return reverse("notices:saved_plan", kwargs={"key": self.key})
        if self.case is not None:
            return reverse("notices:case_flow_plan", kwargs={"public_id": self.case.public_id})
        return reverse("notices:flow_plan")

    def start_url(self) -> str:
        if self.saved is not None:
            return reverse("notices:saved_flow_start", kwargs={"key": self.key})
        if self.case is not None:
            return reverse("notices:case_flow_start", kwargs={"public_id": self.case.public_id})
        return reverse("notices:flow_start")


def session_walk(request: HttpRequest) -> flow.Walk:
    return Run(request).walk()


def mark_pending(request: HttpRequest) -> None:
    request.session[PENDING_KEY] = True


def pending_answers(request: HttpRequest) -> dict[str, Any] | None:
    """Finished answers to save as a notice: from a saved plan's link opened in this
    browser, or else from the check-up in this session. None when there are none."""
    plan = saved.by_hash(request.session.get(SAVED_KEY))
    if plan is not None:
        walked = saved.walk(plan)
        if walked.done:
            return walked.answers
    walked = session_walk(request)
    return walked.answers if walked.done else None


def carry_plan(request: HttpRequest) -> bool:
    """After sign-up, sign-in or confirming an email: is there a plan to save as a notice?

    If so, the case form is prefilled from it and the dashboard offers it, until it is
    saved or dismissed.
    """
    if request.session.get(DISMISSED_KEY) or pending_answers(request) is None:
        return False
    mark_pending(request)
    return True


def has_pending(request: HttpRequest) -> bool:
    return bool(request.session.get(PENDING_KEY)) and pending_answers(request) is not None


def dismiss_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
    request.session[DISMISSED_KEY] = True


def pending_initial(request: HttpRequest) -> dict[str, Any]:
    """Case-form values from the check-up's first screen, so nobody types them twice."""
    answers = pending_answers(request) if request.session.get(PENDING_KEY) else None
    if answers is None:
        return {}
    details = flow.details_of(answers)
    initial: dict[str, Any] = {"notice_date": details.notice_date, "pay_by": details.pay_by}
    initial["amount_due"] = details.amount
    initial["notice_type"] = details.notice_type
    return {field: value for field, value in initial.items() if value is not None}


def attach_pending(request: HttpRequest, case: Case) -> bool:
    """After "save to a new notice", put the finished answers on the new case.

    Returns True when it did. The answers then leave the session: the case holds them.
    """
    if not request.session.pop(PENDING_KEY, False):
        return False
    answers = pending_answers(request)
    if answers is None:
        return False
    _save_answers(request, case, answers)
    return True


def save_to_case(request: HttpRequest, case: Case, walked: flow.Walk) -> None:
    _save_answers(request, case, walked.answers)


def _save_answers(request: HttpRequest, case: Case, answers: dict[str, Any]) -> None:
    # The case has its own dates and amount, so the first screen's answer stays behind.
    kept = {slug: value for slug, value in answers.items() if slug != flow.DETAILS}
    Run(request, case).save(kept)
    for key in (SESSION_KEY, PENDING_KEY, SAVED_KEY, DISMISSED_KEY):
        request.session.pop(key, None)


def done_keys(case: Case) -> list[str]:
    raw = case.plan_done
    return [key for key in raw if isinstance(key, str)] if isinstance(raw, list) else []


def toggle_done(case: Case, key: str) -> bool:
    """Tick a plan step off, or untick it. Returns whether it is now done."""
    keys = done_keys(case)
    done = key not in keys
    case.plan_done = [*keys, key] if done else [k for k in keys if k != key]
    case.save(update_fields=["plan_done", "updated_at"])
    return done
