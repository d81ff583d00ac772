from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from guidance.content import guide_pages
from tests.helpers import h1_count, site_urls, title_of

# switch_language answers with a redirect to the same page in the other language.
NOT_HTML = {"healthz", "robots", "sitemap", "notices:export_json", "switch_language"}
# Every URL without arguments that shows a page (a POST-only URL has none).
PAGES = [
    route.name
    for route in site_urls()
    if route.name and not route.kwargs and route.answers_get and route.name not in NOT_HTML
]
# Pages anyone can read; the rest need a signed-in user.
PUBLIC = [name for name in PAGES if not name.startswith(("notices:", "account_"))]


def test_no_pending_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_page_has_exactly_one_h1(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert h1_count(response.content.decode()) == 1


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_exactly_one_h1_when_signed_in(alice_client, name):
    response = alice_client.get(reverse(name), follow=True)
    assert response.status_code == 200
    assert h1_count(response.content.decode()) == 1


@pytest.mark.parametrize("slug", [page.slug for page in guide_pages()])
def test_every_guide_page_has_exactly_one_h1(client, slug):
    response = client.get(reverse("guidance:page", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert h1_count(response.content.decode()) == 1


def test_pages_declare_english_and_a_skip_link(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_home_page_offers_the_three_paths(client):
    html = client.get(reverse("home")).content.decode()
    assert "Got a CP14? Start here." in html
    for slug in ("what-is-a-cp14", "is-it-real"):
        assert reverse("guidance:page", kwargs={"slug": slug}) in html
    assert reverse("notices:flow_start") in html
    assert "Educational, not tax advice." in html


def test_unknown_page_is_a_friendly_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We can't find that page" in html
    assert h1_count(html) == 1
    assert 'class="site-header"' in html


def test_titles_are_unique_across_pages(client):
    urls = [reverse(name) for name in PUBLIC] + [
        reverse("guidance:page", kwargs={"slug": page.slug}) for page in guide_pages()
    ]
    titles = [title_of(client.get(url).content.decode()) for url in urls]
    assert len(set(titles)) == len(titles)


def test_htmx_is_served_from_our_own_static_files(client):
    html = client.get(reverse("home")).content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "https://" not in html.split("<body")[0]
