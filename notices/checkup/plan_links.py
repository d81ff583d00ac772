"""The links under each plan step: guide pages, IRS.gov, case pages and letters.

URL names are resolved in the template (notices/templatetags/checkup.py). Before a plan is
saved, a link into a case becomes a link to saving the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from notices.checkup import plan_phrases as phrases
from notices.checkup.text import Text
from notices.irs import deadlines, notice_types


class CaseLike(Protocol):
    """What the plan needs from a case (notices.models.Case)."""

    public_id: Any
    amount_due: Decimal
    notice_type: str
    notice_date: date

    @property
    def deadline(self) -> deadlines.Deadline: ...


@dataclass(frozen=True)
class Tool:
    """A link from a plan step. URL names are resolved in the template."""

    label: Text
    url_name: str = ""
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    fragment: str = ""
    href: str = ""  # an outside page (IRS.gov)
    save_first: bool = False  # needs a saved case: links to saving the plan
    letter: str = ""  # the letter kind (notices.models.Letter.Kind) a letter link makes

    @property
    def explains(self) -> bool:
        """A guide page or an IRS page, not a form or a log."""
        return self.url_name == "guidance:page" or bool(self.href)


def guide(slug: str, label: str, fragment: str = "") -> Tool:
    return Tool(phrases.TOOLS[label], "guidance:page", {"slug": slug}, fragment)


def case_tool(
    case: CaseLike | None, label: str, url_name: str, fragment: str = "", **kwargs: str
) -> Tool:
    """A link into a saved case; before the plan is saved, a link to saving it."""
    if case is None:
        return Tool(phrases.TOOLS[label], "notices:flow_save", save_first=True)
    return Tool(phrases.TOOLS[label], url_name, {"public_id": case.public_id, **kwargs}, fragment)


def letter(case: CaseLike | None, kind: str, label: str) -> Tool:
    return replace(case_tool(case, label, "notices:letter_create", kind=kind), letter=kind)


def estimator(case: CaseLike | None) -> Tool:
    if case is None:
        return Tool(phrases.TOOLS["waiting-costs"], "notices:estimator")
    return Tool(
        phrases.TOOLS["waiting-costs"], "notices:case_estimate", {"public_id": case.public_id}
    )


def contact_log(case: CaseLike | None) -> Tool:
    return case_tool(case, "log-call", "notices:case_detail", "contacts")


def payment_log(case: CaseLike | None) -> Tool:
    return case_tool(case, "log-payment", "notices:case_detail", "payments")


IRS_PAYMENTS = Tool(phrases.TOOLS["irs-payments"], href="https://www.irs.gov/payments")
CHECK_A_NOTICE = guide("is-it-real", "check-notice", "how-to-check-your-notice")
CALL_TIPS = guide("calling-the-irs", "call-tips")
HOW_TO_PAY = guide("how-to-pay", "how-to-pay")
WHO_CAN_HELP = guide("getting-help", "who-can-help")
THINK_ITS_WRONG = guide("think-its-wrong", "think-its-wrong")
ALREADY_PAID = guide("already-paid", "already-paid")
HEARING = guide("related-notices", "hearing", notice_types.guide_anchor("LT11"))
CP2000_GUIDE = guide("related-notices", "cp2000", notice_types.guide_anchor("CP2000"))
RECORDS = guide("step-by-step", "records")
