from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

H1 = re.compile(r"<h1[\s>]")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def h1_count(html: str) -> int:
    return len(H1.findall(html))


def title_of(html: str) -> str:
    match = TITLE.search(html)
    return " ".join(match.group(1).split()) if match else ""


def argument_free_urls() -> list[str]:
    """Every named URL of the site that takes no arguments (admin excluded)."""
    names: list[str] = []

    def walk(patterns: list, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                takes_arguments = bool(pattern.pattern.regex.groupindex)
                if not takes_arguments:
                    names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return sorted(set(names))


class HttpsClient(Client):
    """A test client whose every request arrives over HTTPS, as in production.

    `Client(secure=True)` does not do this: `secure` is a per-request argument, and given to
    the constructor it only becomes a meaningless WSGI environ key.
    """

    def generic(self, method: str, path: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(method, path, *args, **kwargs)
