"""Guide pages and the estimator take every rate, fee and limit from notices.irs.rates."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from guidance import content
from guidance.content import CONTENT_DIR, FAQ_SLUG, ContentError, all_pages, parse_page
from notices.irs import rates
from notices.irs.figures import figures, figures_in

# Figures a page must never type: each has a {{ placeholder }} (see notices/irs/figures.py).
RAW_FIGURES = [
    r"\$100,000",
    r"\b180 days",
    r"\b72 months",
    r"\$50,000 or less",
    r"more than \$50,000",
    r"(?<![\d.])0\.5%",
    r"(?<![\d.])0\.25%",
    r"\b25% of the",
    r"\$(22|69|107|178|43)\b",
    r"\| \d+% \|$",  # a typed row of the interest-rate table
    r"\b21(-day| days| calendar days)",
    r"\b10(-business-day| business days)",
    r"\b250%",
    r"\$(205|435|450|485|510|2,000|50,000|64,000)\b",
    r"\b5% of the",
    r"\b10 days after",  # {{ ftp_levy_after_days }}: the 1% rate after a notice of intent to levy
    r"\b30 days (from|to ask)",  # {{ hearing_days }}: Collection Due Process hearing
    r"\b60 days (from|to ask)",  # {{ math_error_days }}: reply to a math-error notice
    r"(?<![\d.])1% a month",  # {{ ftp_levy_rate }}
]


def reparse() -> None:
    """Figures and pages are worked out once per process: work them out again."""
    figures_in.cache_clear()
    content._pages_for.cache_clear()


@pytest.fixture
def fresh_pages():
    reparse()
    yield
    reparse()


def page_url(slug: str) -> str:
    if slug == FAQ_SLUG:
        return reverse("guidance:faq")
    return reverse("guidance:page", kwargs={"slug": slug})


def test_a_changed_fee_shows_on_every_page_that_shows_it(client, monkeypatch, fresh_pages):
    old = figures()["fee_online_debit"]
    showing_fee = [slug for slug, page in all_pages().items() if old in page.html]
    assert {"cant-pay", FAQ_SLUG} <= set(showing_fee)

    monkeypatch.setattr(
        rates,
        "SETUP_FEES",
        dataclasses.replace(rates.SETUP_FEES, online_direct_debit=Decimal("31")),
    )
    reparse()

    for slug in showing_fee:
        html = client.get(page_url(slug)).content.decode()
        assert "$31" in html, slug
        assert not re.search(r"\$22\b", html), slug
    estimator = client.get(reverse("notices:estimator")).content.decode()
    assert "Plan setup fees: $31 to $178" in estimator
    assert not re.search(r"\$22\b", estimator)


def test_a_changed_limit_shows_on_the_pages_and_the_estimator(client, monkeypatch, fresh_pages):
    monkeypatch.setattr(rates, "FTP_MONTHLY_RATE", Decimal("0.006"))
    html = client.get(page_url("penalties-and-interest")).content.decode()
    assert "0.6% of the unpaid tax" in html
    assert "0.6% a month" in html  # the summary, from the front matter
    estimator = client.get(reverse("notices:estimator")).content.decode()
    assert "The late-payment penalty is 0.6% of the unpaid tax" in estimator


def test_the_interest_rate_table_follows_the_rates(client, monkeypatch, fresh_pages):
    from datetime import date

    added = (*rates.UNDERPAYMENT_RATES, (date(2026, 4, 1), Decimal("0.06")))
    monkeypatch.setattr(rates, "UNDERPAYMENT_RATES", added)
    monkeypatch.setattr(rates, "_RATES", dict(added))
    monkeypatch.setattr(rates, "LAST_PUBLISHED_QUARTER_START", date(2026, 4, 1))
    html = client.get(page_url("penalties-and-interest")).content.decode()
    assert "<td>January 2025 to March 2026</td>\n<td>7%</td>" in html
    assert "<td>April to June 2026</td>\n<td>6%</td>" in html
    assert "We have not yet found an IRS rate for July 2026 or later." in html
    faq = client.get(page_url(FAQ_SLUG)).content.decode()
    assert "For April to June 2026, the rate is 6% a year." in faq
    # The rough example works its interest out at the new rate, compounded daily.
    example = client.get(page_url("how-serious")).content.decode()
    assert "At a 6% rate, interest would add about $124 more. That is over $240" in example


def test_the_current_figures_render_as_before(client):
    html = client.get(page_url("cant-pay")).content.decode()
    assert "<td>Online</td>\n<td>$22</td>\n<td>$69</td>" in html
    assert "if you owe less than $100,000 in total" in html
    assert "up to 72 months" in html
    assert "{{" not in html


@pytest.mark.parametrize("path", sorted((CONTENT_DIR / "en").glob("*.md")), ids=lambda p: p.stem)
def test_no_page_types_a_figure_that_has_a_placeholder(path: Path):
    raw = path.read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line.lstrip().startswith(("keywords:", "- title:")):
            continue  # search words and the names of sources are not filled in
        for pattern in RAW_FIGURES:
            assert not re.search(pattern, line), f"{path.name}: {line!r} types {pattern}"


def test_every_placeholder_on_the_pages_is_known():
    known = set(figures())
    for path in (CONTENT_DIR / "en").glob("*.md"):
        used = set(re.findall(r"\{\{\s*(\w+)\s*\}\}", path.read_text(encoding="utf-8")))
        assert used <= known, path.name


def test_an_unknown_placeholder_is_an_error_naming_the_page(tmp_path, monkeypatch, client):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "bad-page.md").write_text(
        "---\ntitle: Bad\nsummary: S\ndescription: D\norder: 1\nlast_reviewed: 2026-01-01\n"
        "sources: []\n---\nThe fee is {{ no_such_figure }}.\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ContentError, match=r"bad-page\.md: unknown figure \{\{ no_such_figure \}\}"
    ):
        parse_page(folder / "bad-page.md")

    monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
    reparse()
    try:
        with pytest.raises(ContentError, match="bad-page.md"):
            client.get(reverse("guidance:index"))
    finally:
        reparse()


def test_an_unknown_placeholder_in_the_summary_is_an_error(tmp_path):
    path = tmp_path / "bad-summary.md"
    path.write_text(
        '---\ntitle: Bad\nsummary: "Owe less than {{ short_term_limt }}"\ndescription: D\n'
        "order: 1\nlast_reviewed: 2026-01-01\nsources: []\n---\nBody.\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="bad-summary.md: unknown figure"):
        parse_page(path)
