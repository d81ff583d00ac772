"""Estimate what a balance-due notice costs under each way of paying it.

How we estimate (the rules; sources for each figure: docs/sources.md):

- An estimate, not an IRS figure: the IRS Online Account shows the exact payoff. Every
  option is counted the same way: everything paid until the balance is gone (tax, penalties,
  interest, any setup fee). Waiting N months means paying everything owed then.
- The CP14 window (IRC 6601(e)(3), `interest_window`): paid in full by the pay-by date, the
  amount due is all you pay. Only the first notice and demand has it; on a reminder or levy
  notice interest runs every day until you pay, so paying by its date costs a little more.
- Interest: otherwise from the notice date, every day, on the tax and on the penalties and
  interest on the notice, so it compounds daily (IRC 6622), at each quarter's yearly rate
  divided by 365 (366 in a leap year). For quarters not published yet, the last rate.
- Interest on penalties (IRC 6601(e)(2)): the late-filing penalty carries interest from the
  return due date (to the notice date it is in the amount due; after it, like the tax). The
  late-payment penalty carries interest only from the date of a notice that bills it, and
  only if not paid within 21 days (10 business days at $100,000 or more). So penalty added
  after the notice date carries none until billed; the only such bill we model is an
  assumed notice of intent to levy (below).
- Late-payment penalty: 0.5% of the unpaid tax for each month or part of a month from the
  return due date (IRC 6651(a)(2)); each month ends on that date's monthly anniversary and a
  new month, charged in full, starts the next day. On a proposed change (CP2000) the months
  count from the end of the window after the bill (`penalty_from`, IRC 6651(a)(3)). Months
  started by the notice date are assumed to be in the amount due. Cap: 25% of the tax.
  While an installment agreement is in effect (we assume from the notice date) the rate is
  0.25% (IRC 6651(h), for returns filed on time). A short-term plan is not one.
- Notice of intent to levy (IRC 6651(d)): months that begin after the day 10 days after it
  are charged 1%, unless an installment agreement is in effect. A known notice (CP504, LT11)
  counts for every option; an assumed one (`LevyNotice.assumed`, the estimator's modelling
  assumption) only when nothing is paid until then, and it bills the penalty added so far.
- Not included: other penalties, card processing fees.
- Payments go to tax, then penalties, then interest (older IRS guidance, not re-checked);
  penalty added after the notice date is paid before the rest. Monthly plans pay the same
  whole-cent amount on the same day each month; the last payment is what is left. A
  short-term plan ends on its last day (at most 180 days after the notice date).
- Plans: the installment agreement setup fee (believed since July 1, 2024, not confirmed)
  is paid with the first payment; short-term plans have none. A short-term plan is for
  balances under $100,000; an installment agreement here lasts up to 72 months, applied for
  online only at $50,000 or less. Limits are checked against the amount due.
"""

from __future__ import annotations

import calendar
import decimal
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from notices.irs import rates
from notices.irs.deadlines import effective_deadline, return_due_date
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


@dataclass(frozen=True)
class LevyNotice:
    """A notice of intent to levy: its date, and the first day of the 1% rate (IRC 6651(d)).

    `assumed`: no such notice yet; the caller assumes when one would come if nothing is paid.
    """

    day: date
    rate_from: date
    assumed: bool = False


@dataclass(frozen=True, kw_only=True)
class Bill:
    """A balance due. `tax_part` is the unpaid tax inside `amount_due` (default: all of it).

    `interest_window`: paying in full by `pay_by` stops interest after the notice date
    (the first notice and demand only). `penalty_from`: the day before late-payment penalty
    month 1 starts (default: the return due date).
    """

    amount_due: Decimal
    notice_date: date
    pay_by: date
    tax_year: int
    tax_part: Decimal | None = None
    interest_window: bool = True
    levy: LevyNotice | None = None
    penalty_from: date | None = None

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
            raise EstimateError("The date to pay or answer by can't be before the notice date.")
        if self.tax_year >= self.notice_date.year:
            raise EstimateError("The tax year must be before the year of the notice date.")

    @property
    def tax(self) -> Decimal:
        return self.amount_due if self.tax_part is None else self.tax_part


def tax_range(bill: Bill) -> tuple[Bill, Bill]:
    """`bill` with the least and the most tax it can hold: none of the amount, or all of it.

    Every cost grows with the tax (only the tax carries the late-payment penalty), so these
    two bound every option when the tax part is not known.
    """
    return replace(bill, tax_part=ZERO), replace(bill, tax_part=bill.amount_due)


