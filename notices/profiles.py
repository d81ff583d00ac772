"""The profile: what a person tells us once and we reuse (letters, reminders)."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django.utils.translation import get_language

from guidance.languages import supported
from notices.models import Profile, new_calendar_token, new_unsubscribe_token


@cache
def known_time_zones() -> frozenset[str]:
    """The zones a person can choose: every "Area/City" zone, and UTC.

    Old aliases without a city ("EST5EDT", "Zulu") are left out. A browser's zone is saved
    only if it is in this set, so the reminder settings page can always show the saved zone
    and saving that page never changes it. Reading the list from disk takes milliseconds:
    once per process.
    """
    return frozenset(z for z in zoneinfo.available_timezones() if "/" in z) | {"UTC"}


def profile_for(user: Any, *, time_zone: str = "") -> Profile:
    """The user's profile, made on first use; `time_zone` (from the browser) seeds a new one,
    and so does the page's language: someone who signs up and starts on /es/ gets Spanish
    emails (changed later by the header's language link or the reminder settings)."""
    defaults: dict[str, Any] = {"time_zone": time_zone} if time_zone in known_time_zones() else {}
    defaults["language"] = supported(get_language())
    profile, _ = Profile.objects.get_or_create(user=user, defaults=defaults)
    return profile


def reset_calendar_token(user: Any) -> Profile:
    """A new secret for the private calendar feed: the old address stops working."""
    profile = profile_for(user)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    return profile


def reset_private_links(user: Any) -> Profile:
    """New secrets for the calendar feed and for the "stop reminders" links in emails.

    Every link made before stops working: the calendar address, and the unsubscribe link in
    each email already sent. Emails sent from now on carry the new unsubscribe link.
    """
    profile = profile_for(user)
    profile.calendar_token = new_calendar_token()
    profile.unsubscribe_token = new_unsubscribe_token()
    profile.save(update_fields=["calendar_token", "unsubscribe_token"])
    return profile
