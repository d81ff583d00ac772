"""Letters to the IRS: build them from a case and the user's answers, freeze them, print them.

A letter is rendered once, when the user creates it, from one template per kind
(templates/letters/<kind>.html on top of letters/base.html). That HTML is stored on the
Letter as its snapshot: the preview shows it and the PDF is made from it, once, by a worker
(notices/letters/rendering.py), so a re-download months later is the document that was sent,
whatever has changed on the case since.

The PDF is laid out in notices/letters/printing.py. Nothing here knows about requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidance.languages import current_language
from notices.irs.formatting import dollars
from notices.letters import explaining, words
from notices.models import Case, Letter, PaymentEntry, Profile
from notices.profiles import profile_for

# The kinds of letter


@dataclass(frozen=True)
class LetterKind:
    slug: str
    template: str
    name: Any  # lazily translated: "Dispute letter"
    start: Any  # lazily translated: what the link to start one says
    file_stem: str  # in the PDF's file name
    # The Case field with the IRS address it goes to: letters go to the address for
    # letters; a check goes to the address on the payment stub.
    address_field: str = "irs_address"


KINDS: dict[str, LetterKind] = {
    kind.slug: kind
    for kind in [
        LetterKind(
            Letter.Kind.DISPUTE,
            "letters/dispute.html",
            gettext_lazy("Dispute letter"),
            gettext_lazy("The amount is wrong: write a dispute letter"),
            "dispute-letter",
        ),
        LetterKind(
            Letter.Kind.PAYMENT_TRACE,
            "letters/payment_trace.html",
            gettext_lazy("Payment-trace letter"),
            gettext_lazy("I already paid: ask the IRS to find my payment"),
            "payment-trace-letter",
        ),
        LetterKind(
            Letter.Kind.ABATEMENT,
            "letters/abatement.html",
            gettext_lazy("Penalty relief request"),
            gettext_lazy("Ask the IRS to remove penalties"),
            "penalty-relief-request",
        ),
        LetterKind(
            Letter.Kind.PAYMENT_COVER,
            "letters/payment_cover.html",
            gettext_lazy("Cover letter for a check or money order"),
            gettext_lazy("Paying by check or money order: print a cover letter"),
            "payment-cover-letter",
            address_field="payment_address",
        ),
    ]
}


# Freezing: from validated form data to a stored Letter


def _plain(value: Any) -> Any:
    """Form values as JSON: dates as ISO strings, money as exact decimal strings."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PaymentEntry):
        return {
            "public_id": str(value.public_id),
            "paid_on": value.paid_on.isoformat(),
            "amount": f"{value.amount:.2f}",
            "method": value.method,
            "confirmation_number": value.confirmation_number,
        }
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping):
        return [_plain(item) for item in value]
    return value


