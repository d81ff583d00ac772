"""{% chrome "includes/header.html" %}: a piece of every page's frame, written once per
process for each way it can look.

The header, the footer and the files in <head> are the same for everyone: they change only
with the language, with whether someone is signed in (the menu then offers "Your notices"
and "Sign out") and with the page being shown (the menu marks it with aria-current).
Writing their links, translations and file addresses on every page cost most of a
millisecond. So each piece is rendered with a context that holds only those two facts,
`signed_in` and `current` (the page's view name), never the request, the person, a CSRF
token or a nonce, and the HTML is kept under the template, the language, both facts and the
URL configuration. Nothing the template could print about one person can reach another.

What does change from page to page goes in named slots: `{% chrome "x.html" query=query %}`
keeps x.html with a stand-in where it prints `{{ query }}`, and puts this page's value
there, escaped, in one pass (so a value can never fill another slot). A slot is printed
as it is given: no filters on it in the template. In development (DEBUG) nothing is kept.
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_kept: dict[tuple[Any, ...], SafeString] = {}


# A slot's stand-in: a NUL character cannot be in a template, a URL or a translation.
_SLOT = re.compile("\x00(\\w+)\x00")


@register.simple_tag(takes_context=True)
def chrome(context: template.Context, template_name: str, **slots: Any) -> SafeString:
    user = context.get("user")
    match = getattr(context.get("request"), "resolver_match", None)
    facts = {
        "signed_in": bool(user is not None and user.is_authenticated),
        "current": match.view_name if match is not None else "",
    }
    if settings.DEBUG:
        return mark_safe(render_to_string(template_name, facts | slots))  # noqa: S308
    urls = (get_urlconf(settings.ROOT_URLCONF), get_script_prefix())
    key = (template_name, get_language(), *facts.values(), *urls, *sorted(slots))
    html = _kept.get(key)
    if html is None:
        stand_ins = {name: mark_safe(f"\x00{name}\x00") for name in slots}  # noqa: S308
        html = _kept[key] = mark_safe(render_to_string(template_name, facts | stand_ins))  # noqa: S308
    if not slots:
        return html
    filled = _SLOT.sub(lambda found: conditional_escape(slots[found[1]]), html)
    return mark_safe(filled)  # noqa: S308 - kept HTML from our template; values escaped
