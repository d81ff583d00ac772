"""The sitemap: every public page in English and in Spanish, each with its alternates
(<xhtml:link hreflang>) and x-default, the English page."""

from __future__ import annotations

from datetime import date

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guidance.content import FAQ_SLUG, Page, all_pages


class LanguagesSitemap(Sitemap):
    # One <url> per page and language; location() runs with that language active.
    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(LanguagesSitemap):
    def items(self) -> list[str]:
        return ["home", "guidance:index"]

    def location(self, item: str) -> str:
        return reverse(item)


class GuidanceSitemap(LanguagesSitemap):
    def items(self) -> list[Page]:
        return list(all_pages().values())

    def location(self, item: Page) -> str:
        # Reversed here, not item.url: the same page is listed once per language.
        if item.slug == FAQ_SLUG:
            return reverse("guidance:faq")
        return reverse("guidance:page", kwargs={"slug": item.slug})

    def lastmod(self, item: Page) -> date:
        return item.last_reviewed


sitemaps = {"static": StaticSitemap, "guidance": GuidanceSitemap}
