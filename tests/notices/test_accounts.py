"""Accounts end to end: sign up, verify, sign in and out, reset, rate limits, timeouts.

Everything goes through the test client and mail.outbox, the way a person would use it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

import cp14site.settings as production_settings
from guidance.readability import grade_level, text_from_html
from tests.factories import PASSWORD, UserFactory
from tests.helpers import h1_count

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a new password I will remember"
SIGNED_OUT_FOR_SAFETY = "For your safety, we signed you out."
NEW_PASSWORD_BOXES = {"password1": "new-password", "password2": "new-password"}


# Helpers


def sign_up(client: Client, email: str, password: str = NEW_PASSWORD, password2: str = ""):
    data = {"email": email, "password1": password, "password2": password2 or password}
    return client.post(reverse("account_signup"), data)


def sign_in(client: Client, email: str, password: str, **extra: str):
    return client.post(reverse("account_login"), {"login": email, "password": password, **extra})


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one site link in an email body."""
    match = re.search(r"https?://testserver(/\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


def password_autocompletes(html: str) -> dict[str, str]:
    """{field name: autocomplete value} for every password box on the page."""
    boxes = re.findall(r"<input[^>]*type=\"password\"[^>]*>", html)
    found = {}
    for box in boxes:
        name = re.search(r'name="([^"]+)"', box)
        autocomplete = re.search(r'autocomplete="([^"]+)"', box)
        found[name.group(1) if name else "?"] = autocomplete.group(1) if autocomplete else ""
    return found


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("account_change_password")).status_code == 200


# Signing up and verifying


def test_signing_up_lands_on_your_notices_and_works_before_verifying(client):
    response = sign_up(client, "new.person@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("notices:dashboard")
    assert client.get(reverse("notices:dashboard")).status_code == 200
    address = EmailAddress.objects.get(email="new.person@example.com")
    assert address.primary and not address.verified


def test_signing_up_sends_a_verification_email_in_our_voice(client):
    sign_up(client, "new.person@example.com")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.com"]
    assert message.subject == "CP14 Helper: Confirm your email address"
    assert "Thank you for creating a CP14 Helper account." in message.body
    assert "The CP14 Helper team" in message.body
    assert link_in(message).startswith("/accounts/confirm-email/")


def test_following_the_verification_link_marks_the_address_verified(client):
    sign_up(client, "new.person@example.com")
    confirm_path = link_in(mail.outbox[0])

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Yes, confirm my email" in page.content.decode()
    assert not EmailAddress.objects.get(email="new.person@example.com").verified

    response = client.post(confirm_path)

    assert response.status_code == 302
    assert response["Location"] == reverse("notices:dashboard")
    assert EmailAddress.objects.get(email="new.person@example.com").verified


def test_a_verification_link_works_when_signed_out_too(client):
    sign_up(client, "new.person@example.com")
    client.post(reverse("account_logout"))

    response = client.post(link_in(mail.outbox[0]))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert EmailAddress.objects.get(email="new.person@example.com").verified


def test_signing_up_with_a_taken_email_looks_like_any_sign_up_and_takes_nothing(client, alice):
    # No enumeration: the response is the same as for a new address. The newcomer gets a
    # separate account whose copy of the address can never be confirmed, so reminders and
    # everything of alice's stay hers.
    fresh = sign_up(Client(), "someone.new@example.com")
    response = sign_up(client, "alice@example.com")

    assert (response.status_code, response["Location"]) == (fresh.status_code, fresh["Location"])
    duplicate = EmailAddress.objects.filter(email="alice@example.com").exclude(user=alice).get()
    assert not duplicate.verified
    confirmation = [m for m in mail.outbox if m.to == ["alice@example.com"]][-1]
    client.post(link_in(confirmation))
    duplicate.refresh_from_db()
    assert not duplicate.verified
    assert EmailAddress.objects.get(user=alice).verified


def test_new_passwords_are_stored_with_argon2id(client, settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS

    sign_up(client, "new.person@example.com")

    user = User.objects.get(email="new.person@example.com")
    assert user.password.startswith("argon2$argon2id$")


# Password rules


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pw-1", "This password is too short. It must contain at least 12 characters."),
        ("ilovemyfamily", "This password is too common."),
    ],
)
def test_weak_passwords_are_refused_with_a_clear_message(client, password, message):
    response = sign_up(client, "new.person@example.com", password)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(email="new.person@example.com").exists()


