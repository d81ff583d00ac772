from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Values every template needs: the site URL and this response's CSP nonce."""
    return {
        "SITE_URL": settings.SITE_URL,
        # django-htmx's {% htmx_script %} looks for this name.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
