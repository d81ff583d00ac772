"""Issue #13, the letter side: what a person and an IRS clerk see in the letters.

Two IRS addresses, a copy of the notice always enclosed, an optional correct amount, "we"
for two signers, first-time abatement as the IRM words it, and letters by notice type. How
letters fall on their pages is in test_letter_pages.py.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from notices.letters.forms import initial_for
from notices.letters.words import DISPUTE_REASONS
from notices.models import Letter
from notices.profiles import profile_for
from tests.factories import checkup_answers, make_case
from tests.helpers import h1_count
from tests.notices.letters.letters_helpers import (
    CHECKLIST_LABEL,
    PAYMENT_ADDRESS,
    create_url,
    download,
    flat,
    irs_pages,
    make_letter,
    pdf_text,
    post_data,
    render,
)

KINDS = [kind.value for kind in Letter.Kind]
LETTERS_ADDRESS = "Internal Revenue Service\nKansas City, MO 64999-0010"


@pytest.fixture
def case(alice):
    return make_case(alice, payment_address=PAYMENT_ADDRESS)


def mailed_text(pdf: bytes) -> str:
    return flat("\n".join(irs_pages(pdf)))


def checklist_text(pdf: bytes) -> str:
    return flat(pdf_text(pdf).split(CHECKLIST_LABEL, 1)[1])


# 1. Two IRS addresses


def test_a_check_goes_to_the_payment_address_and_every_other_letter_to_the_letters_one(
    alice_client, case
):
    for kind in KINDS:
        pdf = download(alice_client, make_letter(alice_client, case, kind))
        letter = "\n".join(irs_pages(pdf))
        wanted, other = (
            (PAYMENT_ADDRESS, LETTERS_ADDRESS)
            if kind == "payment_cover"
            else (LETTERS_ADDRESS, PAYMENT_ADDRESS)
        )
        assert wanted in letter and other not in letter, kind
        checklist = checklist_text(pdf)
        assert flat(wanted) in checklist, kind
        if kind == "payment_cover":
            assert "Mail it to the IRS address for payments, from the payment stub:" in checklist
        else:
            assert "Mail it to the IRS address for letters on your notice:" in checklist


def test_without_a_payment_address_the_cover_letter_leaves_space_and_names_the_stub(
    alice_client, alice
):
    case = make_case(alice)  # the address for letters only
    assert case.payment_address == ""
    pdf = download(alice_client, make_letter(alice_client, case, "payment_cover"))
    letter = mailed_text(pdf)
    assert "Internal Revenue Service" in letter
    assert "Kansas City" not in letter  # never the address for letters
    checklist = checklist_text(pdf)
    assert "Find the IRS address for payments on the payment stub" in checklist
    assert "It may not be the same as the address for letters." in checklist
    assert "Kansas City" not in checklist


def test_the_form_page_says_which_address_the_letter_goes_to(alice_client, alice, case):
    def page(some_case, kind: str) -> str:
        return flat(unescape(alice_client.get(create_url(some_case, kind)).content.decode()))

    assert "goes to the IRS address for letters that you saved" in page(case, "dispute")
    assert "goes to the IRS address for payments that you saved" in page(case, "payment_cover")
    bare = make_case(alice, irs_address="", payment_address="")
    assert "You haven't saved the IRS address for letters." in page(bare, "abatement")
    cover = page(bare, "payment_cover")
    assert "You haven't saved the IRS address for payments." in cover
    assert "on the payment stub at the bottom of the notice" in cover


# 2. A copy of the notice (or its stub) is always enclosed


@pytest.mark.parametrize("kind", KINDS)
def test_the_notice_or_its_stub_is_enclosed_even_when_nothing_is_ticked(alice_client, case, kind):
    pdf = download(alice_client, make_letter(alice_client, case, kind, enclosures=[]))
    enclosures = mailed_text(pdf).split("Enclosure", 1)[1]
    if kind == "payment_cover":
        assert "The payment stub from notice CP14 dated March 3, 2025" in enclosures
        assert "We have also" not in enclosures
    else:
        assert "1. A copy of notice CP14 dated March 3, 2025" in enclosures


@pytest.mark.parametrize("kind", KINDS)
def test_the_form_no_longer_offers_the_notice_copy_it_lists_it_anyway(alice_client, case, kind):
    html = alice_client.get(create_url(case, kind)).content.decode()
    assert 'value="notice_copy"' not in html and 'value="payment_stub"' not in html
    if kind == "payment_cover":
        assert "The letter always lists the payment stub from the notice." in html
    else:
        assert "The letter always lists a copy of the notice." in html
    assert h1_count(html) == 1


def test_an_old_form_that_still_sends_the_notice_copy_works_and_lists_it_once(alice_client, case):
    letter = make_letter(alice_client, case, enclosures=["notice_copy", "payment_proof"])
    text = mailed_text(download(alice_client, letter))
    assert text.count("A copy of notice CP14 dated March 3, 2025") == 1
    assert "Enclosures (2)" in text


# 3. The correct amount is optional


def test_a_dispute_without_a_correct_amount_asks_the_irs_to_work_it_out(alice_client, case):
    letter = make_letter(alice_client, case, correct_amount="", requested_action="")
    assert letter.inputs["correct_amount"] is None
    text = mailed_text(download(alice_client, letter))
    assert "I believe this amount is not correct." in text
    assert (
        "Please review my account, correct the balance, and tell me the amount you find is "
        "correct." in text
    )
    assert "correct balance is" not in text and "$0.00" not in text


def test_the_dispute_form_says_the_amount_may_be_left_blank(alice_client, case):
    html = flat(unescape(alice_client.get(create_url(case, "dispute")).content.decode()))
    assert "What you think you owe, if you know (optional)" in html
    assert "It's fine to leave this blank." in html


# 4. Two signers write "we"

OWN_WORDS = {
    "explanation": "The payment of March 12, 2025 is missing.",
    "requested_action": "Credit the payment of March 12, 2025.",
}
JOINT_LETTERS: dict[str, tuple[str, dict[str, Any]]] = {
    "dispute": ("dispute", {"correct_amount": "950.18", **OWN_WORDS}),
    "dispute without an amount": ("dispute", {"correct_amount": "", **OWN_WORDS}),
    "payment trace": ("payment_trace", {"explanation": "It cleared on March 14."}),
    "first-time abatement": ("abatement", {}),
    "reasonable cause": ("abatement", {
        "basis": "reasonable_cause", "first_time_checks": [], "what_happened": "A flood.",
        "started_on": "2025-01-10", "how_it_stopped_you": "The records were lost.",
    }),
    "check": ("payment_cover", {}),
    "check without a number": ("payment_cover", {"check_number": ""}),
    "money order": ("payment_cover", {"payment_type": "money_order"}),
}  # fmt: skip
ALL_ENCLOSURES: dict[str, list[str]] = {
    "dispute": ["tax_return", "wage_forms", "payment_proof", "estimated_payments", "form_14039"],
    "payment_trace": ["payment_proof"],
    "abatement": ["event_records"],
    "payment_cover": [],
}


@pytest.mark.parametrize("name", JOINT_LETTERS)
def test_a_joint_letter_says_we_and_our_never_i_or_my(alice_client, case, name):
    kind, answers = JOINT_LETTERS[name]
    answers = answers | {
        "joint": "on", "spouse_name": "Robert Fairweather",
        "enclosures": ALL_ENCLOSURES[kind], "reasons": list(DISPUTE_REASONS),
    }  # fmt: skip
    pdf = download(alice_client, make_letter(alice_client, case, kind, **answers))
    text = mailed_text(pdf)
    assert re.search(r"\bWe (are writing|have also enclosed)\b", text)
    assert not re.findall(r"\b(I|me|my|mine|myself)\b", text), text
    assert "Alice Marie Fairweather and Robert Fairweather" in text
    assert "Both of you sign and date the letter." in checklist_text(pdf)


def test_joint_first_time_abatement_states_the_points_to_the_best_of_our_knowledge(
    alice_client, case
):
    letter = make_letter(
        alice_client, case, "abatement", joint="on", spouse_name="Robert Fairweather"
    )
    text = mailed_text(download(alice_client, letter))
    assert "To the best of our knowledge, we meet each of its conditions:" in text
    assert "We had no penalties for the three tax years before 2024 on our Form 1040" in text
    assert "Copies of our 2024" not in text  # nothing ticked but the notice


# 6. First-time penalty relief


def test_an_earlier_estimated_tax_penalty_does_not_block_first_time_abatement(alice_client, case):
    html = flat(unescape(alice_client.get(create_url(case, "abatement")).content.decode()))
    assert "on the same kind of return (like Form 1040)" in html
    assert "A penalty for not paying enough estimated tax doesn't count" in html
    assert "neither does one the IRS took off because I had a good reason" in html

    text = mailed_text(download(alice_client, make_letter(alice_client, case, "abatement")))
    assert "To the best of my knowledge, I meet each of its conditions:" in text
    assert "I had no penalties for the three tax years before 2024 on my Form 1040 returns" in text
    assert (
        "Under the policy, an estimated tax penalty, or a penalty removed for reasonable "
        "cause, does not count." in text
    )


def test_the_form_picks_first_time_abatement_when_the_check_up_found_it_fits(alice, case):
    def basis(answers: dict) -> str | None:
        case.flow_answers = answers
        case.save()
        return initial_for(kind="abatement", case=case, profile=profile_for(alice)).get("basis")

    fits = checkup_answers(
        has_penalty="yes", fta_history="estimated_only", fta_filed="yes", fta_paid="yes"
    )
    assert basis(fits) == "first_time"
    assert basis(checkup_answers(has_penalty="yes", fta_history="some")) is None
    assert basis(fits | {"fta-paid": "not_sure"}) is None
    assert basis({}) is None


def test_the_abatement_page_shows_first_time_abatement_chosen(alice_client, case):
    case.flow_answers = checkup_answers(
        has_penalty="yes", fta_history="none", fta_filed="yes", fta_paid="yes"
    )
    case.save()
    html = alice_client.get(create_url(case, "abatement")).content.decode()
    assert re.search(r'<input[^>]*value="first_time"[^>]*checked', html)


# 7. Letters follow the notice type


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


@pytest.mark.parametrize("kind", KINDS)
def test_letters_name_the_notice_they_answer(alice_client, alice, kind):
    case = make_case(alice, notice_type="CP504", payment_address=PAYMENT_ADDRESS)
    pdf = download(alice_client, make_letter(alice_client, case, kind))
    text = mailed_text(pdf)
    assert "CP14" not in text
    assert "your notice CP504 dated March 3, 2025" in text
    assert "CP504, dated March 3, 2025" in text  # the reference block
    enclosed = "payment stub from notice" if kind == "payment_cover" else "A copy of notice"
    assert f"{enclosed} CP504 dated March 3, 2025" in text


def test_the_pdf_file_name_names_the_notice(alice_client, alice):
    case = make_case(alice, notice_type="CP501")
    letter = render(make_letter(alice_client, case, "abatement"))
    response = alice_client.get(reverse("notices:letter_pdf", args=[letter.public_id]))
    assert "cp501-2024-penalty-relief-request-" in response["Content-Disposition"]
