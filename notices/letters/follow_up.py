"""When to check on a mailed letter: the follow-up date a mailed letter's reminder is about.

Pure date logic, shared by the letter page, the case page and the reminder schedule.
"""

from __future__ import annotations

from datetime import date

from notices.irs import deadlines
from notices.models import Letter


def reply_wait_days(notice_type: str) -> int:
    """How long to give the IRS to answer a letter about this kind of notice.

    The same for every notice we write letters for: docs/sources.md ("Disputing a CP14")
    records "allow at least 30 days for a reply" and no longer wait for any of them (the
    CP2000, which has its own rules, gets no letters of ours). A notice that needs longer
    gets its own figure here, from an official source.
    """
    return deadlines.REPLY_WAIT_DAYS


def follow_up_on(letter: Letter) -> date | None:
    """The first IRS working day once the wait after mailing is over; None if not mailed.

    Later, never earlier, when the day falls on a weekend or holiday: the wait is a minimum.
    """
    if letter.mailed_on is None:
        return None
    waited = deadlines.days_after(letter.mailed_on, reply_wait_days(letter.case.notice_type))
    return deadlines.next_business_day(waited)
