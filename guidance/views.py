from __future__ import annotations

import json

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_path
from django.views.decorators.http import require_GET, require_safe

# Public pages answer HEAD too (link checkers, the nginx front), as they do from the cache.
from cp14site.page_cache import public_page
from guidance import search as site_search
from guidance.content import FAQ_SLUG, Page, all_pages, get_page, guide_pages
from guidance.languages import CODES, same_page_in
from notices.profiles import profile_for


@public_page
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    checklist_url = reverse("guidance:page", kwargs={"slug": "do-this-today"})
    return render(request, "guidance/home.html", {"checklist_url": checklist_url})


@public_page
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/index.html", {"pages": guide_pages()})


def _related(page: Page) -> list[Page]:
    pages = all_pages()
    return [pages[slug] for slug in page.related if slug in pages]


@public_page
@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_page(slug)
    if found is None or slug == FAQ_SLUG:
        raise Http404("No such guidance page")
    context = {"page": found, "related": _related(found), "pages": guide_pages()}
    return render(request, "guidance/page.html", context)


@public_page
@require_safe
def faq(request: HttpRequest) -> HttpResponse:
    found = get_page(FAQ_SLUG)
    if found is None:
        raise Http404("No FAQ")
    structured = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer_text},
            }
            for entry in found.faq
        ],
    }
    context = {
        "page": found,
        "related": _related(found),
        "pages": guide_pages(),
        "structured_data": _json_for_script(structured),
    }
    return render(request, "guidance/faq.html", context)


def _json_for_script(data: object) -> str:
    """JSON that is safe inside <script>: no answer text can close the element."""
    return json.dumps(data).replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[: site_search.MAX_QUERY_LENGTH]
    results = site_search.search(query) if query.strip() else []
    context = {
        "query": query,
        "results": results,
        "searched": bool(query.strip()),
        "understood": site_search.understood(query),
    }
    return render(request, "guidance/search.html", context)


@public_page
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The admin's address is left out on purpose: robots.txt is public, and naming it here
    # would undo keeping it unguessable. It sends every visitor to sign in anyway.
    lines = ["User-agent: *", "Disallow: /healthz", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The same for every visitor: the pages it lists come from the content files.
sitemap = public_page(sitemap_view)


@require_GET
def switch_language(request: HttpRequest) -> HttpResponse:
    """The header's language link for a signed-in person: remember the language for their
    emails, then show the same page in it. (Visitors' links go straight to the page.)

    A plain GET link, so it works without JavaScript; the worst a forged link can do is
    change which language someone's reminders are written in, which they can see and undo.
    """
    code = request.GET.get("to", "")
    if code not in CODES:
        raise Http404("No such language")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    source = get_language_from_path(target) or settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        profile = profile_for(request.user)
        if profile.language != code:
            profile.language = code
            profile.save(update_fields=["language"])
    return redirect(same_page_in(target, code, source=source))
