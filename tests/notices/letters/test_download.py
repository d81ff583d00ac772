"""Downloading a stored letter PDF: after the session, one query reads the letter, its case,
the owner's time zone and the owner; the file is named by the day it was made where its
owner lives; and whoever is not signed in as the owner gets what any signed-in page gives."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cp14site.middleware import LAST_SEEN
from notices.models import Letter
from notices.profiles import profile_for
from tests.notices.letters.letters_helpers import make_letter, render

pytestmark = pytest.mark.django_db


def test_the_file_is_named_by_the_day_where_its_owner_lives(
    alice_client, alice, case, django_assert_num_queries
):
    letter = render(make_letter(alice_client, case, "payment_trace"))
    # Late on March 5 in Honolulu is already March 6 in New York (the default zone).
    Letter.objects.filter(pk=letter.pk).update(created_at=datetime(2025, 3, 6, 8, 30, tzinfo=UTC))
    profile = profile_for(alice)
    profile.time_zone = "Pacific/Honolulu"
    profile.save()
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    with django_assert_num_queries(1):  # the session, the letter and its owner
        response = alice_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="cp14-2024-payment-trace-letter-2025-03-05.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_someone_else_s_letter_is_not_found(alice_client, case, outsider_client):
    letter = render(make_letter(alice_client, case))
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    assert outsider_client.get(url).status_code == 404


def test_a_letter_that_does_not_exist_is_not_found(alice_client):
    url = reverse("notices:letter_pdf", args=[uuid4()])
    assert alice_client.get(url).status_code == 404


def _no_session(client, alice):
    client.logout()


def _session_expired(client, alice):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


def _idle_too_long(client, alice):
    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()


def _deactivated(client, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)


def _new_password_elsewhere(client, alice):
    alice.set_password("a whole new passphrase 2026")
    alice.save()


def _backend_no_longer_listed(client, alice):
    session = client.session
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session.save()


@pytest.mark.parametrize(
    "sign_out",
    [
        _no_session,
        _session_expired,
        _idle_too_long,
        _deactivated,
        _new_password_elsewhere,
        _backend_no_longer_listed,
    ],
)
def test_anyone_not_signed_in_as_the_owner_is_sent_to_sign_in_as_from_any_page(
    alice_client, alice, case, sign_out: Callable[..., None]
):
    letter = render(make_letter(alice_client, case))
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    page = reverse("notices:letter_detail", args=[letter.public_id])
    sign_out(alice_client, alice)

    response = alice_client.get(url)
    assert response.status_code == 302, "no file for someone not signed in"
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    # The same as the letter's own page, behind @login_required, gives from here on.
    assert alice_client.get(page)["Location"] == f"{reverse('account_login')}?next={page}"


def test_a_download_after_too_long_idle_signs_out_and_says_why(alice_client, alice, case):
    letter = render(make_letter(alice_client, case))
    _idle_too_long(alice_client, alice)
    idle = alice_client.session.session_key
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    response = alice_client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "For your safety, we signed you out." in response.content.decode()
    assert not Session.objects.filter(session_key=idle).exists(), "the idle session is gone"
