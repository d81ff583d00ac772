"""Easy-to-guess passwords are refused with a helpful message, through the real forms.

Each weak password is at least 12 characters, so it passed before: the length rule alone
let twelve spaces, "aaaaaaaaaaaa" and "cp14helper12" through.
"""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from guidance.readability import grade_level
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TRY = "Try a few words you will remember, like a short sentence."
# (password, what the person is told)
WEAK = [
    (" " * 12, "Your password can't be only spaces."),
    ("\t" * 6 + " " * 6, "Your password can't be only spaces."),
    ("aaaaaaaaaaaa", "Your password repeats the same few characters"),
    ("abababababab", "Your password repeats the same few characters"),
    ("123412341234", "Your password repeats the same few characters"),
    ("cp14helper12", "Your password is mostly the name of this site"),
    ("CP14 Helper 2026!", "Your password is mostly the name of this site"),
    ("helper123456", "Your password is mostly the name of this site"),
    ("sunshine2024!", "a common password with numbers or symbols added"),
    ("password1234", "This password is too common."),  # Django's own list
    ("ILoveYou1234", "a common password with numbers or symbols added"),
]
GOOD = "a quiet garden after the rain"


def sign_up(client: Client, password: str, email: str = "new.person@example.com"):
    data = {"email": email, "password1": password, "password2": password}
    return client.post(reverse("account_signup"), data)


def change_password(client: Client, new: str):
    data = {"oldpassword": PASSWORD, "password1": new, "password2": new}
    return client.post(reverse("account_change_password"), data)


def signed_in(user: User) -> Client:
    """Signed in through the sign-in form, as a person would (changing a password asks
    that the sign-in be recent)."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(("password", "told"), WEAK, ids=[repr(p) for p, _ in WEAK])
def test_sign_up_refuses_an_easy_to_guess_password(client, password, told):
    response = sign_up(client, password)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert told in page
    assert not User.objects.filter(email="new.person@example.com").exists()


@pytest.mark.parametrize(("password", "told"), WEAK, ids=[repr(p) for p, _ in WEAK])
def test_changing_to_an_easy_to_guess_password_is_refused(password, told):
    user: User = UserFactory.create(email="changer@example.com")
    client = signed_in(user)
    response = change_password(client, password)
    assert response.status_code == 200
    assert told in html.unescape(response.content.decode())
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not user.check_password(password)


def test_our_messages_say_what_to_do_instead_in_plain_words(client):
    for password, told in WEAK:
        page = html.unescape(sign_up(client, password).content.decode())
        if told.startswith("Your password"):
            assert TRY in page, password
            assert grade_level(f"{told} {TRY}") <= 8, told


@pytest.mark.parametrize(
    "password",
    [GOOD, "my cp14 helper password", "correct horse battery staple", "Ba7#kq!x2Lm9"],
)
def test_a_good_password_still_works_for_sign_up(client, password):
    response = sign_up(client, password)
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.com").check_password(password)


def test_a_good_password_still_works_for_a_change():
    user: User = UserFactory.create(email="changer@example.com")
    response = change_password(signed_in(user), GOOD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(GOOD)


def test_the_rules_are_the_same_when_setting_a_password_from_a_reset_link():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    # allauth's reset and set-password forms call the same validators as the forms above.
    with pytest.raises(ValidationError) as refused:
        validate_password("cp14helper12")
    assert any("name of this site" in message for message in refused.value.messages)
