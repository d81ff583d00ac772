"""The site in Spanish: /es/ pages, the language link, hreflang, emails and letters.

English keeps every address it had; Spanish lives under /es/. The address alone decides the
language (never the browser's Accept-Language header), so the page cache must keep the two
apart and an English visitor must never get a Spanish page from it.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guidance import content as guidance_content
from guidance.content import CONTENT_DIR
from notices.checkup import saved
from notices.models import Letter, Profile, Reminder
from notices.profiles import profile_for
from notices.reminders import emails
from tests.catalogue import english_fragments, leaks
from tests.factories import make_case
from tests.notices.checkup.test_views import walk_anonymously
from tests.notices.letters.letters_helpers import post_data

pytestmark = pytest.mark.django_db

HTML_LANG = re.compile(r'<html lang="([a-z-]+)">')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">')
LANGUAGE_LINK = re.compile(
    r'<a class="language-link" href="([^"]+)" lang="([a-z]+)" hreflang="([a-z]+)">([^<]+)</a>'
)
# A guide page with no Spanish file: serve the English one, marked, with a note.
UNTRANSLATED_NOTE = "Esta página todavía está en inglés."


def html_lang(html: str) -> str:
    match = HTML_LANG.search(html)
    assert match, "no <html lang>"
    return match[1]


def language_link(html: str) -> tuple[str, ...]:
    """(href, lang, hreflang, label) of the header's language link."""
    match = LANGUAGE_LINK.search(html)
    assert match, "no language link in the header"
    return match.groups()


def html_part(message: Any) -> str:
    html, _ = message.alternatives[0]
    return str(html)


def spanish(name: str, **kwargs) -> str:
    with translation.override("es"):
        return reverse(name, kwargs=kwargs or None)


PUBLIC = {
    "home": lambda: spanish("home"),
    "guide index": lambda: spanish("guidance:index"),
    "guide page": lambda: spanish("guidance:page", slug="what-is-a-cp14"),
    "faq": lambda: spanish("guidance:faq"),
    "search": lambda: spanish("guidance:search") + "?q=plan",
    "check-up": lambda: spanish("notices:flow_start"),
    "estimator": lambda: spanish("notices:estimator"),
    "sign in": lambda: spanish("account_login"),
    "sign up": lambda: spanish("account_signup"),
    "password reset": lambda: spanish("account_reset_password"),
}
SIGNED_IN = {
    "your notices": lambda case: spanish("notices:dashboard"),
    "add a notice": lambda case: spanish("notices:case_create"),
    "a notice": lambda case: spanish("notices:case_detail", public_id=case.public_id),
    "reminder settings": lambda case: spanish("notices:reminder_settings"),
    "your data": lambda case: spanish("notices:your_data"),
    "read my notice": lambda case: spanish("notices:read_start"),
    "call sheet": lambda case: spanish("notices:case_call_sheet", public_id=case.public_id),
}


@pytest.fixture(scope="module")
def fragments() -> set[str]:
    return english_fragments()


def check_spanish_page(response, fragments: set[str]) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "es"
    alternates = dict(ALTERNATE.findall(html))
    assert set(alternates) == {"en", "es", "x-default"}
    assert alternates["x-default"] == alternates["en"]
    assert "/es/" in alternates["es"] and "/es/" not in alternates["en"]
    found = leaks(html, fragments)
    assert not found, f"English on a Spanish page: {found[:5]}"
    return html


@pytest.mark.parametrize("name", list(PUBLIC))
def test_every_public_page_is_in_spanish_under_es(client, name, fragments):
    html = check_spanish_page(client.get(PUBLIC[name]()), fragments)
    # The header's link leads to the same page in English, named in English.
    href, lang, hreflang, label = language_link(html)
    assert (lang, hreflang, label) == ("en", "en", "English")
    assert href == PUBLIC[name]().split("?")[0].removeprefix("/es")


@pytest.mark.parametrize("name", list(SIGNED_IN))
def test_every_signed_in_page_is_in_spanish_under_es(alice_client, case, name, fragments):
    check_spanish_page(alice_client.get(SIGNED_IN[name](case)), fragments)


