"""Estimate what a CP14 balance costs under each way of paying it.

How we estimate (the rules; sources for each figure: docs/sources.md):

- This is an estimate, not an IRS figure. The IRS's own numbers may differ. Your IRS Online
  Account shows the exact amount to pay off your balance today.
- Paying by the date on the notice. The amount due on the notice is what you owe if you pay
  in full by the pay-by date printed on it. Paying that amount by then costs nothing more.
- Interest. If the balance is not paid in full by the pay-by date, interest is charged from
  the notice date, not only from the pay-by date. It is charged every day on everything you
  still owe (tax, penalties and earlier interest), so it compounds daily. Each day uses the
  IRS yearly rate for its calendar quarter, divided by 365 (366 in a leap year). For quarters
  the IRS has not published yet, we assume the last published rate stays the same.
- Late-payment penalty. 0.5% of the unpaid tax for each month or part of a month, counted
  from the return due date (April 15 after the tax year, or the next business day). Each
  penalty month ends on the same day of the month as that due date; if tax is still unpaid
  the next day, a new month starts and is charged in full. We assume the months that had
  started by the notice date are already in the amount on the notice. The penalty stops at
  25% of the tax. While an installment agreement is in effect the rate is 0.25% a month
  (this assumes you filed your return on time), and those months count toward the same 25%
  limit. We treat an installment agreement as in effect from the notice date until it is
  paid off. A short-term plan is not an installment agreement, so its rate stays at 0.5%.
- Not included: the 1% monthly penalty rate that applies after a notice of intent to levy,
  the penalty for filing late, other penalties, and card processing fees.
- How payments are applied. Each payment goes to tax first, then penalties, then interest,
  so the penalty shrinks as you pay the tax. This order comes from older IRS guidance that we
  have not yet re-checked.
- Payments. Paying on a date means paying everything you owe that day. Monthly plans pay the
  same amount each month on the same day of the month as the first payment; the last payment
  is whatever is left. A short-term plan's last payment falls on its last day (180 days after
  the notice date at most). Every payment is a whole number of cents.
- Plan fees. The installment agreement setup fee is paid with the first payment. The fee
  amounts are believed to apply since July 1, 2024, but we have not confirmed them with the
  IRS. Short-term plans have no setup fee.
- Plan limits. A short-term plan is for balances under $100,000 and lasts up to 180 days. An
  installment agreement here lasts up to 72 months; you can apply online if you owe $50,000
  or less. We check these limits against the amount on the notice.
"""

from __future__ import annotations

import calendar
import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from notices.irs import rates
from notices.irs.deadlines import return_due_date
from notices.irs.formatting import dollars, whole_dollars

CENT = Decimal("0.01")
ZERO = Decimal(0)
MAX_MONTHS_AHEAD = 120  # estimates further out than 10 years are not meaningful
HOW_TO_APPLY = ("online", "phone", "mail", "in_person")
# 34 significant digits keeps years of daily compounding exact far below a cent.
_MATH = decimal.Context(prec=34, rounding=decimal.ROUND_HALF_EVEN)


class EstimateError(ValueError):
    """Input we cannot estimate. The message is plain English and shown to the user."""


