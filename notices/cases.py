"""Cases: creating and changing tracked notices, their logs and checklists.

Views call these functions with validated data; nothing here knows about requests.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notices.irs.notice_types import DateKind, rules_for
from notices.models import Case, ChecklistItem, ContactEntry, EarlierNotice, PaymentEntry, Reminder
from notices.reminders import scheduling
from notices.summary import payment_total


def default_checklist(notice_type: str = Case.NoticeType.CP14) -> list[tuple[str, str]]:
    """What almost everyone with a notice needs (see guidance: step-by-step), with the steps
    about its key date in the words of that notice (pay, ask for a hearing, or respond)."""
    document, step = ChecklistItem.Kind.DOCUMENT, ChecklistItem.Kind.STEP
    date_steps = {
        DateKind.PAY: (
            _("Write down the notice date and the pay-by date"),
            _("Decide: pay in full, ask for a plan, or question the amount"),
            _("Pay, or ask for a plan, by the pay-by date"),
        ),
        DateKind.HEARING: (
            _("Write down the notice date and the last day to ask for a hearing"),
            _("Decide: pay in full, ask for a plan, or ask for a hearing on Form 12153"),
            _("If you want a hearing, send Form 12153 by the last day"),
        ),
        DateKind.RESPOND: (
            _("Write down the notice date and the date to send your response by"),
            _("Decide if you agree with the proposed change"),
            _("Send the response form by the date on the notice"),
        ),
    }
    rules = rules_for(notice_type)
    write_down, decide, act = date_steps[rules.date_kind]
    notice = (
        _("The notice itself, with its payment stub")
        if rules.is_bill
        else _("The notice itself, with its response form")
    )
    return [
        (document, notice),
        (document, _("Your tax return for that year")),
        (document, _("W-2 and 1099 forms for that year")),
        (document, _("Proof of payments: bank statements, cancelled checks, confirmation numbers")),
        (document, _("Any letters you sent to or got from the IRS about this")),
        (step, _("Check that the notice is real")),
        (step, write_down),
        (step, _("Compare the amount with your tax return")),
        (step, decide),
        (step, act),
        (step, _("Keep copies and confirmation numbers of everything")),
    ]


@transaction.atomic
def create_case(*, owner: Any, data: dict[str, Any]) -> Case:
    case = Case.objects.create(owner=owner, **data)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(case=case, kind=kind, text=text, position=position)
        for position, (kind, text) in enumerate(default_checklist(case.notice_type))
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


# A newer notice on the same balance ("I got a CP501 now")

# The parts of the amount: they belong to the notice they were copied from.
AMOUNT_PARTS = ("tax_amount", "penalty_amount", "interest_amount")


@transaction.atomic
def record_newer_notice(*, case: Case, data: dict[str, Any]) -> EarlierNotice:
    """Keep the case's current notice in its history, then make the case follow the newer
    one (`data`: notice_type, notice_date, pay_by, amount_due), and move its reminders.

    The tax, penalty and interest parts were read off the earlier notice: they stay with it
    in the history, and the case's are cleared for the person to add from the newer notice.
    A resolved case opens again: a newer notice means the IRS still shows a balance.
    """
    earlier = EarlierNotice.objects.create(
        case=case,
        notice_type=case.notice_type,
        notice_date=case.notice_date,
        pay_by=case.pay_by,
        amount_due=case.amount_due,
        **{part: getattr(case, part) for part in AMOUNT_PARTS},
    )
    for field in ("notice_type", "notice_date", "pay_by", "amount_due"):
        setattr(case, field, data[field])
    for part in AMOUNT_PARTS:
        setattr(case, part, None)
    if case.is_resolved:
        case.status = Case.Status.OPEN
    _stamp_resolution(case)
    case.save()
    scheduling.schedule_for_case(case)
    return earlier


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
