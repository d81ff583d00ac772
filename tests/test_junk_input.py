"""Every form of the site, posted junk: never a 500, and nothing saved from a refused form.

Hypothesis starts from a valid submission and spoils some of it: fields dropped, or set to
huge, empty, unicode (right-to-left, emoji, NUL), HTML, SQL-looking, numeric or date junk,
several values where one is expected, and fields the form doesn't have at all. Date fields
also get any date or date and time from year 1 to 9999, and text fields NUL and other
control characters. When a form accepts what it got, the pages that show it (the case page,
the dashboard, the calendar file and the private feed) must still open.

Each test builds its state once, then runs the Hypothesis examples inside it, so the
database and fixtures are set up once per form, not once per example.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.models import (
    Case,
    ChecklistItem,
    ContactEntry,
    EarlierNotice,
    Letter,
    PaymentEntry,
)
from notices.profiles import profile_for
from tests.factories import (
    CHECKUP_PATH,
    PASSWORD,
    UserFactory,
    make_case,
    make_contact,
    make_payment,
)

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
JUNK_SETTINGS = settings(
    # JUNK_EXAMPLES=300 for a longer hunt; 30 keeps `make test` quick.
    max_examples=int(os.environ.get("JUNK_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Junk


NASTY = [
    "", " ", "\t\n", "\x00", "a\x00b", "\x1b[31m", "\r\nSet-Cookie: x=1",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert(1)\">x</a>", "{{ 7|add:7 }}", "{% debug %}", "${7*7}",
    "'; DROP TABLE notices_case; --", "' OR '1'='1", "1; SELECT pg_sleep(10)", "%s%s%n",
    "../../etc/passwd", "file:///etc/passwd", "http://169.254.169.254/latest/meta-data/",
    "\u202egnp.exe", "שלום עולם", "مرحبا بالعالم", "👩‍👩‍👧‍👦💸🧾", "\ufeff", "\u200b\u200d",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐", "ﷺ" * 50, "NaN", "Infinity", "-Infinity", "1e309", "-1", "0",
    "-0", "9" * 400, "0x1F", "1,2,3", "$-1,000.00", "$ 1 , 000 . 00", "١٢٣٤", "１２３４",
    "9999-12-31", "0001-01-01", "2025-02-30", "10000-01-01", "2025-13-01", "12/31/9999",
    "9999-12-31T23:59", "0001-01-01T00:00", "true", "null", "None", "[]", "{}",
    "America/../../etc/passwd", "UTC\x00", "a" * 10_001,
]  # fmt: skip
TEXT = st.characters(codec="utf-8")  # any character a browser can send, NUL included
huge = st.text(TEXT, min_size=1, max_size=8).map(lambda s: s * (10_000 // len(s) + 1))
scalar = st.one_of(
    st.sampled_from(NASTY),
    st.text(TEXT, max_size=40),
    huge,
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.isoformat()),
)
value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=4))
# Any date a browser could send, from 0001-01-01 to 9999-12-31, as a date or date and time.
EDGE_DATES = ["0001-01-01", "9999-12-31", "1999-12-31", "2000-01-01", "9999-12-31T23:59",
              "0001-01-01T00:00", "9999-12-31 23:59:59", "0001-01-01T00:00:00+14:00"]  # fmt: skip
any_date = st.one_of(st.sampled_from(EDGE_DATES), st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
    st.datetimes().map(lambda d: d.isoformat(sep=" ", timespec="seconds")))  # fmt: skip
CONTROL = st.characters(categories=["Cc", "Zl", "Zp"])  # NUL, CR, LF, ESC, DEL, U+2028...
# Ordinary words with control characters in and around them.
controlled = st.lists(st.one_of(st.text(CONTROL, min_size=1, max_size=3), st.sampled_from(
    ["Rent money", "She said", "\r\n", "\x00", " ", "wait 30 days."])), min_size=1, max_size=8
).map("".join)  # fmt: skip
DATE_WORDS = ("date", "_on", "_at", "pay_by")
TEXT_WORDS = ("nickname", "notes", "summary", "name", "explanation", "what_happened",
              "how_it_stopped_you", "address", "reference", "text", "confirmation")  # fmt: skip


def junk_for(key: str) -> st.SearchStrategy[Any]:
    """Junk of every kind, and more often the kind this field is most likely to trip on."""
    if any(word in key for word in DATE_WORDS):
        return st.one_of(any_date, value)
    if any(word in key for word in TEXT_WORDS):
        return st.one_of(controlled, value)
    return value


# Fields no form has: mass assignment must not reach the model.
STRAY_KEYS = ["owner", "owner_id", "case", "user", "public_id", "id", "is_staff", "pk", "done"]
MISSING = object()


def spoiled(valid: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """`valid` with some fields dropped or replaced by junk, and maybe stray fields added."""
    keys = sorted(valid) or ["q"]
    pick = st.lists(st.sampled_from(keys), min_size=1, unique=True)
    junk = {key: st.one_of(st.just(MISSING), junk_for(key)) for key in keys}
    changes = pick.flatmap(lambda picked: st.fixed_dictionaries({k: junk[k] for k in picked}))
    strays = st.dictionaries(st.sampled_from(STRAY_KEYS), value, max_size=2)
    everything_junk = st.lists(st.sampled_from(keys), unique=True).flatmap(
        lambda picked: st.fixed_dictionaries({key: junk_for(key) for key in picked})
    )

    def apply(changes: dict[str, Any], strays: dict[str, Any]) -> dict[str, Any]:
        data = {**valid, **strays}
        for key, new in changes.items():
            if new is MISSING:
                data.pop(key, None)
            else:
                data[key] = new
        return data

    return st.one_of(st.builds(apply, changes, strays), everything_junk)


# The forms


@dataclass
class Site:
    """One person with a case, a call, a payment and a checklist item."""

    user: User
    client: Client
    case: Case
    contact: ContactEntry
    payment: PaymentEntry
    item: ChecklistItem


@pytest.fixture
def site(db) -> Site:
    user: Any = UserFactory(email="junk.owner@example.com")
    client = Client()
    client.force_login(user)
    case = make_case(user)
    item = case.checklist.first()
    assert item is not None
    return Site(user, client, case, make_contact(case), make_payment(case), item)


@dataclass
class FormCase:
    url: Callable[[Site], str]
    valid: Callable[[Site], dict[str, Any]]
    # What must not change when the form is refused.
    state: Callable[[Site], Any] = field(default=lambda s: None)
    method: str = "post"
    htmx: bool = False  # the form is also posted by htmx
    anonymous: bool = False


# What these forms save is shown on the pages below: each must still open after any change.
SHOWN = {"case create", "case edit", "newer notice", "contact add", "contact edit"}
SHOWN |= {"payment add", "payment edit"}


def shown_pages(s: Site) -> list[str]:
    feed = reverse("notices:calendar_feed", kwargs={"token": profile_for(s.user).calendar_token})
    case = [case_url(name)(s) for name in ("case_detail", "case_calendar")]
    return [reverse("notices:dashboard"), *case, feed]


def case_url(name: str, **extra: str) -> Callable[[Site], str]:
    return lambda s: reverse(f"notices:{name}", kwargs={"public_id": s.case.public_id, **extra})


CASE_DATA = {
    "nickname": "Junk test", "notice_type": "CP14", "notice_date": "2025-03-03",
    "pay_by": "2025-03-24", "tax_year": "2024", "amount_due": "2,450.18", "tax_amount": "",
    "penalty_amount": "", "interest_amount": "", "irs_phone": "800-829-1040",
    "irs_address": "Internal Revenue Service\nKansas City, MO 64999",
    "payment_address": "Internal Revenue Service\nP.O. Box 931000\nLouisville, KY 40293",
    "status": "open",
    "notes": "", "browser_time_zone": "America/Chicago",
}  # fmt: skip
CONTACT_DATA = {
    "contact-contacted_at": "2025-03-10T09:30", "contact-channel": "phone",
    "contact-employee_name": "Ms. Rivera", "contact-employee_id": "1002345",
    "contact-summary": "She said the payment is not there yet.",
    "contact-reference_number": "REF-1", "contact-follow_up_on": "2025-04-01",
}  # fmt: skip
PAYMENT_DATA = {
    "payment-paid_on": "2025-03-12", "payment-amount": "500.00",
    "payment-method": "direct_pay", "payment-confirmation_number": "DP-1",
}  # fmt: skip
SENDER = {
    "full_name": "Alex Junk", "address_line1": "12 Elm St", "city": "Springfield",
    "state": "IL", "zip_code": "62704", "daytime_phone": "217-555-0142", "ssn_last4": "",
    "tax_form": "1040", "enclosures": ["notice_copy"], "other_enclosures": "",
}  # fmt: skip
ESTIMATOR_DATA = {
    "amount_due": "2450.18", "tax_part": "2000", "notice_date": "2025-03-03", "pay_by": "",
    "tax_year": "2024", "pay_on": "2025-06-01", "plan_months": "12", "plan_payment": "",
    "apply_online": "yes", "direct_debit": "yes", "low_income": "",
}  # fmt: skip


def letter_data(kind: str, s: Site) -> dict[str, Any]:
    extras: dict[str, dict[str, Any]] = {
        "dispute": {"reasons": ["other"], "explanation": "The payment is missing."},
        "payment_trace": {"payments": [str(s.payment.public_id)], "explanation": ""},
        "abatement": {
            "penalties": ["failure_to_pay"], "basis": "reasonable_cause",
            "what_happened": "A flood.", "started_on": "2025-01-02", "ended_on": "",
            "how_it_stopped_you": "The office was shut.",
        },
        "payment_cover": {"payment_type": "check", "check_number": "101",
                          "payment_amount": "100.00"},
    }  # fmt: skip
    return {**SENDER, **extras[kind]}


def _values(model: Any, **filters: Any) -> Callable[[], Any]:
    return lambda: list(model.objects.filter(**filters).order_by("pk").values())


FORMS: dict[str, FormCase] = {
    "case create": FormCase(
        url=lambda s: reverse("notices:case_create"),
        valid=lambda s: CASE_DATA,
        state=lambda s: _values(Case, owner=s.user)(),
    ),
    "case edit": FormCase(
        url=case_url("case_edit"),
        valid=lambda s: CASE_DATA,
        state=lambda s: _values(Case, pk=s.case.pk)(),
    ),
    "newer notice": FormCase(
        url=case_url("case_newer_notice"),
        valid=lambda s: {"notice_type": "CP501", "notice_date": "2025-04-07",
                         "pay_by": "2025-04-21", "amount_due": "2,500.00"},
        state=lambda s: [_values(Case, pk=s.case.pk)(), _values(EarlierNotice, case=s.case)()],
    ),  # fmt: skip
    "contact add": FormCase(
        url=case_url("contact_add"),
        valid=lambda s: CONTACT_DATA,
        state=lambda s: _values(ContactEntry, case=s.case)(),
        htmx=True,
    ),
    "contact edit": FormCase(
        url=lambda s: reverse("notices:contact_edit", kwargs={"entry_id": s.contact.public_id}),
        valid=lambda s: CONTACT_DATA,
        state=lambda s: _values(ContactEntry, case=s.case)(),
        htmx=True,
    ),
    "payment add": FormCase(
        url=case_url("payment_add"),
        valid=lambda s: PAYMENT_DATA,
        state=lambda s: _values(PaymentEntry, case=s.case)(),
        htmx=True,
    ),
    "payment edit": FormCase(
        url=lambda s: reverse("notices:payment_edit", kwargs={"entry_id": s.payment.public_id}),
        valid=lambda s: PAYMENT_DATA,
        state=lambda s: _values(PaymentEntry, case=s.case)(),
        htmx=True,
    ),
    "checklist add": FormCase(
        url=case_url("checklist_add"),
        valid=lambda s: {"item-text": "Call the bank"},
        state=lambda s: _values(ChecklistItem, case=s.case)(),
        htmx=True,
    ),
    "plan step toggle": FormCase(
        url=case_url("plan_step_toggle", key="keep-records"),
        valid=lambda s: {"next": "/cases/", "compact": "1"},
        htmx=True,
    ),
    "estimator": FormCase(
        url=lambda s: reverse("notices:estimator"), valid=lambda s: ESTIMATOR_DATA,
        anonymous=True,
    ),
    "case estimator": FormCase(url=case_url("case_estimate"), valid=lambda s: ESTIMATOR_DATA),
    **{
        f"letter: {kind}": FormCase(
            url=case_url("letter_create", kind=kind),
            valid=functools.partial(letter_data, kind),
            state=lambda s: _values(Letter, case=s.case)(),
        )
        for kind in ("dispute", "payment_trace", "abatement", "payment_cover")
    },
    "reminder settings": FormCase(
        url=lambda s: reverse("notices:reminder_settings"),
        valid=lambda s: {
            "reminders_enabled": "on",
            "reminder_lead_days": ["7", "1"],
            "time_zone": "America/Denver",
        },
        state=lambda s: [
            profile_for(s.user).reminder_lead_days,
            profile_for(s.user).time_zone,
            profile_for(s.user).reminders_enabled,
        ],
    ),
    "account deletion": FormCase(
        url=lambda s: reverse("notices:delete_account"),
        # Never the right password: a junk example must not delete the account for real.
        valid=lambda s: {"password": "not the password"},
        state=lambda s: User.objects.filter(pk=s.user.pk).exists(),
    ),
    "check-up save": FormCase(
        url=lambda s: reverse("notices:flow_save"), valid=lambda s: {"target": "new"}
    ),
    "search": FormCase(
        url=lambda s: reverse("guidance:search"), valid=lambda s: {"q": "penalty"},
        method="get", anonymous=True,
    ),
    "sign up": FormCase(
        url=lambda s: reverse("account_signup"),
        valid=lambda s: {
            "email": "junk.signup@example.com",
            "password1": "a long new password 1",
            "password2": "a long new password 1",
        },
        state=lambda s: User.objects.count(),
        anonymous=True,
    ),
    "sign in": FormCase(
        url=lambda s: reverse("account_login"),
        valid=lambda s: {"login": s.user.email, "password": PASSWORD},
        anonymous=True,
    ),
    "password reset": FormCase(
        url=lambda s: reverse("account_reset_password"),
        valid=lambda s: {"email": s.user.email},
        anonymous=True,
    ),
    "password change": FormCase(
        url=lambda s: reverse("account_change_password"),
        valid=lambda s: {
            "oldpassword": PASSWORD,
            "password1": "another long password 2",
            "password2": "another long password 2",
        },
        state=lambda s: User.objects.get(pk=s.user.pk).password,
    ),
    "email address": FormCase(
        url=lambda s: reverse("account_email"),
        valid=lambda s: {"email": "second@example.com", "action_add": ""},
    ),
    "reauthenticate": FormCase(
        url=lambda s: reverse("account_reauthenticate"), valid=lambda s: {"password": PASSWORD}
    ),
}  # fmt: skip


# Requests sent and server errors seen, printed at the end (run with -s to see them).
TALLY = {"requests": 0, "server errors": 0}


@pytest.fixture(scope="module", autouse=True)
def _tally():
    yield
    print(f"\njunk input: {TALLY['requests']} requests, {TALLY['server errors']} server errors")


def _send(client: Client, method: str, url: str, data: dict[str, Any], htmx: bool):
    response = getattr(client, method)(url, data, **(HTMX if htmx else {}))
    TALLY["requests"] += 1
    TALLY["server errors"] += response.status_code >= 500
    return response


@pytest.mark.parametrize("name", list(FORMS))
def test_junk_posted_to_a_form_is_never_a_server_error(site, name):
    form = FORMS[name]
    url, valid = form.url(site), form.valid(site)

    @JUNK_SETTINGS
    @given(data=spoiled(valid), htmx=st.booleans() if form.htmx else st.just(False))
    def post_junk(data: dict[str, Any], htmx: bool) -> None:
        cache.clear()  # rate limits must not turn every later example into a 429
        client = Client() if form.anonymous else site.client
        before = form.state(site)
        response = _send(client, form.method, url, data, htmx)
        assert response.status_code < 500, (name, data)
        if response.status_code != 302 and not htmx:
            # Refused (a plain form that was accepted redirects): nothing was saved.
            assert form.state(site) == before, (name, data)
        elif name in SHOWN and form.state(site) != before:
            for page in shown_pages(site):
                assert site.client.get(page).status_code == 200, (name, page, data)

    post_junk()


def test_the_form_table_posts_valid_data_successfully(site):
    """The valid starting points must really be valid, or 'junk' proves nothing."""
    accepted = {"case create", "case edit", "contact add", "contact edit", "payment add"}
    accepted |= {"payment edit", "checklist add", "reminder settings", "sign up", "sign in"}
    accepted |= {"letter: dispute", "letter: payment_trace", "letter: abatement"}
    accepted |= {"letter: payment_cover", "password reset", "password change"}
    # Last, because it changes the password the sign-in uses.
    for name in [*sorted(accepted - {"password change"}), "password change"]:
        form = FORMS[name]
        client = Client() if form.anonymous else site.client
        before = form.state(site)
        response = _send(client, form.method, form.url(site), form.valid(site), htmx=False)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
        if name not in ("sign in", "password reset", "case edit"):
            assert form.state(site) != before, name
    estimate = Client().post(reverse("notices:estimator"), ESTIMATOR_DATA)
    assert estimate.status_code == 200 and estimate.context["estimate"] is not None


# The check-up: every step, reached the way a person reaches it


STEPS = ["details"] + [slug for slug, _answer in CHECKUP_PATH]


@pytest.mark.parametrize("step", STEPS)
def test_junk_answers_to_each_check_up_step_are_never_a_server_error(db, step):
    client = Client()
    client.post(reverse("notices:flow_step", kwargs={"step": "details"}), {"skip": "1"})
    for slug, answer in CHECKUP_PATH:
        if slug == step:
            break
        client.post(reverse("notices:flow_step", kwargs={"step": slug}), {"answer": answer})
    url = reverse("notices:flow_step", kwargs={"step": step})
    assert client.get(url).status_code == 200  # the step is open to this visitor
    valid = (
        {
            "notice_type": "LT11",
            "notice_date": "2025-03-03",
            "pay_by": "2025-04-02",
            "amount": "$2,450.18",
        }
        if step == "details"
        else {"answer": "yes", "change": "1"}
    )

    @JUNK_SETTINGS
    @given(data=spoiled(valid), htmx=st.booleans())
    def post_junk(data: dict[str, Any], htmx: bool) -> None:
        response = _send(client, "post", url, data, htmx)
        assert response.status_code < 500, data

    post_junk()


def test_junk_answers_inside_a_case_check_up_are_never_a_server_error(site):
    url = reverse(
        "notices:case_flow_step", kwargs={"public_id": site.case.public_id, "step": "arrived"}
    )

    @JUNK_SETTINGS
    @given(data=spoiled({"answer": "mail"}), htmx=st.booleans())
    def post_junk(data: dict[str, Any], htmx: bool) -> None:
        before = Case.objects.get(pk=site.case.pk).flow_answers
        response = _send(site.client, "post", url, data, htmx)
        assert response.status_code < 500, data
        if response.status_code == 200 and "HX-Push-Url" not in response:
            assert Case.objects.get(pk=site.case.pk).flow_answers == before

    post_junk()


# Junk in the URL itself: tokens and query strings


@JUNK_SETTINGS
@given(token=st.text(TEXT.filter(lambda c: c not in "/?#%"), min_size=1, max_size=300))
def test_junk_tokens_in_links_are_a_404_not_a_500(token):
    client = Client()
    # The calendar link only takes URL-safe tokens, so reverse() refuses junk: build it by hand.
    calendar_url = reverse("notices:calendar_feed", kwargs={"token": "x"}).replace("x.ics", "")
    for url in (
        reverse("notices:unsubscribe", kwargs={"token": token}),
        f"{calendar_url}{token}.ics",
    ):
        assert client.get(url).status_code in (404, 400), url
    assert client.post(reverse("notices:unsubscribe", kwargs={"token": token})).status_code in (
        404,
        400,
    )
