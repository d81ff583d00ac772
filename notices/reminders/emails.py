"""The reminder email: plain text and HTML, the due date written out, one-click unsubscribe."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from guidance.languages import supported
from notices.checkup import action_plan, flow, saved
from notices.irs.deadlines import Rule
from notices.irs.notice_types import SEQUENCE, DateKind, rules_for
from notices.models import Case, Profile, Reminder, SavedPlan
from notices.summary import summarize

# The "stop reminders" link carries the person's random Profile.unsubscribe_token (never
# their user id), signed with the time it was made: resetting the profile's token makes every
# link already sent stop working, and a link runs out after six months. Links of the old
# format (a signed user id, another salt) fail the signature check.
UNSUBSCRIBE_SALT = "notices.reminders.unsubscribe.v2"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 180  # links in old emails keep working for six months
TOKEN_ALPHABET = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)


def link_token(profile: Profile) -> str:
    """What goes in this person's unsubscribe links today."""
    return _signer().sign(profile.unsubscribe_token)


def unsubscribe_token(user_id: int) -> str:
    """The token for this person's unsubscribe links (made with their profile if need be)."""
    profile, _ = Profile.objects.get_or_create(user_id=user_id)
    return link_token(profile)


def profile_from_token(token: str) -> Profile | None:
    """Whose link this is, or None if it is forged, expired, replaced or of the old format."""
    try:
        secret = _signer().unsign(token, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not TOKEN_ALPHABET.fullmatch(secret):
        return None
    return Profile.objects.filter(unsubscribe_token=secret).select_related("user").first()


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def message_id(reminder: Reminder) -> str:
    """The same for every try, so a rare duplicate threads with the first copy."""
    return f"<reminder-{reminder.pk}@{urlsplit(settings.SITE_URL).hostname}>"


def email_language(code: str) -> str:
    """A language we write emails in: the person's choice, or English if it is unknown."""
    return supported(code)


def plan_language(reminder: Reminder) -> str:
    """The language of the page where the person asked for their plan (saved.plan_kind)."""
    head = reminder.kind.split("@")[0]
    _, _, code = head.partition("-")
    return email_language(code)


def build(
    reminder: Reminder, *, profile: Profile, to: str, now: datetime
) -> EmailMultiAlternatives:
    """A reminder in the person's language (Profile.language): words, dates and links."""
    with translation.override(email_language(profile.language)):
        return _build(reminder, profile=profile, to=to, now=now)


def _build(
    reminder: Reminder, *, profile: Profile, to: str, now: datetime
) -> EmailMultiAlternatives:
    case = reminder.case
    assert case is not None  # a case reminder
    summary_day = now.astimezone(ZoneInfo(profile.time_zone)).date()
    summary = summarize(case, today=summary_day)
    kind = reminder.kind.split("@")[0].split("-")[0]  # before, due, after, follow
    unsubscribe = absolute(reverse("notices:unsubscribe", kwargs={"token": link_token(profile)}))
    context: dict[str, Any] = {
        "case": case,
        "summary": summary,
        "kind": kind,
        # What the notice's key date asks for (pay, hearing, respond), and whether we have it.
        "date_kind": case.rules.date_kind,
        "no_date": case.deadline.rule == Rule.NOT_ON_FILE,
        "follow_up_on": reminder.about if kind == "follow" else None,
        "case_url": absolute(reverse("notices:case_detail", kwargs={"public_id": case.public_id})),
        "settings_url": absolute(reverse("notices:reminder_settings")),
        "unsubscribe_url": unsubscribe,
        "next_step": next_step(case, kind, today=summary_day),
    }
    # The subject and the opening lines are in both bodies: each is rendered once. Their
    # variables (notice type, year, date, days) never hold characters HTML escapes.
    subject_line = render_to_string("emails/reminder-subject.txt", context)
    context["subject_line"] = mark_safe(subject_line)  # noqa: S308 (escaped by its template)
    lines = render_to_string("emails/_reminder_lines.txt", context)
    context["lines"] = mark_safe(lines)  # noqa: S308 (escaped by its template)
    text = render_to_string("emails/reminder-body.txt", context)
    html = render_to_string("emails/reminder-body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject_line.split()),
        body=text,
        to=[to],
        headers={
            "Message-ID": message_id(reminder),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def build_plan(
    reminder: Reminder, *, plan: SavedPlan, to: str, now: datetime
) -> EmailMultiAlternatives:
    """ "Email me this plan": the plan's steps in words, its private link and when it ends,
    in the language of the page where it was asked for (plan_language).

    The link carries the signed hash (see notices/checkup/saved.py), never an address.
    """
    with translation.override(plan_language(reminder)):
        return _build_plan(reminder, plan=plan, to=to, now=now)


def _build_plan(
    reminder: Reminder, *, plan: SavedPlan, to: str, now: datetime
) -> EmailMultiAlternatives:
    today = timezone.localdate(now)
    walked = saved.walk(plan)
    built = action_plan.build_plan(walked.answers, case=None, today=today)
    link = absolute(reverse("notices:saved_plan", kwargs={"key": saved.email_key(plan)}))
    context: dict[str, Any] = {
        "plan": built,
        "headline": strip_tags(built.headline) if built else "",
        "link": link,
        "delete_url": absolute(
            reverse("notices:saved_plan_delete", kwargs={"key": saved.email_key(plan)})
        ),
        "expires_on": timezone.localdate(plan.expires_at),
        "today": today,
        "answer_rows": flow.summary(walked),
    }
    subject = " ".join(render_to_string("emails/plan-subject.txt", context).split())
    text = render_to_string("emails/plan-body.txt", context)
    html = render_to_string("emails/plan-body.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], headers={"Message-ID": message_id(reminder)}
    )
    message.attach_alternative(html, "text/html")
    return message


def next_step(case: Case, kind: str, *, today: date) -> str:
    """One concrete thing to do now: the first open step of the person's action plan, if they
    made one with the check-up; otherwise the usual next step for this notice and reminder."""
    if kind == "letter":  # a mailed letter's follow-up: the plan's steps came before it
        return translation.gettext(
            "If you have had no answer, call the number on your notice. Have a copy of your "
            "letter and your mailing receipt at hand, and write down what you learn in your "
            "contact log."
        )
    plan = action_plan.build_plan(case.flow_answers, case=case, today=today)
    if plan is not None:
        for step in plan.steps:
            if step.key not in case.plan_done:
                return f"{step.title}. {step.what}"
    gettext = translation.gettext
    if kind == "follow":
        return gettext(
            "Call or check again as you planned, and write down what you learn in your contact log."
        )
    rules = case.rules
    if case.deadline.rule == Rule.NOT_ON_FILE:
        if rules.date_kind == DateKind.RESPOND:
            return gettext(
                "Fill in the response form that came with the notice and send it, or call the "
                "number on the notice. Then add the date printed on the notice to its page, so "
                "we can remind you before it."
            )
        return gettext(
            "Pay what you can now, or call the IRS to ask for a payment plan. Then add the date "
            "printed on the notice to its page, so we can remind you before it."
        )
    if rules.date_kind == DateKind.HEARING:
        if kind == "after":
            return gettext(
                "You can still ask for an “equivalent hearing” within the one-year period "
                "described on Form 12153, but you can't take its result to the Tax Court. You "
                "can also pay what you can now, or ask the IRS for a payment plan."
            )
        return gettext(
            "To ask for a Collection Due Process hearing, send Form 12153 to the address on "
            "the letter by that date, and list every reason you disagree. You can also pay in "
            "full, or ask the IRS for a payment plan."
        )
    if rules.date_kind == DateKind.RESPOND:
        if kind == "after":
            return gettext(
                "If you have not answered yet, send the response form now, or call the number "
                "on the notice. To ask for more time, write, fax or call that number."
            )
        return gettext(
            "Fill in the response form that came with the notice: say if you agree or "
            "disagree, and sign it. Send it by that date. If you disagree, add a signed "
            "explanation and papers that back you up."
        )
    if kind == "after":
        later = [code for code in SEQUENCE if (rules_for(code).step or 0) > (rules.step or 0)]
        text = gettext("Pay what you can now, or ask the IRS for a payment plan.")
        if later:
            text += " " + gettext(
                "If nothing is paid, the IRS usually sends these notices next: %(notices)s. "
                "That is the typical order, but the timing varies and it can skip a step."
            ) % {"notices": ", ".join(later)}
        return text
    if rules.interest_window:
        return gettext(
            "Pay in full by that date if you can: then no more interest is added after the "
            "notice date. If you can't, you can ask the IRS for a payment plan before the date."
        )
    return gettext(
        "Pay in full by that date if you can. If you can't, call the IRS before the date to ask "
        "for a payment plan. Interest keeps adding up until you pay in full. So does the "
        "penalty for paying late, up to a limit."
    )
