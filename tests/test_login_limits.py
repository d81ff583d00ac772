"""Failed sign-ins slow the person guessing, never the owner signing in from their own address.

The count is per account and source address (cp14site.ratelimit.AccountAdapter), with a
limit per address on top. The source address comes from X-Forwarded-For only as far as
TRUSTED_PROXY_COUNT proxies we run; otherwise it is the socket's address.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
OWNER = "198.51.100.20"
TOO_MANY = "Too many failed sign-in attempts"
WRONG = "a wrong guess!!"
NEW_PASSWORD = "a new password I will remember"


@pytest.fixture(autouse=True)
def _one_proxy(settings):
    """As deployed behind one TLS proxy, which appends the client's address."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def sign_in(email: str, password: str, *, source: str, client: Client | None = None):
    """A sign-in arriving through our proxy from `source` (what the proxy appends)."""
    client = client or Client()
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        HTTP_X_FORWARDED_FOR=source,
    )


def refused(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.content.decode()


def test_an_attackers_guesses_do_not_lock_the_owner_out(alice):
    for _ in range(5):
        assert sign_in("alice@example.com", WRONG, source=ATTACKER).status_code == 200
    assert refused(sign_in("alice@example.com", WRONG, source=ATTACKER))

    owner = Client()
    response = sign_in("alice@example.com", PASSWORD, source=OWNER, client=owner)

    assert response.status_code == 302
    assert "_auth_user_id" in owner.session


def test_repeated_guesses_from_one_address_are_limited_even_with_the_right_password(alice):
    for _ in range(5):
        sign_in("alice@example.com", WRONG, source=ATTACKER)

    response = sign_in("alice@example.com", PASSWORD, source=ATTACKER)

    assert refused(response)


def test_one_address_trying_many_accounts_is_limited(alice):
    for number in range(10):
        sign_in(f"person{number}@example.com", WRONG, source=ATTACKER)

    assert refused(sign_in("alice@example.com", PASSWORD, source=ATTACKER))
    assert sign_in("alice@example.com", PASSWORD, source=OWNER).status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(alice):
    # The client can send any X-Forwarded-For; our proxy appends the real address last.
    for number in range(5):
        sign_in("alice@example.com", WRONG, source=f"10.0.0.{number}, {ATTACKER}")

    assert refused(sign_in("alice@example.com", PASSWORD, source=f"10.9.9.9, {ATTACKER}"))


def test_without_a_trusted_proxy_forwarded_for_is_ignored(settings, alice):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for number in range(5):
        sign_in("alice@example.com", WRONG, source=f"192.0.2.{number}")

    # Every guess came from the same socket address, whatever the header said.
    assert refused(sign_in("alice@example.com", PASSWORD, source=OWNER))
    owner = Client(REMOTE_ADDR=OWNER)
    assert sign_in("alice@example.com", PASSWORD, source=OWNER, client=owner).status_code == 302


def test_the_owner_limited_at_home_gets_back_in_with_the_emailed_link(alice):
    owner = Client()
    for _ in range(5):
        sign_in("alice@example.com", WRONG, source=OWNER, client=owner)
    page = sign_in("alice@example.com", PASSWORD, source=OWNER, client=owner)
    assert refused(page)
    assert "Forgot your password?" in page.content.decode()

    owner.post(
        reverse("account_reset_password"),
        {"email": "alice@example.com"},
        HTTP_X_FORWARDED_FOR=OWNER,
    )
    match = re.search(r"https?://testserver(/\S+)", str(mail.outbox[-1].body))
    assert match
    form_path = owner.get(match.group(1), HTTP_X_FORWARDED_FOR=OWNER)["Location"]
    owner.post(
        form_path,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        HTTP_X_FORWARDED_FOR=OWNER,
    )

    response = sign_in("alice@example.com", NEW_PASSWORD, source=OWNER, client=owner)
    assert response.status_code == 302


def test_the_limits_are_per_account_and_address_plus_per_address(settings):
    rates = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    assert {rate.rsplit("/", 1)[1] for rate in rates} == {"ip", "key"}
    assert settings.ACCOUNT_ADAPTER == "cp14site.ratelimit.AccountAdapter"


def test_compose_says_how_many_proxies_to_trust():
    compose = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text()
    )
    assert "TRUSTED_PROXY_COUNT" in compose["services"]["web"]["environment"]


def test_a_staff_account_is_limited_the_same_way():
    UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    for _ in range(5):
        sign_in("admin@example.com", WRONG, source=ATTACKER)

    assert refused(sign_in("admin@example.com", PASSWORD, source=ATTACKER))
    assert sign_in("admin@example.com", PASSWORD, source=OWNER).status_code == 302


def test_the_owner_limited_at_home_signs_in_with_an_emailed_one_time_code(alice):
    owner = Client()
    for _ in range(5):
        sign_in("alice@example.com", WRONG, source=OWNER, client=owner)
    page = sign_in("alice@example.com", PASSWORD, source=OWNER, client=owner)
    assert refused(page)
    code_url = reverse("account_request_login_code")
    assert f'href="{code_url}"' in page.content.decode()  # the way back in, offered right there

    mail.outbox.clear()
    asked = owner.post(code_url, {"email": "alice@example.com"}, HTTP_X_FORWARDED_FOR=OWNER)
    assert asked.status_code == 302
    assert asked["Location"] == reverse("account_confirm_login_code")
    (message,) = mail.outbox
    assert message.subject.endswith("Your sign-in code")
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", str(message.body), re.M)
    assert match, message.body

    confirm = owner.get(reverse("account_confirm_login_code"), HTTP_X_FORWARDED_FOR=OWNER)
    assert confirm.status_code == 200 and "Enter your code" in confirm.content.decode()
    wrong = owner.post(
        reverse("account_confirm_login_code"), {"code": "ZZZZZZ"}, HTTP_X_FORWARDED_FOR=OWNER
    )
    assert wrong.status_code == 200 and "_auth_user_id" not in owner.session
    signed_in = owner.post(
        reverse("account_confirm_login_code"), {"code": match.group(1)}, HTTP_X_FORWARDED_FOR=OWNER
    )
    assert signed_in.status_code == 302
    assert "_auth_user_id" in owner.session


def test_asking_for_a_code_says_the_same_for_an_address_with_no_account(db):
    answers = []
    for email in ("alice.nobody@example.com", "nobody.else@example.com"):
        client = Client()
        response = client.post(reverse("account_request_login_code"), {"email": email})
        answers.append((response.status_code, response.get("Location")))
    assert answers[0] == answers[1]
