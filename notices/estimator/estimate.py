"""The cost estimator page: what each way of paying a CP14 balance may cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notices.estimator.chart import Chart, balance_chart
from notices.estimator.forms import EstimatorForm
from notices.irs import deadlines, penalties, rates
from notices.irs.formatting import long_date, percent
from notices.irs.penalties import Bill, EstimateError, Outcome


@dataclass(frozen=True)
class Option:
    title: str
    outcome: Outcome


@dataclass(frozen=True)
class QuarterRow:
    quarter: str
    rate: str
    published: bool


@dataclass(frozen=True)
class Estimate:
    bill: Bill
    deadline: deadlines.Deadline
    options: tuple[Option, ...]
    chart: Chart
    table_dates: tuple[date, ...]
    table_rows: tuple[tuple[str, tuple[Any, ...]], ...]
    quarters: tuple[QuarterRow, ...]


def _plan(form: EstimatorForm, bill: Bill) -> Option | None:
    data = form.cleaned_data
    how = "online" if data["apply_online"] else "phone"
    try:
        outcome = penalties.installment_plan(
            bill,
            months=data["plan_months"] if not data["plan_payment"] else None,
            monthly_payment=data["plan_payment"] or None,
            how=how,
            direct_debit=data["direct_debit"],
            low_income=data["low_income"],
        )
    except EstimateError as error:
        form.add_error("plan_payment" if data["plan_payment"] else "apply_online", str(error))
        return None
    months = outcome.months or 0
    title = ngettext(
        "Payment plan: %(months)d month", "Payment plan: %(months)d months", months
    ) % {"months": months}
    return Option(title, outcome)


def build_estimate(form: EstimatorForm) -> Estimate | None:
    """All the options for a valid form, or None after adding errors to the form."""
    data = form.cleaned_data
    deadline = deadlines.effective_deadline(
        notice_date=data["notice_date"], amount=data["amount_due"], pay_by=data["pay_by"]
    )
    try:
        bill = Bill(
            amount_due=data["amount_due"],
            tax_part=data["tax_part"],
            notice_date=data["notice_date"],
            pay_by=deadline.due,
            tax_year=data["tax_year"],
        )
    except EstimateError as error:
        form.add_error(None, str(error))
        return None
    options = [Option(_("Pay in full by %(date)s") % {"date": long_date(deadline.due)},
                      penalties.pay_by_deadline(bill))]  # fmt: skip
    if data["pay_on"] and data["pay_on"] > deadline.due:
        try:
            outcome = penalties.pay_on(bill, day=data["pay_on"])
            options.append(
                Option(_("Pay in full on %(date)s") % {"date": long_date(data["pay_on"])}, outcome)
            )
        except EstimateError as error:
            form.add_error("pay_on", str(error))
    if bill.amount_due < rates.SHORT_TERM_BALANCE_LIMIT:
        outcome = penalties.short_term_plan(bill, days=rates.SHORT_TERM_MAX_DAYS)
        title = _("Short-term plan: paid off within %(days)d days") % {
            "days": rates.SHORT_TERM_MAX_DAYS
        }
        options.append(Option(title, outcome))
    if data["plan_months"] or data["plan_payment"]:
        plan = _plan(form, bill)
        if plan:
            options.append(plan)
    for months in (3, 6, 12):
        outcome = penalties.do_nothing(bill, months=months)
        options.append(Option(_("Pay nothing for %(months)d months") % {"months": months}, outcome))
    if form.errors:
        return None
    return _assemble(bill, deadline, options)


def _balance_on(outcome: Outcome, day: date) -> Any:
    """The balance on `day`: the last point at or before it (0 once paid off)."""
    balance = None
    for point_day, point_balance in outcome.points:
        if point_day > day:
            break
        balance = point_balance
    return balance


def _assemble(bill: Bill, deadline: deadlines.Deadline, options: list[Option]) -> Estimate:
    charted = [option for option in options if option.outcome.label != "do_nothing"]
    charted.append(options[-1])  # doing nothing for 12 months
    chart = balance_chart([(option.title, option.outcome.points) for option in charted])
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
    return Estimate(
        bill, deadline, tuple(options), chart, tuple(table_dates), rows, _quarters(bill, last_day)
    )


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
