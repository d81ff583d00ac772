"""Figures as people read them ("$100,000", "0.5%"), computed from notices.irs.rates.

Guide pages, the check-up's words and the estimator never type a rate, fee or limit: they
write a placeholder such as `{{ short_term_limit }}` (guide pages) or `%(short_term_limit)s`
(gettext words), filled from figures() when shown. Change a figure in notices/irs/rates.py
(or deadlines.py) and every page that shows it follows. Sources for each figure: docs/sources.md.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from guidance.languages import supported
from notices.irs import deadlines, rates
from notices.irs.formatting import percent, whole_dollars

# The interest-rate table on the penalties page starts here (older rates are not shown).
RATE_TABLE_FROM = date(2020, 7, 1)
# The tax owed in the rough example on the "how serious" page.
EXAMPLE_TAX = Decimal("2000")


def _month(day: date) -> str:
    """ "March 2026" ("marzo de 2026")."""
    return date_format(day, "YEAR_MONTH_FORMAT")


def _months(first: date, last: date) -> str:
    """ "January to March 2026", or "July 2020 to March 2022" across years."""
    start = date_format(first, "F") if first.year == last.year else _month(first)
    return _("%(first)s to %(last)s") % {"first": start, "last": _month(last)}


def _quarter_end(start: date) -> date:
    """The first day of the last month of the quarter starting on `start`."""
    return date(start.year, start.month + 2, 1)


def _rate_rows() -> str:
    """Markdown table rows "| July 2020 to March 2022 | 3% |", one per run of equal rates."""
    runs: list[tuple[date, date, Decimal]] = []  # (first quarter, last quarter, rate)
    for start, rate in rates.UNDERPAYMENT_RATES:
        if start < RATE_TABLE_FROM or start > rates.LAST_PUBLISHED_QUARTER_START:
            continue
        if runs and runs[-1][2] == rate:
            runs[-1] = (runs[-1][0], start, rate)
        else:
            runs.append((start, start, rate))
    return "\n".join(
        f"| {capfirst(_months(first, _quarter_end(last)))} | {percent(rate)} |"
        for first, last, rate in runs
    )


def _years(first: int, last: int) -> str:
    return _("%(first)s to %(last)s") % {"first": first, "last": last}


def _minimum_rows() -> str:
    """Markdown table rows "| 2020 to 2022 | $435 |" for the late-filing minimum penalty."""
    return "\n".join(
        f"| {first if first == last else _years(first, last)} | {whole_dollars(amount)} |"
        for first, last, amount in rates.FTF_MINIMUMS
    )


def _example() -> dict[str, str]:
    """The rough example: EXAMPLE_TAX unpaid for a year, at today's penalty and rate."""
    penalty_month = EXAMPLE_TAX * rates.FTP_MONTHLY_RATE
    daily = rates.rate_for(rates.LAST_PUBLISHED_QUARTER_START).rate / 365
    interest = EXAMPLE_TAX * ((1 + daily) ** 365 - 1)  # compounded daily, IRC 6622
    total = 12 * penalty_month + interest
    return {
        "example_tax": whole_dollars(EXAMPLE_TAX),
        "example_penalty_month": whole_dollars(penalty_month.quantize(Decimal(1))),
        "example_penalty_year": whole_dollars((12 * penalty_month).quantize(Decimal(1))),
        "example_interest_year": whole_dollars(interest.quantize(Decimal(1))),
        "example_total_over": whole_dollars(total // 10 * 10),  # "over $260"
    }


def figures() -> dict[str, str]:
    """Placeholder name → display string, for every figure a page or plan may show, in the
    language of the request: the same numbers, with month names and "to" in its words."""
    return figures_in(supported(translation.get_language()))


@cache
def figures_in(language: str) -> dict[str, str]:
    """Worked out once per process and language (the rates are constants); tests that
    change a rate call figures_in.cache_clear()."""
    with translation.override(language):
        return _figures()


def _figures() -> dict[str, str]:
    fees = rates.SETUP_FEES
    latest = rates.LAST_PUBLISHED_QUARTER_START
    after_latest = date(latest.year + (latest.month == 10), (latest.month + 2) % 12 + 1, 1)
    plan_fees = (
        fees.online_direct_debit,
        fees.online_other,
        fees.offline_direct_debit,
        fees.offline_other,
    )
    return {
        # Pay-by date (notices/irs/deadlines.py)
        "large_balance": whole_dollars(deadlines.LARGE_BALANCE),
        "pay_days": str(deadlines.CALENDAR_WINDOW_DAYS),
        "large_balance_days": str(deadlines.BUSINESS_WINDOW_DAYS),
        # Other notices' dates (notices/irs/deadlines.py)
        "hearing_days": str(deadlines.HEARING_WINDOW_DAYS),
        "math_error_days": str(deadlines.MATH_ERROR_REPLY_DAYS),
        "reply_days": str(deadlines.REPLY_WAIT_DAYS),
        "advocate_wait_days": str(deadlines.ADVOCATE_WAIT_DAYS),
        # Failure-to-pay penalty
        "ftp_rate": percent(rates.FTP_MONTHLY_RATE),
        "ftp_plan_rate": percent(rates.FTP_PLAN_MONTHLY_RATE),
        "ftp_levy_rate": percent(rates.FTP_LEVY_MONTHLY_RATE),
        "ftp_levy_after_days": str(rates.FTP_LEVY_RATE_AFTER_DAYS),
        "ftp_cap": percent(rates.FTP_MAX_RATE),
        # Failure-to-file penalty
        "ftf_rate": percent(rates.FTF_MONTHLY_RATE),
        "ftf_cap": percent(rates.FTF_MAX_RATE),
        "ftf_cap_months": str(int(rates.FTF_MAX_RATE / rates.FTF_MONTHLY_RATE)),
        "ftf_minimum_after_days": str(rates.FTF_MINIMUM_AFTER_DAYS),
        "ftf_minimum_rows": _minimum_rows(),
        "ftf_minimum_last_year": str(rates.FTF_MINIMUMS[-1][1]),
        # Short-term payment plan
        "short_term_limit": whole_dollars(rates.SHORT_TERM_BALANCE_LIMIT),
        "short_term_days": str(rates.SHORT_TERM_MAX_DAYS),
        # Installment agreement
        "plan_months": str(rates.STREAMLINED_MAX_MONTHS),
        "online_plan_limit": whole_dollars(rates.ONLINE_PLAN_BALANCE_LIMIT),
        # Setup fees (unverified: see docs/sources.md, "Setup fees")
        "fee_online_debit": whole_dollars(fees.online_direct_debit),
        "fee_online_other": whole_dollars(fees.online_other),
        "fee_offline_debit": whole_dollars(fees.offline_direct_debit),
        "fee_offline_other": whole_dollars(fees.offline_other),
        "fee_low_income_other": whole_dollars(fees.low_income_other),
        "fee_lowest": whole_dollars(min(plan_fees)),
        "fee_highest": whole_dollars(max(plan_fees)),
        # Low income, free help, offers, passports
        "low_income_poverty": f"{rates.LOW_INCOME_POVERTY_PERCENT}%",
        "litc_dispute_limit": whole_dollars(rates.LITC_DISPUTE_LIMIT),
        "oic_fee": whole_dollars(rates.OIC_APPLICATION_FEE),
        "oic_fee_year": str(rates.OIC_FEE_YEAR),
        "passport_threshold": whole_dollars(rates.PASSPORT_DEBT_THRESHOLD),
        "passport_year": str(rates.PASSPORT_THRESHOLD_YEAR),
        # Interest rate: the latest quarter with a published rate
        "interest_rate": percent(rates.rate_for(latest).rate),
        "interest_rate_quarter": _months(latest, _quarter_end(latest)),
        "interest_rate_rows": _rate_rows(),
        "first_unpublished_month": _month(after_latest),
    } | _example()
