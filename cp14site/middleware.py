from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

STARTED, LAST_SEEN = "session_started", "session_last_seen"
# Writing the session on every request would cost a database write per page view.
TOUCH_EVERY = 60

View = TypeVar("View", bound=Callable[..., Any])


def session_timeout(get_response: Callable[[HttpRequest], HttpResponse]):
    """Sign people out after SESSION_IDLE_SECONDS without activity or 12 hours in all.

    Tax details sit behind this login, and people use shared or public computers.
    The check runs once the address has found its view, unless the view runs it itself
    (@checks_session_age): the letter download reads the session in the same query as
    the letter, then checks it.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        return get_response(request)

    def process_view(request: HttpRequest, view: Callable[..., Any], *args: Any) -> None:
        if not getattr(view, "checks_session_age", False):
            end_if_too_old(request)

    middleware.process_view = process_view  # type: ignore[attr-defined]
    return middleware


def checks_session_age(view: View) -> View:
    """For a view that calls end_if_too_old itself, before anything reads the user."""
    view.checks_session_age = True  # type: ignore[attr-defined]
    return view


def end_if_too_old(request: HttpRequest) -> None:
    """Sign out a session too long idle or too old, saying why; else note it was seen."""
    if SESSION_KEY not in request.session:
        return
    now = int(time.time())
    started = request.session.setdefault(STARTED, now)
    last_seen = request.session.get(LAST_SEEN, now)
    idle = now - last_seen > settings.SESSION_IDLE_SECONDS
    if idle or now - started > settings.SESSION_COOKIE_AGE:
        logout(request)
        messages.info(request, _("For your safety, we signed you out. Please sign in again."))
    elif now - last_seen >= TOUCH_EVERY or LAST_SEEN not in request.session:
        request.session[LAST_SEEN] = now


def no_store_when_signed_in(get_response: Callable[[HttpRequest], HttpResponse]):
    """Keep every page shown to a signed-in person out of browser and proxy caches.

    Those pages hold tax details, and a shared computer's Back button or disk cache must
    not show them to the next person. A view that already said no-store (never_cache)
    keeps its own header. Static files never get here: WhiteNoise answers them earlier.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            directives = response.get("Cache-Control", "").lower()
            if "no-store" not in directives:
                patch_cache_control(response, no_store=True, private=True)
        return response

    return middleware


def browser_permissions(get_response: Callable[[HttpRequest], HttpResponse]):
    """Send Permissions-Policy and Cross-Origin-Resource-Policy on every response.

    The site never needs a camera, a microphone, a location or a payment sheet, so no page
    (nor anything a bug or an injected script puts in one) may ask for them. And no other
    site may embed our pages' resources. It sits before WhiteNoise, so static files get the
    headers too. A response that already set a header keeps its own.
    """
    permissions = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENY)

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", permissions)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response

    return middleware
