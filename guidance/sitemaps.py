from __future__ import annotations

from datetime import date

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guidance.content import Page, all_pages


class StaticSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["home", "guidance:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class GuidanceSitemap(Sitemap):
    def items(self) -> list[Page]:
        return list(all_pages().values())

    def location(self, item: Page) -> str:
        return item.url

    def lastmod(self, item: Page) -> date:
        return item.last_reviewed


sitemaps = {"static": StaticSitemap, "guidance": GuidanceSitemap}
