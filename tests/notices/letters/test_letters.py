"""Letters: the forms, the frozen HTML, the PDF read back as text, and the locks around them.

PDFs are read back with poppler (see letters_helpers). The rules added for issue #13 (two
addresses, the notice always enclosed, "we" for two signers, page layout, first-time
abatement, letters by notice type) are in test_letter_rules.py.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from notices.letters import documents, limits, printing
from notices.letters.forms import FORMS, initial_for
from notices.letters.limits import PER_PERSON as PDF_LIMIT
from notices.models import Letter, PaymentEntry
from notices.profiles import profile_for
from tests.factories import LETTER_ANSWERS, LETTER_SENDER, make_case, make_payment
from tests.helpers import h1_count
from tests.notices.letters.letters_helpers import (
    PAYMENT_ADDRESS,
    create_url,
    download,
    flat,
    make_letter,
    pdf_fonts,
    pdf_text,
    post_data,
    render,
    squeeze,
)

KINDS = [kind.value for kind in Letter.Kind]

# What each kind's enclosure list must show (as printed).
ENCLOSURE_LINES = {
    "dispute": ["A copy of notice CP14 dated March 3, 2025", "Proof of payment"],
    "payment_trace": ["A copy of notice CP14 dated March 3, 2025", "Proof of payment"],
    "abatement": ["A copy of notice CP14 dated March 3, 2025"],
    "payment_cover": [
        "Check number 1043 for $2,450.18",
        "The payment stub from notice CP14 dated March 3, 2025",
    ],
}
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="http://169.254.169.254/">',
    '<link href="file:///etc/passwd">',
    "body{background:url(http://127.0.0.1:9/x)}",
    '<a rel="attachment" href="file:///etc/passwd">x</a>',
    '<svg><image href="file:///etc/hostname"/></svg>',
]


@pytest.fixture
def case(alice):
    """The usual CP14, with both IRS addresses saved."""
    return make_case(alice, payment_address=PAYMENT_ADDRESS)


# The PDF says what it must


def test_weasyprint_is_version_70_or_later():
    assert int(version("weasyprint").split(".")[0]) >= 70


@pytest.mark.parametrize("kind", KINDS)
def test_each_letter_pdf_shows_case_facts_sender_enclosures_and_page_numbers(
    alice_client, case, kind
):
    pdf = download(alice_client, make_letter(alice_client, case, kind))
    text = pdf_text(pdf)

    assert pdf.startswith(b"%PDF")
    for fact in ("CP14, dated March 3, 2025", "2024 (Form 1040)", "$2,450.18"):
        assert fact in text
    for line in ("Alice Marie Fairweather", "1200 Elm Street", "Apt 4B", "Springfield, IL 62704"):
        assert line in text
    assert "Daytime phone: 217-555-0142" in text
    assert "XXX-XX-1234" in text
    # A check goes to the address on the payment stub; every other letter to the one for
    # letters.
    address = PAYMENT_ADDRESS if kind == "payment_cover" else case.irs_address
    assert address in text
    assert re.search(r"Re: \S", text)  # a subject line
    assert "Sincerely," in text and "Date" in text
    enclosures = text.split("Enclosure", 1)[1]
    for line in ENCLOSURE_LINES[kind]:
        assert line in enclosures
    # One page goes to the IRS, and says so; the checklist after it is numbered apart.
    assert "Page 1 of 1" in text and "of 2" not in text
    assert "Checklist page 1 of 1" in text
    checklist = text.split("Before you mail your letter", 1)[1]
    for step in (
        "payment stub from the notice" if kind == "payment_cover" else "copy of the notice",
        "Make a copy of everything you send",
        "certified mail with a return receipt",
        "contact log",
    ):
        assert step in checklist
    assert "do not mail this page" in checklist


def test_pdf_is_us_letter(alice_client, case):
    bbox = pdf_text(download(alice_client, make_letter(alice_client, case)), "-bbox")
    assert '<page width="612.000000" height="792.000000">' in bbox


def test_dispute_letter_asks_for_review_a_hold_and_promises_to_pay_what_is_owed(alice_client, case):
    letter = make_letter(
        alice_client,
        case,
        reasons=["payments_missing", "identity_theft", "other"],
        correct_amount="950.18",
        enclosures=["notice_copy", "wage_forms", "form_14039"],
    )
    text = flat(pdf_text(download(alice_client, letter)))
    assert "I believe this amount is not correct." in text
    assert "Federal income tax withheld from my pay" in text
    assert "identity theft" in text
    assert "I paid $500 with IRS Direct Pay on March 12, 2025." in text  # their own words
    assert "Credit my payment of March 12, 2025." in text
    assert "the correct balance is $950.18" in text
    assert "Please review my account and correct the balance." in text
    assert "I ask that you hold collection action on this balance" in text
    assert "I will pay any amount I correctly owe." in text
    assert "Form 14039, Identity Theft Affidavit" in text
    assert "Interest keeps running" in text


def test_payment_trace_letter_lists_the_chosen_payments_from_the_log(alice_client, case):
    first = make_payment(case)
    second = make_payment(
        case,
        paid_on=date(2025, 3, 20),
        amount=Decimal("250.00"),
        method=PaymentEntry.Method.CHECK,
        confirmation_number="CHK-1042",
    )
    make_payment(case, amount=Decimal("9.99"), confirmation_number="NOT-CHOSEN")
    letter = make_letter(
        alice_client, case, "payment_trace", payments=[first.public_id, second.public_id]
    )
    text = flat(pdf_text(download(alice_client, letter)))
    for value in ("March 12, 2025", "$500.00", "IRS Direct Pay", "DP-55512"):
        assert value in text
    for value in ("March 20, 2025", "$250.00", "Check or money order", "CHK-1042"):
        assert value in text
    assert "$750.00" in text  # the total
    assert "NOT-CHOSEN" not in text and "$9.99" not in text
    assert "Please trace these payments" in text
    assert "I will pay any amount I correctly owe." in text


def test_first_time_abatement_letter_states_the_three_conditions(alice_client, case):
    text = flat(pdf_text(download(alice_client, make_letter(alice_client, case, "abatement"))))
    assert "first-time abatement" in text
    assert "remove the failure-to-pay penalty for tax year 2024" in text
    assert "$48.20 in penalties" in text
    assert "no penalties for the three tax years before 2024" in text
    assert "filed all the tax returns I am currently required to file" in text
    assert "I have paid the tax due, or I have an arrangement" in text


def test_reasonable_cause_letter_says_what_happened_when_and_how(alice_client, case):
    letter = make_letter(
        alice_client,
        case,
        "abatement",
        basis="reasonable_cause",
        penalties=["failure_to_pay", "failure_to_file"],
        first_time_checks=[],
        what_happened="I was in the hospital after a car accident.",
        started_on="2025-01-10",
        ended_on="2025-03-01",
        how_it_stopped_you="I could not open my mail or reach my bank.",
        enclosures=["notice_copy", "event_records"],
    )
    text = flat(pdf_text(download(alice_client, letter)))
    assert "reasonable cause" in text
    assert "the failure-to-pay penalty and the failure-to-file penalty" in text
    assert "I was in the hospital after a car accident." in text
    assert "From January 10, 2025 to March 1, 2025." in text
    assert "I could not open my mail or reach my bank." in text
    assert "Documents that show what happened and when" in text
    assert "three tax years" not in text


def test_check_cover_letter_says_what_to_write_on_the_check(alice_client, case):
    text = flat(pdf_text(download(alice_client, make_letter(alice_client, case, "payment_cover"))))
    assert "Enclosed is my check number 1043 for $2,450.18, payable to the U.S. Treasury." in text
    assert "I have also enclosed the payment stub from the notice." in text
    guide = text.split("What to write on your check or money order", 1)[1]
    assert "U.S. Treasury" in guide
    assert "2024 Form 1040, CP14" in guide
    assert "daytime phone" in guide and "Social Security number" in guide
    # On a joint return, the SSN shown first on the return (IRS: pay by check or money order).
    assert "the number listed first" in guide
    assert "Do not staple or clip" in guide
    assert "Never send cash" in guide
    assert "Allow at least 30 days for a reply" not in text  # a payment expects no reply


def test_money_order_cover_letter_names_a_money_order(alice_client, case):
    letter = make_letter(alice_client, case, "payment_cover", payment_type="money_order")
    text = flat(pdf_text(download(alice_client, letter)))
    assert "Enclosed is a money order for $2,450.18" in text
    assert "Money order for $2,450.18" in text


def test_joint_return_gets_both_names_and_two_signature_lines(alice_client, case):
    letter = make_letter(alice_client, case, joint="on", spouse_name="Robert Fairweather")
    text = pdf_text(download(alice_client, letter))
    assert "Alice Marie Fairweather and Robert Fairweather" in text
    assert "Taxpayers" in text
    letter_pages = text.split("Before you mail your letter", 1)[0]
    assert len(re.findall(r"^Date$", letter_pages, re.M)) == 2
    assert "Both of you sign and date the letter." in text


def test_blank_last4_leaves_a_line_to_write_the_number_by_hand(alice_client, case):
    letter = make_letter(alice_client, case, ssn_last4="")
    text = pdf_text(download(alice_client, letter))
    assert "SSN or ITIN" in text and "XXX-XX-" not in text


def test_without_an_irs_address_the_letter_leaves_space_and_the_checklist_says_so(
    alice_client, alice
):
    case = make_case(alice, irs_address="")
    text = flat(pdf_text(download(alice_client, make_letter(alice_client, case))))
    assert "Internal Revenue Service" in text and "Kansas City" not in text
    assert "Find the IRS address for letters on your notice." in text
    assert "Write it on the letter" in text


def test_a_bare_irs_address_gets_the_agency_name_on_top(alice_client, alice):
    case = make_case(alice, irs_address="Kansas City, MO 64999-0010")
    text = pdf_text(download(alice_client, make_letter(alice_client, case)))
    assert "Internal Revenue Service\nKansas City, MO 64999-0010" in text


def test_pdf_is_tagged_pdf_ua_with_title_and_language(alice_client, case):
    letter = make_letter(alice_client, case)
    pdf = printing.render_letter_pdf(letter, uncompressed=True)
    for marker in (
        b"/StructTreeRoot",
        b"/MarkInfo",
        b"/Lang",
        b"pdfuaid:part",
        b"/DisplayDocTitle",
    ):
        assert marker in pdf
    assert b"/Lang (en)" in pdf
    assert "<title>Dispute letter about notice CP14, tax year 2024</title>" in pdf_text(
        pdf, "-bbox"
    )


def test_pdf_is_small_and_uses_only_our_bundled_fonts(alice_client, case, tmp_path):
    pdf = download(alice_client, make_letter(alice_client, case, full_name="Zoë Ñúñez سارة"))
    assert len(pdf) <= 100_000
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(re.fullmatch(r"[A-Z]{6}\+Letter-(Serif|Fallback)\S*", f) for f in fonts)


# Hostile input


def test_hostile_text_in_every_field_prints_literally_and_nothing_is_fetched(alice_client, alice):
    case = make_case(alice, irs_address="Internal Revenue Service\n" + HOSTILE[1])
    make_payment(case, confirmation_number=HOSTILE[2])
    fields = {
        "full_name": HOSTILE[0],
        "address_line1": HOSTILE[1],
        "address_line2": HOSTILE[2],
        "city": HOSTILE[3][:80],
        "tax_form": "<b>1040</b>",
        "other_enclosures": "\n".join(HOSTILE),
    }
    made = [
        make_letter(alice_client, case, "dispute", explanation="\n".join(HOSTILE),
                    requested_action=HOSTILE[4], **fields),
        make_letter(alice_client, case, "payment_trace", explanation=HOSTILE[5], **fields),
        make_letter(alice_client, case, "abatement", basis="reasonable_cause",
                    what_happened=HOSTILE[3], started_on="2025-01-10",
                    how_it_stopped_you=HOSTILE[0], **fields),
        make_letter(alice_client, case, "payment_cover", check_number="<i>1</i>", **fields),
    ]  # fmt: skip
    for letter in made:
        snapshot = letter.html_snapshot
        assert "&lt;script&gt;" in snapshot and "<script" not in snapshot
        assert "<img" not in snapshot and "<link" not in snapshot and "<svg" not in snapshot
        assert 'rel="attachment"' not in snapshot

        fetcher = printing.LetterFetcher()
        pdf = printing.render_letter_pdf(letter, fetcher=fetcher, uncompressed=True)
        text = squeeze(pdf_text(pdf))
        for hostile in HOSTILE:
            assert squeeze(hostile) in text
        # Our own fonts were the only thing requested, and the only thing served.
        assert fetcher.served and fetcher.requested == fetcher.served
        assert all(url.startswith("app:letters/fonts/") for url in fetcher.served)
        assert b"/EmbeddedFile" not in pdf and b"/Filespec" not in pdf


def test_fetcher_refuses_everything_but_bundled_files_even_in_raw_html():
    """Defence in depth: if markup ever slipped past escaping, it still loads nothing."""
    html = """<!doctype html><html lang="en"><head><title>Probe</title>
      <link rel="stylesheet" href="file:///etc/passwd">
      <style>@import url(file:///etc/hostname);
        p { background: url(http://127.0.0.1:9/x.png) }</style></head>
      <body><div class="letter-doc"><p>Probe text</p>
      <img src="http://169.254.169.254/latest/meta-data/">
      <img src="https://example.com/a.png">
      <a rel="attachment" href="file:///etc/passwd">attachment</a>
      <svg width="10" height="10"><image href="file:///etc/hostname"/></svg>
      <img src="app:letters/../../../../etc/passwd">
      </div></body></html>"""
    fetcher = printing.LetterFetcher()
    pdf = printing.html_to_pdf(html, fetcher=fetcher, uncompressed=True)
    refused = set(fetcher.requested) - set(fetcher.served)
    assert {
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:9/x.png",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/a.png",
    } <= refused
    assert all(url.startswith("app:letters/fonts/") for url in fetcher.served)
    assert b"/EmbeddedFile" not in pdf
    assert "Probe text" in pdf_text(pdf)


def test_long_words_and_a_5000_character_explanation_wrap_inside_the_margins(alice_client, case):
    long_word = "Supercalifragilistic" * 15
    explanation = ("All of this is true. " * 300)[:4690] + " " + long_word
    assert len(explanation) <= 5000
    letter = make_letter(
        alice_client, case, explanation=explanation, address_line1="Unit" + "9" * 110
    )
    pdf = download(alice_client, letter)
    assert squeeze(long_word) in squeeze(pdf_text(pdf))
    words = re.findall(r'xMax="([\d.]+)"', pdf_text(pdf, "-bbox"))
    assert max(float(x) for x in words) <= 612 - 72 + 2  # inside the 1-inch right margin
    assert re.search(r"Page 1 of [2-9]", pdf_text(pdf))  # the letter runs over; checklist apart


def test_right_to_left_and_accented_names_print(alice_client, case):
    names = ["Zoë Ñúñez-Brontë", "שרה כהן", "Ana Łukasz Øberg", "سارة"]
    letter = make_letter(
        alice_client, case, full_name=names[0], joint="on", spouse_name=names[1],
        city=names[2], address_line2=names[3],
    )  # fmt: skip
    text = squeeze(pdf_text(download(alice_client, letter)))
    for name in names[:3]:
        assert squeeze(name) in text
    # Arabic comes back from pdftotext as presentation forms; ask for the letters' glyphs.
    assert "\ufeb3" in text or "س" in text


# Frozen letters


def test_the_stylesheet_kept_between_renders_makes_the_same_file(alice_client, case):
    """A worker parses letter.css once; each letter is still the file a fresh parse makes."""
    letters = [make_letter(alice_client, case, kind) for kind in ("dispute", "payment_cover")]
    for letter in [*letters, *letters]:
        kept = printing.render_letter_pdf(letter)
        fresh = printing.render_letter_pdf(letter, fetcher=printing.LetterFetcher())
        assert kept == fresh


def test_with_the_kept_stylesheet_a_letter_still_asks_our_fetcher_for_everything(monkeypatch):
    printing.html_to_pdf("<p>First.</p>")  # the stylesheet is kept from here on
    asked: list[str] = []
    fetch = printing.LetterFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return fetch(self, url, headers)  # refuses all but our fonts

    monkeypatch.setattr(printing.LetterFetcher, "fetch", spy)
    # The checklist is laid out as a document of its own: it must go through our fetcher too.
    probe = """<!doctype html><html lang="en"><head><title>Probe</title></head>
      <body><div class="letter-doc"><p>Probe text</p><img src="file:///etc/hostname">
      <a rel="attachment" href="file:///etc/passwd">attachment</a>
      <section class="for-you"><p>Checklist text</p><img src="file:///etc/group"></section>
      </div></body></html>"""
    pdf = printing.html_to_pdf(probe, uncompressed=True)
    assert {"file:///etc/hostname", "file:///etc/passwd", "file:///etc/group"} <= set(asked)
    text = pdf_text(pdf)
    assert "Probe text" in text and "Checklist text" in text and b"/EmbeddedFile" not in pdf


def test_frozen_letter_redownloads_the_same_text_after_the_case_and_profile_change(
    alice_client, case, alice
):
    letter = make_letter(alice_client, case)
    first_pdf = download(alice_client, letter)
    first = pdf_text(first_pdf)

    case.amount_due = Decimal("9999.99")
    case.irs_address = "Somewhere else"
    case.save()
    profile = profile_for(alice)
    profile.full_name = "Someone Else"
    profile.save()

    second_pdf = download(alice_client, letter)
    second = pdf_text(second_pdf)
    assert second == first
    assert second_pdf == first_pdf  # the same file, byte for byte
    assert "$2,450.18" in second and "Alice Marie Fairweather" in second
    detail = alice_client.get(reverse("notices:letter_detail", args=[letter.public_id]))
    assert "Alice Marie Fairweather" in detail.content.decode()


def test_editing_a_letter_makes_a_new_one_and_keeps_the_old(alice_client, case):
    old = make_letter(alice_client, case)
    old_snapshot = old.html_snapshot

    url = create_url(case, "dispute") + f"?from={old.public_id}"
    form = alice_client.get(url).context["form"]
    assert form.initial["explanation"] == LETTER_ANSWERS["dispute"]["explanation"]
    assert form.initial["full_name"] == LETTER_SENDER["full_name"]

    response = alice_client.post(url, post_data("dispute", case, explanation="New words."))
    assert response.status_code == 302
    assert case.letters.count() == 2
    new = case.letters.exclude(pk=old.pk).get()
    assert "New words." in new.html_snapshot
    old.refresh_from_db()
    assert old.html_snapshot == old_snapshot


def test_letter_is_english_and_dated_in_english_whatever_the_page_language(case):
    cleaned = FORMS["dispute"](post_data("dispute", case), case=case)
    assert cleaned.is_valid(), cleaned.errors
    with translation.override("es"):
        html = documents.render_letter_html(
            case=case, kind="dispute", inputs=documents.inputs_from(cleaned.cleaned_data),
            created_at=case.created_at, time_zone="America/New_York",
        )  # fmt: skip
    assert '<html lang="en">' in html
    assert "March 3, 2025" in html and "marzo" not in html.lower()


def test_the_stored_letter_names_no_url_and_the_design_view_links_our_css(alice_client, case):
    snapshot = make_letter(alice_client, case).html_snapshot
    assert not re.search(r"\b(href|src)=|url\(|@import", snapshot)
    cleaned = FORMS["dispute"](post_data("dispute", case), case=case)
    assert cleaned.is_valid()
    html = documents.render_letter_html(
        case=case, kind="dispute", inputs=documents.inputs_from(cleaned.cleaned_data),
        created_at=case.created_at, time_zone="America/New_York", is_pdf=False,
    )  # fmt: skip
    assert 'href="/static/letters/letter.css"' in html


def test_preview_shows_the_frozen_letter_with_one_h1_and_a_download_button(alice_client, case):
    letter = render(make_letter(alice_client, case))
    response = alice_client.get(reverse("notices:letter_detail", args=[letter.public_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(html) == 1
    assert "Re: Request to review and correct the balance due" in html
    assert reverse("notices:letter_pdf", args=[letter.public_id]) in html
    assert f"?from={letter.public_id}" in html
    assert "no-store" in response["Cache-Control"]


def test_case_letters_section_lists_letters_and_offers_each_kind(alice_client, case):
    letter = render(make_letter(alice_client, case))
    html = render_to_string("notices/_letters.html", {"case": case, "letters": case.letters.all()})
    assert reverse("notices:letter_detail", args=[letter.public_id]) in html
    assert reverse("notices:letter_pdf", args=[letter.public_id]) in html
    for kind in KINDS:
        assert create_url(case, kind) in html


# Locks: owners only, a rate limit, no caching


def test_outsider_gets_404_on_every_letter_url(alice_client, outsider_client, case, outsider):
    letter = make_letter(alice_client, case)
    urls = [
        create_url(case, "dispute"),
        reverse("notices:letter_detail", args=[letter.public_id]),
        reverse("notices:letter_pdf", args=[letter.public_id]),
        # Their own case, but alice's letter to start from.
        create_url(make_case(outsider), "dispute") + f"?from={letter.public_id}",
    ]
    for url in urls:
        assert outsider_client.get(url).status_code == 404
    response = outsider_client.post(urls[0], post_data("dispute", case))
    assert response.status_code == 404
    assert Letter.objects.count() == 1


def test_unknown_kind_and_bad_source_are_404(alice_client, case):
    assert alice_client.get(create_url(case, "love_letter")).status_code == 404
    assert alice_client.get(create_url(case, "dispute") + "?from=nope").status_code == 404
    letter = make_letter(alice_client, case)
    wrong_kind = create_url(case, "abatement") + f"?from={letter.public_id}"
    assert alice_client.get(wrong_kind).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, case):
    response = client.get(create_url(case, "dispute"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_pdf_response_is_an_uncached_attachment_with_a_sensible_name(alice_client, case, alice):
    letter = render(make_letter(alice_client, case, "payment_trace"))
    response = alice_client.get(reverse("notices:letter_pdf", args=[letter.public_id]))
    assert response["Content-Type"] == "application/pdf"
    made = timezone.localtime(letter.created_at, ZoneInfo(profile_for(alice).time_zone)).date()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cp14-2024-payment-trace-letter-{made:%Y-%m-%d}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_making_letters_is_limited_per_person_and_nothing_typed_is_lost(
    alice_client, outsider_client, case, outsider
):
    for _ in range(PDF_LIMIT):
        make_letter(alice_client, case)
    data = post_data("dispute", case, explanation="My own words, kept <b>as typed</b>.")
    response = alice_client.post(create_url(case, "dispute"), data)
    html = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "You have made several letters in the last minute." in html
    assert "My own words, kept &lt;b&gt;as typed&lt;/b&gt;." in html  # the form, as typed
    assert h1_count(html) == 1 and "no-store" in response["Cache-Control"]
    assert Letter.objects.filter(case=case).count() == PDF_LIMIT
    # Someone else's limit is their own.
    make_letter(outsider_client, make_case(outsider))


def test_making_letters_is_limited_per_address_too(alice_client, case, monkeypatch):
    """One address (a script with many accounts) can't fill the workers with letters."""
    monkeypatch.setattr(limits, "PER_ADDRESS", 3)  # below the per-person limit
    url, data = create_url(case, "dispute"), post_data("dispute", case)
    for _ in range(3):
        assert alice_client.post(url, data, REMOTE_ADDR="203.0.113.9").status_code == 302
    assert alice_client.post(url, data, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert alice_client.post(url, data, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_downloading_a_made_pdf_again_and_again_is_not_limited(alice_client, case):
    """A stored file costs little to send, and only its owner can have it."""
    letter = render(make_letter(alice_client, case))
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    for _ in range(3 * PDF_LIMIT):
        assert alice_client.get(url).status_code == 200


# The site-wide cap on renders at once, and failed renders: tests/notices/letters/
# test_rendering.py (the worker renders now, not the download).


# The forms


def test_the_form_is_prefilled_from_the_case_and_the_saved_profile(alice_client, case, alice):
    make_payment(case)
    make_letter(alice_client, case)  # the first letter saves who they are
    profile = profile_for(alice)
    assert profile.full_name == LETTER_SENDER["full_name"] and profile.ssn_last4 == "1234"

    for kind in KINDS:
        response = alice_client.get(create_url(case, kind))
        assert response.status_code == 200
        html = response.content.decode()
        for value in ("Alice Marie Fairweather", "1200 Elm Street", "62704", "217-555-0142"):
            assert f'value="{value}"' in html
        assert "CP14 dated March 3, 2025, tax year 2024, amount due $2,450.18" in html
        assert h1_count(html) == 1

    cover = initial_for(kind="payment_cover", case=case, profile=profile)
    assert cover["payment_amount"] == Decimal("1950.18")  # what is left after the $500 logged
    trace = initial_for(kind="payment_trace", case=case, profile=profile)
    assert trace["payments"] == [str(p.public_id) for p in case.payments.all()]
    case.penalty_amount = Decimal("48.20")
    assert initial_for(kind="abatement", case=case, profile=profile)["penalty_amount"] == Decimal(
        "48.20"
    )


@pytest.mark.parametrize("typed", ["1234", " 1234 ", "xxx-xx-1234", "***-**-1234"])
def test_last4_accepts_four_digits_with_or_without_a_mask(case, typed):
    form = FORMS["dispute"](post_data("dispute", case, ssn_last4=typed), case=case)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ssn_last4"] == "1234"


@pytest.mark.parametrize("typed", ["123", "12345", "12a4", "last four"])
def test_last4_must_be_exactly_four_digits(case, typed):
    form = FORMS["dispute"](post_data("dispute", case, ssn_last4=typed), case=case)
    assert not form.is_valid()
    assert form.errors["ssn_last4"] == ["Enter exactly 4 digits, like 1234, or leave it blank."]


@pytest.mark.parametrize("typed", ["123-45-6789", "123456789", "123 45 6789"])
def test_a_full_ssn_is_refused_clearly_and_never_stored_or_echoed(alice_client, case, alice, typed):
    response = alice_client.post(
        create_url(case, "dispute"), post_data("dispute", case, ssn_last4=typed)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "That looks like a full Social Security number" in html
    assert "6789" not in html
    assert not Letter.objects.exists()
    assert profile_for(alice).ssn_last4 == ""
    assert 'value="Alice Marie Fairweather"' in html  # the rest of what they typed is kept


@pytest.mark.parametrize("field", ["explanation", "requested_action", "other_enclosures"])
def test_a_full_ssn_inside_free_text_is_refused_too(alice_client, case, field):
    data = post_data("dispute", case, **{field: "My number is 123-45-6789, see attached."})
    response = alice_client.post(create_url(case, "dispute"), data)
    assert response.status_code == 200
    assert "looks like a full Social Security number" in response.content.decode()
    assert not Letter.objects.exists()


def test_phone_numbers_dates_and_zip_codes_are_not_mistaken_for_an_ssn(case):
    text = "Called 217-555-0142 on 2025-03-12 from ZIP 64999-0010; routing 011000015."
    form = FORMS["dispute"](post_data("dispute", case, explanation=text), case=case)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("field", "kind"),
    [
        ("full_name", "dispute"),
        ("address_line1", "dispute"),
        ("city", "payment_cover"),
        ("state", "abatement"),
        ("zip_code", "payment_trace"),
        ("daytime_phone", "dispute"),
        ("reasons", "dispute"),
        ("explanation", "dispute"),
        ("payments", "payment_trace"),
        ("penalties", "abatement"),
        ("basis", "abatement"),
        ("payment_amount", "payment_cover"),
        ("payment_type", "payment_cover"),
    ],
)
def test_required_fields_are_required(case, field, kind):
    data = post_data(kind, case)
    data.pop(field)
    form = FORMS[kind](data, case=case)
    assert not form.is_valid()
    assert field in form.errors


def test_bad_zip_phone_and_missing_spouse_get_clear_messages(case):
    data = post_data("dispute", case, zip_code="ABCDE", daytime_phone="12", joint="on")
    form = FORMS["dispute"](data, case=case)
    assert not form.is_valid()
    assert "5-digit ZIP code" in form.errors["zip_code"][0]
    assert "area code" in form.errors["daytime_phone"][0]
    assert "spouse's name" in form.errors["spouse_name"][0]


def test_first_time_abatement_needs_all_three_conditions(case):
    data = post_data("abatement", case, first_time_checks=["clean_history", "tax_paid"])
    form = FORMS["abatement"](data, case=case)
    assert not form.is_valid()
    assert "needs all three" in form.errors["first_time_checks"][0]


def test_reasonable_cause_needs_what_when_and_how(case):
    data = post_data("abatement", case, basis="reasonable_cause", first_time_checks=[])
    form = FORMS["abatement"](data, case=case)
    assert not form.is_valid()
    assert {"what_happened", "started_on", "how_it_stopped_you"} <= set(form.errors)
    late = post_data(
        "abatement", case, basis="reasonable_cause", what_happened="Flood.",
        how_it_stopped_you="Records lost.", started_on="2025-03-01", ended_on="2025-02-01",
    )  # fmt: skip
    assert "before the start" in FORMS["abatement"](late, case=case).errors["ended_on"][0]
    ancient = post_data(
        "abatement", case, basis="reasonable_cause", what_happened="Flood.",
        how_it_stopped_you="Records lost.", started_on="0001-01-01",
    )  # fmt: skip
    assert "started_on" in FORMS["abatement"](ancient, case=case).errors


def test_trace_letter_cannot_pick_another_case_payment(alice, case, outsider):
    theirs = make_payment(make_case(outsider))
    data = post_data("payment_trace", case, payments=[str(theirs.public_id)])
    form = FORMS["payment_trace"](data, case=case)
    assert not form.is_valid()
    assert "payments" in form.errors


def test_trace_form_without_logged_payments_says_to_log_one_first(alice_client, case):
    html = alice_client.get(create_url(case, "payment_trace")).content.decode()
    assert "you haven't logged any yet" in html
    assert reverse("notices:payment_add", args=[case.public_id]) in html


def test_invalid_post_keeps_what_was_typed_and_shows_the_error_summary(alice_client, case):
    data = post_data("dispute", case, explanation="")
    html = alice_client.post(create_url(case, "dispute"), data).content.decode()
    assert 'id="error-summary"' in html
    assert "Explain in a few sentences why the amount is wrong." in html
    assert 'value="1200 Elm Street"' in html
    assert h1_count(html) == 1


# Templates


def test_letter_templates_never_mark_user_values_safe():
    folder = Path(settings.BASE_DIR) / "templates"
    paths = [*sorted((folder / "letters").glob("*.html")), folder / "notices" / "_letters.html"]
    assert len(paths) >= 8
    for path in paths:
        source = path.read_text()
        assert "|safe" not in source.replace(" ", ""), path
        assert "mark_safe" not in source, path
        assert "autoescape off" not in source, path
        assert "safeseq" not in source, path
