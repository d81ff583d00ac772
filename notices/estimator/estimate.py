"""The cost estimator page: what each way of paying a balance-due notice may cost."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notices.estimator.applying import Applying, how_to_apply
from notices.estimator.chart import NARROW, WIDE, Chart, balance_chart
from notices.estimator.forms import EstimatorForm
from notices.estimator.scenario import WEEKS_BETWEEN_NOTICES, Scenario, scenario
from notices.irs import deadlines, penalties, rates
from notices.irs.formatting import dollars, long_date, percent
from notices.irs.penalties import Bill, EstimateError, Outcome

# The waiting options shown: pay nothing for this many months, then pay in full.
WAIT_MONTHS = (3, 6, 12)


@dataclass(frozen=True)
class Option:
    """One way to pay. `low` is the same option with no tax, when the tax part is unknown."""

    title: str
    outcome: Outcome  # the highest cost when the tax part is unknown
    low: Outcome | None = None

    @staticmethod
    def _money(one: Decimal | None, other: Decimal) -> str:
        """One amount, or "lowest to highest" of the two when they differ."""
        if one is None or dollars(one) == dollars(other):
            return dollars(other)
        low, high = sorted((one, other))
        return _("%(low)s to %(high)s") % {"low": dollars(low), "high": dollars(high)}

    @property
    def cells(self) -> tuple[str, ...]:
        """Total, extra, penalty, interest and fees, each a range when the tax is unknown."""
        names = ("total_paid", "extra_cost", "penalty_added", "interest_added", "fees")
        return tuple(
            self._money(getattr(self.low, name) if self.low else None, getattr(self.outcome, name))
            for name in names
        )

    @property
    def monthly(self) -> str | None:
        if self.outcome.monthly_payment is None:
            return None
        low = self.low.monthly_payment if self.low else None
        return self._money(low, self.outcome.monthly_payment)


@dataclass(frozen=True)
class QuarterRow:
    quarter: str
    rate: str
    published: bool


@dataclass(frozen=True)
class Estimate:
    scenario: Scenario
    options: tuple[Option, ...]
    chart: Chart  # for wider screens
    phone_chart: Chart  # the same lines, laid out so its text is readable on a phone
    table_dates: tuple[date, ...]
    table_rows: tuple[tuple[str, tuple[Any, ...]], ...]
    quarters: tuple[QuarterRow, ...]
    tax_from_case: Decimal | None  # the saved tax used when the form did not send one
    applying: Applying | None = None  # how the payment plan is applied for, if one is shown

    @property
    def bill(self) -> Bill:
        return self.scenario.bill

    @property
    def deadline(self) -> deadlines.Deadline:
        return self.scenario.deadline

    @property
    def pay_by_total(self) -> Decimal:
        """What paying in full on the key date costs (the first option)."""
        return self.options[0].outcome.total_paid

    @property
    def levy_assumed(self) -> date | None:
        """The assumed levy notice date, if an option shown waits past it."""
        levy = self.scenario.levy
        reached = any(option.outcome.levy_assumed for option in self.options)
        return levy.day if levy and levy.assumed and reached else None

    @property
    def levy_weeks(self) -> int:
        levy, start = self.scenario.levy, self.scenario.billed_on or self.bill.notice_date
        return (levy.day - start).days // 7 if levy else WEEKS_BETWEEN_NOTICES

    @property
    def penalty_starts(self) -> date | None:
        """A proposed change: the first day the late-payment penalty can start."""
        start = self.bill.penalty_from
        return start + timedelta(days=1) if start else None


def _plan(form: EstimatorForm, bill: Bill) -> Outcome | None:
    """The payment plan, or None after adding the error to the field the person filled in.

    The way to apply follows the amount (applying.how_to_apply), so it never fails here.
    """
    data = form.cleaned_data
    try:
        return penalties.installment_plan(
            bill,
            months=data["plan_months"] if not data["plan_payment"] else None,
            monthly_payment=data["plan_payment"] or None,
            how=how_to_apply(data["apply_online"], bill.amount_due).how,
            direct_debit=data["direct_debit"],
            low_income=data["low_income"],
        )
    except EstimateError as error:
        form.add_error("plan_payment" if data["plan_payment"] else "plan_months", str(error))
        return None


def _options(form: EstimatorForm, bill: Bill, due: date) -> list[tuple[str, Outcome]]:
    """(title, outcome) for each option, adding any error to the form."""
    data = form.cleaned_data
    options = [
        (_("Pay in full by %(date)s") % {"date": long_date(due)}, penalties.pay_by_deadline(bill))
    ]
    if data["pay_on"] and data["pay_on"] > due:
        try:
            outcome = penalties.pay_on(bill, day=data["pay_on"])
            options.append(
                (_("Pay in full on %(date)s") % {"date": long_date(data["pay_on"])}, outcome)
            )
        except EstimateError as error:
            form.add_error("pay_on", str(error))
    if bill.amount_due < rates.SHORT_TERM_BALANCE_LIMIT:
        title = _("Short-term plan: paid off within %(days)d days") % {
            "days": rates.SHORT_TERM_MAX_DAYS
        }
        options.append((title, penalties.short_term_plan(bill, days=rates.SHORT_TERM_MAX_DAYS)))
    if data["plan_months"] or data["plan_payment"]:
        plan = _plan(form, bill)
        if plan:
            months = plan.months or 0
            title = ngettext(
                "Payment plan: %(months)d month", "Payment plan: %(months)d months", months
            ) % {"months": months}
            options.append((title, plan))
    for months in WAIT_MONTHS:
        title = _("Pay nothing for %(months)d months") % {"months": months}
        options.append((title, penalties.do_nothing(bill, months=months)))
    return options


def build_estimate(form: EstimatorForm, *, case: Any = None) -> Estimate | None:
    """All the options for a valid form, or None after adding errors to the form.

    On a case's page the notice type and the saved tax part come from the case when the
    form does not send them.
    """
    data = form.cleaned_data
    code = data.get("notice_type") or (case.notice_type if case else "")
    tax, tax_from_case = data["tax_part"], None
    if case is not None and "tax_part" not in form.data and case.tax_amount is not None:
        tax = tax_from_case = case.tax_amount
    try:
        setting = scenario(
            code,
            amount_due=data["amount_due"],
            tax_part=tax,
            notice_date=data["notice_date"],
            printed=data["pay_by"],
            tax_year=data["tax_year"],
        )
    except EstimateError as error:
        form.add_error(None, str(error))
        return None
    due = setting.deadline.due
    high = _options(form, setting.bill, due)
    if form.errors:
        return None
    # The lowest cost: the same options with no tax (they cannot fail where the highest
    # did not, as every cost grows with the tax).
    lows: list[Outcome | None] = [None] * len(high)
    if setting.low is not None:
        lows = [outcome for _title, outcome in _options(form, setting.low, due)]
    options = []
    for (title, outcome), low in zip(high, lows, strict=True):
        if outcome.label == "installment_plan" and low and low.months != outcome.months:
            title = _("Payment plan: %(low)d to %(high)d months") % {
                "low": low.months,
                "high": outcome.months,
            }
        options.append(Option(title, outcome, low))
    estimate = _assemble(setting, options, tax_from_case)
    if any(option.outcome.label == "installment_plan" for option in options):
        applying = how_to_apply(data["apply_online"], setting.bill.amount_due)
        estimate = replace(estimate, applying=applying)
    return estimate


def _balance_on(outcome: Outcome, day: date) -> Any:
    """The balance on `day`: the last point at or before it (0 once paid off)."""
    balance = None
    for point_day, point_balance in outcome.points:
        if point_day > day:
            break
        balance = point_balance
    return balance


def _assemble(setting: Scenario, options: list[Option], tax_from_case: Any) -> Estimate:
    bill = setting.bill
    charted = [option for option in options if option.outcome.label != "do_nothing"]
    charted.append(options[-1])  # waiting the longest
    series = [(option.title, option.outcome.points) for option in charted]
    chart, phone_chart = balance_chart(series, WIDE), balance_chart(series, NARROW)
    last_day = max(day for option in charted for day, _ in option.outcome.points)
    table_dates = []
    month = 0
    while (day := penalties.add_months(bill.notice_date, month)) <= last_day:
        table_dates.append(day)
        month += 3 if last_day > penalties.add_months(bill.notice_date, 24) else 1
    rows = tuple(
        (option.title, tuple(_balance_on(option.outcome, day) for day in table_dates))
        for option in charted
    )
    quarters = _quarters(bill, last_day)
    return Estimate(
        setting, tuple(options), chart, phone_chart, tuple(table_dates), rows, quarters,
        tax_from_case,
    )  # fmt: skip


def _quarters(bill: Bill, last_day: date) -> tuple[QuarterRow, ...]:
    """The interest rates used from the notice date to the last day shown.

    Neighbouring quarters with the same rate share one row.
    """
    spans: list[tuple[date, date, rates.QuarterRate]] = []
    day = rates.quarter_start(bill.notice_date)
    while day <= last_day:
        rate = rates.rate_for(day)
        end = penalties.add_months(day, 2)  # the quarter's last month
        previous = spans[-1][2] if spans else None
        if previous and (previous.rate, previous.published) == (rate.rate, rate.published):
            spans[-1] = (spans[-1][0], end, previous)
        else:
            spans.append((day, end, rate))
        day = penalties.add_months(day, 3)
    return tuple(
        QuarterRow(
            f"{date_format(first, 'M Y')} to {date_format(last, 'M Y')}",
            percent(rate.rate),
            rate.published,
        )
        for first, last, rate in spans
    )
