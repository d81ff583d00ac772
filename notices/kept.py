"""Signed-in pages kept rendered until what they show changes.

A person's case page and dashboard take several milliseconds of template work, yet most
visits show exactly what the last one did. So each whole page is kept in Django's cache
(Redis in production) under a key made of everything it depends on:
- whose it is and which page: the owner's id, and the case's;
- the version of every case it shows. Case.version is a new random value that the database
  sets whenever a case, or a row shown with it, is added, changed or deleted (triggers in
  migration 0011), so any change, by any code path, makes a new key and the old copy is
  never read again;
- the language, the time zone, and today's date there (days left, dates in the plan);
- the deploy: a hash of the code, templates, guide and translations;
- the address it was asked at (see `response`).

A copy is only looked for after the view checked that the case belongs to the person
asking, and the key holds the owner, so one person's copy can never be shown to another.
The CSRF token differs per response: forms are kept with a stand-in that is swapped for
this response's token. The stand-in holds a NUL character, which no form field accepts, so
nothing a person typed can become it. In development (DEBUG), and while Redis is down,
nothing is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache as django_cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render as render_page
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cp14site import ratelimit
from cp14site.page_cache import content_version, files_version
from notices.models import Case

KEY_PREFIX = "kept:"
CSRF_SLOT = "\x00csrf-token\x00"
Render = Callable[[dict[str, Any]], str]


@cache
def code_version() -> str:
    """The deploy: what the public pages depend on, and the notices code."""
    return files_version([settings.BASE_DIR / "notices"], content_version())


def key(*parts: Any) -> str:
    facts = (
        code_version(),
        get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        *parts,
    )
    return KEY_PREFIX + hashlib.sha256("\0".join(map(str, facts)).encode()).hexdigest()


def versions_of(owner_id: int) -> str:
    """The versions of all of a person's cases, as one part of a key. In plain SQL: the
    dashboard asks on every visit, and the ORM took longer to build the query than to run it.
    """
    table = connection.ops.quote_name(Case._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE owner_id = %s", [owner_id])
        return ",".join(sorted(str(version) for (version,) in cursor.fetchall()))


def _html(request: HttpRequest, parts: tuple[Any, ...], render: Render) -> SafeString:
    """The HTML that `render(extra)` makes, kept under `parts`: pass `extra` into the
    template's context (it sets the CSRF stand-in)."""
    # While Redis is down the cache is a small one in each process, and pages would push
    # the sign-in limits' counters out of it.
    if settings.DEBUG or ratelimit.in_fallback():
        return mark_safe(render({}))  # noqa: S308 - templates escape what they print
    name = key(*parts)
    html = django_cache.get(name)
    if html is None:
        html = render({"csrf_token": CSRF_SLOT})
        if not ratelimit.in_fallback():  # the get above may have found Redis down
            django_cache.set(name, html, settings.KEPT_PAGE_SECONDS)
    if CSRF_SLOT in html:
        html = html.replace(CSRF_SLOT, get_token(request))
    return mark_safe(html)  # noqa: S308 - as rendered by our templates, which escape


def response(
    request: HttpRequest,
    parts: tuple[Any, ...],
    template_name: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The whole page, site frame and all, kept under `parts` and what the frame shows: the
    scheme, host and path (its links to this page in the other language). `context()` is
    called only when the page is rendered.

    A page with a message waiting to be shown (after a change) is rendered afresh, and so is
    an address with a query string, which would otherwise make a copy per string.
    """
    if request.GET or get_messages(request):
        return render_page(request, template_name, context())
    frame = (request.scheme, request.get_host(), request.path)
    html = _html(
        request,
        (*parts, *frame),
        lambda extra: render_to_string(template_name, context() | extra, request),
    )
    return HttpResponse(html)
