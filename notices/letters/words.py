"""What the letters say that is chosen in Python rather than written in a template.

Letters are always rendered in English (see documents.render_letter_html), but every
phrase still goes through gettext like the rest of the site. A phrase a person says about
themselves comes as a pair, (one signer, two signers): "I paid" or "we paid". Pick one
with voice().
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# One phrase, or (what one signer says, what two signers say).
Phrase = Any | tuple[Any, Any]


def voice(phrase: Phrase, joint: bool) -> str:
    """The phrase as one signer ("I") or two signers ("we") say it."""
    if isinstance(phrase, tuple):
        return str(phrase[1] if joint else phrase[0])
    return str(phrase)


# Each reason the dispute form offers, as the letter states it. The keys are stored in
# Letter.inputs, and the letter lists them in this order.
DISPUTE_REASONS: dict[str, Phrase] = {
    "payment_not_credited": (
        _("A payment I made for this tax year is not credited on the notice."),
        _("A payment we made for this tax year is not credited on the notice."),
    ),
    "payments_missing": (
        _(
            "Federal income tax withheld from my pay, or estimated tax payments I made, "
            "are missing or not fully credited."
        ),
        _(
            "Federal income tax withheld from our pay, or estimated tax payments we made, "
            "are missing or not fully credited."
        ),
    ),
    "credit_not_applied": (
        _("A credit I claimed on my return was not applied."),
        _("A credit we claimed on our return was not applied."),
    ),
    "math_change": (
        _("I disagree with a change made to the tax on my return."),
        _("We disagree with a change made to the tax on our return."),
    ),
    "identity_theft": (
        _("I believe this balance may be the result of identity theft."),
        _("We believe this balance may be the result of identity theft."),
    ),
    "other": (
        _("Another reason, which I explain below."),
        _("Another reason, which we explain below."),
    ),
}

PENALTIES = {
    "failure_to_pay": _("failure-to-pay penalty"),
    "failure_to_file": _("failure-to-file penalty"),
}

# What every letter encloses, whatever the person ticks, so the IRS can match it to the
# account: a copy of the notice, or with a payment the stub torn off the notice.
NOTICE_COPY = _("A copy of notice %(notice)s dated %(notice_date)s")
PAYMENT_STUB = _("The payment stub from notice %(notice)s dated %(notice_date)s")
# Keys older letters stored for those two; the list now always has them.
ALWAYS_ENCLOSED = ("notice_copy", "payment_stub")

# Enclosures the forms offer; %(notice)s and friends are filled in from the case.
ENCLOSURES: dict[str, Phrase] = {
    "notice_copy": NOTICE_COPY,
    "payment_stub": PAYMENT_STUB,
    "tax_return": (
        _("A copy of my %(year)s tax return (Form %(form)s)"),
        _("A copy of our %(year)s tax return (Form %(form)s)"),
    ),
    "wage_forms": (
        _("Copies of my %(year)s Forms W-2 and 1099"),
        _("Copies of our %(year)s Forms W-2 and 1099"),
    ),
    "payment_proof": _(
        "Proof of payment (bank statement, cancelled check front and back, or payment confirmation)"
    ),
    "estimated_payments": (
        _("Records of my estimated tax payments for %(year)s"),
        _("Records of our estimated tax payments for %(year)s"),
    ),
    "form_14039": _("Form 14039, Identity Theft Affidavit"),
    "event_records": _(
        "Documents that show what happened and when (for example, medical, insurance "
        "or official records)"
    ),
}
