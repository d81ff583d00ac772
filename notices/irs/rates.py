"""Rates, fees and limits behind the cost estimator, as data with their sources.

Pure data (no Django). Every figure comes from /work/shared/FACTS.md; the section is named
next to it. Rates and fees change: re-check them on irs.gov before each content review and
move RATES_LAST_REVIEWED forward when you do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Shown in the app as "rates last updated".
RATES_LAST_REVIEWED = date(2026, 11, 21)
# The latest quarter whose rate an official or High-confidence source confirms (FACTS 2.4).
LAST_PUBLISHED_QUARTER_START = date(2026, 1, 1)

# Underpayment interest rate for individuals, one row per calendar quarter: (first day of the
# quarter, annual rate). Interest compounds daily (IRC 6622, FACTS 2.3). FACTS 2.4 table.
UNDERPAYMENT_RATES: tuple[tuple[date, Decimal], ...] = (
    # 2018 Q1: 4%. IRS Notice 746 table (Apr 2016 - Mar 2018 band). High.
    (date(2018, 1, 1), Decimal("0.04")),
    # 2018 Q2-Q4: 5%. Notice 746 table; hasgr.com. High.
    (date(2018, 4, 1), Decimal("0.05")),
    (date(2018, 7, 1), Decimal("0.05")),
    (date(2018, 10, 1), Decimal("0.05")),
    # 2019 Q1-Q2: 6%. Notice 746 table. High.
    (date(2019, 1, 1), Decimal("0.06")),
    (date(2019, 4, 1), Decimal("0.06")),
    # 2019 Q3 - 2020 Q2: 5%. Notice 746 table; Rev. Rul. 2019-15 and 2019-28. High.
    (date(2019, 7, 1), Decimal("0.05")),
    (date(2019, 10, 1), Decimal("0.05")),
    (date(2020, 1, 1), Decimal("0.05")),
    (date(2020, 4, 1), Decimal("0.05")),
    # 2020 Q3 - 2022 Q1: 3%. Notice 746 table; Rev. Rul. 2020-28. High.
    (date(2020, 7, 1), Decimal("0.03")),
    (date(2020, 10, 1), Decimal("0.03")),
    (date(2021, 1, 1), Decimal("0.03")),
    (date(2021, 4, 1), Decimal("0.03")),
    (date(2021, 7, 1), Decimal("0.03")),
    (date(2021, 10, 1), Decimal("0.03")),
    (date(2022, 1, 1), Decimal("0.03")),
    # 2022 Q2: 4%. Notice 746 table; Federal Register 2022-05688. High.
    (date(2022, 4, 1), Decimal("0.04")),
    # 2022 Q3: 5%. Notice 746 table; https://www.irs.gov/irb/2022-23_IRB. High.
    (date(2022, 7, 1), Decimal("0.05")),
    # 2022 Q4: 6%. Notice 746 table. High.
    (date(2022, 10, 1), Decimal("0.06")),
    # 2023 Q1-Q3: 7%. Notice 746 table ("Jan 1 2023 through Sep 30 2023"). High.
    (date(2023, 1, 1), Decimal("0.07")),
    (date(2023, 4, 1), Decimal("0.07")),
    (date(2023, 7, 1), Decimal("0.07")),
    # 2023 Q4: 8%. IR-2023-154 / Rev. Rul. 2023-17. High.
    (date(2023, 10, 1), Decimal("0.08")),
    # 2024 Q1-Q4: 8%. Federal Register 2024-07133; Rev. Rul. 2024-25. High.
    (date(2024, 1, 1), Decimal("0.08")),
    (date(2024, 4, 1), Decimal("0.08")),
    (date(2024, 7, 1), Decimal("0.08")),
    (date(2024, 10, 1), Decimal("0.08")),
    # 2025 Q1: 7%. IR-2024-290 / Rev. Rul. 2024-25. High.
    (date(2025, 1, 1), Decimal("0.07")),
    # 2025 Q2: 7%. Federal Register 2025-07451. Med-High.
    (date(2025, 4, 1), Decimal("0.07")),
    # 2025 Q3: 7%. bigideasforsmallbusiness.com. Med.
    (date(2025, 7, 1), Decimal("0.07")),
    # 2025 Q4: 7%. Rev. Rul. 2025-18. High.
    (date(2025, 10, 1), Decimal("0.07")),
    # 2026 Q1: 7%. IR-2025-112 / Rev. Rul. 2025-22. High.
    (date(2026, 1, 1), Decimal("0.07")),
    # 2026 Q2 (6%) is deliberately left out: FACTS 2.4 and 8.1 rate it Low / UNVERIFIED
    # (a single secondary source, no IRS release). Until it is confirmed on irs.gov, later
    # quarters use the 2026 Q1 rate and are flagged as not published (see rate_for).
)
_RATES = dict(UNDERPAYMENT_RATES)


@dataclass(frozen=True)
class QuarterRate:
    """The annual interest rate for the calendar quarter starting on `quarter_start`.

    `published` is False when the quarter is later than the last one we have a confirmed
    rate for; the rate is then the last known rate, carried forward as an assumption.
    """

    quarter_start: date
    rate: Decimal
    published: bool


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter that `day` falls in."""
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def rate_for(day: date) -> QuarterRate:
    """The underpayment rate that applies on `day` (rates change only at quarter starts)."""
    start = quarter_start(day)
    if start > LAST_PUBLISHED_QUARTER_START:
        return QuarterRate(start, _RATES[LAST_PUBLISHED_QUARTER_START], published=False)
    if start not in _RATES:
        raise ValueError(f"No interest rate on file before {UNDERPAYMENT_RATES[0][0]}: {day}")
    return QuarterRate(start, _RATES[start], published=True)


