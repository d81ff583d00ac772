"""The notices in the IRS balance-due sequence, and the rules each one carries, as data.

Pure domain code (no Django models). One entry per notice the product tracks: which date
matters and how it is counted, what changes in money, what rights it carries, and which
letters fit. The case page, the dashboard, reminders, the calendar, the estimator and the
action plan all read these rules; none of them tests a notice number itself.
Sources: docs/sources.md, "Notice types and their rules", and the headings named below.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from notices.irs import deadlines, rates


class DateKind(enum.StrEnum):
    """What the key date of a notice asks the person to do by then."""

    PAY = "pay"  # pay in full (or call) by this date
    HEARING = "hearing"  # ask for a Collection Due Process hearing by this date
    RESPOND = "respond"  # send the notice's response form by this date


@dataclass(frozen=True)
class NoticeRules:
    code: str
    date_kind: DateKind
    # IRC 6601(e)(3): paying in full within the window stops interest after the notice date.
    # Only the first notice and demand (CP14) starts that window; reminders do not.
    interest_window: bool
    # IRC 6331(d) notice of intent to levy: the late-payment penalty rises to 1% a month
    # for months that begin more than 10 days after its date (IRC 6651(d)).
    levy_notice: bool
    # IRC 6330: the right to a Collection Due Process hearing (Form 12153).
    hearing_rights: bool
    # A bill for an assessed balance; a CP2000 is a proposal answered on its response form.
    is_bill: bool
    letters: tuple[str, ...]  # letter kinds (notices.models.Letter.Kind values) that fit
    step: int | None  # place in the usual CP14 → LT11 order; None when not in it


FIRST_NOTICE = "CP14"
_BILL_LETTERS = ("dispute", "payment_trace", "abatement", "payment_cover")

RULES: dict[str, NoticeRules] = {
    rule.code: rule
    for rule in (
        NoticeRules("CP14", DateKind.PAY, True, False, False, True, _BILL_LETTERS, 1),
        NoticeRules("CP501", DateKind.PAY, False, False, False, True, _BILL_LETTERS, 2),
        NoticeRules("CP503", DateKind.PAY, False, False, False, True, _BILL_LETTERS, 3),
        NoticeRules("CP504", DateKind.PAY, False, True, False, True, _BILL_LETTERS, 4),
        # No dispute letter: the hearing request on Form 12153 is where to say it is wrong.
        NoticeRules(
            "LT11",
            DateKind.HEARING,
            False,
            True,
            True,
            True,
            ("payment_trace", "abatement", "payment_cover"),
            5,
        ),
        # No letters of ours: the CP2000's own response form is the answer, with any
        # payment sent in the envelope that comes with it.
        NoticeRules("CP2000", DateKind.RESPOND, False, False, False, False, (), None),
    )
}
SEQUENCE: tuple[str, ...] = tuple(
    code for code, rule in sorted(RULES.items(), key=lambda item: item[1].step or 99) if rule.step
)


def rules_for(code: str) -> NoticeRules:
    """The rules of notice `code`; an unknown code gets the CP14's (the first bill)."""
    return RULES.get(code, RULES[FIRST_NOTICE])


def guide_anchor(code: str) -> str:
    """The notice's section on the guide pages related-notices and if-you-do-nothing."""
    return "lt11-or-letter-1058" if code == "LT11" else code.lower()


def key_date(
    code: str, *, notice_date: date, amount: Decimal, printed: date | None
) -> deadlines.Deadline:
    """The date that matters most on notice `code`, and how it was found.

    A date printed on the notice always wins: it is the IRS's own. Without one:
    - CP14: 21 days, or 10 business days at $100,000 or more (IRC 6601(e)(3), 7503);
    - LT11 / Letter 1058: 30 days to ask for a hearing (IRC 6330(a)(3)(B)), moved off a
      weekend or holiday (IRC 7503);
    - reminders and the CP2000: no rule gives a date we could compute, so the notice date
      itself stands in ("pay or answer now") until the person adds the printed date. An
      early date is the safe error; a late one could cost rights.
    """
    rules = rules_for(code)
    if printed is not None or rules.interest_window:
        return deadlines.effective_deadline(notice_date=notice_date, amount=amount, pay_by=printed)
    if rules.hearing_rights:
        unadjusted = deadlines.days_after(notice_date, deadlines.HEARING_WINDOW_DAYS)
        return deadlines.Deadline(
            deadlines.next_business_day(unadjusted), deadlines.Rule.HEARING_30, unadjusted
        )
    return deadlines.Deadline(notice_date, deadlines.Rule.NOT_ON_FILE, notice_date)


def levy_rate_from(code: str, notice_date: date) -> date | None:
    """The first day the 1% monthly late-payment rate can apply, or None for this notice.

    IRC 6651(d): the rate rises for months that begin after the day 10 days after a notice
    of intent to levy is given. We count from the date printed on the notice.
    """
    if not rules_for(code).levy_notice:
        return None
    return deadlines.days_after(notice_date, rates.FTP_LEVY_RATE_AFTER_DAYS + 1)