@dataclass(frozen=True)
class Outcome:
    """The estimated cost of one option. Money is unrounded; show it with cents()."""

    label: str
    amount_due: Decimal
    total_paid: Decimal  # everything paid until the balance is gone, fees included
    penalty_added: Decimal
    interest_added: Decimal
    fees: Decimal
    payoff_date: date | None
    monthly_payment: Decimal | None
    months: int | None
    points: tuple[tuple[date, Decimal], ...]  # (date, balance in cents) for a chart
    rates_assumed: bool  # True if a quarter past the last published rate was used
    levy_months: int = 0  # penalty months charged at the 1% rate
    levy_assumed: bool = False  # True if the run reached an assumed levy notice

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
    levy_months: int = 0
    levy_assumed: bool = False
    points: list[tuple[date, Decimal]] = field(default_factory=list)


def _penalty_months(bill: Bill, until: date) -> tuple[set[date], Decimal]:
    """Days after the notice date when a new penalty month starts, and the rate used so far.

    Month 1 starts the day after `penalty_from` (the return due date unless set); each month
    ends on the monthly anniversary of that date. Months started by the notice date are
    already on the notice, charged at 0.5% each.
    """
    anchor = bill.penalty_from or return_due_date(bill.tax_year)
    starts: set[date] = set()
    started = 0
    k = 0
    while (start := add_months(anchor, k) + timedelta(days=1)) <= until:
        if start <= bill.notice_date:
            started += 1
        else:
            starts.add(start)
        k += 1
    return starts, min(started * rates.FTP_MONTHLY_RATE, rates.FTP_MAX_RATE)


def _monthly_rate(levy: LevyNotice | None, start: date, plan: bool) -> Decimal:
    """The late-payment rate for a month starting on `start`."""
    if plan:
        return rates.FTP_PLAN_MONTHLY_RATE  # IRC 6651(h)
    if levy is not None and start >= levy.rate_from:
        return rates.FTP_LEVY_MONTHLY_RATE  # IRC 6651(d)
    return rates.FTP_MONTHLY_RATE


