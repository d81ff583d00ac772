"""Cases: creating and changing tracked notices, their logs and checklists.

Views call these functions with validated data; nothing here knows about requests.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notices.models import Case, ChecklistItem, ContactEntry, PaymentEntry, Reminder
from notices.reminders import scheduling
from notices.summary import payment_total


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


@transaction.atomic
def create_case(*, owner: Any, data: dict[str, Any]) -> Case:
    case = Case.objects.create(owner=owner, **data)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(case=case, kind=kind, text=text, position=position)
        for position, (kind, text) in enumerate(default_checklist())
    )
    scheduling.schedule_for_case(case)
    return case


@transaction.atomic
def update_case(*, case: Case, data: dict[str, Any]) -> Case:
    for field, value in data.items():
        setattr(case, field, value)
    _stamp_resolution(case)
    case.save()
    scheduling.schedule_for_case(case)
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
        scheduling.schedule_for_case(case)
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


@transaction.atomic
def delete_case(case: Case) -> None:
    scheduling.cancel_all(Reminder.objects.filter(case=case))
    case.delete()


# Contact and payment logs. Follow-up dates in the contact log become reminders, so every
# change re-schedules the case in the same transaction.

LogEntry = ContactEntry | PaymentEntry


@transaction.atomic
def add_entry(*, case: Case, model: type[LogEntry], data: dict[str, Any]) -> LogEntry:
    entry = model._default_manager.create(case=case, **data)
    scheduling.schedule_for_case(case)
    return entry


@transaction.atomic
def update_entry(*, entry: LogEntry, data: dict[str, Any]) -> LogEntry:
    for field, value in data.items():
        setattr(entry, field, value)
    entry.save()
    scheduling.schedule_for_case(entry.case)
    return entry


@transaction.atomic
def delete_entry(*, entry: LogEntry) -> None:
    entry.delete()
    scheduling.schedule_for_case(entry.case)


def delete_item(item: ChecklistItem) -> None:
    item.delete()
