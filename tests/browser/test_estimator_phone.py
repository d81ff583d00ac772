"""The cost estimator on a phone (issue #14): a card per choice with its total as the headline,
and a chart whose labels never touch and are never smaller than 12 px, at any width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.estimator.chart import NARROW, WIDE
from tests.browser.a11y import axe_violations, describe_violations, target_size_problems
from tests.browser.layout import layout_problems, overlapping_svg_text, svg_text_boxes
from tests.browser.seed import dates

pytestmark = pytest.mark.browser
FONT_SIZE = "e => parseFloat(getComputedStyle(e).fontSize)"


def fill(page: Any, amount: str, **more: str) -> None:
    """Fill in the estimator as a person would, leaving everything else alone, and submit."""
    d = dates()
    page.goto(reverse("notices:estimator"))
    page.get_by_label("Amount due on the notice").fill(amount)
    page.get_by_label("Notice date").fill(d.notice_date.isoformat())
    page.get_by_label("Tax year").fill(str(d.tax_year))
    for label, value in more.items():
        page.get_by_label(label.replace("_", " ")).fill(value)
    page.get_by_role("button", name="Estimate the cost").click()
    page.get_by_role("heading", name="Your estimate", exact=True).wait_for()


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_each_choice_is_a_card_with_its_total_first(
    open_context: Callable[..., Any], width: int
) -> None:
    page = open_context(viewport={"width": width, "height": 800}).new_page()
    fill(page, "60,000")
    expect(page.locator(".options-table")).to_be_hidden()
    cards = page.locator(".option-card")
    titles = cards.locator("h4")
    # Pay by the date, the short-term plan (under $100,000), the payment plan, and waiting
    # 3, 6 and 12 months.
    assert titles.all_inner_texts()[0].startswith("Pay in full by")
    assert any(title.startswith("Payment plan: 12 months") for title in titles.all_inner_texts())
    assert cards.count() == 6
    for card in cards.all():
        figure = card.locator(".option-figure")
        expect(figure).to_be_visible()
        assert figure.inner_text().startswith("$")
        # The headline is the biggest text on the card.
        sizes = card.evaluate(f"card => [...card.querySelectorAll('*')].map({FONT_SIZE})")
        assert figure.evaluate(FONT_SIZE) == max(sizes)
    # $60,000 is over the online limit: the page says how the plan is priced, and no error.
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(page.locator(".applying-note")).to_contain_text("You owe more than $50,000")
    assert layout_problems(page) == []


# (amount, extra fields): a short span, and a six-year plan that spans many months.
SCENARIOS = {
    "a CP14 of $2,450.18": ("2,450.18", {}),
    "$1,000,000 over 72 months": ("1,000,000", {"Payment_plan_length_in_months": "72"}),
}


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_chart_labels_never_touch_and_are_at_least_12px(
    open_context: Callable[..., Any], width: int, scenario: str
) -> None:
    page = open_context(viewport={"width": width, "height": 900}).new_page()
    amount, more = SCENARIOS[scenario]
    fill(page, amount, **more)
    shown = ".chart-phone" if width < 768 else ".chart-wide"
    expect(page.locator(shown)).to_be_visible()
    assert overlapping_svg_text(page) == []
    boxes = svg_text_boxes(page, shown)
    assert all(box["bottom"] - box["top"] >= 12 for box in boxes), boxes
    chart = page.locator(shown).bounding_box()
    assert chart is not None
    # Every label inside the chart, the month labels in one row, in order, with a year first.
    months = [box for box in boxes if not box["text"].startswith("$")]
    assert len(months) >= 2
    assert months[0]["text"][-4:].isdigit()
    assert all(a["right"] <= b["left"] for a, b in zip(months, months[1:], strict=False))
    for box in boxes:
        assert chart["x"] - 0.5 <= box["left"] and box["right"] <= chart["x"] + chart["width"] + 0.5
    problems = [
        problem for problem in layout_problems(page) if "sideways" in problem or "<text" in problem
    ]
    assert problems == []


def test_the_wide_estimator_keeps_the_table(open_context: Callable[..., Any]) -> None:
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    fill(page, "9,999")
    expect(page.locator(".options-table")).to_be_visible()
    expect(page.locator(".option-cards")).to_be_hidden()
    expect(page.locator(".chart-phone")).to_be_hidden()
    expect(page.locator(".applying-note")).to_contain_text("applying online")


def test_the_estimator_with_results_is_accessible_on_a_phone(chromium: Any, server: str) -> None:
    context = chromium.new_context(
        bypass_csp=True, base_url=server, viewport={"width": 375, "height": 812}
    )
    try:
        page = context.new_page()
        fill(page, "250,000")
        problems = [describe_violations(found)] if (found := axe_violations(page)) else []
        problems += target_size_problems(page)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_each_chart_layout_keeps_text_at_12px_where_it_is_narrowest() -> None:
    """The font size in SVG units, scaled to the narrowest width site.css shows it at."""
    assert NARROW.min_px == 320 - 2 * 16  # a 320 px phone less the page's 1rem margins
    assert WIDE.min_px == 44 * 16  # .chart's max-width, reached from 48em
    assert NARROW.smallest_text_px >= 12
    assert WIDE.smallest_text_px >= 12
