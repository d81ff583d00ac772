"""The same page in the other language: the header's language link and the hreflang links.

English pages have no prefix and Spanish pages live under /es/ (cp14site/urls.py). The
address decides the language; we never look at the browser's Accept-Language header to send
anyone elsewhere, so a person always sees the language of the link they followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info

# Each language's name in itself: a person looks for "Español", not "Spanish".
CODES = tuple(code for code, _ in settings.LANGUAGES)


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str  # in its own language
    path: str  # the same page in this language


def supported(code: str | None) -> str:
    """The site's language for a code ("es", "es-mx"): its base if we have it, else English."""
    base = (code or "").split("-")[0]
    return base if base in CODES else settings.LANGUAGE_CODE


def current_language() -> str:
    return supported(translation.get_language())


def same_page_in(path: str, code: str, *, source: str) -> str:
    """`path` (read in language `source`) in language `code`; its home page if the path
    is no page of ours (a 404), so the link always leads somewhere in that language."""
    with translation.override(source):
        translated = translate_url(path, code)
    if translated == path and code != source:
        with translation.override(code):
            return reverse("home")
    return translated


def _this_page_in(request: HttpRequest, code: str, *, source: str) -> str:
    """The page being shown, in language `code`: reversed from the URL already resolved for
    this request (as translate_url would, without resolving the path again)."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return same_page_in(request.path, code, source=source)
    with translation.override(code):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return same_page_in(request.path, code, source=source)


def alternates(request: HttpRequest) -> list[Alternate]:
    """This page in every language, worked out once per request."""
    found: list[Alternate] | None = getattr(request, "_language_alternates", None)
    if found is None:
        source = current_language()
        found = [
            Alternate(
                code,
                get_language_info(code)["name_local"],
                _this_page_in(request, code, source=source),
            )
            for code in CODES
        ]
        request._language_alternates = found  # type: ignore[attr-defined]
    return found


def switch_href(request: HttpRequest, alternate: Alternate) -> str:
    """Where the header's language link points. A visitor goes straight to the page (the
    same link for all, so public pages stay cacheable); a signed-in person goes through
    switch_language, which also saves the choice for their emails, then lands on the page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return alternate.path
    query = urlencode({"to": alternate.code, "next": request.get_full_path()})
    return f"{reverse('switch_language')}?{query}"
