"""Queries and weight per page, through Django's test client against the bench database.

Each page is fetched once to warm up (the first request of a session writes it), then again
inside CaptureQueriesContext. Weight is the response body and the CSS and JS it links to,
as bytes and gzipped (level 9, as WhiteNoise compresses static files).
"""

from __future__ import annotations

import gzip
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.seed import Visit


@dataclass(frozen=True)
class Weight:
    raw: int
    gzipped: int

    @classmethod
    def of(cls, data: bytes) -> Weight:
        return cls(len(data), len(gzip.compress(data, compresslevel=9)) if data else 0)

    def __add__(self, other: Weight) -> Weight:
        return Weight(self.raw + other.raw, self.gzipped + other.gzipped)


@dataclass(frozen=True)
class PageFacts:
    status: int
    content_type: str
    queries: int
    body: Weight
    css: Weight
    js: Weight
    missing_assets: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and "stylesheet" in (found.get("rel") or "").split() and found.get("href"):
            self.css.append(found["href"] or "")
        elif tag == "script" and found.get("src"):
            self.js.append(found["src"] or "")


def _static_file(url: str) -> Path | None:
    url = url.split("?")[0].split("#")[0]
    if not url.startswith(settings.STATIC_URL):
        return None
    path = Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL)
    return path if path.is_file() else None


def _assets_weight(urls: list[str], missing: list[str]) -> Weight:
    total = Weight(0, 0)
    for url in urls:
        path = _static_file(url)
        if path is None:
            missing.append(url)
        else:
            total += Weight.of(path.read_bytes())
    return total


def measure(visit: Visit) -> PageFacts:
    client = Client(HTTP_HOST="127.0.0.1")
    if visit.cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = visit.cookie
    headers = {"HX-Request": "true"} if visit.htmx else {}
    client.get(visit.path, headers=headers)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(visit.path, headers=headers)
    content_type = response.get("Content-Type", "")
    # A stored letter PDF is streamed from its file.
    body = (
        b"".join(cast(Any, response).streaming_content) if response.streaming else response.content
    )
    assets = _Assets()
    if content_type.startswith("text/html"):
        assets.feed(body.decode("utf-8", "replace"))
    missing: list[str] = []
    return PageFacts(
        status=response.status_code,
        content_type=content_type.split(";")[0],
        queries=len(captured.captured_queries),
        body=Weight.of(body),
        css=_assets_weight(assets.css, missing),
        js=_assets_weight(assets.js, missing),
        missing_assets=missing,
    )
