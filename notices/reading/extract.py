"""Details read off a notice's text, each with the line it came from and how sure we are.

The text has already lost every Social Security number but its last four digits (redact.py).
Each value is "found by its label" when it sat next to words the notice prints for it that
an official IRS page confirms (labels.OFFICIAL), and "guessed" when its label could not be
confirmed that way, or when we only found something of the right shape. The review screen shows both
kinds; nothing is saved before the person confirms.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from notices.irs.notice_types import RULES
from notices.reading import labels as L
from notices.reading.redact import last_four

MONTH_NUMBER = {name[:3]: number for number, name in enumerate(L.MONTHS.split("|")[:12], 1)}
MAX_LINES = 2000
MAX_LINE = 300  # characters of a source line kept for the review screen


@dataclass(frozen=True)
class Found:
    value: str  # as the review form takes it: ISO date, 1234.56, CP14, text
    line: str  # the line of text it came from
    by_label: bool

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class SummaryLine:
    label: str
    amount: Decimal
    kind: str  # tax, payments, penalty, interest, other


def parse_date(text: str) -> date | None:
    match = L.DATE.search(text)
    if not match:
        return None
    try:
        if match.group("month"):
            month = MONTH_NUMBER[match.group("month")[:3].lower()]
            return date(int(match.group("year")), month, int(match.group("day")))
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def parse_amount(text: str) -> Decimal | None:
    match = L.AMOUNT.search(text)
    if not match:
        return None
    amount = Decimal(match.group("whole").replace(",", "") + "." + match.group("cents"))
    return -amount if match.group("sign") else amount


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _dollars(amount: Decimal | None) -> str | None:
    return str(abs(amount)) if amount is not None else None


def _after(line: str, label: re.Pattern[str]) -> tuple[str, bool] | None:
    """The text after `label` on this line, and whether that label is an official one."""
    match = label.search(line)
    return (line[match.end() :], L.official(match.group(0))) if match else None


def clean_lines(text: str) -> list[str]:
    lines = (" ".join(line.split())[:MAX_LINE] for line in text.splitlines())
    return [line for line in lines if line][:MAX_LINES]


class _Details(dict[str, Found]):
    """What has been found so far; the first value for a field wins."""

    def put(self, name: str, value: str | None, line: str, by_label: bool) -> None:
        if value and name not in self:
            self[name] = Found(value, line, by_label)


def read_details(text: str) -> dict[str, Found]:
    """Every detail found in `text` (already redacted), by field name."""
    lines = clean_lines(text)
    found = _Details()
    stub = next((i for i, line in enumerate(lines) if L.STUB_START.search(line)), len(lines))
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        _code(found, line)
        if after := _after(line, L.NOTICE_DATE):
            day = parse_date(after[0]) or parse_date(following)
            found.put("notice_date", _iso(day), line, after[1])
        if after := _after(line, L.TAX_YEAR):
            year = re.search(r"\b(20\d\d|19\d\d)\b", after[0] or following)
            found.put("tax_year", year and year.group(1), line, after[1])
        if (label := L.TAX_FORM.search(line)) and (form := L.FORM.search(line)):
            found.put("form", form.group("form"), line, L.official(label.group(0)))
        _amount_and_date(found, line, following)
        if (label := L.PHONE_LABEL.search(line)) and not L.NOT_OUR_PHONE.search(line):
            found.put("irs_phone", _phone(line), line, L.official(label.group(0)))
        if label := L.SSN_LABEL.search(line):
            found.put("ssn_last_four", last_four(line), line, L.official(label.group(0)))
        if label := L.IRS_HEADING.search(line):
            block = _address(lines, index)
            name = "irs_address" if index < stub else "payment_address"
            found.put(name, block, block, L.official(label.group(0)))
    _guesses(found, lines)
    return dict(found)


def _amount_and_date(found: _Details, line: str, following: str) -> None:
    """ "Amount due by <date>: $X" gives both; other labels give one each."""
    if after := _after(line, L.AMOUNT_DUE_BY):
        rest, official = after
        date_match = L.DATE.search(rest)
        found.put("pay_by", _iso(parse_date(rest)), line, official)
        amount = parse_amount(rest[date_match.end() :] if date_match else rest)
        found.put("amount_due", _dollars(amount), line, official)
    elif after := _after(line, L.AMOUNT_DUE):
        amount = parse_amount(after[0]) or parse_amount(following)
        found.put("amount_due", _dollars(amount), line, after[1])
    if after := _after(line, L.KEY_DATE):
        day = parse_date(after[0]) or parse_date(following)
        found.put("pay_by", _iso(day), line, after[1])


def _code(found: _Details, line: str) -> None:
    match = L.NOTICE_CODE.search(line)
    if not match:
        return
    code = f"CP{match.group('number')}" if match.group("cp") else "LT11"
    if code in RULES:
        label = L.NOTICE_LABEL.search(line[: match.start()])
        found.put("notice_type", code, line, label is not None and L.official(label.group(0)))


def _phone(line: str) -> str | None:
    match = L.PHONE.search(line)
    return "-".join(match.groups()) if match else None


def _address(lines: list[str], start: int) -> str:
    """The IRS heading and the lines after it, up to the city, state and ZIP code."""
    block: list[str] = []
    for line in lines[start : start + 6]:
        if line.lower().startswith("department of the treasury"):
            continue  # the department's name heads the letter; the address starts below it
        if line.lower() == "internal revenue service":
            line = "Internal Revenue Service"  # OCR often reads the capital I as a small one
        block.append(line)
        if L.CITY_STATE_ZIP.match(line):
            return "\n".join(block)
    return ""


def _guesses(found: _Details, lines: list[str]) -> None:
    """Values of the right shape, without their label: marked as guesses."""
    for line in lines:
        match = L.FORM.search(line)
        if match and match.group("form").split("-")[0] not in L.NOT_THE_RETURN:
            found.put("form", match.group("form"), line, False)
        if not L.NOT_OUR_PHONE.search(line):
            found.put("irs_phone", _phone(line), line, False)
        if "XXX-XX-" in line:
            found.put("ssn_last_four", last_four(line), line, False)


def billing_summary(text: str) -> list[SummaryLine]:
    """The lines of the Billing Summary (or a CP2000's summary of proposed changes), up to
    the amount due."""
    lines = clean_lines(text)
    start = next((i for i, line in enumerate(lines) if L.SUMMARY_START.search(line)), None)
    if start is None:
        return []
    summary = []
    for line in lines[start + 1 : start + 16]:
        if L.AMOUNT_DUE_BY.search(line) or L.AMOUNT_DUE.search(line):
            break
        match = L.AMOUNT.search(line)
        if not match:
            continue
        amount = parse_amount(line)
        label = line[: match.start()].strip(" .:$")
        if amount is None or not label:
            continue
        summary.append(SummaryLine(label, amount, _kind(label)))
    return summary


def _kind(label: str) -> str:
    if L.PENALTY_LINE.search(label):
        return "penalty"
    if L.INTEREST_LINE.search(label):
        return "interest"
    if L.PAYMENTS_LINE.search(label):
        return "payments"
    if L.TAX_LINE.search(label):
        return "tax"
    return "other"
