"""Signed-in and visitor sessions for a browser, made directly in the session store.

The journeys sign up and sign in through the UI; tests that only need to be signed in (or a
visitor part-way through the check-up) start here instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client


def sign_in(context: Any, server: str, user: Any) -> None:
    client = Client()
    client.force_login(user)
    add_session_cookie(context, server, client.cookies[settings.SESSION_COOKIE_NAME].value)


def visitor_session(context: Any, server: str, data: dict[str, Any]) -> None:
    """An anonymous session holding `data` (for example, check-up answers)."""
    session = SessionStore()
    session.update(data)
    session.create()
    assert session.session_key is not None
    add_session_cookie(context, server, session.session_key)


def add_session_cookie(context: Any, server: str, key: str) -> None:
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": key,
                "domain": urlsplit(server).hostname,
                "path": "/",
                "secure": settings.SESSION_COOKIE_SECURE,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
