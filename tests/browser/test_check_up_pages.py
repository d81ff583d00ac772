"""Consistent help, titles and the step indicator on the check-up as the browser shows it,
after each htmx swap.

The HTML tests (tests/notices/checkup/test_views.py) check what the server sends. Here the
browser has swapped each step in: htmx must have moved the step's <title> into the tab's
title (and not left it in the body), the help must sit in the same place on every step, and
the step indicator must mark the current part.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notices.checkup import flow
from tests.browser.a11y import page_basics_problems
from tests.browser.seed import dates
from tests.factories import CHECKUP_PATH

pytestmark = pytest.mark.browser

HELP_JS = """() => {
  const area = document.querySelector('#flow');
  const help = area.querySelector('#flow-help');
  const form = area.querySelector('form.flow-form') || area.querySelector('.plan-steps-wrap');
  return {
    // Its place in the page: the last thing in the check-up area, after the form.
    last: help === area.lastElementChild || help === area.lastElementChild.lastElementChild,
    afterForm: Boolean(form.compareDocumentPosition(help) & Node.DOCUMENT_POSITION_FOLLOWING),
    sameColumn:
      Math.round(help.getBoundingClientRect().left) ===
      Math.round(area.getBoundingClientRect().left),
    heading: help.querySelector('h2').textContent.trim(),
    links: [...help.querySelectorAll('a')].map((a) => a.textContent.trim()),
  };
}"""
INDICATOR_JS = """() => [...document.querySelectorAll('.steps-list li')].map((li) => ({
  current: li.getAttribute('aria-current'),
  label: li.querySelector('.steps-label').textContent.trim(),
  hidden: (li.querySelector('.visually-hidden') || {}).textContent || '',
}))"""


def check_page(page: Any, where: str) -> dict[str, Any]:
    problems = page_basics_problems(page)
    assert not problems, f"{where}: {problems}"
    indicator = page.evaluate(INDICATOR_JS)
    current = [part for part in indicator if part["current"] == "step"]
    assert len(current) == 1, f"{where}: {indicator}"
    done = indicator[: indicator.index(current[0])]
    assert all(part["hidden"].strip() in ("completed", "not needed") for part in done), indicator
    help_block = page.evaluate(HELP_JS)
    assert help_block["last"] and help_block["afterForm"] and help_block["sameColumn"], where
    return {"title": page.title(), "current": current[0]["label"], "help": help_block}


def test_each_step_names_itself_and_keeps_help_in_the_same_place(live_page: Any) -> None:
    page = live_page
    d = dates()
    page.goto(reverse("notices:flow_step", kwargs={"step": flow.DETAILS}))
    seen = [check_page(page, flow.DETAILS)]
    page.get_by_label("Notice date").fill(d.notice_date.isoformat())
    page.get_by_role("button", name="Continue").click()
    for slug, value in CHECKUP_PATH:
        question = str(flow.STEPS[slug].question)
        expect(page.locator("h1")).to_have_text(question)
        expect(page).to_have_title(re.compile(re.escape(question) + " – Check-up part"))
        seen.append(check_page(page, slug))
        page.locator(f"input[name=answer][value='{value}']").check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect(page).to_have_title("Your action plan | CP14 Helper")
    seen.append(check_page(page, "plan"))

    titles = [entry["title"] for entry in seen]
    assert len(set(titles)) == len(titles), titles
    assert all(" | CP14 Helper" in title for title in titles), titles
    # The same help, in the same place, on every screen (WCAG 3.2.6).
    first = seen[0]["help"]
    for entry in seen[1:]:
        assert entry["help"]["heading"] == first["heading"]
        assert entry["help"]["links"][1:] == first["links"][1:]  # the first link fits the step
    assert [entry["current"] for entry in seen][-1] == "Your plan"
