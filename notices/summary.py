"""What a case adds up to: paid so far, the balance, days left, and the order of urgency.

Read-only helpers (selectors) shared by the case pages, reminder emails and letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from notices.models import Case

ZERO = Decimal("0.00")


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


def payment_total(case: Case) -> Decimal:
    total: Decimal | None = case.payments.aggregate(total=Sum("amount"))["total"]
    return total or ZERO
