from __future__ import annotations

import pytest
from django.urls import reverse

from guidance.search import search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("payment plan", "/guide/cant-pay/"),
        ("scam", "/guide/is-it-real/"),
        ("CP504", "/guide/related-notices/"),
        ("first time abatement", "/guide/penalty-relief/"),
        ("interest rate", "/guide/penalties-and-interest/"),
        ("identity theft", "/guide/identity-theft/"),
        ("innocent spouse", "/guide/special-situations/"),
        ("bankruptcy", "/guide/special-situations/"),
        ("disaster area", "/guide/special-situations/"),
        ("Schedule LEP", "/guide/special-situations/"),
        ("CP11", "/guide/related-notices/"),
    ],
)
def test_search_finds_the_right_page_first(query, expected):
    assert search(query)[0].url == expected


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("504", "CP504"), ("cp 504", "CP504"), ("lt 11", "LT11"), ("11", "LT11"),
     ("payment plans", "payment plan"), ("penalties", "penalty"), ("penalty", "penalties"),
     ("notices", "notice")],
)  # fmt: skip
def test_words_are_matched_the_way_people_type_them(typed, meant):
    """A bare number or "cp 504" means the notice; a plural finds what its singular finds."""
    assert search(typed) and [r.url for r in search(typed)] == [r.url for r in search(meant)]


def test_faq_answers_are_found_and_link_to_their_anchor():
    urls = [result.url for result in search("credit card")]
    assert any(url.startswith("/faq/#") for url in urls)


def test_results_page_highlights_matches(client):
    html = client.get(reverse("guidance:search"), {"q": "payment plan"}).content.decode()
    assert "<mark>" in html
    assert 'href="/guide/cant-pay/"' in html


def test_script_in_the_query_is_shown_as_text_never_run(client):
    html = client.get(
        reverse("guidance:search"), {"q": "<script>alert(1)</script>"}
    ).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "'; DROP TABLE auth_user; --",
        "\u202e\u0000\ufffd",
        "a" * 500 + " plan",
    ],
)
def test_odd_queries_never_break_the_page(client, query):
    response = client.get(reverse("guidance:search"), {"q": query})
    assert response.status_code == 200


def test_no_results_suggests_what_to_try(client):
    html = client.get(reverse("guidance:search"), {"q": "zebra xylophone"}).content.decode()
    assert "No pages match all of those words." in html
    assert "payment plan" in html


def test_snippets_escape_page_text():
    for result in search("check"):
        assert "<script" not in result.snippet
        assert result.snippet.count("<mark>") == result.snippet.count("</mark>")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("CP-504", "CP504"), ("cp504", "CP504"), ("LT-11", "LT11"),
     ("installment agreement", "payment plan"), ("installment plans", "payment plan"),
     ("garnishment", "levy"), ("fraud", "scam")],
)  # fmt: skip
def test_other_words_for_the_same_thing_find_the_same_pages(typed, meant):
    assert search(typed) and [r.url for r in search(typed)] == [r.url for r in search(meant)]


def test_payment_plan_also_finds_pages_that_say_installment_agreement():
    plain = {result.url for result in search("payment plan")}
    assert {result.url for result in search("installment agreement")} == plain
    only_formal = [
        r for r in search("installment agreement") if "payment plan" not in r.snippet.lower()
    ]
    assert only_formal, "some page says only 'installment agreement' and is still found"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("intrest", "interest"), ("penality", "penalty"), ("instalment agreement", "payment plan"),
     ("abatment", "abatement"), ("notise", "notice"), ("identty theft", "identity theft")],
)  # fmt: skip
def test_common_misspellings_find_what_the_right_spelling_finds(typed, meant):
    assert search(typed) and [r.url for r in search(typed)] == [r.url for r in search(meant)]


def test_the_page_says_how_a_misspelled_query_was_read(client):
    html = client.get(reverse("guidance:search"), {"q": "intrest rate"}).content.decode()
    assert "Showing results for “interest rate”." in html
    html = client.get(reverse("guidance:search"), {"q": "interest rate"}).content.decode()
    assert "Showing results for" not in html


def test_unknown_words_are_not_forced_onto_guide_words():
    assert search("zebra xylophone") == []
    assert search("payment zebra") == []


def test_titles_highlight_the_words_too_and_stay_escaped(client):
    html = client.get(reverse("guidance:search"), {"q": "penalty relief"}).content.decode()
    assert "<mark>Penalty</mark> <mark>relief</mark>" in html or "<mark>Penalty relief" in html
    for result in search("penalty"):
        assert result.title.count("<mark>") == result.title.count("</mark>")
        assert "<script" not in result.title