def inputs_from(cleaned_data: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to store on the Letter (Letter.inputs), JSON-safe."""
    return {name: _plain(value) for name, value in cleaned_data.items()}


PROFILE_FIELDS = (
    "full_name", "spouse_name", "address_line1", "address_line2", "city", "state",
    "zip_code", "daytime_phone", "ssn_last4",
)  # fmt: skip


def remember_sender(profile: Profile, inputs: Mapping[str, Any]) -> None:
    """Keep the name and address for the next letter: people should type them once."""
    changed = [name for name in PROFILE_FIELDS if getattr(profile, name) != inputs.get(name, "")]
    for name in changed:
        setattr(profile, name, inputs.get(name, ""))
    if changed:
        profile.save(update_fields=changed)


@transaction.atomic
def create_letter(*, case: Case, kind: str, cleaned_data: Mapping[str, Any]) -> Letter:
    """Freeze a new letter: store the answers and the HTML as rendered right now."""
    inputs = inputs_from(cleaned_data)
    profile = profile_for(case.owner)
    remember_sender(profile, inputs)
    letter = Letter.objects.create(case=case, kind=kind, inputs=inputs, html_snapshot="")
    letter.html_snapshot = render_letter_html(
        case=case,
        kind=kind,
        inputs=inputs,
        created_at=letter.created_at,
        time_zone=profile.time_zone,
    )
    letter.save(update_fields=["html_snapshot"])
    return letter


# The HTML


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def address_for(case: Case, kind: str) -> str:
    """The IRS address a letter of this kind goes to, as saved on the case ("" if none)."""
    address: str = getattr(case, KINDS[kind].address_field)
    return address


def _recipient(address: str) -> list[str]:
    """An IRS address from the notice, starting with "Internal Revenue Service"."""
    lines = _lines(address)
    if lines and not re.search(r"internal revenue|\birs\b|treasury", lines[0], re.I):
        lines.insert(0, "Internal Revenue Service")
    return lines


def _enclosures(
    kind: str, inputs: Mapping[str, Any], facts: Mapping[str, Any], joint: bool
) -> list[str]:
    """What goes in the envelope. A copy of the notice (with a payment, its stub) is always
    on the list, whatever was ticked: it is how the IRS matches the letter to the account."""
    found: list[str] = []
    if kind == Letter.Kind.PAYMENT_COVER:
        amount = dollars(_money(inputs.get("payment_amount")))
        if inputs.get("payment_type") == "money_order":
            found.append(_("Money order for %(amount)s") % {"amount": amount})
        elif inputs.get("check_number"):
            found.append(
                _("Check number %(number)s for %(amount)s")
                % {"number": inputs["check_number"], "amount": amount}
            )
        else:
            found.append(_("Check for %(amount)s") % {"amount": amount})
        found.append(str(words.PAYMENT_STUB) % facts)
    else:
        found.append(str(words.NOTICE_COPY) % facts)
    found += [
        words.voice(words.ENCLOSURES[key], joint) % facts
        for key in inputs.get("enclosures", [])
        if key not in words.ALWAYS_ENCLOSED
    ]
    found += _lines(inputs.get("other_enclosures", ""))
    return found


def letter_context(
    *, case: Case, kind: str, inputs: Mapping[str, Any], created_at: datetime, time_zone: str
) -> dict[str, Any]:
    """Everything the letter templates show, from the case and the stored answers."""
    info = KINDS[kind]
    joint = bool(inputs.get("joint") and inputs.get("spouse_name"))
    names = [inputs["full_name"]] + ([inputs["spouse_name"]] if joint else [])
    city_line = f"{inputs['city']}, {inputs['state']} {inputs['zip_code']}"
    facts = {
        "notice": case.notice_type,
        "notice_date": f"{case.notice_date:%B} {case.notice_date.day}, {case.notice_date.year}",
        "year": case.tax_year,
        "form": inputs.get("tax_form") or "1040",
    }
    # "the failure-to-pay penalty and the failure-to-file penalty"
    penalty_phrase = _(" and ").join(
        _("the %(penalty)s") % {"penalty": words.PENALTIES[key]}
        for key in inputs.get("penalties", [])
    )
    payments = [
        {
            "paid_on": _date(row["paid_on"]),
            "amount": Decimal(row["amount"]),
            "method": PaymentEntry.Method(row["method"]).label
            if row["method"] in PaymentEntry.Method.values
            else row["method"],
            "confirmation_number": row["confirmation_number"],
        }
        for row in inputs.get("payments", [])
    ]
    title = _("%(letter)s about notice %(notice)s, tax year %(year)s") % {
        "letter": info.name,
        "notice": case.notice_type,
        "year": case.tax_year,
    }
    return {
        "kind": info,
        "title": title,
        "created_at": created_at,
        "letter_date": timezone.localtime(created_at, _zone(time_zone)).date(),
        "case": case,
        "tax_form": facts["form"],
        "memo": _("%(year)s Form %(form)s, %(notice)s") % facts,
        "recipient": _recipient(address_for(case, kind)),
        "names": names,
        "joint": joint,
        "sender_lines": [inputs["address_line1"], inputs.get("address_line2", ""), city_line],
        "phone": inputs["daytime_phone"],
        "ssn_last4": inputs.get("ssn_last4", ""),
        "footer_ref": " · ".join(
            filter(
                None,
                [
                    " & ".join(names),
                    f"SSN xxx-xx-{inputs['ssn_last4']}" if inputs.get("ssn_last4") else "",
                    f"{case.notice_type} {case.notice_date:%m/%d/%Y}",
                    _("Tax year %(year)s") % facts,
                ],
            )
        ),
        "enclosures": _enclosures(kind, inputs, facts, joint),
        "inputs": inputs,
        # Kind-specific, already turned into what the letter says:
        "reasons": [
            words.voice(words.DISPUTE_REASONS[key], joint) for key in inputs.get("reasons", [])
        ],
        "correct_amount": _money(inputs.get("correct_amount")),
        "payments": payments,
        "payments_total": sum((row["amount"] for row in payments), Decimal("0")),
        "penalty_phrase": penalty_phrase,
        "penalty_amount": _money(inputs.get("penalty_amount")),
        "started_on": _date(inputs.get("started_on")),
        "ended_on": _date(inputs.get("ended_on")),
        "payment_amount": _money(inputs.get("payment_amount")),
    }


def render_letter_html(
    *,
    case: Case,
    kind: str,
    inputs: Mapping[str, Any],
    created_at: datetime,
    time_zone: str,
    is_pdf: bool = True,
) -> str:
    """The letter as a standalone HTML document: what we freeze and turn into the PDF.

    With is_pdf=False the document links letter.css itself, so it opens in a browser as it
    will print (handy when working on the templates); what we store is always is_pdf=True.
    """
    # The letter is always English: a Spanish page must not put Spanish month names or
    # number formats into a letter to the IRS (the template's {% translate %} tags serve the
    # site's own catalog; the IRS reads English). The "for you" page after it is in the
    # language the person made it in, and then explains the letter part by part.
    reader = current_language()
    with translation.override("en"):
        context = letter_context(
            case=case, kind=kind, inputs=inputs, created_at=created_at, time_zone=time_zone
        ) | {"is_pdf": is_pdf, "reader": reader}
        html = render_to_string(KINDS[kind].template, context)
        if reader == "en":
            return html
        explained = explaining.parts_in(html, kind)
        return render_to_string(KINDS[kind].template, context | {"explained": explained})


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_HEADING = re.compile(r"<(/?)h([1-5])\b")


def snapshot_body(letter: Letter) -> SafeString:
    """The frozen letter for showing inside a page of the site.

    The snapshot is our own template output (every user value in it was autoescaped when
    it was rendered), so it is marked safe here rather than in a template. Its headings
    move down a level so the page keeps its single <h1>; user text cannot contain a tag,
    so the pattern only ever meets our own markup.
    """
    match = _BODY.search(letter.html_snapshot)
    body = match.group(1) if match else ""
    body = _HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", body)
    return mark_safe(explaining.fill_pages(body, letter.part_pages))


def pdf_filename(letter: Letter, *, time_zone: str | None = None) -> str:
    """cp14-2024-dispute-letter-2025-03-05.pdf: which notice, what, and when.

    `time_zone`: the owner's, when the caller already has it (else read from the profile)."""
    case = letter.case
    if time_zone is None:
        time_zone = profile_for(case.owner).time_zone
    made = timezone.localtime(letter.created_at, _zone(time_zone)).date()
    return f"{case.notice_type.lower()}-{case.tax_year}-{KINDS[letter.kind].file_stem}-{made}.pdf"