def cents(amount: Decimal) -> Decimal:
    """`amount` rounded to the cent, half up: for display and for real payments only."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day if it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, kw_only=True)
class Bill:
    """A CP14 balance. `tax_part` is the unpaid tax inside `amount_due` (default: all of it)."""

    amount_due: Decimal
    notice_date: date
    pay_by: date
    tax_year: int
    tax_part: Decimal | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.amount_due, Decimal) or not isinstance(self.tax, Decimal):
            raise TypeError("Bill amounts must be Decimal, never float or int.")
        if self.amount_due <= 0:
            raise EstimateError("The amount due must be more than $0.")
        if not ZERO <= self.tax <= self.amount_due:
            raise EstimateError("The tax part must be between $0 and the amount due.")
        if self.notice_date < rates.UNDERPAYMENT_RATES[0][0]:
            raise EstimateError("We can only estimate notices dated 2018 or later.")
        if self.pay_by < self.notice_date:
            raise EstimateError("The pay-by date can't be before the notice date.")
        if self.tax_year >= self.notice_date.year:
            raise EstimateError("The tax year must be before the year of the notice date.")

    @property
    def tax(self) -> Decimal:
        return self.amount_due if self.tax_part is None else self.tax_part


@dataclass(frozen=True)
class Outcome:
    """The estimated cost of one option. Money is unrounded; show it with cents()."""

    label: str
    amount_due: Decimal
    total_paid: Decimal  # everything paid (or owed, for do_nothing), fees included
    penalty_added: Decimal
    interest_added: Decimal
    fees: Decimal
    payoff_date: date | None
    monthly_payment: Decimal | None
    months: int | None
    points: tuple[tuple[date, Decimal], ...]  # (date, balance in cents) for a chart
    rates_assumed: bool  # True if a quarter past the last published rate was used

    @property
    def extra_cost(self) -> Decimal:
        return self.total_paid - self.amount_due


@dataclass
class _Run:
    paid: Decimal = ZERO
    last_payment: Decimal = ZERO
    payments: int = 0
    penalty: Decimal = ZERO
    interest: Decimal = ZERO
    balance: Decimal = ZERO
    payoff_date: date | None = None
    rates_assumed: bool = False
    points: list[tuple[date, Decimal]] = field(default_factory=list)


def _penalty_months(bill: Bill, until: date) -> tuple[set[date], Decimal]:
    """Days after the notice date when a new penalty month starts, and the rate used so far.

    Month 1 starts the day after the return due date; each month ends on the monthly
    anniversary of that date. Months started by the notice date are already on the notice,
    charged at 0.5% each.
    """
    due = return_due_date(bill.tax_year)
    starts: set[date] = set()
    started = 0
    k = 0
    while (start := add_months(due, k) + timedelta(days=1)) <= until:
        if start <= bill.notice_date:
            started += 1
        else:
            starts.add(start)
        k += 1
    return starts, min(started * rates.FTP_MONTHLY_RATE, rates.FTP_MAX_RATE)


def _simulate(
    bill: Bill, *, until: date, payments: Mapping[date, Decimal | None], plan: bool = False
) -> _Run:
    """Walk day by day from the notice date to `until`, or until the balance is paid off.

    `payments` maps a date to an amount, or to None for "pay everything owed". `plan` means an
    installment agreement is in effect. Each day after the notice date:
    1. interest for the day on the whole balance, at that day's quarterly rate;
    2. a penalty month, if one starts that day: the monthly rate times the unpaid tax;
    3. the day's payment, applied to tax first, then penalties and interest.
    Interest and penalty up to the pay-by date are held aside, and charged only if the balance
    is not paid in full by the end of the pay-by date (IRC 6601(e)(3)).
    """
    run = _Run()
    with decimal.localcontext(_MATH):
        # Penalties and interest share one bucket, `rest`: paying one before the other changes
        # no number here, as only the tax carries the penalty and interest runs on everything.
        tax, rest = bill.tax, bill.amount_due - bill.tax
        held_interest = held_penalty = ZERO
        month_starts, rate_used = _penalty_months(bill, until)
        monthly_rate = rates.FTP_PLAN_MONTHLY_RATE if plan else rates.FTP_MONTHLY_RATE
        span = (until.year - bill.notice_date.year) * 12 + until.month - bill.notice_date.month
        chart_days = {add_months(bill.notice_date, k) for k in range(span + 1)}
        chart_days |= {bill.pay_by, bill.pay_by + timedelta(days=1), until}
        day = bill.notice_date
        while True:
            if day > bill.notice_date:
                quarter = rates.rate_for(day)
                run.rates_assumed |= not quarter.published
                owed = tax + rest + held_interest + held_penalty
                interest = owed * quarter.rate / (366 if calendar.isleap(day.year) else 365)
                penalty = ZERO
                if day in month_starts and tax > 0 and rate_used < rates.FTP_MAX_RATE:
                    step = min(monthly_rate, rates.FTP_MAX_RATE - rate_used)
                    rate_used += step
                    penalty = tax * step
                if day <= bill.pay_by:
                    held_interest += interest
                    held_penalty += penalty
                else:
                    rest += interest + penalty
                    run.interest += interest
                    run.penalty += penalty
            if day in payments:
                amount = payments[day]
                if amount is None or amount >= cents(tax + rest):
                    # Pays off (to the cent). Anything held aside is forgiven or already charged.
                    amount = cents(tax + rest)
                    tax = rest = held_interest = held_penalty = ZERO
                else:
                    to_tax = min(amount, tax)
                    tax, rest = tax - to_tax, rest - (amount - to_tax)
                run.paid += amount
                run.last_payment = amount
                run.payments += 1
            if day in chart_days or day in payments:
                run.points.append((day, cents(tax + rest)))
            if day == bill.pay_by and tax + rest > 0:  # the interest-free window has closed
                rest += held_interest + held_penalty
                run.interest += held_interest
                run.penalty += held_penalty
                held_interest = held_penalty = ZERO
            if tax + rest == 0:
                run.payoff_date = day
                break
            if day >= until:
                break
            day += timedelta(days=1)
        run.balance = tax + rest
    return run


def _outcome(
    label: str,
    bill: Bill,
    run: _Run,
    *,
    fees: Decimal = ZERO,
    monthly_payment: Decimal | None = None,
    months: int | None = None,
) -> Outcome:
    return Outcome(
        label=label,
        amount_due=bill.amount_due,
        # Unpaid (do_nothing): the total is what you would owe at the end.
        total_paid=run.paid + fees if run.payoff_date else run.balance,
        penalty_added=run.penalty,
        interest_added=run.interest,
        fees=fees,
        payoff_date=run.payoff_date,
        monthly_payment=monthly_payment,
        months=months,
        points=tuple(run.points),
        rates_assumed=run.rates_assumed,
    )


def _check_horizon(bill: Bill, day: date, what: str) -> None:
    if day < bill.notice_date:
        raise EstimateError(f"{what} can't be before the notice date.")
    if day > add_months(bill.notice_date, MAX_MONTHS_AHEAD):
        raise EstimateError("We can only estimate up to 10 years after the notice date.")


def pay_by_deadline(bill: Bill) -> Outcome:
    """Pay the amount due in full by the pay-by date: costs exactly the amount due."""
    run = _simulate(bill, until=bill.pay_by, payments={bill.pay_by: None})
    return _outcome("pay_by_deadline", bill, run)


def pay_on(bill: Bill, *, day: date) -> Outcome:
    """Pay everything owed on `day` in one payment."""
    _check_horizon(bill, day, "The payment date")
    return _outcome("pay_on", bill, _simulate(bill, until=day, payments={day: None}))


def do_nothing(bill: Bill, *, months: int) -> Outcome:
    """What you would owe `months` months after the notice date if you paid nothing."""
    if not 1 <= months <= MAX_MONTHS_AHEAD:
        raise EstimateError("Choose between 1 and 120 months.")
    run = _simulate(bill, until=add_months(bill.notice_date, months), payments={})
    return _outcome("do_nothing", bill, run, months=months)


def _schedule(dates: list[date], payment: Decimal) -> dict[date, Decimal | None]:
    """`payment` on each date; the last date pays whatever is left."""
    return {**dict.fromkeys(dates[:-1], payment), dates[-1]: None}


def _level_payment(bill: Bill, dates: list[date], plan: bool) -> Decimal:
    """The smallest whole-cent monthly amount whose last payment is no bigger than the rest.

    Bisection: paying more each month never makes the last payment bigger. `low` is too
    little (the payments would not even cover the amount due). `high` is enough: with no
    payments the balance on the last date would be `high` times the number of payments.
    """
    n = len(dates)
    low = max(ZERO, (bill.amount_due / n).quantize(CENT, rounding=ROUND_DOWN) - CENT)
    unpaid = _simulate(bill, until=dates[-1], payments={}, plan=plan).balance
    high = (unpaid / n).quantize(CENT, rounding=ROUND_UP)
    while high - low > CENT:
        middle = ((low + high) / 2).quantize(CENT)
        run = _simulate(bill, until=dates[-1], payments=_schedule(dates, middle), plan=plan)
        low, high = (low, middle) if run.last_payment <= middle else (middle, high)
    return high


def _monthly_plan(
    label: str, bill: Bill, dates: list[date], *, plan: bool, fee: Decimal
) -> Outcome:
    payment = _level_payment(bill, dates, plan)
    run = _simulate(bill, until=dates[-1], payments=_schedule(dates, payment), plan=plan)
    return _outcome(label, bill, run, fees=fee, monthly_payment=payment, months=run.payments)


def short_term_plan(bill: Bill, *, days: int) -> Outcome:
    """Pay off within `days` (up to 180) in equal monthly payments, no setup fee.

    Payments fall on the same day of each month, starting one month after the notice date;
    the last one pays off on day `days`. The rate stays at 0.5% (not an installment agreement).
    """
    if not 1 <= days <= rates.SHORT_TERM_MAX_DAYS:
        raise EstimateError(
            f"A short-term plan must be paid off within {rates.SHORT_TERM_MAX_DAYS} days."
        )
    if bill.amount_due >= rates.SHORT_TERM_BALANCE_LIMIT:
        raise EstimateError(
            "A short-term plan is only for balances under "
            f"{whole_dollars(rates.SHORT_TERM_BALANCE_LIMIT)}. "
            "Look at a long-term payment plan instead."
        )
    last = bill.notice_date + timedelta(days=days)
    dates = [add_months(bill.notice_date, k) for k in range(1, 7)]
    dates = [day for day in dates if day < last] + [last]
    return _monthly_plan("short_term_plan", bill, dates, plan=False, fee=rates.SHORT_TERM_SETUP_FEE)


def _first_month_growth(bill: Bill, start: date) -> Decimal:
    """Interest and penalty added in the month before the first payment, with nothing paid."""
    before = max(bill.notice_date, add_months(start, -1))
    grown = _simulate(bill, until=start, payments={}, plan=True).balance
    return grown - _simulate(bill, until=before, payments={}, plan=True).balance


def installment_plan(
    bill: Bill,
    *,
    months: int | None = None,
    monthly_payment: Decimal | None = None,
    how: str = "online",
    direct_debit: bool = True,
    low_income: bool = False,
    start: date | None = None,
) -> Outcome:
    """A long-term plan (installment agreement) over `months`, or at `monthly_payment`.

    Payments start on `start` (default: one month after the notice date) and fall on the
    same day of each month. The setup fee is paid with the first payment.
    """
    if (months is None) == (monthly_payment is None):
        raise EstimateError("Choose either a number of months or a monthly payment.")
    if how not in HOW_TO_APPLY:
        raise EstimateError("Choose how you would apply: online, by phone, by mail or in person.")
    if how == "online" and bill.amount_due > rates.ONLINE_PLAN_BALANCE_LIMIT:
        raise EstimateError(
            "You can apply online only if you owe "
            f"{whole_dollars(rates.ONLINE_PLAN_BALANCE_LIMIT)} or less. "
            "Choose to apply by phone, by mail or in person."
        )
    start = add_months(bill.notice_date, 1) if start is None else start
    _check_horizon(bill, start, "The first payment")
    fee = rates.setup_fee(online=how == "online", direct_debit=direct_debit, low_income=low_income)
    limit = rates.STREAMLINED_MAX_MONTHS
    if months is not None:
        if not 1 <= months <= limit:
            raise EstimateError(f"A payment plan can last from 1 to {limit} months.")
        dates = [add_months(start, k) for k in range(months)]
        return _monthly_plan("installment_plan", bill, dates, plan=True, fee=fee)

    assert monthly_payment is not None
    payment = cents(monthly_payment)
    growth = _first_month_growth(bill, start)
    if payment <= growth:
        raise EstimateError(
            f"{dollars(payment)} a month is not more than the interest and penalty added in "
            f"the first month ({dollars(growth)}), so the balance would never go down."
        )
    dates = [add_months(start, k) for k in range(limit)]
    run = _simulate(bill, until=dates[-1], payments=dict.fromkeys(dates, payment), plan=True)
    if run.payoff_date is None:
        needed = _level_payment(bill, dates, plan=True)
        raise EstimateError(
            f"At {dollars(payment)} a month the plan would take more than {limit} months. "
            f"To pay it off in {limit} months, pay at least {dollars(needed)} a month."
        )
    return _outcome(
        "installment_plan", bill, run, fees=fee, monthly_payment=payment, months=run.payments
    )


def compare(bill: Bill, *, low_income: bool = False) -> tuple[Outcome, ...]:
    """The standard options for the estimator page.

    Options the bill does not qualify for are left out: the short-term plan at $100,000 or
    more. Above $50,000 the installment plan is priced as applying by phone.
    """
    how = "online" if bill.amount_due <= rates.ONLINE_PLAN_BALANCE_LIMIT else "phone"
    options = [pay_by_deadline(bill)]
    if bill.amount_due < rates.SHORT_TERM_BALANCE_LIMIT:
        options.append(short_term_plan(bill, days=rates.SHORT_TERM_MAX_DAYS))
    options.append(installment_plan(bill, months=12, how=how, low_income=low_income))
    options += [do_nothing(bill, months=m) for m in (3, 6, 12)]
    return tuple(options)
