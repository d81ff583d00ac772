"""Who may see what: the typed requests and the owner-scoped lookups every view uses.

Every object is found through the signed-in owner, so another person's id is a 404,
never a 403 that would confirm it exists.
"""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.db import connection, models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from cp14site import plain_sql
from notices.models import Case

Owned = TypeVar("Owned", bound=models.Model)


class AuthedRequest(HttpRequest):
    """A request behind @login_required (django-stubs pattern: declare what we know)."""

    user: User
    htmx: HtmxDetails


class VisitorRequest(HttpRequest):
    """A request that may come from a visitor (the check-up and the estimator serve both)."""

    user: User | AnonymousUser
    htmx: HtmxDetails


def case_for(request: AuthedRequest, public_id: UUID) -> Case:
    return get_object_or_404(Case, public_id=public_id, owner=request.user)


def case_with(request: AuthedRequest, public_id: UUID, fields: tuple[str, ...]) -> Case:
    """The person's case with only `fields` (the others load when read), or a 404.

    In plain SQL (cp14site/plain_sql.py): the case page asks on every visit for its kept
    copy's key (notices/kept.py), and the ORM took longer to build this query than to run it.
    """
    names = ("id", *fields)
    public = Case._meta.get_field("public_id").get_db_prep_value(public_id, connection)
    sql = (
        f"SELECT {plain_sql.columns(Case, 'c', names)} FROM {Case._meta.db_table} c "  # noqa: S608
        "WHERE c.public_id = %s AND c.owner_id = %s"
    )
    row = plain_sql.first_row(sql, [public, request.user.pk])
    if row is None:
        raise Http404
    return plain_sql.instance(Case, row, names)


def owned(request: AuthedRequest, model: type[Owned], public_id: UUID) -> Owned:
    """An entry on one of the person's cases (contact, payment, checklist item, letter)."""
    manager: Any = model._default_manager
    return get_object_or_404(
        manager.select_related("case"), public_id=public_id, case__owner=request.user
    )
