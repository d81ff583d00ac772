"""The words printed on each notice next to the details we read, as patterns.

The reader looks for the words each notice type prints (CP14's "Amount due by" and "Billing
Summary", a CP2000's "Summary of Proposed Changes" and "Proposed Balance Due", and so on).
Only some of these words can be checked on an official IRS page: they are in `OFFICIAL`,
with their pages in docs/sources.md, "Labels printed on notices". A value found next to
any other label is still offered, but marked as a guess on the review screen, as is a value
found only by its shape.

Patterns are plain and anchored so they run in linear time on any text.
"""

from __future__ import annotations

import re

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# OCR reads "LT11" as "L111" and "Tax" as "Jax": the patterns allow those slips.
# "March 4, 2024", "Mar. 4 2024", "March 25,2024" (OCR drops spaces), and 03/04/2024.
DATE = re.compile(
    rf"\b(?P<month>{MONTHS})\.?\s{{0,2}}(?P<day>\d{{1,2}})\s{{0,2}},?\s{{0,2}}(?P<year>\d{{4}})\b"
    r"|\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b",
    re.IGNORECASE,
)
# $1,234.56, -$200.00, ($200.00) and OCR's S1,234.56 for $1,234.56.
AMOUNT = re.compile(
    r"(?P<sign>[-(])?\s?[$S]?\s?(?P<whole>\d{1,3}(?:,\d{3})+|\d+)\.(?P<cents>\d{2})\b"
)
PHONE = re.compile(r"(?<!\d)(?:1[-. ])?\(?(\d{3})\)?[-. ]{0,2}(\d{3})[-. ]{1,2}(\d{4})(?!\d)")
CITY_STATE_ZIP = re.compile(r"^[A-Za-z][A-Za-z .'-]{1,40},?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?$")
NOTICE_CODE = re.compile(
    r"\b(?:(?P<cp>CP)\s?(?P<number>14|501|503|504|2000)|L[T1I]\s?[1Il]{2}|Letter\s+1058)\b",
    re.IGNORECASE,
)
FORM = re.compile(r"\bForm\s+(?P<form>\d{3,4}(?:-[A-Z]{1,3}|[A-Z]{1,2})?)\b")
# Forms a notice names that are not the return it is about (a hearing request, a plan).
NOT_THE_RETURN = {"12153", "9465", "433", "843", "2848", "8821"}

NOTICE_LABEL = re.compile(r"\bnotice(?:\s+number)?\b[:\s]*$", re.IGNORECASE)
NOTICE_DATE = re.compile(r"\b(?:notice date|date of (?:this )?notice)\b", re.IGNORECASE)
TAX_YEAR = re.compile(r"\btax (?:year|period)(?: ending)?\b", re.IGNORECASE)
TAX_FORM = re.compile(r"\b(?:tax form|about your \d{4})\b", re.IGNORECASE)
# "Amount due by <date>: $X" gives both; the others give one each.
AMOUNT_DUE_BY = re.compile(r"\bamount due by\b", re.IGNORECASE)
AMOUNT_DUE = re.compile(
    r"\b(?:proposed balance due|proposed amount due|amount due(?: immediately)?|amount you owe"
    r"|total amount due)\b",
    re.IGNORECASE,
)
KEY_DATE = re.compile(
    r"\b(?:return the response form by|pay by|respond by|response due(?: date)?|reply by"
    r"|request a hearing by)\b",
    re.IGNORECASE,
)
SUMMARY_START = re.compile(r"\b(?:billing summary|summary of proposed changes)\b", re.IGNORECASE)
TAX_LINE = re.compile(
    r"^(?:[tjl]ax you owed?|amount you owed|increase in tax|proposed tax|(?:\d{4}\s+)?[tjl]ax)\b",
    re.IGNORECASE,
)
PAYMENTS_LINE = re.compile(r"\b(?:payments and credits|payments|credits)\b", re.IGNORECASE)
PENALTY_LINE = re.compile(r"\bpenalt(?:y|ies)\b", re.IGNORECASE)
INTEREST_LINE = re.compile(r"\binterest(?: charges)?\b", re.IGNORECASE)
PHONE_LABEL = re.compile(r"\b(?:call|phone|contact us)\b", re.IGNORECASE)
NOT_OUR_PHONE = re.compile(r"\b(?:tty|tdd|fax|outside|international|taxpayer advocate)\b", re.I)
IRS_HEADING = re.compile(r"^(?:department of the treasury|internal revenue service)\b", re.I)
STUB_START = re.compile(
    r"\b(?:amount enclosed|payable to the united states treasury|payment stub|detach)\b", re.I
)
SSN_LABEL = re.compile(r"\b(?:social security number|ssn|taxpayer id)\b", re.IGNORECASE)

# Labels confirmed on an official IRS page (docs/sources.md, "Labels printed on notices"):
# the irs.gov sample of a CP2000's first page. Every other label above is our reading of
# notices as people describe them, so what sits next to it is shown as a guess.
OFFICIAL = frozenset(
    {"summary of proposed changes", "proposed balance due", "return the response form by",
     "respond by"}
)  # fmt: skip
# Billing Summary lines confirmed the same way (the start of the line's label).
OFFICIAL_LINES = re.compile(
    r"^(?:\d{4}\s+)?(?:tax increase|payment decrease|penalties|interest)\b", re.IGNORECASE
)


def official(label: str) -> bool:
    """Whether these words, as matched, are a label confirmed on an official IRS page."""
    return " ".join(label.lower().split()) in OFFICIAL


def official_line(label: str) -> bool:
    return bool(OFFICIAL_LINES.match(label.strip()))
