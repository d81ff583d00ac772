from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Values every template needs: the site URL.

    No CSP nonce: the policy allows scripts from our own files only (settings.py), so a
    page holds nothing that changes per response and a public one can be cached whole
    (cp14site/page_cache.py). django-htmx's {% htmx_script %} then writes no nonce either.
    """
    return {"SITE_URL": settings.SITE_URL}
