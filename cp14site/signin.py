"""Who is signed in: Django's and allauth's backends, with the user read in SQL written once.

Every signed-in request loads its user by id. Both libraries do it with
`User.objects.get(pk=...)`, and building that query took longer than running it. These
classes change only that read; signing in, passwords and permissions are the libraries' own.

A session names the backend that signed its owner in, so these paths replace the
libraries' in AUTHENTICATION_BACKENDS. Listing both would check a wrong password twice.
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends, get_user_model
from django.db import connections, router


class _UserInPlainSQL:
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        alias = router.db_for_read(model)
        quote = connections[alias].ops.quote_name
        pk = model._meta.pk
        assert pk is not None
        sql = f"SELECT * FROM {quote(model._meta.db_table)} WHERE {quote(pk.column)} = %s"  # noqa: S608
        value = pk.get_db_prep_value(user_id, connections[alias])
        user = next(iter(model._default_manager.db_manager(alias).raw(sql, [value])), None)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_UserInPlainSQL, backends.ModelBackend):
    """Django's: the admin's sign-in, and tests' force_login."""


class AuthenticationBackend(_UserInPlainSQL, AllauthBackend):
    """allauth's: sign-in by email."""
