"""The data the pages are measured with, made through the same code paths as the app.

One person with 50 notices (each with a contact and a payment logged, the one whose page is
measured with more), one with a single notice (to see that queries do not grow with cases),
and PDF_USERS people with a letter each: PDFs are rate-limited per person, so the PDF load
is spread over them as it would be over real people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from notices.models import Case
from tests.factories import (
    LETTER_ANSWERS,
    LETTER_SENDER,
    UserFactory,
    make_case,
    make_contact,
    make_payment,
)

CASES = 50
PDF_USERS = 40
GUIDE_SLUG = "what-is-a-cp14"


@dataclass(frozen=True)
class Visit:
    """One request: a path, and the session cookie of whoever makes it ("" for a visitor)."""

    path: str
    cookie: str = ""
    htmx: bool = False

    def headers(self) -> dict[str, str]:
        found = {"HX-Request": "true"} if self.htmx else {}
        if self.cookie:
            found["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={self.cookie}"
        return found


@dataclass
class Seed:
    visits: dict[str, Visit] = field(default_factory=dict)
    pdfs: list[Visit] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)  # what could not be measured, and why


def make_user(email: str) -> User:
    """A verified person; no password (sessions are made directly, nobody signs in)."""
    return cast(User, UserFactory(email=email, password=None))


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _case_data(number: int, today: date) -> dict[str, Any]:
    """Notices spread over the last four months: some due soon, some overdue."""
    notice_date = today - timedelta(days=(number * 5) % 120)
    return {
        "notice_date": notice_date,
        "pay_by": notice_date + timedelta(days=21),
        "tax_year": 2025 - number % 3,
        "amount_due": Decimal("1200.18") + 37 * number,
        "nickname": f"Notice {number + 1}" if number % 2 else "",
    }


def _person_with_cases(email: str, count: int) -> tuple[User, list[Case]]:
    user = make_user(email)
    today = timezone.localdate()
    cases = []
    for number in range(count):
        case = make_case(user, **_case_data(number, today))
        make_contact(case)
        make_payment(case)
        cases.append(case)
    return user, cases


def _case_url(case: Case) -> str:
    return reverse("notices:case_detail", kwargs={"public_id": case.public_id})


def _add_people(seed: Seed) -> None:
    user, cases = _person_with_cases("many@bench.example", CASES)
    measured = cases[0]
    for _ in range(2):
        make_contact(measured)
        make_payment(measured)
    cookie = session_cookie(user)
    seed.visits["dashboard"] = Visit(reverse("notices:dashboard"), cookie)
    seed.visits["case page"] = Visit(_case_url(measured), cookie)
    seed.visits["home"] = Visit(reverse("home"))
    seed.visits["guidance page"] = Visit(reverse("guidance:page", kwargs={"slug": _guide_slug()}))
    _add_flow(seed, cookie)
    few, [only] = _person_with_cases("one@bench.example", 1)
    few_cookie = session_cookie(few)
    seed.visits["dashboard, 1 case"] = Visit(reverse("notices:dashboard"), few_cookie)
    seed.visits["case page, 1 case"] = Visit(_case_url(only), few_cookie)


def _guide_slug() -> str:
    from guidance.content import get_page, guide_pages

    return GUIDE_SLUG if get_page(GUIDE_SLUG) else guide_pages()[0].slug


def _add_flow(seed: Seed, cookie: str) -> None:
    """The first check-up question, as the htmx partial, for a signed-in person."""
    try:
        reverse("notices:flow_start")
        from notices.checkup.flow import first_step

        path = reverse("notices:flow_step", kwargs={"step": first_step(in_case=False)})
    except (NoReverseMatch, ImportError) as error:
        seed.missing["flow step (htmx)"] = f"flow: not available ({error})"
        return
    seed.visits["flow step (htmx)"] = Visit(path, cookie, htmx=True)


def _letter_pdf_url(case: Case) -> str:
    from notices.letters import documents
    from notices.letters.forms import FORMS

    form = FORMS["dispute"](LETTER_SENDER | LETTER_ANSWERS["dispute"], case=case)
    if not form.is_valid():
        raise ValueError(f"the dispute form refused the bench's answers: {form.errors.as_text()}")
    letter = documents.create_letter(case=case, kind="dispute", cleaned_data=form.cleaned_data)
    # Made and stored now, as the worker would: the benchmark measures downloading it.
    from notices.letters import rendering

    rendering.render(letter.pk)
    return reverse("notices:letter_pdf", kwargs={"letter_id": letter.public_id})


def _add_letters(seed: Seed) -> None:
    today = timezone.localdate()
    try:
        for number in range(PDF_USERS):
            user = make_user(f"letters{number}@bench.example")
            path = _letter_pdf_url(make_case(user, **_case_data(number, today)))
            seed.pdfs.append(Visit(path, session_cookie(user)))
    except (NoReverseMatch, ImportError, AttributeError, KeyError, ValueError) as error:
        seed.pdfs.clear()
        seed.missing["letter PDF"] = f"letter PDF: not available ({type(error).__name__}: {error})"


def make_seed() -> Seed:
    seed = Seed()
    _add_people(seed)
    _add_letters(seed)
    return seed
