"""What a letter says, part by part, for a person who reads Spanish better than English.

The letter itself stays in English: the IRS reads it. Each part of it carries an id
("part-reasons") in the templates (templates/letters/*.html). A letter made on a Spanish
page gets, on its "for you, not the IRS" page, a table in Spanish: for each part, the page
it is on and what it says. The page numbers are found when the PDF is laid out
(printing.lay_out_pdf) and kept on the letter, so the letter's page on the site shows them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from notices.models import Letter


@dataclass(frozen=True)
class Part:
    anchor: str  # the id of the part in the letter
    name: Any  # lazily translated
    says: Any


def _parts(*parts: tuple[str, Any, Any]) -> dict[str, Part]:
    return {anchor: Part(anchor, name, says) for anchor, name, says in parts}


EVERY_LETTER = _parts(
    (
        "part-top",
        _("The top of the letter"),
        _(
            "Your name, address and daytime phone. Then the date, and the IRS address the "
            "letter goes to."
        ),
    ),
    (
        "part-subject",
        _("What it is about, and your notice's details"),
        _(
            "One line that says what the letter is about. Then a box with your notice's "
            "name and date, the tax year, the amount, your name and the last 4 digits of "
            "your Social Security number. They help the IRS find your account."
        ),
    ),
    (
        "part-sign-off",
        _("Signature and enclosures"),
        _(
            "Where you sign and date the letter (both of you, on a joint return). Then the "
            "list of papers that go in the envelope with it."
        ),
    ),
)
OPENING = _(
    "Says which notice you got, its date, the amount and the tax year. It says you believe "
    "the amount is wrong."
)
HOLD = _(
    "Asks the IRS to pause collection while it checks. It also says you will pay what you "
    "really owe."
)
CONTACT = _(
    "Says copies of your papers are in the envelope. It gives your daytime phone and "
    "address in case the IRS needs more from you."
)
BY_KIND: dict[str, dict[str, Part]] = {
    Letter.Kind.DISPUTE: _parts(
        ("part-opening", _("The first paragraph"), OPENING),
        ("part-reasons", _("Why the amount is wrong"), _("The reasons you chose, as a list.")),
        (
            "part-own-words",
            _("In your own words"),
            _("What you wrote in the form about the problem, just as you typed it."),
        ),
        (
            "part-request",
            _("What you ask for"),
            _(
                "Asks the IRS to check your account and fix the amount. If you gave the "
                "right amount, it says it here. If you asked for something more, it is here "
                "too."
            ),
        ),
        ("part-hold", _("A pause in collection"), HOLD),
        ("part-contact", _("How to reach you"), CONTACT),
    ),
    Letter.Kind.ABATEMENT: _parts(
        (
            "part-opening",
            _("The first paragraph"),
            _(
                "Says which notice you got, its date, the amount and the tax year. It asks "
                "the IRS to remove the penalties you chose."
            ),
        ),
        (
            "part-first-time",
            _("Why the IRS should remove them"),
            _(
                "Asks for relief for a first penalty (in English, “first-time abatement”). "
                "It lists the three things it needs: no penalties in the three years "
                "before, every return filed, and the tax paid or a payment plan you keep to."
            ),
        ),
        (
            "part-reasonable-cause",
            _("Why the IRS should remove them"),
            _(
                "Says you had a good reason (in English, “reasonable cause”). Then what "
                "happened, when, and how it kept you from filing or paying on time, in your "
                "own words."
            ),
        ),
        (
            "part-contact",
            _("How to reach you"),
            _(
                "Says copies of your papers are in the envelope. It gives your daytime phone "
                "and address, and thanks the IRS."
            ),
        ),
    ),
    Letter.Kind.PAYMENT_COVER: _parts(
        (
            "part-opening",
            _("The payment"),
            _(
                "Says a check or money order is in the envelope, for how much, and made out "
                "to the U.S. Treasury. It names the notice the payment is for."
            ),
        ),
        (
            "part-apply",
            _("Where the payment goes"),
            _(
                "Asks the IRS to put the payment on your account for that tax year. If you "
                "pay an amount different from the notice, it gives the notice's amount too."
            ),
        ),
        (
            "part-stub",
            _("The payment stub"),
            _("Says the payment stub from the notice is in the envelope."),
        ),
        (
            "part-contact",
            _("How to reach you"),
            _("Gives your daytime phone in case the IRS has questions."),
        ),
    ),
    Letter.Kind.PAYMENT_TRACE: _parts(
        (
            "part-opening",
            _("The first paragraph"),
            _(
                "Says which notice you got, its date, the amount and the tax year. It says "
                "you already paid, but the notice does not show it."
            ),
        ),
        (
            "part-payments",
            _("Your payments"),
            _(
                "A table of the payments you made: the date, the amount, how you paid, and "
                "the confirmation or check number."
            ),
        ),
        (
            "part-request",
            _("What you ask for"),
            _(
                "Asks the IRS to find your payment, put it on your account and fix the "
                "amount. It also asks the IRS to remove any penalty or interest charged "
                "because the payment was missed."
            ),
        ),
        (
            "part-details",
            _("More details"),
            _("What you wrote in the form, just as you typed it."),
        ),
        ("part-hold", _("A pause in collection"), HOLD),
        ("part-contact", _("How to reach you"), CONTACT),
    ),
}

_ANCHOR = re.compile(r'\bid="(part-[a-z-]+)"')


def parts_in(html: str, kind: str) -> list[Part]:
    """The parts a rendered letter has, in the order they come (an optional part the person
    left out, such as "More details", is not there)."""
    known = EVERY_LETTER | BY_KIND[kind]
    return [known[anchor] for anchor in dict.fromkeys(_ANCHOR.findall(html)) if anchor in known]


_PAGE_SLOT = re.compile(r'<span class="part-page" data-part="(part-[a-z-]+)"></span>')


def fill_pages(html: str, pages: dict[str, int]) -> str:
    """Our own empty page slots in the explanation table, filled with the pages found when
    the PDF was laid out; left empty while the PDF is not made yet."""
    return _PAGE_SLOT.sub(
        lambda m: f'<span class="part-page" data-part="{m[1]}">{pages.get(m[1], "")}</span>',
        html,
    )
