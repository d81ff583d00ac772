"""Whole public pages from the cache: the same bytes for every visitor, never a person's own.

A page served from the cache renders no template, so `response.templates` is empty: that is
how these tests tell a stored copy from a fresh one.
"""

from __future__ import annotations

import shutil

import pytest
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path, reverse

from cp14site import page_cache
from cp14site.page_cache import public_page
from guidance.content import CONTENT_DIR

PUBLIC_URLS = {
    "home": "/",
    "guide index": "/guide/",
    "guide page": "/guide/what-is-a-cp14/",
    "faq": "/faq/",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
}
SIGNED_IN_ONLY = "Sign out"  # in the menu of every page a signed-in person sees


def fresh(response) -> bool:
    """Whether the page was rendered for this request (not taken from the cache)."""
    return bool(response.templates) or not hasattr(response, "templates")


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(PUBLIC_URLS.values()), ids=list(PUBLIC_URLS))
def test_visitors_get_the_same_bytes_from_the_cache(url):
    first, second = Client().get(url), Client().get(url)
    assert first.status_code == second.status_code == 200
    if url != "/robots.txt":  # plain text, no template
        assert first.templates and not second.templates  # the second came from the cache
    assert first.content == second.content
    assert sorted(first.items()) == sorted(second.items())
    assert not first.cookies and not second.cookies
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "max-age=300" in cache_control
    assert first["ETag"].startswith('"') and len(first["ETag"]) > 10
    html = first.content.decode()
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert "nonce" not in html and "nonce" not in first["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_head_request_gets_the_stored_page_too():
    assert Client().head("/faq/").status_code == 200  # public pages answer HEAD when fresh
    Client().get("/faq/")
    head = Client().head("/faq/")
    assert head.status_code == 200 and not head.templates
    assert "public" in head["Cache-Control"]


@pytest.mark.django_db
def test_the_etag_answers_if_none_match_with_304():
    etag = Client().get("/guide/")["ETag"]
    for _ in range(2):  # once from a fresh cache entry, once again
        again = Client().get("/guide/", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag and "public" in again["Cache-Control"]
    other = Client().get("/guide/", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.content
    assert Client().get("/faq/")["ETag"] != etag


@pytest.mark.django_db
def test_a_signed_in_page_is_never_served_from_the_shared_cache(client, alice):
    Client().get("/guide/")  # a visitor fills the cache
    client.force_login(alice)
    response = client.get("/guide/")
    assert fresh(response)
    assert SIGNED_IN_ONLY in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "ETag" not in response
    # and the visitors' copy is still the visitors' one
    visitor = Client().get("/guide/")
    assert not visitor.templates and SIGNED_IN_ONLY not in visitor.content.decode()


@pytest.mark.django_db
def test_a_page_made_for_a_signed_in_person_is_never_kept_for_visitors(client, alice):
    client.force_login(alice)
    for url in PUBLIC_URLS.values():
        client.get(url)
    for url in PUBLIC_URLS.values():
        visitor = Client().get(url)
        assert fresh(visitor) or url == "/robots.txt", (
            url
        )  # nothing was stored by the signed-in visits
        assert SIGNED_IN_ONLY not in visitor.content.decode()
        assert "Sign in" in visitor.content.decode() or url.endswith((".xml", ".txt"))


@pytest.mark.django_db
def test_a_flash_message_never_reaches_another_visitor(client, alice):
    client.force_login(alice)
    home = client.post(reverse("account_logout"), follow=True)
    message = "You are signed out."
    assert message in home.content.decode()  # shown to the person who signed out
    assert "public" not in home["Cache-Control"]
    for url in PUBLIC_URLS.values():
        assert message not in Client().get(url).content.decode()
    # The signed-out person still has a session: their pages are private, not shared.
    again = client.get("/guide/")
    assert fresh(again) and "private" in again["Cache-Control"] and "ETag" not in again


@pytest.mark.django_db
def test_a_search_is_never_cached_nor_shown_to_others():
    query = "zebra-in-the-mailbox"
    searched = Client().get(reverse("guidance:search"), {"q": query})
    assert query in searched.content.decode()
    assert "public" not in searched.get("Cache-Control", "")
    for url in PUBLIC_URLS.values():
        assert query not in Client().get(url).content.decode()
    # any query string skips the cache, even on a public page
    tagged = Client().get("/guide/?ref=letter")
    assert fresh(tagged) and "public" not in tagged.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["notices:estimator", "account_login", "account_signup"])
def test_pages_with_a_form_that_posts_are_never_cached(name):
    url = reverse(name)
    first, second = Client().get(url), Client().get(url)
    assert fresh(second)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert first.content != second.content  # each visitor has their own CSRF token
    assert "public" not in first.get("Cache-Control", "")


@pytest.mark.django_db
def test_pages_not_marked_public_are_never_stored():
    url = reverse("notices:flow_start")
    first, second = Client().get(url), Client().get(url)
    assert fresh(first) and fresh(second)
    assert "public" not in first.get("Cache-Control", "") and "ETag" not in first


@pytest.mark.django_db
def test_htmx_requests_skip_the_cache():
    Client().get("/guide/")
    response = Client().get("/guide/", headers={"HX-Request": "true"})
    assert fresh(response)


def test_the_content_version_follows_the_guide_files(tmp_path):
    sources = page_cache.VERSION_SOURCES
    assert any(root == CONTENT_DIR or root in CONTENT_DIR.parents for root in sources)
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    before = page_cache.files_version([copy], "0.1.0")
    assert page_cache.files_version([copy], "0.1.0") == before
    page = next(copy.rglob("*.md"))
    page.write_text(page.read_text() + "\nOne more sentence.\n")
    assert page_cache.files_version([copy], "0.1.0") != before
    assert page_cache.files_version([copy], "0.2.0") != page_cache.files_version([copy], "0.1.0")


# Views that look public but are not: each must stay out of the shared cache.

CALLS: dict[str, int] = {}


def counted(view):
    """Count how often the view really runs, to tell a stored answer from a fresh one."""

    def wrapped(request: HttpRequest) -> HttpResponse:
        CALLS[request.path] = CALLS.get(request.path, 0) + 1
        return view(request)

    return wrapped


@public_page
@counted
def sets_a_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("<p>hello</p>")
    response.set_cookie("seen", "1")
    return response


@public_page
@counted
def uses_the_csrf_token(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"<p>{get_token(request)}</p>")


@public_page
@counted
def adds_a_message(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Saved for you")
    return HttpResponse("<p>done</p>")


@public_page
@counted
def uses_the_csp_nonce(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')  # type: ignore[attr-defined]


@public_page
@counted
def varies_on_htmx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("<p>part</p>")
    response["Vary"] = "HX-Request"
    return response


@public_page
@counted
def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>the same for all</p>")


urlpatterns = [
    path("cookie/", sets_a_cookie),
    path("csrf/", uses_the_csrf_token),
    path("message/", adds_a_message),
    path("nonce/", uses_the_csp_nonce),
    path("vary/", varies_on_htmx),
    path("plain/", plain),
]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_page_cache")
@pytest.mark.parametrize("url", ["/cookie/", "/csrf/", "/message/", "/nonce/", "/vary/"])
def test_a_response_with_anything_per_person_is_not_stored(url):
    first = Client().get(url)
    assert first.status_code == 200
    assert "public" not in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert "ETag" not in first
    # The second visitor gets a fresh answer: a new token, nonce or message of their own.
    calls = CALLS[url]
    second = Client().get(url)
    assert CALLS[url] == calls + 1
    if url in ("/csrf/", "/nonce/"):
        assert second.content != first.content


@pytest.mark.django_db
@pytest.mark.urls("tests.test_page_cache")
def test_a_plain_public_response_is_stored():
    first = Client().get("/plain/")
    calls = CALLS["/plain/"]
    second = Client().get("/plain/")
    assert CALLS["/plain/"] == calls  # answered from the cache
    assert "public" in first["Cache-Control"] and first["ETag"] == second["ETag"]
    assert first.content == second.content