def test_english_addresses_stay_as_they_were(client):
    assert reverse("home") == "/"
    assert reverse("guidance:page", kwargs={"slug": "what-is-a-cp14"}) == "/guide/what-is-a-cp14/"
    html = client.get("/guide/what-is-a-cp14/").content.decode()
    assert html_lang(html) == "en"
    href, lang, hreflang, label = language_link(html)
    assert (href, lang, hreflang, label) == ("/es/guide/what-is-a-cp14/", "es", "es", "Español")
    alternates = dict(ALTERNATE.findall(html))
    assert alternates["es"].endswith("/es/guide/what-is-a-cp14/")
    assert alternates["en"].endswith("/guide/what-is-a-cp14/")


def test_a_browser_asking_for_spanish_is_not_sent_anywhere(client):
    # The address decides: no redirect, and English stays English.
    response = client.get("/guide/", HTTP_ACCEPT_LANGUAGE="es", HTTP_COOKIE="django_language=es")
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "en"


def test_the_page_cache_keeps_english_and_spanish_apart():
    english, spanish_page = Client().get("/guide/"), Client().get("/es/guide/")
    assert english.templates and spanish_page.templates  # both made fresh
    # An English visitor whose browser prefers Spanish gets the stored English page.
    again = Client(HTTP_ACCEPT_LANGUAGE="es").get("/guide/")
    assert not again.templates
    assert again.content == english.content
    assert html_lang(again.content.decode()) == "en"
    stored = Client().get("/es/guide/")
    assert not stored.templates and stored.content == spanish_page.content


def test_a_guide_page_without_a_spanish_file_is_english_with_a_note(client, tmp_path, monkeypatch):
    # A copy of the content where one page has no Spanish file yet.
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    (content / "es" / "what-is-a-cp14.md").unlink(missing_ok=True)
    monkeypatch.setattr(guidance_content, "CONTENT_DIR", content)
    guidance_content._pages_for.cache_clear()
    try:
        html = client.get(spanish("guidance:page", slug="what-is-a-cp14")).content.decode()
        index = client.get(spanish("guidance:index")).content.decode()
    finally:
        guidance_content._pages_for.cache_clear()
    assert UNTRANSLATED_NOTE in html
    assert '<article class="guide-article" lang="en">' in html
    assert html_lang(html) == "es"
    assert '<li lang="en"><a href="/es/guide/what-is-a-cp14/">' in index


def test_a_translated_guide_page_has_no_note(client):
    translated = sorted(path.stem for path in (CONTENT_DIR / "es").glob("*.md"))
    if not translated:
        pytest.skip("no Spanish guide page yet")
    slug = translated[0]
    url = spanish("guidance:faq") if slug == "faq" else spanish("guidance:page", slug=slug)
    html = client.get(url).content.decode()
    assert UNTRANSLATED_NOTE not in html
    assert '<article class="guide-article">' in html


def test_the_sitemap_lists_each_page_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert any(loc.endswith("/es/guide/what-is-a-cp14/") for loc in locations)
    assert any(loc.endswith("/guide/what-is-a-cp14/") and "/es/" not in loc for loc in locations)
    assert 'hreflang="es"' in xml and 'hreflang="x-default"' in xml


# The language link and a person's language


def test_the_switch_keeps_the_page_and_saves_a_signed_in_persons_language(alice_client, alice):
    html = alice_client.get("/guide/what-is-a-cp14/").content.decode()
    href = language_link(html)[0].replace("&amp;", "&")
    response = alice_client.get(href)
    assert response.status_code == 302
    assert response["Location"] == "/es/guide/what-is-a-cp14/"
    assert Profile.objects.get(user=alice).language == "es"
    # And back to English from a Spanish page.
    html = alice_client.get("/es/guide/what-is-a-cp14/").content.decode()
    response = alice_client.get(language_link(html)[0].replace("&amp;", "&"))
    assert response["Location"] == "/guide/what-is-a-cp14/"
    assert Profile.objects.get(user=alice).language == "en"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_the_switch_never_leads_off_the_site(alice_client, target):
    response = alice_client.get(reverse("switch_language"), {"to": "es", "next": target})
    assert response["Location"] == "/es/"


def test_the_switch_refuses_an_unknown_language(alice_client):
    response = alice_client.get(reverse("switch_language"), {"to": "fr", "next": "/"})
    assert response.status_code == 404