def test_a_64_character_password_is_accepted(client):
    long_password = "my tax notice is handled and I can sleep well tonight at last!!!"
    assert len(long_password) == 64

    response = sign_up(client, "new.person@example.com", long_password)

    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.com")
    assert user.check_password(long_password)


def test_two_different_passwords_are_refused(client):
    response = sign_up(client, "new.person@example.com", NEW_PASSWORD, NEW_PASSWORD + "x")

    assert response.status_code == 200
    assert "You must type the same password each time." in response.content.decode()


# Signing in and out


def test_signing_in_starts_a_new_session_and_goes_to_your_notices(client, alice):
    session = client.session
    session["seen_home_page"] = True
    session.save()
    anonymous_key = session.session_key

    response = sign_in(client, "alice@example.com", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("notices:dashboard")
    assert client.session.session_key != anonymous_key
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_a_wrong_password_is_refused_with_an_error_summary(client, alice):
    response = sign_in(client, "alice@example.com", "not my password at all")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_session_for_good(client, alice):
    sign_in(client, "alice@example.com", PASSWORD)
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert "_auth_user_id" in client.session  # a GET only asks; it does not sign out
    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not Session.objects.filter(session_key=old_cookie).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert replay.get(reverse("notices:dashboard")).status_code == 302
    assert not is_signed_in(replay)


# Password reset


def test_password_reset_gives_the_same_answer_for_known_and_unknown_emails(client, alice):
    known = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    done = client.get(known["Location"]).content.decode()
    assert "If an account uses that email address, we sent it a link" in done
    # Both addresses get an email, so the inbox does not give the answer away either.
    assert [m.to for m in mail.outbox] == [["alice@example.com"], ["nobody@example.com"]]
    assert mail.outbox[0].subject == "CP14 Helper: Reset your password"
    assert mail.outbox[1].subject == "CP14 Helper: We could not find your account"
    assert "/accounts/password/reset/key/" not in str(mail.outbox[1].body)


def test_the_reset_link_lets_you_choose_a_new_password_and_sign_in(client, alice):
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    key_path = link_in(mail.outbox[0])
    assert key_path.startswith("/accounts/password/reset/key/")

    # allauth moves the key out of the URL into the session before showing the form.
    form_path = client.get(key_path)["Location"]
    form_page = client.get(form_path)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert sign_in(Client(), "alice@example.com", PASSWORD).status_code == 200  # old: refused
    assert sign_in(client, "alice@example.com", NEW_PASSWORD).status_code == 302


def test_a_used_reset_link_no_longer_works(client, alice):
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    key_path = link_in(mail.outbox[0])
    form_path = client.get(key_path)["Location"]
    client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    page = Client().get(key_path)

    assert page.status_code == 200
    assert "This link no longer works" in page.content.decode()


# Rate limits


def test_after_five_failed_logins_even_the_right_password_is_refused(client, alice):
    for _ in range(5):
        assert sign_in(client, "alice@example.com", "a wrong guess!!").status_code == 200

    response = sign_in(client, "alice@example.com", PASSWORD)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    # Not a dead end: the message points to the emailed link, and the link is on the page.
    assert "Forgot your password?" in page
    assert f'href="{reverse("account_reset_password")}"' in page
    assert "_auth_user_id" not in client.session


def test_the_limit_counts_per_account_and_address_not_per_browser(client, alice):
    for _ in range(5):
        sign_in(Client(), "alice@example.com", "a wrong guess!!")

    response = sign_in(client, "alice@example.com", PASSWORD)

    assert "Too many failed sign-in attempts" in response.content.decode()


def test_the_admin_login_goes_through_our_sign_in_and_its_rate_limit(client):
    UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    admin_home = "/" + settings.ADMIN_URL
    admin_login_path = admin_home + "login/"

    admin_login = client.get(admin_login_path)
    assert admin_login.status_code == 302
    assert admin_login["Location"] == reverse("account_login") + "?next=" + quote(
        admin_login_path, safe=""
    )
    # The admin's own password form never runs: a POST is sent to our sign-in too.
    posted = client.post(admin_login_path, {"username": "admin@example.com", "password": PASSWORD})
    assert posted.status_code == 302
    assert "_auth_user_id" not in client.session

    for _ in range(5):
        sign_in(client, "admin@example.com", "a wrong guess!!", next=admin_home)
    response = sign_in(client, "admin@example.com", PASSWORD, next=admin_home)

    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get(admin_home).status_code == 302


def test_staff_reach_the_admin_after_signing_in_normally(client):
    UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    admin_home = "/" + settings.ADMIN_URL

    response = sign_in(client, "admin@example.com", PASSWORD, next=admin_home)

    assert response["Location"] == admin_home
    assert client.get(admin_home).status_code == 200


# Changing the email address


def test_changing_your_email_asks_for_your_password_first(client, alice):
    sign_in(client, "alice@example.com", PASSWORD)
    mail.outbox.clear()
    change = {"email": "alice.new@example.com", "action_add": ""}

    # allauth 65 shows the page, but holds the change itself. Signing in a moment ago is
    # not enough: only an explicit password re-entry counts, for 5 minutes.
    assert client.get(reverse("account_email")).status_code == 200
    held = client.post(reverse("account_email"), change)
    assert held.status_code == 302
    assert held["Location"] == reverse("account_reauthenticate") + "?next=%2Faccounts%2Femail%2F"
    assert not EmailAddress.objects.filter(email="alice.new@example.com").exists()
    assert mail.outbox == []

    page = client.get(held["Location"])
    assert "Confirm it's you" in page.content.decode()
    done = client.post(
        reverse("account_reauthenticate"), {"password": PASSWORD, "next": reverse("account_email")}
    )

    # allauth replays the held change once the password is right.
    assert done.status_code == 302
    new = EmailAddress.objects.get(email="alice.new@example.com")
    assert new.user == alice and not new.verified
    (message,) = mail.outbox
    assert message.to == ["alice.new@example.com"]
    assert message.subject == "CP14 Helper: Confirm your email address"
    assert "the change happens when you open the link" in message.body


def test_a_password_check_counts_for_five_minutes_only(client, alice):
    with time_machine.travel(datetime(2025, 3, 10, 14, 0, tzinfo=UTC), tick=False) as traveller:
        sign_in(client, "alice@example.com", PASSWORD)
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        change = {"email": "alice.new@example.com", "action_add": ""}

        traveller.shift(timedelta(minutes=4))
        allowed = client.post(reverse("account_email"), change)
        assert allowed["Location"] == reverse("account_email")

        traveller.shift(timedelta(minutes=2))
        later = client.post(reverse("account_email"), {**change, "email": "a3@example.com"})
        assert later["Location"].startswith(reverse("account_reauthenticate"))


def test_a_wrong_password_on_the_check_is_refused(client, alice):
    sign_in(client, "alice@example.com", PASSWORD)

    response = client.post(reverse("account_reauthenticate"), {"password": "not it at all!"})

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


# Every account page: our layout, one <h1>, the right autocomplete on passwords

SIGNED_OUT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_inactive",
]
SIGNED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
]


