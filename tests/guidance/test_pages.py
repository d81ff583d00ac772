from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.content import CONTENT_DIR, FAQ_SLUG, all_pages, guide_pages
from guidance.readability import grade_level, text_from_html, words_per_sentence
from tests.helpers import title_of

OFFICIAL_HOSTS = (
    "irs.gov",
    "taxpayeradvocate.irs.gov",
    "eitc.irs.gov",
    "uscode.house.gov",
)
PAGES = guide_pages()
SLUGS = [page.slug for page in PAGES]
ARTICLE = re.compile(r"<article[^>]*>(.*)</article>", re.S)


def page_url(slug: str) -> str:
    if slug == FAQ_SLUG:
        return reverse("guidance:faq")
    return reverse("guidance:page", kwargs={"slug": slug})


def article_text(client, slug: str) -> str:
    article = ARTICLE.search(client.get(page_url(slug)).content.decode())
    assert article is not None
    return text_from_html(article.group(1))


def test_there_are_all_nineteen_guide_pages_and_an_faq():
    assert len(PAGES) == 19
    assert "special-situations" in SLUGS
    assert FAQ_SLUG in all_pages()


def test_the_guide_index_lists_every_page(client):
    html = client.get(reverse("guidance:index")).content.decode()
    for slug in SLUGS:
        assert f'href="{page_url(slug)}"' in html, slug


@pytest.mark.parametrize("slug", [*SLUGS, FAQ_SLUG])
def test_page_reads_at_grade_eight_or_lower(client, slug):
    text = article_text(client, slug)
    assert grade_level(text) <= 8.0
    assert words_per_sentence(text) <= 20


@pytest.mark.parametrize("slug", [*SLUGS, FAQ_SLUG])
def test_page_cites_an_official_source_and_shows_last_reviewed(client, slug):
    page = all_pages()[slug]
    hosts = [urlsplit(source.url).hostname or "" for source in page.sources]
    assert any(host == h or host.endswith("." + h) for host in hosts for h in OFFICIAL_HOSTS)
    html = client.get(page_url(slug)).content.decode()
    assert "Last reviewed:" in html
    assert f'datetime="{page.last_reviewed:%Y-%m-%d}"' in html
    assert page.last_reviewed <= timezone.localdate()


@pytest.mark.parametrize("slug", SLUGS)
def test_page_starts_with_its_summary_and_links_related_pages(client, slug):
    page = all_pages()[slug]
    html = client.get(page_url(slug)).content.decode()
    assert html.index("<h1>") < html.index('class="lead summary"') < html.index('class="prose"')
    assert page.related, "every page should point to related pages"
    for related in page.related:
        assert page_url(related) in html


def test_titles_and_descriptions_are_unique(client):
    pages = list(all_pages().values())
    titles = {title_of(client.get(page_url(p.slug)).content.decode()) for p in pages}
    assert len(titles) == len(pages)
    assert len({p.description for p in pages}) == len(pages)


@pytest.mark.parametrize("slug", [*SLUGS, FAQ_SLUG])
def test_internal_links_point_at_real_pages(client, slug):
    html = all_pages()[slug].html
    for href in re.findall(r'href="(/[^"#]*)', html):
        assert client.get(href).status_code == 200, href


def test_content_files_have_no_raw_html_and_no_level_one_heading():
    for path in (CONTENT_DIR / "en").glob("*.md"):
        body = path.read_text().split("---", 2)[2]
        assert not re.search(r"<[a-zA-Z/][^>]*>", body), path.name
        assert not re.search(r"^# ", body, re.M), path.name


def test_long_pages_have_an_on_this_page_list(client):
    page = max(PAGES, key=lambda p: len(p.headings))
    html = client.get(page_url(page.slug)).content.decode()
    assert "On this page" in html
    for heading in page.headings:
        assert f'href="#{heading.anchor}"' in html and f'id="{heading.anchor}"' in html


def test_pages_carry_open_graph_tags(client):
    html = client.get(page_url("how-to-pay")).content.decode()
    assert '<meta property="og:title" content="' in html
    assert '<meta property="og:description" content="' in html


class TestFaq:
    def test_has_at_least_twenty_questions_with_unique_anchors(self):
        faq = all_pages()[FAQ_SLUG].faq
        assert len(faq) >= 20
        anchors = [entry.anchor for entry in faq]
        assert len(set(anchors)) == len(anchors)

    def test_seed_questions_are_answered(self):
        questions = " ".join(entry.question.lower() for entry in all_pages()[FAQ_SLUG].faq)
        for words in ("bill", "file", "audit", "cp504", "interest"):
            assert words in questions

    def test_each_question_is_linkable(self, client):
        html = client.get(reverse("guidance:faq")).content.decode()
        for entry in all_pages()[FAQ_SLUG].faq:
            assert f'id="{entry.anchor}"' in html
            assert f'href="#{entry.anchor}"' in html

    def test_carries_faqpage_structured_data(self, client):
        html = client.get(reverse("guidance:faq")).content.decode()
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert raw is not None
        data = json.loads(raw.group(1))
        assert data["@type"] == "FAQPage"
        assert len(data["mainEntity"]) == len(all_pages()[FAQ_SLUG].faq)


def test_sitemap_lists_every_page(client):
    xml = client.get(reverse("sitemap")).content.decode()
    for slug in [*SLUGS, FAQ_SLUG]:
        assert f"{page_url(slug)}</loc>" in xml
    assert f"{reverse('home')}</loc>" in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_unknown_guide_page_is_404(client):
    assert client.get("/guide/no-such-page/").status_code == 404


def test_print_stylesheet_hides_navigation():
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert "nav" in print_rules and ".site-header" in print_rules
