"""Sentences that were once wrong on the guide pages stay right (issue #13, "Advice you can
trust"). Each test reads the corrected fact where the pages state it, and fails if a wrong
version comes back anywhere. The rules and their official sources: docs/sources.md."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from guidance.content import CONTENT_DIR, FAQ_SLUG, all_pages
from notices.irs import rates
from notices.irs.figures import figures
from tests.guidance.pagetext import (
    blocks,
    every_page,
    faq_answer,
    reparse,
    section,
    sentences,
)

SLUGS = [page.slug for page in every_page()]


@pytest.fixture
def fresh_pages():
    reparse()
    yield
    reparse()


def page(slug: str):
    return all_pages()[slug]


def lower_text(html: str) -> str:
    return " ".join(blocks(html)).lower()


# 1. Interest after a missed pay-by date runs from the notice date (IRC 6601(e)(3)).

WRONG_INTEREST = re.compile(
    r"after (that|this|the pay-by|the due) date|stops? adding interest|no more interest", re.I
)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_says_interest_starts_or_stops_at_the_pay_by_date(slug):
    for sentence in sentences(page(slug).html):
        if "interest" in sentence.lower():
            assert not WRONG_INTEREST.search(sentence), f"{slug}: {sentence!r}"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pay_by_promise_is_about_the_time_after_the_notice_date(slug):
    for sentence in sentences(page(slug).html):
        lowered = sentence.lower()
        if "no interest" in lowered and ("pay-by" in lowered or "by then" in lowered):
            assert "notice date" in lowered, f"{slug}: {sentence!r}"


def test_your_deadline_says_a_missed_date_means_interest_from_the_notice_date():
    text = lower_text(
        section(page("your-deadline"), "if-you-miss-the-date-interest-counts-from-the-notice-date")
    )
    assert "includes interest up to the notice date" in text
    assert "interest is charged from the notice date onward" in text
    assert "does not start on the pay-by date" in text
    for slug in ("what-is-a-cp14", "penalties-and-interest", "how-serious", "step-by-step"):
        assert "interest counts from the notice date" in lower_text(page(slug).html), slug
    assert "interest counts from the notice date" in lower_text(faq_answer("how-long-do-i-have"))


# 2. The lower late-payment rate is for installment agreements only, and only after filing on
# time (IRC 6651(h)); never for a short-term payment plan.


def test_the_plan_rate_appears_only_with_installment_agreements(monkeypatch, fresh_pages):
    monkeypatch.setattr(rates, "FTP_PLAN_MONTHLY_RATE", Decimal("0.0037"))
    reparse()
    shown = set()
    for each in every_page():
        for block in blocks(each.html):
            if "0.37%" not in block:
                continue
            shown.add(each.slug)
            assert "installment agreement" in block.lower(), f"{each.slug}: {block!r}"
            assert "on time" in block.lower(), f"{each.slug}: {block!r}"
            for sentence in re.split(r"(?<=[.!?])\s+", block):
                if "0.37%" in sentence:
                    assert "short-term" not in sentence.lower(), f"{each.slug}: {sentence!r}"
    assert {"penalties-and-interest", "cant-pay", "how-serious", FAQ_SLUG} <= shown


def test_a_short_term_payment_plan_keeps_the_normal_rate():
    text = lower_text(section(page("cant-pay"), "short-term-payment-plan-up-to-180-days"))
    assert f"stays at {figures()['ftp_rate']} a month" in text
    assert "not an installment agreement" in text


# 3. The rate rises for months that begin more than 10 days after a notice of intent to levy
# (IRC 6651(d)).


def test_the_levy_rate_is_stated_with_its_day_count(monkeypatch, fresh_pages):
    monkeypatch.setattr(rates, "FTP_LEVY_MONTHLY_RATE", Decimal("0.0111"))
    monkeypatch.setattr(rates, "FTP_LEVY_RATE_AFTER_DAYS", 13)
    reparse()
    shown = set()
    for each in every_page():
        for block in blocks(each.html):
            if "1.11%" in block:
                shown.add(each.slug)
                assert "more than 13 days after" in block, f"{each.slug}: {block!r}"
    expected = {"related-notices", "if-you-do-nothing", "how-serious", "penalties-and-interest"}
    assert expected | {FAQ_SLUG} <= shown
    for slug in expected:
        text = lower_text(page(slug).html)
        assert "cp504" in text and "lt11" in text, slug


# 4. A CP14 is a balance-due notice, not a math-error notice (IRC 6213(b)).

WRONG_CAUSE = re.compile(
    r"IRS (changed|may have changed) (something|an amount)|changed something when it processed",
    re.I,
)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_gives_an_irs_change_as_a_cause_of_a_cp14(slug):
    for sentence in sentences(page(slug).html):
        assert not WRONG_CAUSE.search(sentence), f"{slug}: {sentence!r}"


def test_math_error_notices_are_explained_where_people_look():
    days = f"{figures()['math_error_days']} days"
    places = [
        section(page("why-you-got-one"), "a-cp14-is-not-a-change-to-your-return"),
        section(page("related-notices"), "cp11-and-cp12"),
        faq_answer("did-the-irs-change-my-return"),
    ]
    for html in places:
        text = lower_text(html)
        assert "cp11" in text and "cp12" in text
        assert days in text
        assert "reverse the change" in text
    assert "math-error notice" in lower_text(faq_answer("did-i-file-wrong"))


# 5. A bill for a year not filed may come from a return the IRS prepared (IRC 6020(b)): call
# the IRS before sending Form 14039.


def test_a_year_not_filed_starts_with_a_call_not_form_14039():
    theft = page("identity-theft").html
    call = section(page("identity-theft"), "first-ask-if-the-irs-made-a-return-for-you")
    assert "substitute for return" in lower_text(call)
    assert "call the irs before you send an identity theft form" in lower_text(call)
    assert theft.index('id="first-ask-if-the-irs-made-a-return-for-you"') < theft.index(
        'id="report-it-with-form-14039"'
    )
    reasons = lower_text(section(page("why-you-got-one"), "a-year-you-did-not-file"))
    assert "call the irs first" in reasons and "substitute for return" in reasons
    faq = lower_text(faq_answer("didnt-file-this-return"))
    assert faq.index("made a return for you") < faq.index("form 14039")


# 6. A masked Social Security number is not a sign that a letter is real.

WRONG_SSN = re.compile(
    r"only (part|some) of your social security|digits are hidden|some of the digits|masked",
    re.I,
)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_treats_a_hidden_ssn_as_a_sign_of_a_real_letter(slug):
    for sentence in sentences(page(slug).html):
        assert not WRONG_SSN.search(sentence), f"{slug}: {sentence!r}"


def test_the_check_list_warns_that_the_ssn_proves_nothing():
    text = lower_text(page("is-it-real").html)
    assert "a real cp14 can show the whole number" in text


# 7. The notice's own words: "Amount due by", "Billing Summary", the contact section.


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_sends_people_to_the_top_right_corner(slug):
    assert "top right" not in lower_text(page(slug).html), slug


def test_pages_that_say_where_to_look_use_the_notices_own_words():
    for slug in ("what-is-a-cp14", "your-deadline", "step-by-step", "do-this-today", "how-to-pay"):
        assert '"Amount due by' in " ".join(blocks(page(slug).html)), slug
    for slug in ("what-is-a-cp14", "why-you-got-one", "step-by-step", "think-its-wrong"):
        assert '"Billing Summary' in " ".join(blocks(page(slug).html)), slug
    assert '"Amount due by' in " ".join(blocks(faq_answer("how-long-do-i-have")))
    for slug in ("what-is-a-cp14", "calling-the-irs", "step-by-step"):
        assert "tells you how to contact the irs" in lower_text(page(slug).html), slug


# 8. Identity-theft waiting times: no day-count (none is confirmed on TAS's latest report).


def test_identity_theft_pages_give_no_waiting_days():
    for html in (page("identity-theft").html, faq_answer("didnt-file-this-return")):
        assert not re.search(r"\b\d+\s+days\b", " ".join(blocks(html)))
    assert "many months" in lower_text(page("identity-theft").html)


# 9. Offers in compromise are rare; no papers the IRS did not ask for; corrected forms; calls.


def test_the_offer_in_compromise_is_described_as_rare_and_strict():
    text = lower_text(section(page("cant-pay"), "offer-in-compromise"))
    assert "rare" in text
    assert "the most the irs can expect to collect" in text
    for html in (faq_answer("cant-pay-it-all"), page("getting-help").html):
        assert "rare" in lower_text(html)
        assert "cannot expect to collect the full amount" in lower_text(html)


def test_pages_say_not_to_send_papers_the_irs_did_not_ask_for():
    for html in (
        page("cant-pay").html,
        page("getting-help").html,
        faq_answer("amount-is-wrong"),
    ):
        assert "did not ask for" in lower_text(html)


def test_corrected_information_returns_are_a_listed_cause():
    for slug in ("why-you-got-one", "think-its-wrong", "step-by-step"):
        text = lower_text(page(slug).html)
        assert "w-2c" in text and "corrected form 1099" in text, slug


def test_calling_tips_make_no_claims_about_wait_times():
    text = lower_text(page("calling-the-irs").html)
    assert not re.search(r"\d+\s+minutes", text)
    assert "early in the day" not in text and "early morning" not in text


# 10. Form 2848: each spouse files their own; future years count from the IRS's receipt.


def test_form_2848_rules_follow_the_instructions():
    text = lower_text(section(page("getting-help"), "form-2848-and-form-8821"))
    assert "each spouse files their own form 2848" in text
    assert "the date the irs receives the form" in text
    assert "both spouses sign" not in text
    assert "each spouse files their own form 2848" in lower_text(faq_answer("need-a-tax-pro"))


# 11. First-time abatement, IRM 20.1.1.3.3.2.1: penalty-relief.md and the FAQ agree.

FTA_FACTS = [
    "three tax years before, on the same kind of return",
    "estimated-tax penalty",  # does not count against you
    "reasonable cause",  # nor does a penalty removed for such a reason
    "valid extension",
    "installment agreement",  # being current on one counts
    "failure-to-deposit",
    "accuracy-related",  # not covered
]


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(lambda: section(page("penalty-relief"), "first-time-abatement"), id="page"),
        pytest.param(lambda: faq_answer("remove-penalties"), id="faq"),
    ],
)
def test_first_time_abatement_is_stated_the_same_in_both_places(html):
    text = lower_text(html())
    for fact in FTA_FACTS:
        assert fact in text, fact


def test_the_fta_section_names_the_estimated_tax_exception():
    who = lower_text(section(page("penalty-relief"), "who-qualifies"))
    assert "one is an estimated-tax penalty" in who
    assert "removed for a reason such as reasonable cause" in who
    not_covered = lower_text(section(page("penalty-relief"), "what-it-does-not-cover"))
    assert "estimated-tax penalties" in not_covered and "accuracy-related" in not_covered


# 13. One name each across the site.

OTHER_NAMES = re.compile(
    r"late payment penalty|\bshort-term plan|\blong-term plan|\bmonthly (payment )?plan"
    r"|(?<![@\w/.])irs\.gov",
)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_thing_has_one_name(slug):
    text = " ".join(blocks(page(slug).html))
    found = OTHER_NAMES.findall(text)
    assert not OTHER_NAMES.search(text), f"{slug}: {found}"
    lowered = text.lower()
    if "late-payment penalty" in lowered or "failure-to-pay" in lowered:
        assert "late-payment penalty" in lowered, slug
        assert "failure-to-pay" in lowered, f"{slug} never says what the IRS calls it"


# 14. A shown interest rate is labelled when later months are assumed.

RATE_PLACEHOLDERS = re.compile(r"\{\{\s*interest_rate(_quarter|_rows)?\s*\}\}")


@pytest.mark.parametrize("path", sorted((CONTENT_DIR / "en").glob("*.md")), ids=lambda p: p.stem)
def test_a_page_that_shows_a_rate_labels_later_months_as_assumed(path):
    raw = path.read_text(encoding="utf-8")
    if RATE_PLACEHOLDERS.search(raw):
        assert "{{ first_unpublished_month }}" in raw, path.name
        assert "assum" in raw, path.name


# The two IRS addresses on a notice.

CHECK_TO_LETTER_ADDRESS = re.compile(
    r"\b(check|money order|payment)\b.*\baddress (printed )?on (the|your) notice", re.I
)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_sends_a_check_to_the_letter_address(slug):
    for sentence in sentences(page(slug).html):
        assert not CHECK_TO_LETTER_ADDRESS.search(sentence), f"{slug}: {sentence!r}"


def test_the_two_addresses_are_explained():
    text = lower_text(section(page("what-is-a-cp14"), "two-irs-addresses"))
    assert "address to write to" in text and "address on the payment stub" in text
    assert "address on the payment stub" in lower_text(page("how-to-pay").html)
