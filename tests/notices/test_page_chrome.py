"""The header and footer are written once per language and per "signed in or not" (see
notices/templatetags/chrome.py), and {% url %} remembers each address's shape
(notices/templatetags/fast_url.py). Neither may ever show one person's data to another,
mix English and Spanish, or give an address Django's own {% url %} would not."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from notices.templatetags.chrome import _kept
from notices.when import when
from tests.factories import make_case

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<ul class="nav-list">(.*?)</ul>', re.S)
FOOTER = re.compile(r'<footer class="site-footer">.*?</footer>', re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_two_people_get_the_same_menu_and_never_each_others_data(
    alice_client, outsider_client, alice, outsider
):
    make_case(alice, nickname="Alice's own bill")
    make_case(outsider, nickname="Mallory's own bill")
    alices = page(alice_client, reverse("notices:dashboard"))
    mallorys = page(outsider_client, reverse("notices:dashboard"))
    assert nav(alices) == nav(mallorys)
    assert "Sign out" in nav(mallorys)
    assert "Alice's own bill" not in mallorys and "alice@example.com" not in mallorys
    assert "Mallory's own bill" not in alices and "mallory@example.com" not in alices
    kept = "".join(_kept.values())
    for secret in ("alice@example.com", "mallory@example.com", "own bill", "csrf"):
        assert secret not in kept
    for match in CSRF.finditer(alices + mallorys):
        assert (match.group(1) or match.group(2)) not in kept


def test_a_visitor_after_a_signed_in_person_gets_the_visitor_menu(alice_client, client):
    page(alice_client, reverse("notices:dashboard"))
    client.logout()
    visitor = nav(page(Client(), reverse("guidance:index")))
    assert "Sign in" in visitor and "Sign out" not in visitor
    assert "Your notices" not in visitor


def test_the_menu_marks_the_page_being_shown(alice_client, case):
    dashboard = nav(page(alice_client, reverse("notices:dashboard")))
    detail = nav(page(alice_client, case_url(case)))
    mark = f'<a href="{reverse("notices:dashboard")}" aria-current="page">'
    assert mark in dashboard
    assert "aria-current" not in detail


def test_english_and_spanish_menus_and_footers_never_mix(alice_client, case):
    # Worked out first: after a Spanish page, this thread's reverse() gives /es/ addresses.
    english_url = reverse("notices:dashboard")
    english_first = page(alice_client, english_url)
    spanish = page(alice_client, "/es" + english_url)
    english = page(alice_client, english_url)
    assert english == english_first.replace(csrf(english_first), csrf(english))
    assert "Sus avisos" in nav(spanish)
    assert "Cerrar sesión" in nav(spanish)
    assert 'href="/es/cases/"' in nav(spanish)
    assert "Educativo, no es asesoría de impuestos." in footer(spanish)
    assert "Your notices" in nav(english)
    assert "/es/" not in nav(english) + footer(english)
    assert "Educational, not tax advice." in footer(english)
    for word in ("Sus avisos", "Cerrar sesión", "Educativo"):
        assert word not in english


def test_a_slot_is_escaped_and_never_fills_another_slot():
    """The header keeps stand-ins for the search words and the language link."""
    link = mark_safe('<a class="language-link" href="/es/">Español</a>')  # noqa: S308
    words = '<script>alert(1)</script>" \x00other_language\x00'
    header = Template(
        '{% load chrome %}{% chrome "includes/header.html" query=words other_language=link %}'
    )
    for _ in range(2):  # the first render keeps the piece, the second fills the kept copy
        html = header.render(Context({"words": words, "link": link}))
        assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot; \x00other_language\x00"' in html
        assert html.count('class="language-link"') == 1
        assert "<script>" not in html


def test_the_search_page_header_shows_the_words_searched_escaped(client):
    html = page(client, reverse("guidance:search") + "?q=%3Cb%3Epay")
    assert 'id="site-search-q" type="search" name="q" maxlength="500" value="&lt;b&gt;pay"' in html
    other = page(client, reverse("guidance:faq"))
    assert 'name="q" maxlength="500" value=""' in other


def nav(html: str) -> str:
    match = NAV.search(html)
    assert match
    return match.group(1)


def footer(html: str) -> str:
    match = FOOTER.search(html)
    assert match
    return match.group(0)


def case_url(case) -> str:
    return reverse("notices:case_detail", kwargs={"public_id": case.public_id})


def csrf(html: str) -> str:
    match = CSRF.search(html)
    assert match
    return match.group(1) or match.group(2)


# {% url %} after {% load fast_url %} gives what Django's {% url %} gives

SAMPLES = [
    "{% url 'home' %}",
    "{% url 'notices:case_detail' first %}",
    "{% url 'notices:case_detail' public_id=first %}",
    "{% url 'notices:letter_create' first 'dispute' %}",
    "{% url 'notices:letter_create' first kind %}",
    "{% url 'guidance:page' slug='how-to-pay' %}",
    "{% url 'notices:checklist_toggle' second as there %}[{{ there }}]",
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_fast_url_gives_django_s_own_address(sample, language):
    values = {"first": uuid.uuid4(), "second": uuid.uuid4(), "kind": "abatement"}
    with translation.override(language):
        for _ in range(2):  # the first use works the shape out, the second fills it in
            values |= {"first": uuid.uuid4(), "second": uuid.uuid4()}
            django = Template(sample).render(Context(values))
            fast = Template("{% load fast_url %}" + sample).render(Context(values))
            assert fast == django
            assert ("/es/" in fast) == (language == "es")


def test_fast_url_raises_or_stays_empty_as_django_does():
    with pytest.raises(NoReverseMatch):
        Template("{% load fast_url %}{% url 'no-such-page' %}").render(Context())
    quiet = "{% load fast_url %}{% url 'no-such-page' as there %}[{{ there }}]"
    assert Template(quiet).render(Context()) == "[]"


# The days-left line is kept per language, day and count (notices/when.py)


def test_the_kept_days_left_line_is_never_in_the_other_language(alice):
    case = make_case(alice, pay_by=date(2025, 3, 24))
    due, rule = case.deadline.due, case.deadline.rule
    for _ in range(2):  # worked out, then the kept copy
        with translation.override("en"):
            english = when(case, due, rule, 3)
        with translation.override("es"):
            spanish = when(case, due, rule, 3)
        assert english.badge == "3 days left"
        assert english.sentence == "Pay by Monday, March 24, 2025."
        assert "marzo" in spanish.sentence and "3" in spanish.badge
        assert spanish.badge != english.badge and "March" not in spanish.sentence
