"""Rates, fees and limits behind the cost estimator, as data with their sources.

Pure data (no Django). Each figure names its official source next to it; docs/sources.md
records every source with the date it was last checked (section named next to each figure).
Rates and fees change: re-check them on irs.gov before each content review and move
RATES_LAST_REVIEWED forward when you do. Guide pages show these figures through
notices/irs/figures.py, so change a figure here and the pages follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Shown in the app as "rates last updated".
RATES_LAST_REVIEWED = date(2026, 11, 21)
# The latest quarter whose rate an IRS release or revenue ruling confirms. How to add a quarter:
# docs/sources.md, "Adding a new interest-rate quarter".
LAST_PUBLISHED_QUARTER_START = date(2026, 1, 1)

# Underpayment interest rate for individuals, one row per calendar quarter: (first day of the
# quarter, annual rate). Interest compounds daily (IRC 6622). Rate = federal short-term rate
# + 3 points (IRC 6621(a)(2)), announced each quarter in an IRS news release and revenue ruling:
# https://www.irs.gov/payments/quarterly-interest-rates-for-underpayment-and-overpayment-of-tax
# See docs/sources.md, "Interest rate and how it compounds" and "Interest rates by quarter".
# "Notice 746 table" below is the rate history in IRS Notice 746.
UNDERPAYMENT_RATES: tuple[tuple[date, Decimal], ...] = (
    # 2018 Q1: 4%. IRS Notice 746 table (Apr 2016 - Mar 2018 band). High.
    (date(2018, 1, 1), Decimal("0.04")),
    # 2018 Q2-Q4: 5%. Notice 746 table. High.
    (date(2018, 4, 1), Decimal("0.05")),
    (date(2018, 7, 1), Decimal("0.05")),
    (date(2018, 10, 1), Decimal("0.05")),
    # 2019 Q1-Q2: 6%. Notice 746 table. High.
    (date(2019, 1, 1), Decimal("0.06")),
    (date(2019, 4, 1), Decimal("0.06")),
    # 2019 Q3 - 2020 Q2: 5%. Notice 746 table; Rev. Rul. 2019-15 and Rev. Rul. 2019-28. High.
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
    # 2025 Q2: 7%. Federal Register 2025-07451 (a CBP notice restating the IRS rate). Med-High.
    (date(2025, 4, 1), Decimal("0.07")),
    # 2025 Q3: 7%. Not found in an IRS release or revenue ruling (only a secondary source);
    # consistent with 2025 Q2 and Q4. Med. See docs/sources.md, "Interest rates by quarter".
    (date(2025, 7, 1), Decimal("0.07")),
    # 2025 Q4: 7%. Rev. Rul. 2025-18. High.
    (date(2025, 10, 1), Decimal("0.07")),
    # 2026 Q1: 7%. IR-2025-112 / Rev. Rul. 2025-22. High.
    (date(2026, 1, 1), Decimal("0.07")),
    # 2026 Q2 (a reported 6%) is deliberately left out: it comes from a single secondary
    # source and no IRS release or revenue ruling was found. Until it is confirmed on irs.gov,
    # later quarters use the 2026 Q1 rate and are flagged as not published (see rate_for).
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


# Failure-to-pay penalty, IRC 6651(a)(2)/(a)(3) and 6651(h) (plan rate), High:
# https://www.irs.gov/payments/failure-to-pay-penalty and Tax Topic 653.
# docs/sources.md, "Failure-to-pay penalty".
FTP_MONTHLY_RATE = Decimal("0.005")  # 0.5% of the unpaid tax per month or part of a month
FTP_PLAN_MONTHLY_RATE = Decimal("0.0025")  # 0.25% while an installment agreement is in effect
FTP_MAX_RATE = Decimal("0.25")  # the penalty stops at 25% of the unpaid tax
# 1% a month for months that begin more than 10 days after a notice of intent to levy (CP504,
# LT11 / Letter 1058), IRC 6651(d), same IRS pages. docs/sources.md, "Failure-to-pay penalty".
FTP_LEVY_MONTHLY_RATE = Decimal("0.01")
FTP_LEVY_RATE_AFTER_DAYS = 10

# Failure-to-file penalty, IRC 6651(a)(1) and Tax Topic 653, High: 5% of the unpaid tax for
# each month or part of a month the return is late, up to 25%. A return more than 60 days late
# has a minimum penalty: the smaller of a fixed amount and the tax due. The fixed amounts by the
# year the return was due are NOT confirmed on an IRS page (docs/sources.md, "Failure-to-file
# penalty"); the guide page says so next to them. Shown on guide pages; not in the estimator.
FTF_MONTHLY_RATE = Decimal("0.05")
FTF_MAX_RATE = Decimal("0.25")
FTF_MINIMUM_AFTER_DAYS = 60
FTF_MINIMUMS: tuple[tuple[int, int, Decimal], ...] = (  # (first due year, last, fixed amount)
    (2020, 2022, Decimal("435")),
    (2023, 2023, Decimal("450")),
    (2024, 2024, Decimal("485")),
    (2025, 2025, Decimal("510")),
)

# Short-term payment plan, High: pay in full within 180 days, available when the combined
# balance is under $100,000, no setup fee. IRS "Payment plans; installment agreements" page,
# https://www.irs.gov/payments/payment-plans-installment-agreements
# docs/sources.md, "Short-term payment plan".
SHORT_TERM_MAX_DAYS = 180
SHORT_TERM_BALANCE_LIMIT = Decimal("100000")  # must owe less than this
SHORT_TERM_SETUP_FEE = Decimal("0")

# Long-term plan (installment agreement): a streamlined agreement runs for up to 72 months
# (Instructions for Form 9465, High); individuals can apply online if they owe $50,000 or less
# in combined tax, penalties and interest (IRS payment plans page as archived, High).
# docs/sources.md, "Installment agreement".
STREAMLINED_MAX_MONTHS = 72
ONLINE_PLAN_BALANCE_LIMIT = Decimal("50000")  # may apply online when owing this or less

# "Low income" for the lower plan setup fee and for Low Income Taxpayer Clinics: at or below
# this percent of the federal poverty guidelines (docs/sources.md, "Setup fees" and "Taxpayer
# Advocate Service and free help"). Clinics usually take disputes under LITC_DISPUTE_LIMIT a year.
LOW_INCOME_POVERTY_PERCENT = 250
LITC_DISPUTE_LIMIT = Decimal("50000")

# Offer in compromise application fee: about $205 as of 2025, NOT confirmed on an IRS page
# (docs/sources.md, "Currently not collectible and offer in compromise"); pages say "about".
OIC_APPLICATION_FEE = Decimal("205")
OIC_FEE_YEAR = 2025

# Passport certification (IRC 7345): the "seriously delinquent tax debt" amount, indexed each
# year. About $64,000 for 2025 per secondary sources, NOT confirmed (docs/sources.md,
# "Passport certification"); the page says "about" and "not confirmed".
PASSPORT_DEBT_THRESHOLD = Decimal("64000")
PASSPORT_THRESHOLD_YEAR = 2025


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


# NOT CONFIRMED on an official page: the figures come from secondary (non-IRS) sources only,
# and no IRS release was found for them or for the July 1, 2024 start. The schedule is marked
# unverified and the app must label it so. docs/sources.md, "Setup fees". The last confirmed
# IRS schedule is the 2017 one (IR-2016-108), since replaced.
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
