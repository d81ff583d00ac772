"""A Spanish-speaking person's journey, through the UI only, with and without JavaScript,
under the site's real CSP.

She lands on the English home page and switches with the header's "Español" link (on a
phone, inside the Menu), takes the check-up in Spanish to her plan, signs up, confirms her
email from the Spanish email in the outbox, saves the plan into a new notice, reads her
deadline in Spanish on the notice's page, changes when reminders come, and gets a reminder
email in Spanish. Every page is checked the same way: <html lang="es">, an /es/ address, and
no English sentence from the catalogue (tests/catalogue.py).

As in test_journeys.py, two things happen in the test process that a person can't do:
reading the outbox, and moving a reminder's send time into the past.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation
from playwright.sync_api import expect

from notices.checkup import flow
from notices.models import Case
from tests.browser.seed import dates
from tests.browser.test_journeys import link_in, send_week_before_reminder, watch_for_errors
from tests.catalogue import english_fragments, leaks
from tests.factories import CHECKUP_PATH

pytestmark = pytest.mark.browser

EMAIL = "lucia.mendez@example.com"
PASSWORD = "una tetera azul en el portal"
NICKNAME = "Impuestos de Lucía"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

# Django's Spanish names, as the site writes a date with the catalogue's "l j \d\e F \d\e Y"
# (msgid "l, F j, Y"; notices/when.py, notices/checkup/plan_dates.py, the reminder emails).
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")  # fmt: skip


def fecha_larga(day: date) -> str:
    """As the site writes dates in Spanish: lunes 14 de diciembre de 2026."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month - 1]} de {day.year}"


@cache
def fragments() -> frozenset[str]:
    return frozenset(english_fragments())


def english_in(text: str) -> list[str]:
    return leaks(text, set(fragments()))


def spanish_page(page: Any, heading: str) -> None:
    """What a Spanish reader would notice on any page: its heading, in Spanish, and no
    English sentence anywhere on it (text, labels, alt and aria-label)."""
    expect(page.locator("h1")).to_have_text(heading)
    path = urlsplit(page.url).path
    assert path.startswith("/es/"), f"{page.url} is not a Spanish address"
    expect(page.locator("html")).to_have_attribute("lang", "es")
    found = english_in(page.content())
    assert not found, f"English on the Spanish page {path}: {found[:5]}"


def open_menu(page: Any) -> None:
    """On a phone the header's links fold into a Menu (a <details>); open it if closed."""
    menu = page.locator("details.menu")
    if page.locator("summary.menu-button").is_visible() and menu.get_attribute("open") is None:
        page.locator("summary.menu-button").click()


def go_to(page: Any, name: str) -> None:
    """Follow a link in the header's main navigation (named "Principal" in Spanish)."""
    open_menu(page)
    page.get_by_role("navigation", name="Principal").get_by_role("link", name=name).click()


def answer(page: Any, slug: str, value: str) -> None:
    """Choose an answer by its Spanish label and continue."""
    step = flow.STEPS[slug]
    with translation.override("es"):
        question = str(step.question)
        label = next(str(option.label) for option in step.options if option.value == value)
    spanish_page(page, question)
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continuar").click()


