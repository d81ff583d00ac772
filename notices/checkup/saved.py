"""A check-up plan kept without an account: a private link, an email, and their limits.

The link's secret comes from secrets.token_urlsafe and only its SHA-256 is stored, so the
table alone opens nothing. The "email me this plan" message can't carry that secret (we no
longer have it when the email is sent), so the emailed link carries the stored hash signed
with the site's key instead: it opens the same plan, and stops working when the plan is
deleted or expires. Neither link holds any personal data.

The email itself is a Reminder row about the plan, sent by the reminder dispatcher
(notices/reminders/sending.py), so it is retried like any reminder and never lost.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from guidance.languages import supported
from notices.checkup import flow
from notices.letters.limits import count_use
from notices.models import Reminder, SavedPlan

LIFETIME = timedelta(days=90)
TOKEN_BYTES = 32  # 43 URL-safe characters
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
EMAIL_KEY = re.compile(r"[0-9a-f]{64}:[A-Za-z0-9_-]{20,100}")
EMAIL_LINK_SALT = "notices.checkup.saved.email-link"

# Per internet address, in a fixed one-hour window (counters in the shared cache).
LINKS_PER_HOUR = 20
EMAILS_PER_HOUR = 5
WINDOW = 60 * 60


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(answers: dict[str, Any], *, now: datetime | None = None) -> tuple[SavedPlan, str]:
    """Keep `answers` for LIFETIME. Returns the plan and the secret for its link (once)."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    plan = SavedPlan.objects.create(
        token_hash=hash_token(token), answers=answers, expires_at=now + LIFETIME
    )
    return plan, token


def email_key(plan: SavedPlan) -> str:
    """The key in the emailed link: the stored hash, signed so nobody can make one up."""
    return signing.Signer(salt=EMAIL_LINK_SALT).sign(plan.token_hash)


@dataclass(frozen=True)
class Found:
    plan: SavedPlan | None
    expired: bool = False


def find(key: str, *, now: datetime | None = None) -> Found:
    """The plan a link's key opens. A wrong, deleted or cleaned-up key finds nothing."""
    token_hash = _hash_of(key)
    plan = SavedPlan.objects.filter(token_hash=token_hash).first() if token_hash else None
    if plan is not None and plan.expires_at <= (now or timezone.now()):
        return Found(None, expired=True)
    return Found(plan)


def by_hash(token_hash: Any, *, now: datetime | None = None) -> SavedPlan | None:
    """A live plan by its stored hash (kept in a session after the link was opened)."""
    if not isinstance(token_hash, str) or not re.fullmatch(r"[0-9a-f]{64}", token_hash):
        return None
    return SavedPlan.objects.filter(
        token_hash=token_hash, expires_at__gt=now or timezone.now()
    ).first()


def _hash_of(key: str) -> str | None:
    if TOKEN.fullmatch(key):
        return hash_token(key)
    if EMAIL_KEY.fullmatch(key):
        try:
            return signing.Signer(salt=EMAIL_LINK_SALT).unsign(key)
        except signing.BadSignature:
            return None
    return None  # never send junk to the database


def walk(plan: SavedPlan) -> flow.Walk:
    return flow.walk(flow.clean_answers(plan.answers), start=flow.first_step(in_case=False))


def plan_kind(now: datetime, language: str) -> str:
    """The kind of an "email me this plan" row: plan-es@<time> for a plan asked for on a
    Spanish page, plan@<time> in English (as before languages existed).

    The language rides in the kind, like the lead days in a reminder's before-7@…: it is
    part of what this one email is, so the row needs no column for a choice made once.
    notices/reminders/emails.py plan_language() reads it back."""
    code = supported(language)
    tag = f"-{code}" if code != settings.LANGUAGE_CODE else ""
    return f"plan{tag}@{now.isoformat(timespec='microseconds')}"


@transaction.atomic
def request_email(plan: SavedPlan, address: str, *, now: datetime | None = None) -> Reminder:
    """Queue "email me this plan" as a reminder row that is due now.

    The address waits on the plan until the email has gone, then it is cleared. One
    waiting email per plan is enough: asking again before it went only changes the address.
    """
    now = now or timezone.now()
    SavedPlan.objects.filter(pk=plan.pk).update(email=address)
    plan.email = address
    waiting = Reminder.objects.filter(plan=plan, status=Reminder.Status.PENDING).first()
    if waiting is not None:
        return waiting
    # The email is written in the language of the page it was asked on.
    kind = plan_kind(now, get_language() or "en")
    return Reminder.objects.create(plan=plan, kind=kind, send_at=now)


def delete_expired(*, now: datetime | None = None) -> int:
    """Delete plans past their date; their email rows go with them (cascade)."""
    deleted, by_model = SavedPlan.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return by_model.get(SavedPlan._meta.label, 0)


# Limits


def wait_for(action: str, address: str, *, now: float | None = None) -> int:
    """Count one `action` ("link" or "email") from `address`; seconds to wait if over."""
    limit = {"link": LINKS_PER_HOUR, "email": EMAILS_PER_HOUR}[action]
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    key = f"checkup:saved:{action}:{address}:{window}"
    if count_use(key, WINDOW + 5) <= limit:
        return 0
    return max(math.ceil((window + 1) * WINDOW - now), 1)
