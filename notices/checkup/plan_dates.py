"""When each plan step is due, and the line above the steps that says what to do by when.

Pure domain code. Dates are worked out from today and the notice's key date (the pay-by
date of a bill, the hearing deadline of an LT11, the response date of a CP2000). Steps that
need the IRS (a call, a letter, an application, a payment by mail) are only ever dated on
a day the IRS works: not a weekend or DC legal holiday (IRC 7503; docs/sources.md,
"Holidays and business days").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from notices.checkup import plan_phrases as phrases
from notices.checkup.text import Text, fill
from notices.irs import deadlines, notice_types
from notices.irs.formatting import long_date

CALL_WITHIN_DAYS = 7  # our own rule: call or write within a week
REPLY_WAIT_DAYS = deadlines.REPLY_WAIT_DAYS  # allow this long for a reply to a letter

Due = tuple[date | None, Text]  # a step's date (None when there is none) and its words


def plan_text(text: Text, **values: object) -> Text:
    """`text` filled with every figure, the plan's own day counts and `values`."""
    return fill(text, {"call_days": CALL_WITHIN_DAYS, "reply_days": REPLY_WAIT_DAYS, **values})


def when_words(key: str) -> Text:
    return plan_text(phrases.WHEN[key])


@dataclass(frozen=True)
class Bill:
    """What we know about the notice in hand: its type, key date and amount."""

    pay_by: date | None  # the key date: to pay, to ask for a hearing or to answer by
    rule: str | None  # deadlines.Rule value; None when unknown
    amount: Decimal | None
    overdue: bool
    notice_type: str = notice_types.FIRST_NOTICE
    notice_date: date | None = None

    @property
    def rules(self) -> notice_types.NoticeRules:
        return notice_types.rules_for(self.notice_type)


def bill_from(
    *,
    notice_type: str,
    notice_date: date | None,
    printed: date | None,
    amount: Decimal | None,
    today: date,
) -> Bill:
    if notice_date is None and printed is None:
        return Bill(None, None, amount, False, notice_type, notice_date)
    if notice_date is None:
        assert printed is not None
        key = deadlines.Deadline(printed, deadlines.Rule.PRINTED, printed)
    else:
        key = notice_types.key_date(
            notice_type, notice_date=notice_date, amount=amount or Decimal(0), printed=printed
        )
    return Bill(key.due, key.rule.value, amount, key.due < today, notice_type, notice_date)


_KEY_DATE_WORDS = {
    notice_types.DateKind.PAY: "pay-by",
    notice_types.DateKind.HEARING: "hearing-by",
    notice_types.DateKind.RESPOND: "respond-by",
}


@dataclass(frozen=True)
class When:
    """Due dates for plan steps, worked out once from today and the key date."""

    today: date
    bill: Bill

    def by_key_date(self) -> Due:
        if self.bill.pay_by is None:
            return None, when_words("pay-by-unknown")
        if self.bill.overdue:
            return self.today, when_words("pay-by-passed")
        return self.bill.pay_by, when_words(_KEY_DATE_WORDS[self.bill.rules.date_kind])

    def within_a_week(self) -> Due:
        """Within 7 days, or by the key date if that comes first."""
        week = self.today + timedelta(days=CALL_WITHIN_DAYS)
        pay_by = self.bill.pay_by
        if pay_by is not None and self.today <= pay_by < week:
            return pay_by, when_words("before-pay-by")
        return week, when_words("within-days")

    def today_step(self) -> Due:
        return self.today, when_words("today")

    def irs_day(self, day: date) -> date:
        """The latest IRS working day from today to `day`; if there is none, the next one.

        Moving earlier keeps a step before the date it serves; only a step due today on a
        weekend or holiday moves later, to the next day the IRS is open.
        """
        candidate = day
        while candidate >= self.today:
            if deadlines.is_business_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
        return deadlines.next_business_day(day)


def notice_finding(bill: Bill) -> Text:
    """What the notice in hand changes: its own sentence, with its dates."""
    notice_date = bill.notice_date
    levy_from = notice_types.levy_rate_from(bill.notice_type, notice_date) if notice_date else None
    values: dict[str, object] = {
        "notice": bill.notice_type,
        "day": long_date(bill.pay_by) if bill.pay_by else phrases.DATE_ON_LETTER,
        "levy_day": long_date(levy_from) if levy_from else plan_text(phrases.LEVY_DAY_UNKNOWN),
    }
    return plan_text(phrases.FINDINGS[f"notice-{bill.notice_type}"], **values)


def headline(a: Mapping[str, Any], bill: Bill) -> SafeString | str:
    """One line above the steps that says what to do by the key date, as the steps do."""
    if bill.pay_by is None:
        return str(plan_text(phrases.HEADLINES["unknown"]))
    if bill.rule == deadlines.Rule.NOT_ON_FILE:
        return str(plan_text(phrases.HEADLINES["not-on-file"]))
    kind = bill.rules.date_kind
    if kind == notice_types.DateKind.PAY:
        key = "pay-passed" if bill.overdue else _pay_headline(a, bill)
    else:
        key = str(kind) + ("-passed" if bill.overdue else "")
    day = format_html("<strong>{}</strong>", date_format(bill.pay_by, gettext("l, F j, Y")))
    return format_html(str(plan_text(phrases.HEADLINES[key], day="{}")), day)


def _pay_headline(a: Mapping[str, Any], bill: Bill) -> str:
    if a.get("already-paid") == "all":
        return "paid"
    scope = a.get("dispute-scope")
    if scope == "none":
        return "question"
    if scope == "part":
        return "pay-part" if a.get("can-pay") == "full" else "part-what-you-can"
    if a.get("can-pay") != "full":
        return "pay-what-you-can"
    return "pay-window" if bill.rules.interest_window else "pay-in-full"
