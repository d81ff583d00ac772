"""{% language_link %} for the header and {% hreflang_links %} for <head> (see base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from guidance.languages import alternates, current_language, switch_href

register = template.Library()


# Simple tags writing their HTML directly: both are on every page, and an inclusion
# template cost more than the links themselves.


@register.simple_tag(takes_context=True)
def language_link(context: dict[str, Any]) -> SafeString:
    """A link to this page in the other language, named in that language."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    here = current_language()
    return format_html_join(
        "",
        '<a class="language-link" href="{}" lang="{}" hreflang="{}">{}</a>',
        (
            (switch_href(request, a), a.code, a.code, capfirst(a.name))
            for a in alternates(request)
            if a.code != here
        ),
    )


@register.simple_tag(takes_context=True)
def hreflang_links(context: dict[str, Any]) -> SafeString:
    """<link rel="alternate" hreflang> for each language and x-default (English), absolute."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return mark_safe("")
    links = [(a.code, request.build_absolute_uri(a.path)) for a in alternates(request)]
    default = next(url for code, url in links if code == settings.LANGUAGE_CODE)
    return format_html_join(
        "", '\n  <link rel="alternate" hreflang="{}" href="{}">', [*links, ("x-default", default)]
    )
