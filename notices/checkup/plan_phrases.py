"""The short phrases of the action plan: findings, headlines, timing words, link labels.

Pure data, like plan_words.py (the steps themselves), with the same placeholders:

- FINDINGS: the "What your answers tell us" sentences.
- HEADLINES: the line above the steps, by what the steps ask for by the key date.
- WHEN: how a step's timing is put into words.
- TOOLS: the labels of the links under each step.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from notices.checkup.text import Text

FINDINGS: dict[str, Text] = {
    "scam": _("The way this reached you looks like a scam. Do not pay through it."),
    "verified": _("Your letter passed our checks, so it looks real."),
    "unsure": _("You are not yet sure the letter is real. Check before you pay."),
    "paid-all": _("You think you paid all of this bill already."),
    "paid-part": _("You paid part of this bill already."),
    "amount-matches": _("The amount matches your tax return."),
    "amount-not-sure": _("You are not sure the amount is right."),
    "owe-none": _("You think you don't owe any of it."),
    "owe-part": _("You think part of the bill is wrong."),
    "over-short-term-limit": _(
        "A short-term payment plan needs a balance under %(short_term_limit)s, so a long-term "
        "payment plan fits better."
    ),
    "pay-full": _("You can pay in full by the date on your notice."),
    "pay-short": _("You can pay it all within %(short_term_days)s days."),
    "pay-monthly": _("You need to pay over time, month by month."),
    "pay-cannot": _("You can't pay anything right now."),
    "relief-likely": _("You likely qualify for first-time penalty relief."),
    "relief-check": _("You may qualify for first-time penalty relief."),
    "relief-unlikely": _("First-time penalty relief does not seem to fit, but a good reason may."),
    # What the notice in hand changes
    "notice-CP501": _(
        "A %(notice)s is a reminder: the bill is still unpaid. Interest has been growing "
        "since the first notice, so paying soon costs less."
    ),
    "notice-CP503": _(
        "A %(notice)s is a second reminder. The IRS has not had a payment or a reply. Act "
        "now, before it sends a notice of intent to levy."
    ),
    "notice-CP504": _(
        "A %(notice)s is a notice of intent to levy. The IRS can take your state tax refund. "
        "If the bill is still unpaid, the late-payment penalty rises to %(ftp_levy_rate)s a "
        "month for months that start on or after %(levy_day)s."
    ),
    "notice-LT11": _(
        "A %(notice)s is the final notice before the IRS can take your pay, bank account or "
        "other property. You have until %(day)s to ask for a hearing. The late-payment "
        "penalty is now %(ftp_levy_rate)s a month."
    ),
    "notice-CP2000": _(
        "A CP2000 is not a bill. It proposes a change to your return because other records "
        "don't match it. You answer on its response form."
    ),
    "cp2000-agree": _("You think the proposed change is right."),
}

# Stand-ins in the notice findings when the date is not known.
LEVY_DAY_UNKNOWN = _("%(ftp_levy_after_days)s days after the date on the notice")
DATE_ON_LETTER = _("the date on your letter")

# The line above the steps: it agrees with what the steps ask for.
HEADLINES: dict[str, Text] = {
    "unknown": _(
        "The date to act by is printed on your notice. Where a step says “by the date on "
        "your notice”, use that date."
    ),
    "not-on-file": _(
        "Your notice asks you to act now. Find the date printed on it and act by then, or "
        "as soon as you can."
    ),
    "pay-window": _(
        "Your pay-by date is %(day)s. Pay in full by then and no more interest is added after "
        "the notice date."
    ),
    "pay-in-full": _(
        "Pay in full by %(day)s, the date on your notice. Interest grows until it is all paid."
    ),
    "pay-part": _("Pay the part you agree with by %(day)s, and question the rest."),
    "paid": _(
        "Make sure the IRS has counted your payment before %(day)s, the date on your notice."
    ),
    "part-what-you-can": _(
        "Act by %(day)s: question the part you think is wrong, and pay what you can of the "
        "rest or ask for a payment plan."
    ),
    "question": _("Question the bill before %(day)s, the date on your notice."),
    "pay-what-you-can": _(
        "Act by %(day)s: pay what you can and ask for a payment plan. Interest "
        "and penalties grow on what is unpaid."
    ),
    "pay-passed": _(
        "The date on your notice was %(day)s. It has passed, so act as soon "
        "as you can. Interest grows on what is unpaid."
    ),
    "hearing": _("You have until %(day)s to ask for a hearing on Form 12153, or to pay in full."),
    "hearing-passed": _(
        "The date to ask for a hearing was %(day)s. Call the IRS now. You can "
        "still ask for a similar hearing within a year."
    ),
    "respond": _("Send the CP2000 response form by %(day)s."),
    "respond-passed": _(
        "The response date was %(day)s. Send the form as soon as you can, or "
        "call the number on the CP2000."
    ),
}

WHEN: dict[str, Text] = {
    "pay-by-unknown": _("by the date on your notice"),
    "pay-by-passed": _("as soon as you can: the date on your notice has passed"),
    "pay-by": _("your pay-by date"),
    "hearing-by": _("your last day to ask for a hearing"),
    "respond-by": _("your response date"),
    "before-pay-by": _("before the date on your notice"),
    "irs-open": _("the next day the IRS is open"),
    "within-days": _("within %(call_days)s days"),
    "today": _("today"),
    "after-sending": _("%(reply_days)s days after you send your letter, if you have no reply"),
    "while-waiting": _("while you wait for a reply"),
    "after-paying": _("once you have paid or set up a plan"),
    "as-you-go": _("as you go"),
}

TOOLS: dict[str, Text] = {
    "scam-signs": _("Signs of a scam"),
    "check-notice": _("How to check a notice"),
    "report-scam": _("Where to report a scam"),
    "identity-theft": _("Identity theft steps"),
    "already-paid": _("If you already paid"),
    "call-tips": _("Tips for the call"),
    "log-call": _("Log the call"),
    "log-payment": _("Log the payment"),
    "payment-trace-letter": _("Make a payment-trace letter"),
    "why-cp14": _("Why you got a CP14"),
    "who-can-help": _("Who can help"),
    "think-its-wrong": _("If you think it's wrong"),
    "dispute-letter": _("Make a dispute letter"),
    "interest-while-waiting": _("Interest while you wait"),
    "how-to-pay": _("How to pay safely"),
    "irs-payments": _("IRS ways to pay (IRS.gov)"),
    "cover-letter": _("Make a cover letter for a check"),
    "waiting-costs": _("See what waiting costs"),
    "short-term-plans": _("Short-term payment plans"),
    "hearing": _("Hearings and Form 12153"),
    "cp2000": _("What a CP2000 is"),
    "records": _("What to keep"),
    "monthly-plans": _("Long-term payment plans"),
    "cannot-pay": _("If you can't pay anything"),
    "offers": _("Offers in compromise"),
    "how-to-ask": _("How to ask"),
    "three-rules": _("The three rules"),
    "reasonable-cause": _("Reasonable cause"),
    "relief-letter": _("Make a penalty relief letter"),
}