def assert_in_our_layout(html: str) -> None:
    assert '<html lang="en">' in html
    assert 'class="site-header"' in html
    assert h1_count(html) == 1
    assert "<script>" not in html  # CSP: no inline scripts
    assert "style=" not in html  # CSP: no inline styles
    assert "onpaste" not in html  # people may paste passwords from a password manager


@pytest.mark.parametrize("name", SIGNED_OUT_PAGES)
def test_signed_out_account_pages_use_our_layout(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert_in_our_layout(response.content.decode())


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_account_pages_use_our_layout(alice_client, name):
    response = alice_client.get(reverse(name))

    assert response.status_code == 200
    assert_in_our_layout(response.content.decode())


def test_pages_reached_by_email_links_use_our_layout(client, alice):
    sign_up(client, "new.person@example.com")
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    confirm_path, key_path = link_in(mail.outbox[0]), link_in(mail.outbox[1])

    pages = [
        client.get(confirm_path),
        client.get("/accounts/confirm-email/not-a-real-key/"),
        client.get(client.get(key_path)["Location"]),
        client.get("/accounts/password/reset/key/1-not-a-real-key/"),
    ]

    for page in pages:
        assert page.status_code == 200
        assert_in_our_layout(page.content.decode())


def test_account_messages_are_in_our_voice(client, alice):
    response = sign_in(client, "alice@example.com", PASSWORD)
    assert "You are signed in." in client.get(response["Location"]).content.decode()

    response = client.post(reverse("account_logout"))
    assert "You are signed out." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("account_login", {"password": "current-password"}),
        ("account_signup", NEW_PASSWORD_BOXES),
        ("account_reauthenticate", {"password": "current-password"}),
        (
            "account_change_password",
            {"oldpassword": "current-password", **NEW_PASSWORD_BOXES},
        ),
    ],
)
def test_password_boxes_tell_password_managers_what_they_hold(alice, name, expected):
    client = Client()
    if name in SIGNED_IN_PAGES:
        client.force_login(alice)

    html = client.get(reverse(name)).content.decode()

    assert password_autocompletes(html) == expected


