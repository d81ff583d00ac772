"""Cases: creating and changing tracked notices, their logs and checklists.

Views call these functions with validated data; nothing here knows about requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from notices import reminders
from notices.models import Case, ChecklistItem, Reminder

ZERO = Decimal("0.00")


def default_checklist() -> list[tuple[str, str]]:
    """What almost everyone with a balance-due notice needs (see guidance: step-by-step)."""
    document, step = ChecklistItem.Kind.DOCUMENT, ChecklistItem.Kind.STEP
    return [
        (document, _("The notice itself, with its payment stub")),
        (document, _("Your tax return for that year")),
        (document, _("W-2 and 1099 forms for that year")),
        (document, _("Proof of payments: bank statements, cancelled checks, confirmation numbers")),
        (document, _("Any letters you sent to or got from the IRS about this")),
        (step, _("Check that the notice is real")),
        (step, _("Write down the notice date and the pay-by date")),
        (step, _("Compare the amount with your tax return")),
        (step, _("Decide: pay in full, ask for a plan, or question the amount")),
        (step, _("Pay, or ask for a plan, before the pay-by date")),
        (step, _("Keep copies and confirmation numbers of everything")),
    ]


def cases_for(user: Any) -> QuerySet[Case]:
    """The user's cases with the total they have paid on each (one query)."""
    paid = Coalesce(
        Sum("payments__amount"),
        Value(ZERO),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    return Case.objects.filter(owner=user).annotate(paid_total=paid)


@dataclass(frozen=True)
class CaseSummary:
    case: Case
    paid: Decimal
    balance: Decimal
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and not self.case.is_resolved

    @property
    def days_overdue(self) -> int:
        return max(-self.days_left, 0)


def summarize(case: Case, *, today: date | None = None) -> CaseSummary:
    paid = getattr(case, "paid_total", None)
    if paid is None:
        paid = payment_total(case)
    return CaseSummary(
        case=case,
        paid=paid,
        balance=max(case.amount_due - paid, ZERO),
        days_left=case.days_left(today),
    )


def by_urgency(summaries: list[CaseSummary]) -> list[CaseSummary]:
    """Open cases first, overdue at the top, then by days left; resolved ones last."""
    return sorted(summaries, key=lambda s: (s.case.is_resolved, s.days_left, s.case.id))


@transaction.atomic
def create_case(*, owner: Any, data: dict[str, Any]) -> Case:
    case = Case.objects.create(owner=owner, **data)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(case=case, kind=kind, text=text, position=position)
        for position, (kind, text) in enumerate(default_checklist())
    )
    reminders.schedule_for_case(case)
    return case


@transaction.atomic
def update_case(*, case: Case, data: dict[str, Any]) -> Case:
    for field, value in data.items():
        setattr(case, field, value)
    _stamp_resolution(case)
    case.save()
    reminders.schedule_for_case(case)
    return case


def _stamp_resolution(case: Case) -> None:
    if case.is_resolved and case.resolved_at is None:
        case.resolved_at = timezone.now()
    elif not case.is_resolved:
        case.resolved_at = None


@transaction.atomic
def settle_if_paid(case: Case) -> bool:
    """Mark the case resolved once logged payments cover the amount due.

    Returns True when this call resolved it, so the view can say so.
    """
    if payment_total(case) >= case.amount_due and not case.is_resolved:
        case.status = Case.Status.RESOLVED
        _stamp_resolution(case)
        case.save(update_fields=["status", "resolved_at", "updated_at"])
        reminders.schedule_for_case(case)
        return True
    return False


def toggle_item(item: ChecklistItem) -> ChecklistItem:
    item.done = not item.done
    item.done_at = timezone.now() if item.done else None
    item.save(update_fields=["done", "done_at"])
    return item


def add_item(*, case: Case, text: str) -> ChecklistItem:
    last = case.checklist.order_by("-position").values_list("position", flat=True).first()
    return ChecklistItem.objects.create(
        case=case, text=text, kind=ChecklistItem.Kind.STEP, position=(last or 0) + 1
    )


def payment_total(case: Case) -> Decimal:
    total: Decimal | None = case.payments.aggregate(total=Sum("amount"))["total"]
    return total or ZERO


@transaction.atomic
def delete_case(case: Case) -> None:
    reminders.cancel_all(Reminder.objects.filter(case=case))
    case.delete()
