"""{% chrome "includes/nav_items.html" %}: a piece of every page's header or footer, written
once per process for each way it can look.

The menu and the footer are the same for everyone: they change only with the language, with
whether someone is signed in (the menu then offers "Your notices" and "Sign out") and with
the page being shown (the menu marks it with aria-current). Writing their links and
translations on every page cost about half a millisecond. So each piece is rendered with a
context that holds only those two facts, `signed_in` and `current` (the page's view name),
never the request, the person, a CSRF token or a nonce, and the HTML is kept under the
template, the language, both facts and the URL configuration. Nothing the template could
print about one person can reach another. In development (DEBUG) nothing is kept.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_kept: dict[tuple[Any, ...], SafeString] = {}


@register.simple_tag(takes_context=True)
def chrome(context: template.Context, template_name: str) -> SafeString:
    user = context.get("user")
    match = getattr(context.get("request"), "resolver_match", None)
    facts = {
        "signed_in": bool(user is not None and user.is_authenticated),
        "current": match.view_name if match is not None else "",
    }
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name, facts))  # noqa: S308
    urls = (get_urlconf(settings.ROOT_URLCONF), get_script_prefix())
    key = (template_name, get_language(), *facts.values(), *urls)
    html = _kept.get(key)
    if html is None:
        html = _kept[key] = mark_safe(render_to_string(template_name, facts))  # noqa: S308
    return html