def _simulate(
    bill: Bill,
    *,
    until: date,
    payments: Mapping[date, Decimal | None],
    plan: bool = False,
    waiting: bool = False,
) -> _Run:
    """Walk day by day from the notice date to `until`, or until the balance is paid off.

    `payments` maps a date to an amount, or to None for "pay everything owed". `plan` means an
    installment agreement is in effect; `waiting` means nothing is paid before the payment
    (an assumed levy notice counts only then). Each day after the notice date:
    1. interest for the day at that day's quarterly rate, on the tax, the penalties and
       interest on the notice, and any penalty billed since;
    2. a penalty month, if one starts that day: the monthly rate times the unpaid tax. It
       carries no interest until a notice bills it (IRC 6601(e)(2)(A));
    3. an assumed levy notice, if it is that day: it bills the penalty added so far, which
       carries interest from that day if it is not paid within 21 days (or 10 business days);
    4. the day's payment: to tax first, then the new penalty, then the rest.
    On a CP14, interest and penalty up to the pay-by date are held aside and charged only if
    the balance is not paid in full by the end of that date (IRC 6601(e)(3)).
    """
    run = _Run()
    levy = bill.levy if bill.levy and (waiting or not bill.levy.assumed) else None
    billing_day = levy.day if levy and levy.assumed else None
    billed_by: date | None = None  # the end of the window to pay the billed penalty
    window = bill.interest_window
    with decimal.localcontext(_MATH):
        # `rest`: penalties and interest on the notice, and interest since; it all carries
        # interest. `new`: penalty added since the notice date, not billed yet; no interest.
        tax, rest, new, billed = bill.tax, bill.amount_due - bill.tax, ZERO, ZERO
        held_interest = held_penalty = held_billed = ZERO
        month_starts, rate_used = _penalty_months(bill, until)
        span = (until.year - bill.notice_date.year) * 12 + until.month - bill.notice_date.month
        chart_days = {add_months(bill.notice_date, k) for k in range(span + 1)}
        chart_days |= {bill.pay_by, bill.pay_by + timedelta(days=1), until}
        day = bill.notice_date
        while True:
            if day > bill.notice_date:
                quarter = rates.rate_for(day)
                run.rates_assumed |= not quarter.published
                daily = quarter.rate / (366 if calendar.isleap(day.year) else 365)
                interest = (tax + rest + held_interest) * daily
                held_billed += (billed + held_billed) * daily
                if window and day <= bill.pay_by:
                    held_interest += interest
                else:
                    rest += interest
                    run.interest += interest
                if day in month_starts and tax > 0 and rate_used < rates.FTP_MAX_RATE:
                    monthly = _monthly_rate(levy, day, plan)
                    step = min(monthly, rates.FTP_MAX_RATE - rate_used)
                    rate_used += step
                    run.levy_months += monthly == rates.FTP_LEVY_MONTHLY_RATE
                    if window and day <= bill.pay_by:
                        held_penalty += tax * step
                    else:
                        new += tax * step
                        run.penalty += tax * step
                if day == billing_day:
                    billed, new = billed + new, ZERO
                    owed = cents(tax + rest + billed)
                    billed_by = effective_deadline(notice_date=day, amount=owed).due
                    run.levy_assumed = True
            if day in payments:
                amount = payments[day]
                if amount is None or amount >= cents(tax + rest + new + billed):
                    # Pays off (to the cent). Anything held aside is forgiven or already charged.
                    amount = cents(tax + rest + new + billed)
                    tax = rest = new = billed = ZERO
                    held_interest = held_penalty = held_billed = ZERO
                else:
                    to_tax = min(amount, tax)
                    to_new = min(amount - to_tax, new)
                    to_billed = min(amount - to_tax - to_new, billed)
                    tax, new, billed = tax - to_tax, new - to_new, billed - to_billed
                    rest -= amount - to_tax - to_new - to_billed
                run.paid += amount
                run.last_payment = amount
                run.payments += 1
            owed = tax + rest + new + billed
            if day in chart_days or day in payments:
                run.points.append((day, cents(owed)))
            if window and day == bill.pay_by and owed > 0:  # the interest-free window closes
                rest, new = rest + held_interest, new + held_penalty
                run.interest += held_interest
                run.penalty += held_penalty
                held_interest = held_penalty = ZERO
            if day == billed_by and owed > 0:  # the billed penalty now carries interest
                rest, billed = rest + billed + held_billed, ZERO
                run.interest += held_billed
                held_billed = ZERO
            if owed == 0:
                run.payoff_date = day
                break
            if day >= until:
                break
            day += timedelta(days=1)
        run.balance = tax + rest + new + billed
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
        # Not paid off by the end (never for the options below): what would still be owed.
        total_paid=run.paid + fees if run.payoff_date else run.balance,
        penalty_added=run.penalty,
        interest_added=run.interest,
        fees=fees,
        payoff_date=run.payoff_date,
        monthly_payment=monthly_payment,
        months=months,
        points=tuple(run.points),
        rates_assumed=run.rates_assumed,
        levy_months=run.levy_months,
        levy_assumed=run.levy_assumed,
    )


def _check_horizon(bill: Bill, day: date, what: str) -> None:
    if day < bill.notice_date:
        raise EstimateError(f"{what} can't be before the notice date.")
    if day > add_months(bill.notice_date, MAX_MONTHS_AHEAD):
        raise EstimateError("We can only estimate up to 10 years after the notice date.")


def pay_by_deadline(bill: Bill) -> Outcome:
    """Pay in full by the pay-by date: exactly the amount due on a CP14, a little more after.

    Without the CP14's window, interest runs from the notice date to the day you pay.
    """
    run = _simulate(bill, until=bill.pay_by, payments={bill.pay_by: None}, waiting=True)
    return _outcome("pay_by_deadline", bill, run)


def pay_on(bill: Bill, *, day: date) -> Outcome:
    """Pay everything owed on `day` in one payment, nothing before."""
    _check_horizon(bill, day, "The payment date")
    run = _simulate(bill, until=day, payments={day: None}, waiting=True)
    return _outcome("pay_on", bill, run)


def do_nothing(bill: Bill, *, months: int) -> Outcome:
    """Pay nothing for `months` months after the notice date, then everything owed that day.

    Counted like every other option (what you pay until the balance is gone), so waiting is
    compared with a plan of the same length on the same footing.
    """
    if not 1 <= months <= MAX_MONTHS_AHEAD:
        raise EstimateError("Choose between 1 and 120 months.")
    day = add_months(bill.notice_date, months)
    run = _simulate(bill, until=day, payments={day: None}, waiting=True)
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
    the last one pays off on day `days`. The rate stays at 0.5% (not an installment
    agreement), or 1% after a known levy notice.
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
