"""{% language_link %} for the header and {% hreflang_links %} for <head> (see base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from guidance.languages import alternates, current_language, switch_href

register = template.Library()


@register.inclusion_tag("includes/language_link.html", takes_context=True)
def language_link(context: dict[str, Any]) -> dict[str, Any]:
    """A link to this page in the other language, named in that language."""
    request = context.get("request")
    if request is None:
        return {"links": []}
    here = current_language()
    links = [
        {"code": a.code, "name": a.name, "href": switch_href(request, a)}
        for a in alternates(request)
        if a.code != here
    ]
    return {"links": links}


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context: dict[str, Any]) -> dict[str, Any]:
    """<link rel="alternate" hreflang> for each language and x-default (English), absolute."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return {"links": []}
    links = [(a.code, request.build_absolute_uri(a.path)) for a in alternates(request)]
    default = next(url for code, url in links if code == settings.LANGUAGE_CODE)
    return {"links": [*links, ("x-default", default)]}
