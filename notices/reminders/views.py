"""Reminder settings, one-click unsubscribe, and calendar files."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from uuid import UUID

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, register_converter, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notices.access import AuthedRequest, case_for
from notices.forms import ReminderSettingsForm
from notices.models import Case, Profile
from notices.profiles import profile_for, reset_private_links
from notices.reminders import calendar, scheduling
from notices.reminders.emails import profile_from_token


@require_http_methods(["GET", "POST"])
@login_required
def reminder_settings(request: AuthedRequest) -> HttpResponse:
    profile = profile_for(request.user)
    form = ReminderSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        scheduling.save_settings(profile=profile, data=form.cleaned_data)
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("notices:reminder_settings")
    verified = EmailAddress.objects.filter(user=request.user, verified=True).exists()
    feed_path = reverse("notices:calendar_feed", kwargs={"token": profile.calendar_token})
    feed_url = request.build_absolute_uri(feed_path)
    context = {
        "form": form,
        "verified": verified,
        "feed_url": feed_url,
        "subscribe_url": subscribe_url(feed_url),
    }
    return render(request, "notices/reminder_settings.html", context)


def subscribe_url(feed_url: str) -> str:
    """The feed as a webcal:// link: calendar apps open it as a subscription (kept up to
    date) where an https:// link would only download the file once."""
    parts = urlsplit(feed_url)
    return f"webcal://{parts.netloc}{parts.path}"


@require_POST
@login_required
def calendar_reset(request: AuthedRequest) -> HttpResponse:
    reset_private_links(request.user)
    messages.success(
        request,
        _(
            "Your calendar link is new. The old link no longer works. For your safety, the "
            "“stop reminders” links in emails we already sent no longer work either."
        ),
    )
    return redirect("notices:reminder_settings")


# The token in the link is the credential, and mail programs post here without a CSRF token
# (RFC 8058 one-click unsubscribe), so CSRF protection does not apply.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    profile = profile_from_token(token)
    if profile is None:
        return link_no_longer_works(request)
    if request.method == "POST":
        scheduling.turn_off_for_user(profile.user)
        return render(request, "notices/unsubscribed.html", {"done": True})
    return render(request, "notices/unsubscribed.html", {"done": False})


def link_no_longer_works(request: HttpRequest) -> HttpResponse:
    """An old, replaced or broken "stop reminders" link: say so kindly, and what to do."""
    note = Message(
        constants.INFO,
        _(
            "This link to stop reminder emails no longer works. It may be old, or it was "
            "replaced by a newer one. To stop reminders, sign in and open your reminder "
            "settings, or use the link in the newest email from us."
        ),
    )
    return render(request, "404.html", {"messages": [note]}, status=404)


@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    if not is_token(token):  # the URL already refuses these; never send one to the database
        raise Http404("Unknown calendar link")
    profile = Profile.objects.filter(calendar_token=token).select_related("user").first()
    if profile is None:
        raise Http404("Unknown calendar link")
    cases = Case.objects.filter(owner=profile.user).prefetch_related("contacts")
    body = calendar.calendar_for(cases, name=_("IRS notice deadlines"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
@login_required
def case_calendar(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    case = case_for(request, public_id)
    response = HttpResponse(
        calendar.calendar_for([case], name=case.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{case.notice_type}-{case.tax_year}.ics"'
    )
    return response


# A secret from secrets.token_urlsafe: letters, digits, "-" and "_" only.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_token(value: str) -> bool:
    return TOKEN.fullmatch(value) is not None


class TokenConverter:
    """Anything but a token (a NUL byte, spaces, dots, other letters) is a 404 before it
    reaches the database: PostgreSQL refuses a NUL byte in a query with an error (a 500)."""

    regex = TOKEN.pattern

    def to_python(self, value: str) -> str:
        if not is_token(value):  # the regex already matched; this holds even if it changes
            raise ValueError(value)  # the URL does not match: a 404
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

reminder_urls = [
    path("reminders/settings/", reminder_settings, name="reminder_settings"),
    path("reminders/calendar/reset/", calendar_reset, name="calendar_reset"),
    path("reminders/unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("calendar/<token:token>.ics", calendar_feed, name="calendar_feed"),
    path("cases/<uuid:public_id>/calendar.ics", case_calendar, name="case_calendar"),
]
