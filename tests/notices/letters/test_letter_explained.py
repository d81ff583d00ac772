"""A letter made in Spanish: the letter stays English (the IRS reads it); its "for you" page
is in Spanish and explains each part of the letter, with the page the part is on, in the PDF
and on the letter's page.

Every kind of letter, alone and joint, with its optional parts there and not there: every
part the letter has is explained, in order, and nothing the letter lacks. The page numbers
are checked against the PDF itself, read back with pdftotext.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from notices.letters import explaining, printing
from notices.models import Letter
from tests.notices.letters.letters_helpers import flat, make_letter, pages, post_data, render
from tests.test_spanish import html_lang

pytestmark = pytest.mark.django_db

LONG_STORY = "\n\n".join(
    f"On day {n} I called the IRS and was told the payment was still being looked for."
    for n in range(1, 40)
)
VARIANTS: dict[str, tuple[str, dict]] = {
    "dispute": ("dispute", {}),
    "dispute, joint, right amount given, nothing more asked": (
        "dispute",
        {
            "joint": "on",
            "spouse_name": "Bob Fairweather",
            "correct_amount": "1,200.00",
            "requested_action": "",
        },
    ),
    "dispute, several pages": ("dispute", {"explanation": LONG_STORY}),
    "payment trace": ("payment_trace", {}),
    "payment trace, joint, with details": (
        "payment_trace",
        {"joint": "on", "spouse_name": "Bob Fairweather", "explanation": "Paid by phone."},
    ),
    "first-time abatement": ("abatement", {}),
    "reasonable cause": (
        "abatement",
        {
            "basis": "reasonable_cause",
            "first_time_checks": [],
            "what_happened": "I was in the hospital.",
            "started_on": "2025-01-10",
            "how_it_stopped_you": "I could not open my mail for two months.",
        },
    ),
    "payment cover, money order, joint": (
        "payment_cover",
        {"payment_type": "money_order", "joint": "on", "spouse_name": "Bob Fairweather"},
    ),
}
PART_ID = re.compile(r'\bid="(part-[a-z-]+)"')
FOR_YOU = re.compile(r'<section class="for-you".*?</section>', re.S)
ROW = re.compile(
    r'<span class="part-page" data-part="(part-[a-z-]+)">(\d*)</span></td><th scope="row">'
)


def spanish_letter(client, case, kind: str, **overrides) -> Letter:
    with translation.override("es"):
        url = reverse("notices:letter_create", kwargs={"public_id": case.public_id, "kind": kind})
    response = client.post(url, post_data(kind, case, **overrides))
    assert response.status_code == 302, response.context["form"].errors
    return Letter.objects.get(public_id=response.url.rstrip("/").split("/")[-1])


def letter_part(html: str) -> str:
    return html.split('<section class="for-you"')[0]


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_part_of_a_spanish_letter_is_explained_in_order(alice_client, case, variant):
    kind, overrides = VARIANTS[variant]
    letter = spanish_letter(alice_client, case, kind, **overrides)
    html = letter.html_snapshot
    in_letter = PART_ID.findall(letter_part(html))
    assert in_letter[0] == "part-top" and in_letter[-1] == "part-sign-off"
    found = FOR_YOU.search(html)
    assert found, "no for-you page"
    for_you = found[0]
    assert 'lang="es"' in for_you.split(">")[0]
    assert [anchor for anchor, _page in ROW.findall(for_you)] == in_letter
    known = explaining.EVERY_LETTER | explaining.BY_KIND[kind]
    with translation.override("es"):
        for anchor in in_letter:
            name, says = str(known[anchor].name), str(known[anchor].says)
            assert name in for_you and says in for_you
    with translation.override("en"):
        assert str(known["part-top"].says) not in html  # the Spanish words, not the English
    # The letter itself is English, whatever the page it was made on.
    assert "Dear Sir or Madam:" in html and "Estimad" not in letter_part(html)


@pytest.mark.parametrize("variant", ["dispute", "dispute, several pages", "payment trace"])
def test_the_pdf_says_on_which_page_each_part_is(alice_client, case, variant):
    kind, overrides = VARIANTS[variant]
    letter = render(spanish_letter(alice_client, case, kind, **overrides))
    with letter.pdf.open("rb") as stored:
        text = [flat(page) for page in pages(stored.read())]
    irs = [page for page in text if "Para usted, no para el IRS" not in page]  # both labels
    checklist = " ".join(page for page in text if page not in irs)
    where = {"part-sign-off": "Sincerely,", "part-opening": "writing about your notice"}
    for anchor, words in where.items():
        on_page = next(n for n, page in enumerate(irs, start=1) if words in page)
        assert letter.part_pages[anchor] == on_page
    assert set(letter.part_pages) == set(PART_ID.findall(letter_part(letter.html_snapshot)))
    # The table lists "<page> <part name>": the same pages, in Spanish (a long name wraps
    # in its column, so its first two words are what follows the number).
    known = explaining.EVERY_LETTER | explaining.BY_KIND[kind]
    with translation.override("es"):
        for anchor, number in letter.part_pages.items():
            first_words = " ".join(str(known[anchor].name).split()[:2])
            assert f"{number} {first_words}" in checklist, anchor
        assert "Qué dice su carta, página por página" in checklist
        assert re.search(r"Página 1 de \d de la lista", checklist)
    assert letter.part_pages["part-sign-off"] == len(irs)  # the last page of the letter
    assert (len(irs) > 1) == (variant == "dispute, several pages")
    assert "Checklist page" not in checklist and "Page 1 of" in " ".join(irs)


def test_the_letter_page_in_spanish_shows_the_pages_once_the_pdf_is_made(alice_client, case):
    letter = spanish_letter(alice_client, case, "dispute", explanation=LONG_STORY)
    with translation.override("es"):
        url = reverse("notices:letter_detail", kwargs={"letter_id": letter.public_id})
    waiting = alice_client.get(url).content.decode()
    assert html_lang(waiting) == "es"
    assert 'href="#explained"' in waiting and 'id="explained"' in waiting
    assert [page for _anchor, page in ROW.findall(waiting)] == [""] * len(ROW.findall(waiting))
    render(letter)
    ready = alice_client.get(url).content.decode()
    shown = dict(ROW.findall(ready))
    assert shown == {anchor: str(page) for anchor, page in letter.part_pages.items()}
    assert shown["part-top"] == "1" and int(shown["part-sign-off"]) > 1


def test_a_letter_made_in_english_has_no_explanation(alice_client, case):
    letter = render(make_letter(alice_client, case))
    assert "explained" not in letter.html_snapshot
    assert 'class="for-you" aria-labelledby="for-you-title">' in letter.html_snapshot
    page = alice_client.get(
        reverse("notices:letter_detail", kwargs={"letter_id": letter.public_id})
    ).content.decode()
    assert 'href="#explained"' not in page
    with letter.pdf.open("rb") as stored:
        assert "Checklist page 1 of 1" in flat(" ".join(pages(stored.read())))


def test_a_spanish_letter_renders_to_the_same_bytes_every_time(alice_client, case):
    letter = spanish_letter(alice_client, case, "dispute")
    first = printing.lay_out_letter_pdf(letter)
    again = printing.lay_out_letter_pdf(letter)
    assert first.pdf == again.pdf and first.part_pages == again.part_pages


def test_user_text_cannot_make_a_part_or_fill_a_page(alice_client, case):
    """A person typing our markup gets it printed as text, not a part or a page number."""
    typed = '<span class="part-page" data-part="part-top"></span> id="part-evil"'
    letter = render(spanish_letter(alice_client, case, "dispute", explanation=typed))
    assert "part-evil" not in letter.part_pages
    assert "part-evil" not in [a for a, _p in ROW.findall(letter.html_snapshot)]
    with translation.override("es"):
        url = reverse("notices:letter_detail", kwargs={"letter_id": letter.public_id})
    page = alice_client.get(url).content.decode()
    assert "&lt;span class=&quot;part-page&quot;" in page
