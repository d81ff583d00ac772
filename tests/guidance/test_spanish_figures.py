"""Facts stay single: a Spanish guide page shows exactly the figures its English page shows.

Figures are every number a reader could act on: dollar amounts, percentages, day counts,
phone numbers, form numbers, years and dates. Both pages take them from the same
{{ placeholders }} (notices/irs/figures.py); this test catches a figure typed by hand, changed
in translation, or left out.
"""

from __future__ import annotations

import re

import pytest
import yaml
from django.urls import Resolver404, resolve
from django.utils import translation

from guidance.content import PLACEHOLDER, parse_page
from tests.guidance.spanish import (
    DONE,
    ENGLISH,
    NAMES,
    SPANISH,
    page_pair,
    reader_text,
    spanish_paths,
)

# "$1,000", "0.5%", "800-829-1040", "1040", "2026": a number with its $ and %.
FIGURE = re.compile(r"\$?\d+(?:[,.\-]\d+)*%?")
# A year written "2020 to 2022" keeps its numbers; a month is a figure too, in either language.
MONTHS_EN = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
MONTH_WORD = re.compile(r"\b(" + "|".join(MONTHS_EN + MONTHS_ES) + r")\b", re.I)
# "May" is also a verb in English; it counts as a month only before a day or a year.
ENGLISH_MAY_VERB = re.compile(r"\bmay\b(?!\s+\d)", re.I)


def figures_in(text: str) -> set[str]:
    return {match.rstrip(".,-") for match in FIGURE.findall(text)}


def months_in(text: str) -> set[str]:
    text = ENGLISH_MAY_VERB.sub("", text)
    found = set()
    for word in MONTH_WORD.findall(text):
        word = word.lower()
        found.add(MONTHS_EN[MONTHS_ES.index(word)] if word in MONTHS_ES else word)
    return found


def test_every_english_page_has_a_spanish_page():
    assert DONE == NAMES, f"not yet in Spanish: {sorted(set(NAMES) - set(DONE))}"
    assert sorted(p.name for p in spanish_paths()) == NAMES


@pytest.mark.parametrize("name", DONE)
def test_spanish_page_shows_the_same_figures_as_english(name):
    english, spanish = page_pair(name)
    assert figures_in(reader_text(spanish)) == figures_in(reader_text(english))
    assert months_in(reader_text(spanish)) == months_in(reader_text(english))


@pytest.mark.parametrize("name", DONE)
def test_faq_answers_show_the_same_figures_one_by_one(name):
    english, spanish = page_pair(name)
    assert [entry.anchor for entry in spanish.faq] == [entry.anchor for entry in english.faq]
    for en, es in zip(english.faq, spanish.faq, strict=True):
        assert figures_in(es.answer_text) == figures_in(en.answer_text), en.anchor


@pytest.mark.parametrize("name", DONE)
def test_spanish_page_keeps_every_anchor_link_and_setting(name):
    """Plans, notices and other pages link to /guide/<slug>/#<anchor>: the same anchors in
    Spanish. A Spanish page links the Spanish page (/es/…) wherever English links its own."""
    english, spanish = page_pair(name)
    heading_ids = re.compile(r'<h[2-6] id="([^"]+)"')
    assert heading_ids.findall(spanish.html) == heading_ids.findall(english.html)
    links = re.compile(r'href="([^"]+)"')
    english_links = set(links.findall(english.html))
    in_spanish = {f"/es{href}" if href.startswith("/") else href for href in english_links}
    assert set(links.findall(spanish.html)) == in_spanish
    assert (spanish.order, spanish.related, spanish.notice_picture) == (
        english.order,
        english.related,
        english.notice_picture,
    )
    assert [s.url for s in spanish.sources] == [s.url for s in english.sources]


@pytest.mark.parametrize("name", DONE)
def test_each_page_writes_months_in_its_own_language(name):
    """The figures are the same, the words around them are not: "enero a marzo de 2026" on
    the Spanish page (the rate table, the latest quarter), "January to March 2026" in English,
    whichever language asked first in this process."""
    english_month = re.compile(r"\b(" + "|".join(MONTHS_EN) + r")\b", re.I)
    spanish_month = re.compile(r"\b(" + "|".join(MONTHS_ES) + r")\b", re.I)
    english, spanish = page_pair(name)
    assert not english_month.findall(ENGLISH_MAY_VERB.sub("", reader_text(spanish)))
    assert not spanish_month.findall(reader_text(english))


def test_a_changed_figure_is_caught(tmp_path):
    """The check can fail: a Spanish page that types a different fee is told apart."""
    english, spanish = page_pair(DONE[0])
    typed = reader_text(spanish) + " Pague $23 hoy."
    assert figures_in(typed) != figures_in(reader_text(english))
    assert figures_in("El 2 de marzo de 2026 debe $1,000 (0.5%).") == {
        "2",
        "2026",
        "$1,000",
        "0.5%",
    }
    assert months_in("el 2 de marzo") == months_in("March 2") == {"march"}
    assert months_in("you may pay in May 2026") == {"may"}
    assert SPANISH.is_dir()


def raw_parts(path) -> tuple[set[str], set[str]]:
    """(placeholder names, numbers typed by hand) in a content file's words: the body, title,
    summary and description, leaving out anchors, link targets and the sources list."""
    front, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
    meta = yaml.safe_load(front)
    words = " ".join([meta["title"], meta["summary"], meta["description"], body])
    names = set(PLACEHOLDER.findall(words))
    typed = PLACEHOLDER.sub(" ", words)
    typed = re.sub(r"\{#[^}]*\}|\]\([^)]*\)", " ", typed)
    return names, figures_in(typed)


@pytest.mark.parametrize("name", DONE)
def test_spanish_page_takes_its_figures_from_the_same_placeholders(name):
    """A figure English takes from notices/irs/figures.py is never typed by hand in Spanish,
    so both pages change together when a rate or fee changes."""
    english_names, english_typed = raw_parts(ENGLISH / name)
    spanish_names, spanish_typed = raw_parts(SPANISH / name)
    assert spanish_names == english_names
    assert spanish_typed == english_typed


INTERNAL_LINK = re.compile(
    r'href="/es/(?:guide/(?P<slug>[a-z0-9-]+)/)?[^"#]*(?:#(?P<anchor>[^"]+))?"'
)


@pytest.mark.parametrize("name", DONE)
def test_spanish_links_land_on_a_spanish_section_that_exists(name):
    """Every "/es/guide/<slug>/#<anchor>" in a Spanish page names a Spanish page and one of its
    headings (or, for the FAQ, one of its questions)."""
    _, spanish = page_pair(name)
    for match in INTERNAL_LINK.finditer(spanish.html):
        if not match["slug"]:
            continue
        target = parse_page(SPANISH / f"{match['slug']}.md")
        if match["anchor"]:
            ids = set(re.findall(r'\bid="([^"]+)"', target.html))
            anchors = ids | {entry.anchor for entry in target.faq}
            assert match["anchor"] in anchors, match[0]


@pytest.mark.parametrize("name", DONE)
def test_spanish_links_resolve(name):
    """The /es/ addresses are routed (cp14site/urls.py, i18n_patterns). The prefix is matched
    in the active language, as LocaleMiddleware sets it from the address."""
    _, spanish = page_pair(name)
    with translation.override("es"):
        try:
            resolve("/es/guide/")
        except Resolver404:
            pytest.skip("the Spanish URLs (/es/…) are not routed in this checkout yet")
        for href in re.findall(r'href="(/es/[^"#]*)', spanish.html):
            resolve(href)
