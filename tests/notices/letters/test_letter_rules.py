"""Issue #13, the letter side: what a person and an IRS clerk see in the letters.

Letters by notice type. How letters fall on their pages is in test_letter_pages.py.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from notices.models import Letter
from tests.factories import make_case
from tests.notices.letters.letters_helpers import (
    PAYMENT_ADDRESS,
    create_url,
    flat,
    make_letter,
    post_data,
)

KINDS = [kind.value for kind in Letter.Kind]


@pytest.fixture
def case(alice):
    return make_case(alice, payment_address=PAYMENT_ADDRESS)


def _letters_section(case) -> str:
    return flat(render_to_string("notices/_letters.html", {"case": case, "letters": []}))


def test_an_lt11_offers_no_dispute_letter_and_says_to_ask_for_a_hearing(alice_client, alice):
    case = make_case(alice, notice_type="LT11")
    html = _letters_section(case)
    assert create_url(case, "dispute") not in html
    for kind in ("payment_trace", "abatement", "payment_cover"):
        assert create_url(case, kind) in html
    assert (
        "To say the amount is wrong, ask for a hearing on Form 12153 by the date on your "
        "letter." in html
    )
    assert alice_client.get(create_url(case, "dispute")).status_code == 404
    response = alice_client.post(create_url(case, "dispute"), post_data("dispute", case))
    assert response.status_code == 404
    assert not Letter.objects.exists()
    assert alice_client.get(create_url(case, "abatement")).status_code == 200


def test_a_cp2000_offers_no_letters_and_points_to_its_response_form(alice_client, alice):
    case = make_case(alice, notice_type="CP2000")
    html = _letters_section(case)
    assert "letter-starts" not in html and "/letters/" not in html
    assert "Answer on the response form that came with your CP2000" in html
    assert "No letters yet" not in html
    for kind in KINDS:
        assert alice_client.get(create_url(case, kind)).status_code == 404


def test_a_cp14_still_offers_every_letter_and_no_reason_line(case):
    html = _letters_section(case)
    assert all(create_url(case, kind) in html for kind in KINDS)
    assert "letter-why-not" not in html


def test_the_pdf_file_name_names_the_notice(alice_client, alice):
    case = make_case(alice, notice_type="CP501")
    letter = make_letter(alice_client, case, "abatement")
    response = alice_client.get(reverse("notices:letter_pdf", args=[letter.public_id]))
    assert "cp501-2024-penalty-relief-request-" in response["Content-Disposition"]
