"""Deadline words in Spanish: a loose word can make someone miss an IRS date.

English "by <date>" includes the last day; Spanish "antes de <date>" does not, so a "by"
deadline must read "a más tardar". And two dates must never be mixed up: the notice date
(the day the IRS issued the notice, "la fecha del aviso") and the date printed on it to pay
or answer by ("la fecha límite de su aviso"). "Antes de la fecha de su aviso" reads as
"before the date the notice was issued", a day that has already passed.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from notices.checkup.plan_dates import Bill, notice_finding
from tests.catalogue import CATALOGUE, Entry, parse
from tests.guidance.spanish import SPANISH, page_pair, reader_text, spanish_paths

ENTRIES = [e for e in parse(CATALOGUE.read_text(encoding="utf-8")) if e.msgid and not e.obsolete]

# Spanish that puts a deadline before the notice was even issued, or drops the last day.
WRONG_DEADLINE = (
    "antes de la fecha de su aviso",
    "antes de la fecha del aviso",
    "antes de la fecha de la carta",
    "antes de la fecha de su carta",
)
# "by" followed by a date: a placeholder, a bold placeholder, "then", "that date", the pay-by date.
BY_DATE = re.compile(
    r"\bby (%\((day|due|date)\)s|<strong>%\(due\)s|then|that date|the date on|the date printed|"
    r"(the|its|its own) pay-by date|the last day)"
)
# "by then" as in "if the IRS has not answered by then": a wait, not a deadline for the reader.
WAITING = re.compile(r"(answered|no answer|no reply) by then")


def texts(entry: Entry) -> list[str]:
    return [s for s in entry.msgstr if s]


def entries_where(test: re.Pattern[str] | str) -> list[Entry]:
    def found(msgid: str) -> bool:
        return bool(test.search(msgid)) if isinstance(test, re.Pattern) else test in msgid

    return [e for e in ENTRIES if found(e.msgid) or found(e.msgid_plural)]


def test_the_catalogue_has_the_entries_these_rules_cover() -> None:
    """Guards the guards: if the msgids were reworded, these tests would pass on nothing."""
    assert len(entries_where("by the date on")) >= 8
    assert len(entries_where(re.compile(r"\bnotice date\b"))) >= 20
    assert len(entries_where(BY_DATE)) >= 30


@pytest.mark.parametrize("entry", entries_where("by the date on"), ids=lambda e: e.msgid[:60])
def test_by_the_date_on_the_notice_is_a_deadline_with_its_last_day(entry: Entry) -> None:
    for text in texts(entry):
        assert not any(wrong in text for wrong in WRONG_DEADLINE), text
        assert "a más tardar" in text, text
        assert "fecha límite" in text, text


@pytest.mark.parametrize(
    "entry",
    # "by then" as a wait for the IRS is not a deadline for the reader.
    [e for e in entries_where(BY_DATE) if not WAITING.search(e.msgid)],
    ids=lambda e: e.msgid[:60],
)
def test_by_a_date_reads_a_mas_tardar(entry: Entry) -> None:
    for text in texts(entry):
        assert "a más tardar" in text, text


@pytest.mark.parametrize(
    "entry", entries_where(re.compile(r"\bnotice date\b")), ids=lambda e: e.msgid[:60]
)
def test_the_notice_date_is_la_fecha_del_aviso(entry: Entry) -> None:
    for text in texts(entry):
        assert "fecha del aviso" in text, text


@pytest.mark.parametrize(
    "entry",
    [
        e
        for e in entries_where(
            re.compile(r"the date on (your|the) notice|the date printed on (your|the) notice")
        )
        # Counted from the levy notice's own date: "la fecha del aviso" is right there.
        if not e.msgid.startswith("%(ftp_levy_after_days)s days after")
    ],
    ids=lambda e: e.msgid[:60],
)
def test_the_date_on_the_notice_is_its_deadline(entry: Entry) -> None:
    for text in texts(entry):
        assert "fecha límite" in text, text


@pytest.mark.parametrize("entry", entries_where(re.compile(r"\bwithin %\(\w+\)s")))
def test_within_n_days_is_dentro_de(entry: Entry) -> None:
    for text in texts(entry):
        assert "dentro de" in text, text


def test_only_before_the_notice_date_may_say_antes_de_la_fecha_del_aviso() -> None:
    wrong = [
        (e.msgid, text)
        for e in ENTRIES
        for text in texts(e)
        if any(w in text for w in WRONG_DEADLINE) and "before the notice date" not in e.msgid
    ]
    assert wrong == []


# A Spanish sentence that tells the reader to pay, act or answer "antes de" a deadline.
PAY_BEFORE = re.compile(
    r"(Pague|pague|pagar todo|paga todo|pague el resto|Actúe|Responda|responde)[^.|]*?"
    r"antes de (la|esa|su) fecha"
)


@pytest.mark.parametrize("path", spanish_paths(), ids=lambda p: p.name)
def test_guide_pages_never_put_a_pay_by_deadline_before_the_notice(path: Path) -> None:
    english, spanish = page_pair(path.name)
    text = reader_text(spanish)
    for wrong in WRONG_DEADLINE:
        assert wrong not in text, f"{path.name}: {wrong}"
    assert PAY_BEFORE.findall(text) == [], path.name
    # The English "Amount due by" includes its date; its gloss must too.
    assert "pagar antes de" not in text, path.name
    # Each English "by the pay-by date" / "by that date" / "by then" has a Spanish "a más tardar".
    if re.search(r"\b(in full|[Pp]ay|Act) by (the|that|then|its)\b", reader_text(english)):
        assert "a más tardar" in text, path.name


def test_the_spanish_pages_are_there() -> None:
    assert len(spanish_paths()) >= 15
    assert SPANISH.is_dir()


def test_scam_warnings_do_not_name_a_way_the_irs_accepts() -> None:
    """A "giro" (postal money order) made out to the U.S. Treasury is a real way to pay the
    IRS; the scam sign is a wire transfer. Warning against "giros de dinero" would tell a
    reader that a real payment method is a scam."""
    for path in spanish_paths():
        text = path.read_text(encoding="utf-8")
        assert "giros de dinero" not in text and "giro de dinero" not in text, path.name
        assert "con un giro a una persona" not in text, path.name


def test_an_lt11_without_its_date_still_reads_right_in_spanish() -> None:
    """The finding puts a phrase where a date would go: "Tiene hasta el …"."""
    no_date = Bill(pay_by=None, rule=None, amount=None, overdue=False, notice_type="LT11")
    dated = Bill(
        pay_by=date(2026, 3, 2), rule="30-days-hearing", amount=None, overdue=False,
        notice_type="LT11", notice_date=date(2026, 1, 30),
    )  # fmt: skip
    with translation.override("es"):
        assert "Tiene hasta el día límite que aparece en su carta para pedir una audiencia" in str(
            notice_finding(no_date)
        )
        assert "Tiene hasta el 2 de marzo de 2026 para pedir una audiencia" in str(
            notice_finding(dated)
        )