@pytest.mark.parametrize(
    ("javascript", "viewport"),
    [(True, DESKTOP), (False, PHONE)],
    ids=["with-js-1280px", "without-js-375px"],
)
def test_a_spanish_speaker_from_the_english_home_page_to_a_spanish_reminder(
    open_context: Any, server: str, javascript: bool, viewport: dict[str, int]
) -> None:
    context = open_context(java_script_enabled=javascript, viewport=viewport)
    page = context.new_page()
    errors = watch_for_errors(page)
    d = dates()

    # The English home page, then the header's "Español" link (on a phone, in the Menu)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Got a CP14? Start here.")
    assert english_in(page.content()), "the English check would find nothing even here"
    espanol = page.get_by_role("link", name="Español")
    if viewport == PHONE:
        expect(espanol).to_be_hidden()
        page.get_by_text("Menu", exact=True).click()
    espanol.click()
    spanish_page(page, "¿Recibió una CP14? Empiece aquí.")
    # The way back is named in English, for someone who can't read Spanish.
    open_menu(page)
    expect(page.get_by_role("link", name="English")).to_be_visible()
    if viewport == PHONE:
        expect(page.locator("summary.menu-button")).to_have_text("Menú")

    # The check-up in Spanish
    go_to(page, "Revisión")
    spanish_page(page, "Haga un plan para su CP14")
    page.get_by_role("link", name="Empezar la revisión").click()
    with translation.override("es"):
        spanish_page(page, str(flow.STEPS[flow.DETAILS].question))
    page.get_by_label("Fecha del aviso").fill(d.notice_date.isoformat())
    page.get_by_label("Fecha límite para pagar o responder").fill(d.pay_by.isoformat())
    page.get_by_label("Cantidad que se debe").fill("$2,450.18")
    page.get_by_role("button", name="Continuar").click()
    for slug, value in CHECKUP_PATH:
        answer(page, slug, value)
    spanish_page(page, "Su plan de acción")
    expect(page.locator(".plan-due")).to_contain_text(
        f"Actúe a más tardar el {fecha_larga(d.pay_by)}: cuestione la parte que cree que está mal"
    )
    expect(page.get_by_role("heading", name="Pida un plan de pagos a largo plazo")).to_be_visible()

    # Save the plan: that needs an account, made in Spanish
    page.get_by_role("link", name="Guardar este plan").click()
    spanish_page(page, "Guarde su plan")
    page.locator(".form-actions").get_by_role("link", name="Crear una cuenta").click()
    spanish_page(page, "Crear una cuenta")
    page.get_by_label("Correo electrónico").fill(EMAIL)
    page.get_by_label(re.compile(r"^Contraseña:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Contraseña \(de nuevo\)")).fill(PASSWORD)
    page.get_by_role("button", name="Crear mi cuenta").click()
    spanish_page(page, "Guarde su plan")  # back where she was going
    expect(page.get_by_label("Un aviso nuevo: después agrega sus datos")).to_be_visible()

    # The confirmation email is in Spanish, and its link leads to a Spanish page
    confirmation = next(message for message in mail.outbox if EMAIL in message.to)
    assert confirmation.subject.endswith("Confirme su correo electrónico"), confirmation.subject
    body = str(confirmation.body)
    assert "Gracias por crear una cuenta de CP14 Helper" in body, body
    assert "Por favor, confirme que este es su correo electrónico" in body, body
    assert not english_in(body), english_in(body)
    page.goto(link_in(body, "/es/accounts/confirm-email/"))
    spanish_page(page, "Confirme su correo electrónico")
    page.get_by_role("button", name="Sí, confirmar mi correo").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Gracias. Su correo electrónico {EMAIL} está confirmado."
    )
    # Her plan is waiting: the site takes her straight to saving it as a new notice.
    spanish_page(page, "Guarde su plan como aviso")
    # No typing twice: the check-up's dates and amount are already filled in.
    expect(page.get_by_label("Fecha del aviso")).to_have_value(d.notice_date.isoformat())
    pay_by = page.get_by_label("Fecha límite impresa en el aviso para pagar o responder")
    expect(pay_by).to_have_value(d.pay_by.isoformat())
    expect(page.get_by_label("Cantidad que se debe")).to_have_value("2450.18")
    page.get_by_label("Apodo").fill(NICKNAME)
    page.get_by_label("Año de impuestos").fill(str(d.tax_year))
    page.get_by_role("button", name="Guardar el aviso").click()
    spanish_page(page, f"Su plan de acción para {NICKNAME}")
    expect(page.locator(".messages")).to_contain_text(
        "Su aviso está guardado, con el plan de su revisión."
    )

    # The deadline on the notice's page, written in Spanish
    page.get_by_role("link", name=f"Volver a {NICKNAME}").click()
    spanish_page(page, NICKNAME)
    days_left = (d.pay_by - timezone.localdate()).days
    when = page.locator(".case-when")
    expect(when).to_contain_text(f"Quedan {days_left} días")
    expect(when).to_contain_text(f"Pague a más tardar el {fecha_larga(d.pay_by)}.")

    # When reminders come, in Spanish
    go_to(page, "Cuenta")
    spanish_page(page, "Su cuenta y sus datos")
    page.get_by_role("link", name="Configuración de recordatorios y enlace de calendario").click()
    spanish_page(page, "Recordatorios")
    page.get_by_label("14 días antes").check()
    page.get_by_label("3 días antes").check()
    page.get_by_label("1 día antes").uncheck()
    page.get_by_role("button", name="Guardar la configuración de recordatorios").click()
    expect(page.locator(".messages")).to_contain_text(
        "Su configuración de recordatorios está guardada."
    )
    spanish_page(page, "Recordatorios")
    for kept in ("14 días antes", "7 días antes", "3 días antes"):
        expect(page.get_by_label(kept)).to_be_checked()
    expect(page.get_by_label("1 día antes")).not_to_be_checked()
    # Her emails come in the language she has been reading.
    languages = page.get_by_role("group", name="Idioma de nuestros correos")
    expect(languages.get_by_label("Español")).to_be_checked()
    case = Case.objects.get(owner__email=EMAIL)
    due = d.pay_by
    # A reminder arrives in Spanish, with the date written in Spanish and links to Spanish
    # pages
    reminder = send_week_before_reminder(case, due)
    assert reminder.to == [EMAIL]
    assert reminder.subject == (
        f"Su CP14 de {d.tax_year}: la fecha límite para pagar es el {fecha_larga(due)}"
    ), reminder.subject
    body = str(reminder.body)
    assert "Qué hacer ahora:" in body, body
    assert isinstance(reminder, EmailMultiAlternatives)  # with an HTML part
    html, _ = reminder.alternatives[0]
    assert not english_in(body), english_in(body)
    assert not english_in(str(html)), english_in(str(html))
    page.goto(link_in(body, "/es/cases/"))
    spanish_page(page, NICKNAME)

    assert not errors, "JavaScript errors or blocked resources (CSP?):\n" + "\n".join(errors)
