"""Every Spanish page a person can reach, in a real browser: axe clean, lang="es", big
enough targets, one h1, no English sentence from the catalogue, and the header's English
link; the page types at 1280 and 375 px, the guide's many pages at 375 px only. And the
header's language link by keyboard, under the site's real CSP.

The contexts for axe use bypass_csp=True for the injected axe-core only (see
test_accessibility.py); the keyboard test runs without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from guidance.content import CONTENT_DIR, guide_pages
from notices import tasks
from notices.checkup import flow, saved
from notices.checkup.store import SESSION_KEY
from notices.letters import documents
from notices.reading import store as reading
from notices.reminders.emails import unsubscribe_token
from tests.browser.a11y import (
    axe_violations,
    describe_violations,
    page_basics_problems,
    target_size_problems,
)
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.seed import STEP_SLUGS, Owner, answers_before, owner_with_everything
from tests.browser.sessions import sign_in, visitor_session
from tests.catalogue import english_fragments, leaks
from tests.factories import UserFactory
from tests.notices.reading.test_reading_accuracy import notices_text

pytestmark = pytest.mark.browser

Page = Any
State = Callable[[Page, str], None]


def spanish(name: str, **kwargs: Any) -> str:
    with translation.override("es"):
        return reverse(name, kwargs=kwargs or None)


def heading(page: Page, text: str) -> None:
    expect(page.locator("h1")).to_contain_text(text)


@cache
def fragments() -> frozenset[str]:
    return frozenset(english_fragments())


# Public pages


def _open(name: str, query: str = "", **kwargs: Any) -> State:
    return lambda page, server: page.goto(spanish(name, **kwargs) + query)


def _search(page: Page, server: str) -> None:
    page.goto(spanish("home"))
    search = page.get_by_role("searchbox", name="Buscar en la guía")
    if not search.is_visible():  # on a phone it is inside the menu
        page.locator("summary.menu-button").click()
    search.fill("plan de pagos")
    page.get_by_role("search").get_by_role("button", name="Buscar").click()
    expect(page).to_have_title(re.compile("Resultados de búsqueda para “plan de pagos”"))
    expect(page.locator("h2#results-title")).to_contain_text("resultado")


def _search_nothing(page: Page, server: str) -> None:
    page.goto(spanish("guidance:search") + "?q=cebra+xilófono")
    expect(page.get_by_text("Ninguna página tiene todas esas palabras.")).to_be_visible()


def _signup_errors(page: Page, server: str) -> None:
    page.goto(spanish("account_signup"))
    page.get_by_label("Correo electrónico").fill("no es un correo")
    page.get_by_role("button", name="Crear mi cuenta").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _reset_sent(page: Page, server: str) -> None:
    page.goto(spanish("account_reset_password"))
    page.get_by_label("Correo electrónico").fill("alice@example.com")
    page.get_by_role("button", name="Enviarme un enlace").click()
    expect(page).to_have_url(spanish("account_reset_password_done"))


def _unsubscribe(page: Page, server: str) -> None:
    user = UserFactory.create(email="alice@example.com")
    page.goto(spanish("notices:unsubscribe", token=unsubscribe_token(user.pk)))


# The check-up, for a visitor part-way through it


def _step(slug: str) -> State:
    def visit(page: Page, server: str) -> None:
        visitor_session(page.context, server, {SESSION_KEY: answers_before(slug)})
        page.goto(spanish("notices:flow_step", step=slug))
        with translation.override("es"):
            heading(page, str(flow.STEPS[slug].question))

    return visit


def _step_error(slug: str) -> State:
    """Continue without an answer (or, on the first step, with a notice date to come)."""

    def visit(page: Page, server: str) -> None:
        _step(slug)(page, server)
        if slug == flow.DETAILS:
            page.get_by_label("Fecha del aviso").fill("2099-01-05")
        page.get_by_role("button", name="Continuar").click()
        expect(page.locator("#error-summary")).to_be_visible()

    return visit


def _finished(page: Page, server: str) -> None:
    visitor_session(page.context, server, {SESSION_KEY: answers_before()})


def _plan(page: Page, server: str) -> None:
    _finished(page, server)
    page.goto(spanish("notices:flow_plan"))
    heading(page, "Su plan de acción")


def _save_visitor(page: Page, server: str) -> None:
    _finished(page, server)
    page.goto(spanish("notices:flow_save"))
    heading(page, "Guarde su plan")


# A plan kept by private link


def _saved_plan(suffix: str = "") -> State:
    def visit(page: Page, server: str) -> None:
        _, key = saved.create(answers_before())
        page.goto(spanish("notices:saved_plan", key=key) + suffix)

    return visit


# Signed in


def _signed_in(page: Page, server: str) -> Owner:
    owner = owner_with_everything()
    sign_in(page.context, server, owner.user)
    return owner


def _mine(name: str, **kwargs: Any) -> State:
    def visit(page: Page, server: str) -> None:
        _signed_in(page, server)
        page.goto(spanish(name, **kwargs))

    return visit


def _case(name: str, **kwargs: Any) -> State:
    def visit(page: Page, server: str) -> None:
        owner = _signed_in(page, server)
        page.goto(spanish(name, public_id=owner.case.public_id, **kwargs))

    return visit


def _case_page(page: Page, server: str) -> None:
    _case("notices:case_detail")(page, server)
    # Open both log forms, so their fields are checked too.
    page.get_by_text("Anotar una llamada o carta").click()
    page.get_by_text("Anotar un pago").click()


def _case_create_errors(page: Page, server: str) -> None:
    _mine("notices:case_create")(page, server)
    page.get_by_role("button", name="Guardar el aviso").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _estimator_results(page: Page, server: str) -> None:
    _case("notices:case_estimate")(page, server)
    page.get_by_role("button", name="Calcular el costo").click()
    expect(page.get_by_role("heading", name="Su cálculo")).to_be_visible()


def _letter_page(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(spanish("notices:letter_detail", letter_id=owner.letter.public_id))


def _letter_made_in_spanish(page: Page, server: str) -> None:
    """The letter as made from a Spanish page, its PDF made: the explanation of each part
    of the letter, with its page, under the English letter."""
    owner = _signed_in(page, server)
    letter = owner.letter
    with translation.override("es"):
        letter.html_snapshot = documents.render_letter_html(
            case=owner.case, kind=letter.kind, inputs=letter.inputs,
            created_at=letter.created_at, time_zone="America/New_York",
        )  # fmt: skip
    letter.save(update_fields=["html_snapshot"])
    tasks.render_letter.apply(args=[letter.pk])
    page.goto(spanish("notices:letter_detail", letter_id=letter.public_id))
    page.get_by_role("link", name="Qué dice su carta, página por página").click()
    expect(page.locator("#explained")).to_be_in_viewport()
    expect(page.locator(".explained tbody tr").first).to_contain_text("1")


def _read_progress(page: Page, server: str) -> None:
    owner = _signed_in(page, server)
    page.goto(spanish("notices:read_status", token=reading.start(owner.user.pk)))
    expect(page.get_by_role("button", name="Revisar otra vez")).to_be_visible()


def _read_review(page: Page, server: str) -> None:
    _mine("notices:read_start")(page, server)
    page.get_by_label("O pegue el texto del aviso").fill(notices_text("CP14"))
    page.get_by_role("button", name="Leer mi aviso").click()
    heading(page, "Revise lo que leímos")


def _delete_account_error(page: Page, server: str) -> None:
    _mine("notices:delete_account")(page, server)
    page.get_by_label("Su contraseña").fill("no es mi contraseña")
    page.get_by_role("button", name="Borrar mi cuenta").click()
    expect(page.locator(".error-summary")).to_be_visible()


# Each kind of page, checked at both widths.
PAGES: dict[str, State] = {
    "home": _open("home"),
    "guide index": _open("guidance:index"),
    "faq": _open("guidance:faq"),
    "search results": _search,
    "search, no results": _search_nothing,
    "estimator": _open("notices:estimator"),
    "sign-in": _open("account_login"),
    "sign-up": _open("account_signup"),
    "sign-up, errors": _signup_errors,
    "password reset": _open("account_reset_password"),
    "password reset, sent": _reset_sent,
    "check-up": _open("notices:flow_start"),
    **{f"check-up {slug}": _step(slug) for slug in STEP_SLUGS},
    "check-up details, error": _step_error(flow.DETAILS),
    "check-up can-pay, error": _step_error("can-pay"),
    "plan": _plan,
    "plan not ready": _open("notices:flow_plan"),
    "save plan, visitor": _save_visitor,
    "saved plan": _saved_plan(),
    "saved plan, delete": _saved_plan("delete/"),
    "saved plan, deleted": _open("notices:saved_plan_deleted"),
    "saved plan, not found": _open("notices:saved_plan", key="x" * 43),
    "dashboard": _mine("notices:dashboard"),
    "case page": _case_page,
    "edit a notice": _case("notices:case_edit"),
    "add a notice": _mine("notices:case_create"),
    "add a notice, errors": _case_create_errors,
    "case plan": _case("notices:case_flow_plan"),
    "estimator with results": _estimator_results,
    "log a call": _case("notices:contact_add"),
    "log a payment": _case("notices:payment_add"),
    "letter form": _case("notices:letter_create", kind="dispute"),
    "letter page": _letter_page,
    "letter page, letter made in Spanish": _letter_made_in_spanish,
    "call sheet": _case("notices:case_call_sheet"),
    "how to pay": _case("notices:case_how_to_pay"),
    "read my notice": _mine("notices:read_start"),
    "read my notice, reading": _read_progress,
    "read my notice, review": _read_review,
    "your data": _mine("notices:your_data"),
    "delete account": _mine("notices:delete_account"),
    "delete account, wrong password": _delete_account_error,
    "reminder settings": _mine("notices:reminder_settings"),
    "unsubscribe": _unsubscribe,
}
WIDTHS = {"1280 px": 1280, "375 px": 375}
# The guide's pages (the FAQ is above), as the site lists them in Spanish.
with translation.override("es"):
    GUIDE = {f"guide {page.slug}": _open("guidance:page", slug=page.slug) for page in guide_pages()}
CASES = [(name, width) for name in PAGES for width in WIDTHS] + [(name, "375 px") for name in GUIDE]


@pytest.fixture(scope="module")
def axe_context(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(
        bypass_csp=True, base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_every_guide_page_is_checked() -> None:
    """Guards the list above: each Spanish guide file is one of the pages checked."""
    files = {path.stem for path in (CONTENT_DIR / "es").glob("*.md")} - {"faq"}
    assert files and files <= {name.removeprefix("guide ") for name in GUIDE}


@pytest.mark.parametrize(("name", "width"), CASES, ids=[f"{n}, {w}" for n, w in CASES])
def test_spanish_page_is_accessible(axe_context: Any, server: str, name: str, width: str) -> None:
    axe_context.clear_cookies()
    page = axe_context.new_page()
    try:
        page.set_viewport_size({"width": WIDTHS[width], "height": 800})
        (PAGES | GUIDE)[name](page, server)
        page.wait_for_load_state()
        problems = []
        if (lang := page.evaluate("document.documentElement.lang")) != "es":
            problems.append(f'lang is "{lang}", not "es"')
        if not page.url.startswith(f"{server}/es/"):
            problems.append("the address is not under /es/")
        if english := leaks(page.content(), set(fragments())):
            problems.append(f"English on the page: {english[:5]}")
        if violations := axe_violations(page):
            problems.append(f"axe-core found {len(violations)} violation(s):\n")
            problems.append(describe_violations(violations))
        problems += [f"target: {t}" for t in target_size_problems(page)]
        # The shared check expects English; the language is checked above.
        problems += [p for p in page_basics_problems(page) if not p.startswith("lang is")]
        english_link = page.get_by_role("link", name="English")
        if not english_link.is_visible():  # on a phone it is the last row of the menu
            page.locator("summary.menu-button").click()
        if not english_link.is_visible():
            problems.append("the header's English link is not visible")
        assert not problems, f"{name} at {width} ({page.url}):\n" + "\n".join(problems)
    finally:
        page.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_language_link_by_keyboard_keeps_the_page(
    chromium: Any, server: str, width: str
) -> None:
    context = chromium.new_context(
        base_url=server, viewport={"width": WIDTHS[width], "height": 800}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        path = reverse("guidance:page", kwargs={"slug": "is-it-real"})
        page.goto(path)
        heading = page.locator("h1").inner_text()
        link = page.locator("a.language-link")  # in the closed phone menu: not yet a "link"
        menu = page.locator("summary.menu-button")
        # Skip link, brand, (on a phone: Menu, opened with Enter), the menu's links and
        # search, then the language link.
        for _ in range(20):
            page.keyboard.press("Tab")
            if menu.evaluate("element => element === document.activeElement"):
                page.keyboard.press("Enter")
            if link.evaluate("element => element === document.activeElement"):
                break
        expect(link).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/es{path}")
        assert page.evaluate("document.documentElement.lang") == "es"
        spanish_heading = page.locator("h1").inner_text()
        assert spanish_heading and spanish_heading != heading or "/es/" in page.url
        # And back, the same way.
        back = page.locator("a.language-link")
        expect(back).to_have_attribute("hreflang", "en")
        if not back.is_visible():
            page.locator("summary.menu-button").click()
        back.click()
        page.wait_for_url(f"**{path}")
        assert page.locator("h1").inner_text() == heading
    finally:
        context.close()
