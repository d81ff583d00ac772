"""How a letter falls on its pages: the last page of the letter never holds only the
enclosure list, and "Page X of Y" counts only the pages that are mailed, not the checklist.
"""

from __future__ import annotations

import pytest

from notices.letters import printing
from notices.models import Letter
from tests.factories import make_case
from tests.notices.letters.letters_helpers import (
    PAYMENT_ADDRESS,
    download,
    irs_pages,
    make_letter,
    pages,
    pdf_text,
)


@pytest.fixture
def case(alice):
    return make_case(alice, payment_address=PAYMENT_ADDRESS)


def _long_letter(client, case, lines: int) -> Letter:
    """A dispute letter with `lines` short paragraphs and eight enclosures."""
    explanation = "\n\n".join(f"Point {n} of what went wrong." for n in range(1, lines + 1))
    others = "\n".join(f"Bank statement for month {n}" for n in range(1, 7))
    return make_letter(
        client, case, explanation=explanation, other_enclosures=others, requested_action=""
    )


def _only_enclosures(page: str) -> bool:
    """True when a page of the letter shows nothing above its enclosure list."""
    return not page.split("Enclosures (", 1)[0].strip()


def test_the_enclosure_list_never_sits_alone_on_the_last_page(alice_client, case, monkeypatch):
    # Letters that run onto a second or third page by a few lines more each time: one of
    # them puts the page break between the signatures and the enclosures.
    letters = [_long_letter(alice_client, case, lines) for lines in range(24, 44, 4)]
    page_counts = set()
    for letter in letters:
        pdf = download(alice_client, letter)
        mailed = irs_pages(pdf)
        page_counts.add(len(mailed))
        last = mailed[-1]
        assert "Enclosures (8)" in last  # the enclosures close the letter
        assert not _only_enclosures(last), last
        assert "Sincerely," in last and "Alice Marie Fairweather\n\nDate" in last
        assert last.split("Sincerely,", 1)[0].strip()  # with the end of the letter's body
        assert f"Page {len(mailed)} of {len(mailed)}" in last
    assert len(page_counts) > 1  # the sweep crosses a page break

    # Without the print rules, the same letters do leave the enclosures alone: so this
    # test really looks at the page break it is about.
    monkeypatch.setattr(printing, "PRINT_CSS", "")
    alone = [
        letter
        for letter in letters
        if _only_enclosures(irs_pages(printing.render_letter_pdf(letter))[-1])
    ]
    assert alone


def test_page_numbers_count_only_the_pages_that_go_to_the_irs(alice_client, case):
    short = download(alice_client, make_letter(alice_client, case))
    assert [page.count("Page 1 of 1") for page in pages(short)] == [1, 0]
    assert "Checklist page 1 of 1" in pages(short)[-1]

    long = download(alice_client, _long_letter(alice_client, case, 40))
    mailed = irs_pages(long)
    total = len(mailed)
    assert total >= 2
    for number, page in enumerate(mailed, start=1):
        assert f"Page {number} of {total}" in page
    checklist = pages(long)[total:]
    assert checklist and all("Checklist page" in page for page in checklist)
    assert f"of {total + 1}" not in pdf_text(long)
