"""Who is signed in: Django's and allauth's backends, with the user read in plain SQL.

Every signed-in request loads its user by id. Both libraries do it with
`User.objects.get(pk=...)`, and building that query took longer than running it. These
classes read the row in plain SQL instead (cp14site/plain_sql.py makes the same instance);
signing in, passwords and permissions are the libraries' own.

A session names the backend that signed its owner in, so these paths replace the
libraries' in AUTHENTICATION_BACKENDS. Listing both would check a wrong password twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model

from cp14site import plain_sql

_already_read: ContextVar[Any] = ContextVar("already_read", default=None)


@contextmanager
def already_read(user: Any) -> Iterator[None]:
    """While inside, the backends take this user row, read by a query that also read
    something else, rather than reading it again. Everything Django checks next (the
    session's backend, the account still active, the password not changed since) is
    checked all the same. None: read as usual."""
    token = _already_read.set(user)
    try:
        yield
    finally:
        _already_read.reset(token)


class _UserInPlainSQL:
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        user = _already_read.get()
        if user is None or str(user.pk) != str(user_id):
            row = plain_sql.first_row(_user_query(), [user_id])
            user = plain_sql.instance(model, row) if row is not None else None
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


@cache
def _user_query() -> str:
    """Written at the first sign-in check, once the user model is known."""
    model = get_user_model()
    table, key = model._meta.db_table, model._meta.pk.column
    return f"SELECT {plain_sql.columns(model, 'u')} FROM {table} u WHERE u.{key} = %s"  # noqa: S608


class ModelBackend(_UserInPlainSQL, backends.ModelBackend):
    """Django's: the admin's sign-in, and tests' force_login."""


class AuthenticationBackend(_UserInPlainSQL, AllauthBackend):
    """allauth's: sign-in by email."""