def test_someone_who_signs_up_and_starts_on_es_gets_spanish(client):
    password = "luna llena sobre el río"
    data = {"email": "rosa@example.com", "password1": password, "password2": password}
    response = client.post(spanish("account_signup"), data)
    assert response.status_code == 302
    # The profile is made on first use, in the language of that page.
    assert client.get(spanish("notices:reminder_settings")).status_code == 200
    assert Profile.objects.get(user__email="rosa@example.com").language == "es"


def test_someone_who_starts_in_english_gets_english(client):
    password = "luna llena sobre el río"
    data = {"email": "sam@example.com", "password1": password, "password2": password}
    client.post(reverse("account_signup"), data)
    client.get(reverse("notices:reminder_settings"))
    assert Profile.objects.get(user__email="sam@example.com").language == "en"


def test_the_reminder_settings_page_changes_the_language(alice_client, alice):
    url = spanish("notices:reminder_settings")
    html = alice_client.get(url).content.decode()
    assert "Idioma de nuestros correos" in html and 'value="es"' in html
    data = {
        "reminders_enabled": "on",
        "reminder_lead_days": ["7", "1"],
        "time_zone": "America/Chicago",
        "language": "es",
    }
    assert alice_client.post(url, data).status_code == 302
    assert Profile.objects.get(user=alice).language == "es"


# Emails in the person's language


def test_a_spanish_profile_gets_reminders_in_spanish_with_spanish_dates(alice):
    profile = profile_for(alice)
    profile.language = "es"
    profile.save()
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))
    reminder = case.reminders.order_by("send_at")[0]
    message = emails.build(
        reminder, profile=profile, to="alice@example.com", now=datetime(2026, 3, 17, 13, tzinfo=UTC)
    )
    assert "Su CP14 de 2024" in message.subject
    assert "24 de marzo de 2026" in message.body
    assert "/es/cases/" in message.body and "March" not in message.body
    html = html_part(message)
    assert not leaks(html), leaks(html)[:5]


def test_an_english_profile_still_gets_english(alice):
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))
    reminder = case.reminders.order_by("send_at")[0]
    profile = profile_for(alice)
    message = emails.build(
        reminder, profile=profile, to="alice@example.com", now=datetime(2026, 3, 17, 13, tzinfo=UTC)
    )
    assert "March 24, 2026" in message.body and "/es/" not in message.body


def test_a_plan_asked_for_on_a_spanish_page_is_emailed_in_spanish(
    client, eager, django_capture_on_commit_callbacks
):
    with translation.override("es"):
        walk_anonymously(client)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("notices:flow_plan_email"), {"email": "sam@example.com"})
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    assert Reminder.objects.get().kind.startswith("plan-es@")
    message = mail.outbox[0]
    assert message.subject == "Su plan de acción para su aviso del IRS"
    assert "/es/plan/" in message.body
    assert not leaks(html_part(message))


def test_the_kind_of_an_english_plan_email_is_as_before():
    now = datetime(2026, 3, 17, 13, tzinfo=UTC)
    assert saved.plan_kind(now, "en").startswith("plan@")
    assert saved.plan_kind(now, "es").startswith("plan-es@")
    assert saved.plan_kind(now, "fr").startswith("plan@")


# Letters stay in English


def test_a_letter_made_on_a_spanish_page_is_in_english(alice_client, case):
    url = spanish("notices:letter_create", public_id=case.public_id, kind="dispute")
    form = alice_client.get(url).content.decode()
    assert html_lang(form) == "es" and "Su nombre completo" in form
    response = alice_client.post(url, post_data("dispute", case))
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    letter = Letter.objects.get()
    assert "Dear Sir or Madam" in letter.html_snapshot
    assert "I am writing about your notice" in letter.html_snapshot
    assert "Estimados" not in letter.html_snapshot and "marzo" not in letter.html_snapshot
    page = alice_client.get(response["Location"]).content.decode()
    assert '<div lang="en">' in page  # the letter is marked English inside the Spanish page
    assert not leaks(page)


def test_search_spelling_help_keeps_each_language_to_its_own_words():
    from guidance import search

    with translation.override("es"):
        assert search.understood("estafaa") == "estafa"
    # A Spanish search first must not teach the English search Spanish words.
    with translation.override("en"):
        assert "estafa" not in search.understood("estafaa")
