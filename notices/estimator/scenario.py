"""From a notice and its numbers to the bills the cost estimate is worked out on.

Pure code (no Django). Each notice's rules come from notices/irs/notice_types.py: which date
matters, whether paying by it stops interest (only the CP14), and whether the notice is
itself a notice of intent to levy. What we assume beyond those rules is named here, and
the estimator page says each assumption in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from notices.irs import deadlines, notice_types
from notices.irs.penalties import Bill, LevyNotice, tax_range

# OUR MODELLING ASSUMPTION, NOT AN IRS RULE. The IRS gives no schedule for its reminder
# notices. When no notice of intent to levy has come yet, we assume the notices still to
# come in the usual order (CP14, CP501, CP503, then the CP504 levy notice) arrive this many
# weeks apart: a CP504 about 15 weeks after a CP14. Secondary sources describe notices about
# five weeks apart (docs/sources.md, "Notice sequence after a CP14", Low). We use it only
# for the options where nothing is paid until then; the page says "it may come sooner or
# later".
WEEKS_BETWEEN_NOTICES = 5

# The first notice in the usual order, and the first notice of intent to levy in it.
FIRST_NOTICE = notice_types.SEQUENCE[0]
LEVY_NOTICE = next(c for c in notice_types.SEQUENCE if notice_types.rules_for(c).levy_notice)


@dataclass(frozen=True)
class Scenario:
    """What the estimate is worked out on.

    `bill` holds the tax part given, or all of the amount as tax (the highest cost); `low`
    is the same bill with no tax (the lowest cost) when the tax part is not known.
    `billed_on` is the day a proposed change (CP2000) is treated as billed.
    """

    code: str
    rules: notice_types.NoticeRules
    deadline: deadlines.Deadline
    bill: Bill
    low: Bill | None
    billed_on: date | None

    @property
    def tax_known(self) -> bool:
        return self.low is None

    @property
    def levy(self) -> LevyNotice | None:
        return self.bill.levy


def assumed_levy_notice(code: str, after: date) -> date:
    """When we assume a notice of intent to levy comes, for a notice `code` dated `after`."""
    steps = notice_types.rules_for(LEVY_NOTICE).step or 0
    step = notice_types.rules_for(code).step or 1
    return after + timedelta(weeks=WEEKS_BETWEEN_NOTICES * max(steps - step, 1))


def scenario(
    code: str,
    *,
    amount_due: Decimal,
    tax_part: Decimal | None,
    notice_date: date,
    printed: date | None,
    tax_year: int,
) -> Scenario:
    """The bills for notice `code`. Raises EstimateError for numbers we cannot estimate.

    - A notice of intent to levy (CP504, LT11): the 1% rate from its date (IRC 6651(d)).
    - Any other notice: a levy notice assumed WEEKS_BETWEEN_NOTICES apart per notice left.
    - A proposed change (CP2000, not a bill): treated as if the amount were agreed and billed
      on the date it asks for an answer by. The late-payment penalty then counts from the
      end of that bill's window (IRC 6651(a)(3)), and no window stops interest.
    """
    rules = notice_types.rules_for(code)
    deadline = notice_types.key_date(
        code, notice_date=notice_date, amount=amount_due, printed=printed
    )
    billed_on = penalty_from = None
    if rules.levy_notice:
        levy_rate_from = notice_types.levy_rate_from(code, notice_date)
        assert levy_rate_from is not None
        levy = LevyNotice(notice_date, levy_rate_from)
    else:
        after = notice_date
        if not rules.is_bill:
            billed_on = after = deadline.due
            window = deadlines.effective_deadline(notice_date=billed_on, amount=amount_due)
            penalty_from = window.due
        levy_day = assumed_levy_notice(FIRST_NOTICE if not rules.is_bill else code, after)
        levy_rate_from = notice_types.levy_rate_from(LEVY_NOTICE, levy_day)
        assert levy_rate_from is not None
        levy = LevyNotice(levy_day, levy_rate_from, assumed=True)
    bill = Bill(
        amount_due=amount_due,
        tax_part=tax_part,
        notice_date=notice_date,
        pay_by=deadline.due,
        tax_year=tax_year,
        interest_window=rules.interest_window,
        levy=levy,
        penalty_from=penalty_from,
    )
    low = None
    if tax_part is None:
        low, bill = tax_range(bill)
    return Scenario(code, rules, deadline, bill, low, billed_on)
