"""Security headers on every kind of response, cookies, and caching.

Requests arrive over HTTPS (`secure=True`), as in production: HSTS is only sent then. The
test settings keep SECURE_SSL_REDIRECT off so plain-HTTP tests elsewhere still work.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import Morsel
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from guidance import views as guidance_views
from notices.models import Case, Letter
from notices.profiles import profile_for
from tests.factories import PASSWORD, UserFactory, make_case, make_letter
from tests.helpers import ID_KWARGS, HttpsClient, Route, object_url, object_urls, site_urls
from tests.notices.letters.letters_helpers import render

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
ROOT = Path(__file__).resolve().parent.parent
ONE_YEAR = 31536000


@dataclass
class World:
    anonymous: Client
    signed_in: Client
    user: User
    case: Case
    letter: Letter
    monkeypatch: pytest.MonkeyPatch


@pytest.fixture
def world(alice, monkeypatch) -> World:
    signed_in = HttpsClient()
    signed_in.force_login(alice)
    case = make_case(alice)
    letter = render(make_letter(case))  # its PDF made, as the worker would
    return World(HttpsClient(), signed_in, alice, case, letter, monkeypatch)


def _server_error(world: World) -> Any:
    def broken(query: str) -> list:
        raise RuntimeError("boom")

    world.monkeypatch.setattr(guidance_views.site_search, "search", broken)
    client = HttpsClient(raise_request_exception=False)
    return client.get(reverse("guidance:search"), {"q": "penalty"})


def _checklist_toggle(world: World) -> Any:
    item = world.case.checklist.first()
    assert item is not None
    url = reverse("notices:checklist_toggle", kwargs={"item_id": item.public_id})
    return world.signed_in.post(url, **HTMX)


# (id, how to get the response, kind, signed in?, expected status). Kinds: "page" is a whole
# HTML page in the site layout, "standalone page" one rendered without the request and so
# without scripts (500), "partial" an htmx fragment, "file" a download or feed.
Fetch = Callable[[World], Any]  # a test client response
RESPONSES: list[tuple[str, Fetch, str, bool, int]] = [
    ("home", lambda w: w.anonymous.get(reverse("home")), "page", False, 200),
    ("guide page", lambda w: w.anonymous.get(
        reverse("guidance:page", kwargs={"slug": "what-is-a-cp14"})), "page", False, 200),
    ("faq", lambda w: w.anonymous.get(reverse("guidance:faq")), "page", False, 200),
    ("search", lambda w: w.anonymous.get(
        reverse("guidance:search"), {"q": "penalty"}), "page", False, 200),
    ("check-up step, htmx", lambda w: w.anonymous.get(
        reverse("notices:flow_step", kwargs={"step": "details"}), **HTMX), "partial", False, 200),
    ("dashboard", lambda w: w.signed_in.get(reverse("notices:dashboard")), "page", True, 200),
    ("case page", lambda w: w.signed_in.get(
        reverse("notices:case_detail", kwargs={"public_id": w.case.public_id})), "page", True, 200),
    ("case check-up step, htmx", lambda w: w.signed_in.get(
        reverse("notices:case_flow_step", kwargs={"public_id": w.case.public_id,
                                                  "step": "arrived"}), **HTMX),
     "partial", True, 200),
    ("checklist toggle, htmx", _checklist_toggle, "partial", True, 200),
    ("letter pdf", lambda w: w.signed_in.get(
        reverse("notices:letter_pdf", kwargs={"letter_id": w.letter.public_id})),
     "file", True, 200),
    ("calendar feed", lambda w: w.anonymous.get(reverse(
        "notices:calendar_feed", kwargs={"token": profile_for(w.user).calendar_token})),
     "file", False, 200),
    ("case calendar", lambda w: w.signed_in.get(
        reverse("notices:case_calendar", kwargs={"public_id": w.case.public_id})),
     "file", True, 200),
    ("json export", lambda w: w.signed_in.get(reverse("notices:export_json")), "file", True, 200),
    ("404", lambda w: w.anonymous.get("/no-such-page/"), "page", False, 404),
    ("404 signed in", lambda w: w.signed_in.get("/no-such-page/"), "page", True, 404),
    ("403 admin for non-staff", lambda w: w.signed_in.get(reverse("admin:login")),
     "page", True, 403),
    ("500", _server_error, "standalone page", False, 500),
]  # fmt: skip

CONTENT_TYPES = {
    "letter pdf": "application/pdf",
    "calendar feed": "text/calendar",
    "case calendar": "text/calendar",
    "json export": "application/json",
}


def csp_directives(response: HttpResponse) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


POWERFUL_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid")


def assert_powerful_features_off(response: Any) -> None:
    policy = {}
    for part in response["Permissions-Policy"].split(","):
        feature, _, allowed = part.strip().partition("=")
        policy[feature] = allowed
    for feature in POWERFUL_FEATURES:
        assert policy.get(feature) == "()", feature  # () : allowed for no one, not even us


@pytest.mark.parametrize(
    ("fetch", "kind", "signed_in", "status"),
    [pytest.param(*row[1:], id=row[0]) for row in RESPONSES],
)
def test_every_kind_of_response_carries_the_security_headers(
    request, world, fetch, kind, signed_in, status
):
    response = fetch(world)
    assert response.status_code == status

    # A strict, enforced Content Security Policy
    assert "Content-Security-Policy" in response
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "unsafe-hashes" not in header and "strict-dynamic" not in header
    csp = csp_directives(response)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert "*" not in header.split() and "http:" not in header and "https:" not in header
    if kind == "page":
        assert "text/html" in response["Content-Type"]
        # Scripts only from our own files: no inline script runs, nonce or not, so a page
        # holds nothing per response (public ones are cached whole).
        assert csp["script-src"] == ["'self'"]
        html = response.content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts
        for tag in scripts:
            assert re.search(r'src="/static/[^"]+\.js"', tag) or "application/ld+json" in tag, tag
    if kind == "standalone page":
        assert "<script" not in response.content.decode()

    # Transport and browser hardening
    hsts = response["Strict-Transport-Security"]
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) >= ONE_YEAR
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    # No page may use the camera, microphone, location or payments, nor be embedded elsewhere.
    assert_powerful_features_off(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"

    # Nothing a signed-in person sees, and no personal download, is kept in a cache.
    if signed_in or kind == "file":
        assert "no-store" in response["Cache-Control"]
    if kind == "partial":
        assert "<html" not in response.content.decode()
        assert "HX-Request" in response["Vary"]
    if kind == "file":
        assert response["Content-Type"].startswith(CONTENT_TYPES[request.node.callspec.id])


@pytest.mark.parametrize(
    "url", ["/static/css/site.css", "/static/favicon.svg", "/healthz", "/robots.txt"]
)
def test_static_files_and_plain_text_answers_carry_the_browser_headers_too(url):
    response = HttpsClient().get(url)
    assert response.status_code == 200
    assert_powerful_features_off(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_redirect_carries_the_browser_headers_too(world):
    response = world.anonymous.get(reverse("notices:dashboard"))
    assert response.status_code == 302
    assert_powerful_features_off(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_error_pages_are_friendly_and_in_the_site_layout(world):
    forbidden = world.signed_in.get(reverse("admin:login"))
    html = forbidden.content.decode()
    assert forbidden.status_code == 403
    assert "You can't open this page" in html
    assert 'class="site-header"' in html and html.count("<h1") == 1
    assert reverse("notices:dashboard") in html

    broken = _server_error(world)
    assert broken.status_code == 500
    assert "Something went wrong on our side" in broken.content.decode()


def test_a_failed_csrf_check_is_a_plain_page_not_djangos(alice):
    client = HttpsClient(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("notices:case_create"), {})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Please try that again" in html
    assert "<style" not in html  # Django's own page has inline CSS, which our CSP blocks


# Caching details: the middleware and Vary


def test_never_cache_views_keep_their_own_cache_header(world):
    response = world.signed_in.get(
        reverse("notices:letter_detail", kwargs={"letter_id": world.letter.public_id})
    )
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "private"} <= directives


def test_signed_in_pages_are_private_and_no_store(world):
    response = world.signed_in.get(reverse("guidance:index"))  # a public page, signed in
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


def test_public_pages_for_visitors_are_not_marked_no_store(world):
    response = world.anonymous.get(reverse("guidance:index"))
    assert "no-store" not in response.get("Cache-Control", "")


def _is_fragment(response: HttpResponse) -> bool:
    return response.status_code == 200 and b"<html" not in response.content


@pytest.mark.parametrize("route", object_urls(), ids=lambda route: route.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_view_that_answers_htmx_differently_says_vary_hx_request(
    alice_client, alices_objects, route: Route, method
):
    """If the htmx answer is a fragment where a plain request gets a page or a redirect,
    a cache must not hand one to the other (htmx caching docs)."""
    url = object_url(route, alices_objects)
    response = getattr(alice_client, method)(url, {}, **HTMX)
    if _is_fragment(response) and response.get("Content-Type", "").startswith("text/html"):
        assert "HX-Request" in response.get("Vary", ""), f"{method.upper()} {url}"


# Cookies


def _cookie_flags(morsel: Morsel) -> dict[str, object]:
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
        "path": morsel["path"],
        "domain": morsel["domain"],
    }


def test_signing_in_over_https_sets_only_host_prefixed_secure_lax_cookies(db):
    user = UserFactory(email="cookie.person@example.com")
    client = HttpsClient(enforce_csrf_checks=True)
    form = client.get(reverse("account_login"))
    token = form.cookies["__Host-csrftoken"].value

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        # Over HTTPS, Django also checks the request came from this site.
        headers={"Origin": "https://testserver", "Referer": "https://testserver/accounts/login/"},
    )

    assert response.status_code == 302
    cookies = {**form.cookies, **response.cookies}
    assert set(cookies) == {"__Host-csrftoken", "__Host-sessionid"}
    for name, morsel in cookies.items():
        flags = _cookie_flags(morsel)
        # __Host-: Secure, Path=/, no Domain, or browsers drop the cookie.
        assert flags["secure"], name
        assert flags["path"] == "/" and not flags["domain"], name
        assert flags["samesite"] == "Lax", name
    assert _cookie_flags(cookies["__Host-sessionid"])["httponly"]
    # A session cookie lasts until the browser closes (no "remember me").
    assert not cookies["__Host-sessionid"]["max-age"]
    # The signed-in page after the redirect sets no cookie of another name either.
    follow = client.get(response["Location"])
    assert set(follow.cookies) <= {"__Host-csrftoken", "__Host-sessionid"}
    assert "no-store" in follow["Cache-Control"]


def test_signing_up_does_not_put_the_email_address_in_a_cookie(db):
    client = HttpsClient()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.cookie@example.com",
            "password1": "a long new password 1",
            "password2": "a long new password 1",
        },
    )
    assert response.status_code == 302
    assert set(response.cookies) <= {"__Host-csrftoken", "__Host-sessionid"}
    for morsel in response.cookies.values():
        assert "cookie@example" not in morsel.value
    page = client.get(response["Location"])
    # The flash message about the verification email still reaches the person.
    assert "new.cookie@example.com" in page.content.decode()


def test_an_outsider_case_is_still_unknown_over_https(world, outsider):
    client = HttpsClient()
    client.force_login(outsider)
    url = reverse("notices:case_detail", kwargs={"public_id": world.case.public_id})
    response = client.get(url)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


# CSRF: every URL refuses a POST without the right token, except one-click unsubscribe


# The only view that takes a POST without a CSRF token: mail programs post to it with no
# page and no cookie (RFC 8058); the signed token in its URL is the credential.
CSRF_EXEMPT = {"notices:unsubscribe"}
# Values for URL parts that aren't object ids.
PLAIN_KWARGS = {
    "slug": "what-is-a-cp14", "token": "not-a-real-token", "key": "not-a-real-key",
    "uidb36": "1", "step": "details",
}  # fmt: skip
ADMIN_URLS = ["admin:index", "admin:login", "admin:logout", "admin:password_change"]


# Every URL of the site; of the admin's own URLs, a few (there are hundreds, one set per model).
EVERY_URL = [route for route in site_urls() if route.name] + [
    route for route in site_urls(admin=True) if route.name in ADMIN_URLS
]


def build_url(route: Route, objects) -> str:
    if route.kwargs & ID_KWARGS:
        return object_url(route, objects)
    return reverse(route.name, kwargs={key: PLAIN_KWARGS[key] for key in route.kwargs})


def test_the_only_csrf_exempt_view_is_one_click_unsubscribe():
    # Unnamed URLs and the admin's too: an exempt view anywhere would take a forged POST.
    exempt = {
        route.name or repr(route.view)
        for route in site_urls(admin=True)
        if getattr(route.view, "csrf_exempt", False)
    }
    assert exempt == CSRF_EXEMPT
    assert len(EVERY_URL) >= 55


SAME_SITE = {"Origin": "https://testserver", "Referer": "https://testserver/cases/"}
CSRF_REFUSED = "Please try that again"


@pytest.mark.parametrize(
    "route", [route for route in EVERY_URL if route.name not in CSRF_EXEMPT], ids=lambda r: r.name
)
def test_a_post_without_the_right_csrf_token_is_refused(alice, alices_objects, route: Route):
    objects = alices_objects
    url = build_url(route, objects)
    client = HttpsClient(enforce_csrf_checks=True)
    client.force_login(alice)
    secret = "a" * 32
    client.cookies["__Host-csrftoken"] = secret

    attempts = {
        "missing": client.post(url, {}, headers=SAME_SITE),
        "forged": client.post(url, {"csrfmiddlewaretoken": "b" * 32}, headers=SAME_SITE),
        "forged header": client.post(url, {}, headers={**SAME_SITE, "X-CSRFToken": "c" * 32}),
        "other site": client.post(
            url, {"csrfmiddlewaretoken": secret}, headers={"Origin": "https://evil.example"}
        ),
    }
    for attempt, response in attempts.items():
        assert response.status_code == 403, attempt
        assert CSRF_REFUSED in response.content.decode(), attempt
    assert Case.objects.filter(pk=objects["case"].pk).exists()
    assert User.objects.filter(pk=alice.pk).exists()
    assert objects["case"].contacts.count() == 1 and objects["case"].payments.count() == 1

    # Control: with the right token from this site, the CSRF check lets the request through,
    # so the refusals above were the CSRF check and not something else.
    passed = client.post(url, {"csrfmiddlewaretoken": secret}, headers=SAME_SITE)
    assert CSRF_REFUSED not in passed.content.decode()


def test_one_click_unsubscribe_works_without_a_csrf_token(alice):
    from notices.reminders.emails import unsubscribe_token

    url = reverse("notices:unsubscribe", kwargs={"token": unsubscribe_token(alice.pk)})
    response = HttpsClient(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not profile_for(alice).reminders_enabled


# The admin's address: not /admin/ in production, and never named in robots.txt


def test_the_admin_is_not_at_the_address_bots_try(db, client):
    admin_home = reverse("admin:index")
    assert admin_home != "/admin/"
    assert len(admin_home.strip("/")) >= 20  # a path nobody guesses
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    # The real address still sends people to sign in.
    assert client.get(admin_home).status_code == 302


def test_robots_txt_does_not_name_the_admin(client):
    robots = client.get("/robots.txt").content.decode()
    assert "admin" not in robots.lower()
    assert reverse("admin:index").strip("/") not in robots
    assert "Disallow: /healthz" in robots


def _admin_address(**env: str) -> subprocess.CompletedProcess[str]:
    """reverse("admin:index") in a fresh process: the URLconf reads ADMIN_URL at start-up."""
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    keep = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "ADMIN_URL", "SECRET_KEY")}
    keep.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=keep | {"SECRET_KEY": "one-production-secret-" + "x" * 40} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_admin_address_comes_from_admin_url():
    chosen = _admin_address(DEBUG="false", ADMIN_URL="staff-door-7kq2m")
    assert chosen.stdout.split()[-1] == "/staff-door-7kq2m/", chosen.stderr

    default = _admin_address(DEBUG="false")
    assert default.stdout.split()[-1].startswith("/admin-"), default.stderr
    # Made from SECRET_KEY: another site's secret gives another address.
    other = _admin_address(DEBUG="false", SECRET_KEY="another-production-secret-" + "y" * 40)
    assert other.stdout.split()[-1] != default.stdout.split()[-1]

    empty = _admin_address(DEBUG="false", ADMIN_URL="")  # as .env.example leaves it
    assert empty.stdout.split()[-1] == default.stdout.split()[-1], empty.stderr

    development = _admin_address(DEBUG="true")
    assert development.stdout.split()[-1] == "/admin/", development.stderr

    malformed = _admin_address(DEBUG="false", ADMIN_URL="my admin")
    assert malformed.returncode != 0
    assert malformed.stderr.strip().startswith("Configuration error: ADMIN_URL must be a path")
