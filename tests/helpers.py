from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

H1 = re.compile(r"<h1[\s>]")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def h1_count(html: str) -> int:
    return len(H1.findall(html))


def title_of(html: str) -> str:
    match = TITLE.search(html)
    return " ".join(match.group(1).split()) if match else ""


def needs_postgres(what: str, why: str) -> None:
    """For a test only PostgreSQL can run: skipped on SQLite, except in CI, which has
    PostgreSQL and must run it (`what`: "the concurrency test"; `why`: what it needs)."""
    if connection.vendor != "postgresql":
        if settings.CI_REQUIRES_REDIS:
            pytest.fail(f"CI must run {what} on PostgreSQL")
        pytest.skip(f"{why} (set DATABASE_URL)")


# The URLconf


@dataclass(frozen=True)
class Route:
    """One URL pattern of the site: its name ("namespace:name", "" if unnamed), the
    arguments it takes, and its view."""

    name: str
    kwargs: frozenset[str]
    view: Callable[..., Any]

    @property
    def answers_get(self) -> bool:
        """False for a view that refuses GET outright (a POST-only URL has no page)."""
        view_class = getattr(self.view, "view_class", None)
        if view_class is not None:
            return hasattr(view_class, "get")
        function: Any = self.view
        while function is not None:  # through the decorators, e.g. require_POST
            methods = inspect.getclosurevars(function).nonlocals.get("request_method_list")
            if methods is not None and "GET" not in methods:
                return False
            function = getattr(function, "__wrapped__", None)
        return True


def site_urls(*, admin: bool = False) -> list[Route]:
    """Every URL pattern in the URLconf, sorted by name. The admin's own URLs (hundreds, one
    set per model) only if `admin` is true."""
    found: set[Route] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin" and not admin:
                    continue
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                name = ":".join(part for part in (namespace, pattern.name) if part)
                kwargs = frozenset(pattern.pattern.regex.groupindex)
                found.add(Route(name if pattern.name else "", kwargs, pattern.callback))

    walk(get_resolver().url_patterns, "")
    return sorted(found, key=lambda route: (route.name, sorted(route.kwargs)))


# URLs that name one person's things

# The URL arguments that name an object some person owns.
ID_KWARGS = frozenset({"public_id", "entry_id", "item_id", "letter_id"})
# Values for the other parts of a URL that also names a case: a check-up step, a plan
# step's key, a letter kind. Real values, so the owner's request reaches the view.
OTHER_KWARGS = {"step": "arrived", "key": "keep-records", "kind": "dispute"}


def object_urls() -> list[Route]:
    """Every URL that names an object some person owns."""
    return [route for route in site_urls() if route.name and route.kwargs & ID_KWARGS]


def object_url(route: Route, objects: dict[str, Any]) -> str:
    """The route's URL for the owner's objects: "case", "contact", "payment", "checklist"
    and "letter"."""
    if "public_id" in route.kwargs:
        extra = {key: OTHER_KWARGS[key] for key in route.kwargs - {"public_id"}}
        return reverse(route.name, kwargs={"public_id": objects["case"].public_id, **extra})
    if "letter_id" in route.kwargs:
        return reverse(route.name, kwargs={"letter_id": objects["letter"].public_id})
    kind = route.name.split(":")[1].split("_")[0]  # contact_edit -> contact
    key = "item_id" if "item_id" in route.kwargs else "entry_id"
    return reverse(route.name, kwargs={key: objects[kind].public_id})


class HttpsClient(Client):
    """A test client whose every request arrives over HTTPS, as in production.

    `Client(secure=True)` does not do this: `secure` is a per-request argument, and given to
    the constructor it only becomes a meaningless WSGI environ key.
    """

    def generic(self, method: str, path: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(method, path, *args, **kwargs)
