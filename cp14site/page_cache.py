"""Whole-page cache for public pages: the guide, the FAQ, the home page, the sitemap.

Most visitors read the guide without signing in, and those pages are the same for all of
them. So a view marked with @public_page is rendered once per content version and kept in
Django's cache (Redis in production); later visitors get the stored bytes without any
template work. The response says `Cache-Control: public` with an ETag, so browsers and the
nginx front (cp14site/deploy/nginx.conf) may keep it too.

Nothing per-person may ever land in a shared copy. A request uses the shared copy only when
it is a plain GET or HEAD with no query string, no session cookie and no htmx header, and a
response is stored only when, after every inner middleware ran, it
- came from a @public_page view and answered 200;
- sets no cookie (a new session, a CSRF token or a flash message all set one);
- used no CSRF token and no CSP nonce (both must differ per response);
- says nothing against caching (private, no-store, no-cache) and varies only on Cookie and
  Accept-Language (the key holds the language; a session cookie skips the cache);
- was made for a visitor who is not signed in, with an empty session.
A @public_page response that fails these checks gets `Cache-Control: private, no-cache`.

The key holds the scheme, host, path, language and the content version: a hash of the guide
files, templates, IRS figures, static manifest and app version, worked out once per process.
A deploy that changes any of them starts a fresh set of keys and ETags.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache, wraps
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_path

View = Callable[..., HttpResponseBase]
MARK = "page_cache_public"
KEY_PREFIX = "page:"
# The key has the language; a request with a session cookie never uses the shared copy.
ALLOWED_VARY = {"cookie", "accept-language"}
REFUSING = ("private", "no-store", "no-cache")
# Where a page's words and markup come from: a change to any file here is a new version.
VERSION_SOURCES = (
    settings.BASE_DIR / "guidance",
    settings.BASE_DIR / "templates",
    settings.BASE_DIR / "notices" / "irs",
    settings.BASE_DIR / "locale",
)


def public_page(view: View) -> View:
    """Mark a view's pages as the same for every visitor who is not signed in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        setattr(response, MARK, True)
        return response

    return wrapped


def files_version(roots: tuple[Path, ...] | list[Path], extra: str = "") -> str:
    """A hash of every file under `roots` (names and bytes), and of `extra`."""
    digest = hashlib.sha256(extra.encode())
    for root in roots:
        for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


@cache
def content_version() -> str:
    """This deploy's content version, worked out once per process."""
    try:
        app_version = metadata.version("cp14-helper")
    except metadata.PackageNotFoundError:  # pragma: no cover - a checkout not pip-installed
        app_version = "unknown"
    # Hashed static file names change with the CSS and JS, and pages link to them.
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    manifest_text = manifest.read_text() if manifest.is_file() else ""
    return files_version(VERSION_SOURCES, f"{app_version}\0{manifest_text}")


def shared_key(request: HttpRequest) -> str | None:
    """The cache key of the shared copy, or None when this request must not use one."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if "HX-Request" in request.headers or "Authorization" in request.headers:
        return None
    # The address decides the language (/es/… Spanish, else English), as in LocaleMiddleware;
    # a cookie or Accept-Language header changes nothing, so it must not split the cache.
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    parts = (content_version(), language, request.scheme, request.get_host(), request.path)
    return KEY_PREFIX + hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether `response` holds nothing that belongs to one person or one response."""
    if not getattr(response, MARK, False) or response.status_code != 200:
        return False
    if not isinstance(response, HttpResponse) or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False
    directives = response.get("Cache-Control", "").lower()
    if any(word in directives for word in REFUSING):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    return session is None or session.is_empty()


def _freeze(response: HttpResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    return response.status_code, list(response.items()), response.content


def _thaw(stored: tuple[int, list[tuple[str, str]], bytes]) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name in list(response.headers):
        del response.headers[name]
    for name, value in headers:
        response.headers[name] = value
    return response


def _keep_private(response: HttpResponseBase) -> None:
    if getattr(response, MARK, False) and "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)


def page_cache(get_response: Callable[[HttpRequest], HttpResponseBase]):
    """Serve @public_page pages to visitors from the shared cache (see the module docstring).

    It sits before the session, CSRF, auth and CSP middleware: a stored page skips them all,
    and already carries the headers they set. Security headers are added outside it.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        key = shared_key(request)
        if key is None:
            response = get_response(request)
            _keep_private(response)
            return response
        stored = django_cache.get(key)
        if stored is not None:
            response = _thaw(stored)
        else:
            response = get_response(request)
            if not storable(request, response):
                _keep_private(response)
                return response
            assert isinstance(response, HttpResponse)
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_MAX_AGE,
                stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
            )
            response["ETag"] = f'"{key.removeprefix(KEY_PREFIX)[:32]}"'
            django_cache.set(key, _freeze(response), settings.PAGE_CACHE_SECONDS)
        # 304 Not Modified when the browser or proxy already holds this version.
        answer = get_conditional_response(request, etag=response["ETag"], response=response)
        return answer if answer is not None else response

    return middleware
