"""Every option is counted on the same footing: what you pay until the balance is gone.

So waiting can never look cheaper than a plan because of what was left out of one of them.
Doing nothing for N months and then paying in full is compared with paying the same balance
off over N months. Both count the tax, the penalties and the interest; the plan's setup fee
is the one cost waiting does not have, so it is left out of this comparison (with a fee, a
small balance over a month or two can really cost less to wait: the fee is more than the
penalty and interest a plan saves). The short-term plan has no fee, so it is compared whole.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from notices.estimator.scenario import scenario
from notices.irs import penalties, rates
from notices.irs.penalties import add_months

D = Decimal
AMOUNTS = (D("150"), D("2450.18"), D("60000"), D("150000"))
# Month ends, a leap day, a Monday and a Friday after Thanksgiving; each with a notice type.
NOTICES = (
    (date(2023, 1, 31), "CP14"),
    (date(2024, 2, 29), "CP501"),
    (date(2025, 6, 2), "CP504"),
    (date(2025, 11, 28), "CP2000"),
)
TAX_SHARES = (D("0"), D("0.5"), D("1"))
MONTHS = (1, 2, 6, 12, 24)


@pytest.mark.parametrize("amount", AMOUNTS)
@pytest.mark.parametrize(("notice_date", "code"), NOTICES)
def test_waiting_never_costs_less_than_a_plan_of_the_same_length(amount, notice_date, code):
    how = "online" if amount <= rates.ONLINE_PLAN_BALANCE_LIMIT else "phone"
    for share in TAX_SHARES:
        bill = scenario(
            code,
            amount_due=amount,
            tax_part=(amount * share).quantize(D("0.01")),
            notice_date=notice_date,
            printed=None,
            tax_year=notice_date.year - 2,
        ).bill
        for months in MONTHS:
            case = (code, amount, share, months)
            wait = penalties.do_nothing(bill, months=months)
            end = add_months(notice_date, months)
            assert wait.payoff_date == end, case
            assert wait.total_paid == penalties.pay_on(bill, day=end).total_paid, case
            plan = penalties.installment_plan(bill, months=months, how=how)
            assert plan.payoff_date is not None and plan.payoff_date <= end, case
            assert wait.total_paid >= plan.total_paid - plan.fees, case
            options = [wait, plan, penalties.pay_by_deadline(bill)]
            if months <= 6 and amount < rates.SHORT_TERM_BALANCE_LIMIT:
                days = min((end - notice_date).days, rates.SHORT_TERM_MAX_DAYS)
                short = penalties.short_term_plan(bill, days=days)
                assert short.payoff_date is not None and short.payoff_date <= end, case
                assert short.fees == 0
                assert wait.total_paid >= short.total_paid, case
                options.append(short)
            for option in options:
                assert option.total_paid >= amount, (case, option.label)
                assert option.extra_cost == (option.total_paid - amount), (
                    case
                )  # nothing is left unpaid at the end: the total is what was paid


@pytest.mark.parametrize(("notice_date", "code"), NOTICES)
def test_with_the_tax_part_unknown_the_range_holds_every_real_split(notice_date, code):
    amount = D("10000")
    unknown = scenario(
        code,
        amount_due=amount,
        tax_part=None,
        notice_date=notice_date,
        printed=None,
        tax_year=notice_date.year - 2,
    )
    assert unknown.low is not None
    for share in TAX_SHARES + (D("0.8"),):
        real = scenario(
            code,
            amount_due=amount,
            tax_part=amount * share,
            notice_date=notice_date,
            printed=None,
            tax_year=notice_date.year - 2,
        ).bill
        for months in (3, 12):
            low = penalties.do_nothing(unknown.low, months=months).total_paid
            high = penalties.do_nothing(unknown.bill, months=months).total_paid
            assert low <= penalties.do_nothing(real, months=months).total_paid <= high
