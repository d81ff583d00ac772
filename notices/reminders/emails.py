"""The reminder email: plain text and HTML, the due date written out, one-click unsubscribe."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from notices.checkup import action_plan
from notices.models import Profile, Reminder
from notices.summary import summarize

UNSUBSCRIBE_SALT = "notices.reminders.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 180  # links in old emails keep working for six months


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"user": user_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def user_id_from_token(token: str) -> int | None:
    """The user an unsubscribe token was made for, or None if forged or expired."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:
        return None
    user_id = data.get("user") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def message_id(reminder: Reminder) -> str:
    """The same for every try, so a rare duplicate threads with the first copy."""
    return f"<reminder-{reminder.pk}@{urlsplit(settings.SITE_URL).hostname}>"


def build(
    reminder: Reminder, *, profile: Profile, to: str, now: datetime
) -> EmailMultiAlternatives:
    case = reminder.case
    summary_day = now.astimezone(ZoneInfo(profile.time_zone)).date()
    summary = summarize(case, today=summary_day)
    kind = reminder.kind.split("@")[0].split("-")[0]  # before, due, after, follow
    unsubscribe = absolute(
        reverse("notices:unsubscribe", kwargs={"token": unsubscribe_token(case.owner_id)})
    )
    context: dict[str, Any] = {
        "case": case,
        "summary": summary,
        "kind": kind,
        "follow_up_on": reminder.about if kind == "follow" else None,
        "case_url": absolute(reverse("notices:case_detail", kwargs={"public_id": case.public_id})),
        "settings_url": absolute(reverse("notices:reminder_settings")),
        "unsubscribe_url": unsubscribe,
        "next_step": next_step(case, kind, today=summary_day),
    }
    # Emails are English for now; dates must not switch language mid-sentence.
    with translation.override("en"):
        subject = " ".join(render_to_string("emails/reminder-subject.txt", context).split())
        text = render_to_string("emails/reminder-body.txt", context)
        html = render_to_string("emails/reminder-body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
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


def next_step(case: Any, kind: str, *, today: date) -> str:
    """One concrete thing to do now: the first open step of the person's action plan, if they
    made one with the check-up; otherwise the usual next step for this kind of reminder."""
    plan = action_plan.build_plan(case.flow_answers, case=case, today=today)
    if plan is not None:
        for step in plan.steps:
            if step.key not in case.plan_done:
                return f"{step.title}. {step.what}"
    if kind == "follow":
        return translation.gettext(
            "Call or check again as you planned, and write down what you learn in your contact log."
        )
    if kind == "after":
        return translation.gettext(
            "Pay what you can now, or ask the IRS for a payment plan. If nothing is paid, the "
            "IRS usually sends reminder notices next (CP501, CP503), then a notice of intent "
            "to levy (CP504). That is the typical order, but the timing varies."
        )
    return translation.gettext(
        "Pay in full by that date if you can: then no more interest is added. If you can't, "
        "you can ask the IRS for a payment plan before the date."
    )