# Failure-to-pay penalty, IRC 6651(a)(2)/(a)(3) (FACTS 2.1, High):
# https://www.irs.gov/payments/failure-to-pay-penalty and Tax Topic 653.
FTP_MONTHLY_RATE = Decimal("0.005")  # 0.5% of the unpaid tax per month or part of a month
FTP_PLAN_MONTHLY_RATE = Decimal("0.0025")  # 0.25% while an installment agreement is in effect
FTP_MAX_RATE = Decimal("0.25")  # the penalty stops at 25% of the unpaid tax
# Not modelled: 1% a month from 10 days after a notice of intent to levy (same sources).

# Short-term payment plan (FACTS 3.2, High): pay in full within 180 days, available when the
# combined balance is under $100,000, no setup fee.
SHORT_TERM_MAX_DAYS = 180
SHORT_TERM_BALANCE_LIMIT = Decimal("100000")  # must owe less than this
SHORT_TERM_SETUP_FEE = Decimal("0")

# Long-term plan (installment agreement), FACTS 3.3: a streamlined agreement runs for up to
# 72 months (Instructions for Form 9465, High); individuals can apply online if they owe
# $50,000 or less in combined tax, penalties and interest (archived irs.gov page, High).
STREAMLINED_MAX_MONTHS = 72
ONLINE_PLAN_BALANCE_LIMIT = Decimal("50000")  # may apply online when owing this or less


@dataclass(frozen=True)
class SetupFees:
    """Installment agreement setup fees by how you apply and how you pay."""

    online_direct_debit: Decimal
    online_other: Decimal
    offline_direct_debit: Decimal  # by phone, mail or in person
    offline_other: Decimal
    low_income_direct_debit: Decimal
    low_income_other: Decimal  # may be reimbursed
    effective: str
    verified: bool


# FACTS 3.3 "current schedule". Sources: trifectataxrelief.com (Med), infotalker.com (Low-Med).
# No IRS release was found for the figures or the July 1, 2024 start (FACTS 8.2), so the
# schedule is marked unverified and the app must label it so.
SETUP_FEES = SetupFees(
    online_direct_debit=Decimal("22"),
    online_other=Decimal("69"),
    offline_direct_debit=Decimal("107"),
    offline_other=Decimal("178"),
    low_income_direct_debit=Decimal("0"),  # waived
    low_income_other=Decimal("43"),  # may be reimbursed
    effective="believed July 1, 2024 (unconfirmed)",
    verified=False,
)


def setup_fee(*, online: bool, direct_debit: bool, low_income: bool) -> Decimal:
    """The installment agreement setup fee from SETUP_FEES."""
    fees = SETUP_FEES
    if low_income:
        return fees.low_income_direct_debit if direct_debit else fees.low_income_other
    if online:
        return fees.online_direct_debit if direct_debit else fees.online_other
    return fees.offline_direct_debit if direct_debit else fees.offline_other
