"""What a case adds up to: paid so far, the balance, days left, and the order of urgency.

Read-only helpers (selectors) shared by the case pages, reminder emails and letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notices.irs import deadlines, notice_types
from notices.models import Case, EarlierNotice
from notices.when import When, when

ZERO = Decimal("0.00")


# What a list of cases shows (the dashboard): a list reads only these, not the notes,
# addresses and check-up answers, which cost time to fetch and decode for every row.
LIST_FIELDS = (
    "public_id", "nickname", "notice_type", "notice_date", "pay_by", "tax_year",
    "amount_due", "status",
)  # fmt: skip


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
    # Worked out once per request: the pages read them many times.
    deadline: deadlines.Deadline
    when: When

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and not self.case.is_resolved

    @property
    def days_overdue(self) -> int:
        return max(-self.days_left, 0)

    # For a list row, so the template only prints values.

    @property
    def url(self) -> str:
        return reverse("notices:case_detail", kwargs={"public_id": self.case.public_id})

    @property
    def notice_line(self) -> str:
        year = gettext("tax year %(year)s") % {"year": self.case.tax_year}
        return f"{self.case.notice_type}, {year}"

    @property
    def is_bill(self) -> bool:
        return self.case.rules.is_bill

    @property
    def status_label(self) -> str:
        # Not get_status_display(): it hashes every translated choice on each call.
        return str(Case.Status(self.case.status).label)


def summarize(case: Case, *, today: date | None = None, paid: Decimal | None = None) -> CaseSummary:
    """`paid`: the total paid, when the caller already has the payments in hand."""
    if paid is None:
        paid = getattr(case, "paid_total", None)
    if paid is None:
        paid = payment_total(case)
    deadline = case.deadline
    days_left = deadlines.days_left(deadline.due, today=today or timezone.localdate())
    return CaseSummary(
        case=case,
        paid=paid,
        balance=max(case.amount_due - paid, ZERO),
        days_left=days_left,
        deadline=deadline,
        when=when(case, deadline.due, deadline.rule, days_left),
    )


def by_urgency(summaries: list[CaseSummary]) -> list[CaseSummary]:
    """Open cases first, overdue at the top, then by days left; resolved ones last."""
    return sorted(summaries, key=lambda s: (s.case.is_resolved, s.days_left, s.case.id))


def payment_total(case: Case) -> Decimal:
    total: Decimal | None = case.payments.aggregate(total=Sum("amount"))["total"]
    return total or ZERO


# The notice a case follows now, and where it sits in the usual order

# What each notice is, in a sentence. Source: docs/sources.md, "What a CP14 is", "Notice
# sequence after a CP14" and "CP2000 and other related notices"; guide page related-notices.
WHAT_IT_IS: dict[str, Promise] = {
    "CP14": _(
        "A CP14 is usually the first bill for a tax year. It says how much you owe and how "
        "to pay. It is not an audit."
    ),
    "CP501": _(
        "A CP501 is the first reminder that you still owe. It warns that the IRS may file a "
        "Notice of Federal Tax Lien. That is a public claim on your property for the debt."
    ),
    "CP503": _(
        "A CP503 is the second reminder. It means the IRS has not yet got your payment, or "
        "heard back from you about its earlier notices."
    ),
    "CP504": _(
        "A CP504 is a notice of intent to levy. The IRS says it intends to take any state tax "
        "refund you are owed, and it may look for other things it can levy."
    ),
    "LT11": _(
        "An LT11 or Letter 1058 is the final notice before the IRS levies most property. A "
        "levy is when the IRS takes money or property to pay the debt. This notice gives you "
        "the right to a hearing."
    ),
    "CP2000": _(
        "A CP2000 is a proposal, not a bill. Income or payment details the IRS got from "
        "others, such as employers or banks, do not match your return. The change could raise "
        "your tax, lower it, or leave it the same."
    ),
}


@dataclass(frozen=True)
class About:
    """What the case page's "About your notice" box needs besides the rules themselves."""

    rules: notice_types.NoticeRules
    what: Promise | str
    # The first day the higher late-payment rate can apply, counted from the earliest
    # notice of intent to levy on the case (IRC 6651(d)); None when this is not one.
    levy_rate_from: date | None
    # True when that date comes from an earlier notice in the case's history.
    levy_from_earlier: bool
    guide_anchor: str  # the notice's section on the guide page related-notices


def about(case: Case, earlier: Sequence[EarlierNotice]) -> About:
    rules = case.rules
    levy_from, from_earlier = None, False
    if rules.levy_notice:
        levy_from = notice_types.levy_rate_from(case.notice_type, case.notice_date)
        for notice in earlier:
            day = notice_types.levy_rate_from(notice.notice_type, notice.notice_date)
            if day is not None and levy_from is not None and day < levy_from:
                levy_from, from_earlier = day, True
    what = WHAT_IT_IS.get(case.notice_type, case.get_notice_type_display())
    return About(rules, what, levy_from, from_earlier, notice_types.guide_anchor(case.notice_type))


@dataclass(frozen=True)
class Stage:
    """One notice of the usual order (notice_types.SEQUENCE), as the case's timeline shows it.

    `place` is "current" (the notice the case follows now), "received" (an earlier notice
    the person recorded), "before" (usually sent before the current one, not recorded),
    "after" (may come next: the typical order, never a promise) or "order" (the case's
    notice is outside the order, as a CP2000 is).
    """

    code: str
    label: str
    place: str
    dates: tuple[date, ...]  # notice dates of the recorded notices of this type


def stages(case: Case, earlier: Sequence[EarlierNotice]) -> list[Stage]:
    current = case.rules.step
    received: dict[str, list[date]] = {}
    for notice in earlier:
        received.setdefault(notice.notice_type, []).append(notice.notice_date)
    result = []
    for code in notice_types.SEQUENCE:
        step = notice_types.rules_for(code).step or 0
        if code == case.notice_type:
            place = "current"
        elif code in received:
            place = "received"
        elif current is None:
            place = "order"
        else:
            place = "before" if step < current else "after"
        label = str(Case.NoticeType(code).label)
        result.append(Stage(code, label, place, tuple(sorted(received.get(code, ())))))
    return result


@dataclass(frozen=True)
class Event:
    """A dated line of the case's timeline. `kind`: "earlier" (a recorded earlier notice,
    in `notice`), "notice" (the current notice's date), "key-date" (its date to pay, ask
    for a hearing or respond by) or "levy-rate" (the higher late-payment rate can start)."""

    day: date
    kind: str
    notice: EarlierNotice | None = None


def events(case: Case, earlier: Sequence[EarlierNotice], about: About) -> list[Event]:
    """The timeline, oldest first. Without a date on file there is no key date to show:
    the notice date only stands in for it ("act now")."""
    found = [Event(notice.notice_date, "earlier", notice) for notice in earlier]
    found.append(Event(case.notice_date, "notice"))
    if case.deadline.rule != deadlines.Rule.NOT_ON_FILE:
        found.append(Event(case.deadline.due, "key-date"))
    if about.levy_rate_from is not None:
        found.append(Event(about.levy_rate_from, "levy-rate"))
    return sorted(found, key=lambda event: event.day)