def test_the_reset_form_asks_for_a_new_password(client, alice):
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    form_path = client.get(link_in(mail.outbox[0]))["Location"]

    html = client.get(form_path).content.decode()

    assert password_autocompletes(html) == NEW_PASSWORD_BOXES


def test_account_pages_read_at_grade_8_or_below(alice):
    signed_in = Client()
    signed_in.force_login(alice)

    for name in SIGNED_OUT_PAGES + SIGNED_IN_PAGES:
        client = signed_in if name in SIGNED_IN_PAGES else Client()
        html = client.get(reverse(name)).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert grade_level(text_from_html(main)) <= 8.0, name


def test_account_emails_read_at_grade_8_or_below(client, alice):
    sign_up(Client(), "new.person@example.com")
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert len(mail.outbox) == 3

    for message in mail.outbox:
        words = re.sub(r"https?://\S+", "", str(message.body))
        assert grade_level(words) <= 8.0, message.subject


def test_sign_up_explains_why_and_links_to_sign_in(client):
    html = client.get(reverse("account_signup")).content.decode()

    assert "get email reminders before each deadline" in html
    assert "We never ask for your full Social Security number." in html
    assert f'href="{reverse("account_login")}"' in html


def test_sign_in_links_to_forgot_password_and_sign_up(client):
    html = client.get(reverse("account_login")).content.decode()

    assert f'href="{reverse("account_reset_password")}"' in html
    assert f'href="{reverse("account_signup")}"' in html


# Session timeouts (cp14site/middleware.py). Any page that needs sign-in will do.


def test_the_session_ends_after_30_minutes_idle(client, alice):
    with time_machine.travel(datetime(2025, 3, 10, 14, 0, tzinfo=UTC), tick=False) as traveller:
        sign_in(client, "alice@example.com", PASSWORD)
        assert is_signed_in(client)

        traveller.shift(timedelta(minutes=29))
        assert is_signed_in(client)

        traveller.shift(timedelta(minutes=31))
        response = client.get(reverse("notices:dashboard"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert SIGNED_OUT_FOR_SAFETY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_session_ends_after_12_hours_even_when_busy(client, alice):
    with time_machine.travel(datetime(2025, 3, 10, 8, 0, tzinfo=UTC), tick=False) as traveller:
        sign_in(client, "alice@example.com", PASSWORD)
        assert is_signed_in(client)  # the 12 hours count from the first signed-in page
        for _ in range(35):  # a page every 20 minutes: 11 hours 40 minutes
            traveller.shift(timedelta(minutes=20))
            assert is_signed_in(client)

        traveller.shift(timedelta(minutes=21))
        response = client.get(reverse("notices:dashboard"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert SIGNED_OUT_FOR_SAFETY in response.content.decode()


def test_a_second_sign_up_with_the_same_address_reads_the_same(db):
    """allauth holds back a second email to the same address for a few minutes; the page
    must still say the same, or it would tell a stranger that address signed up just now."""
    data = {"email": "twice@example.com", "password1": "a long new password 1",
            "password2": "a long new password 1"}  # fmt: skip
    pages = []
    for _ in range(3):
        response = Client().post(reverse("account_signup"), data, follow=True)
        assert response.status_code == 200
        pages.append([str(m) for m in response.context["messages"]])
    assert pages[0] == pages[1] == pages[2]
    assert any("We sent a link to twice@example.com" in m for m in pages[0])
