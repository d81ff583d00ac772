"""Sessions and the signed-in person are read with plain SQL (cp14site/sessions.py and
cp14site/signin.py), under Django's own rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, load_backend
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cp14site.sessions import SessionStore
from cp14site.signin import already_read


@pytest.mark.django_db
def test_a_live_session_keeps_its_owner_signed_in(alice_client):
    assert alice_client.get(reverse("notices:dashboard")).status_code == 200


@pytest.mark.django_db
def test_an_expired_session_signs_its_owner_out(alice_client):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert_signed_out(alice_client)


@pytest.mark.django_db
def test_an_unknown_key_gives_an_empty_session_and_no_key():
    store = SessionStore("k" * 32)
    assert store.load() == {} and store.session_key is None


@pytest.mark.django_db
def test_it_reads_what_djangos_store_wrote():
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore

    written = DjangoStore()
    written["answer"] = "monthly"
    written.save()
    assert SessionStore(written.session_key).load() == {"answer": "monthly"}
    assert settings.SESSION_ENGINE == "cp14site.sessions"


@pytest.mark.django_db
def test_a_session_another_query_read_is_the_session_load_reads(alice_client):
    key = alice_client.session.session_key
    taken = SessionStore(key)
    taken.read_with(Session.objects.get(session_key=key).session_data)
    assert dict(taken.items()) == SessionStore(key).load() != {}
    assert taken.session_key == key

    none_found = SessionStore(key)
    none_found.read_with(None)
    assert dict(none_found.items()) == {} and none_found.session_key is None


@pytest.mark.django_db
@pytest.mark.parametrize("backend", settings.AUTHENTICATION_BACKENDS)
def test_a_row_already_read_stands_in_only_for_its_own_user(alice, outsider, backend):
    with already_read(outsider):
        assert load_backend(backend).get_user(alice.pk) == alice
        assert load_backend(backend).get_user(outsider.pk) is outsider
    outsider.is_active = False
    with already_read(outsider):
        assert load_backend(backend).get_user(outsider.pk) is None


@pytest.mark.django_db
@pytest.mark.parametrize("backend", settings.AUTHENTICATION_BACKENDS)
def test_the_user_read_in_sql_is_the_user_django_reads(alice, backend):
    alice.last_login = timezone.now() - timedelta(days=2)
    alice.save()
    loaded = load_backend(backend).get_user(alice.pk)
    assert loaded is not None and loaded.last_login is not None
    stored = User.objects.get(pk=alice.pk)
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(loaded, name) for name in fields] == [getattr(stored, name) for name in fields]
    assert timezone.is_aware(loaded.last_login) and timezone.is_aware(loaded.date_joined)
    assert load_backend(backend).get_user(alice.pk + 1000) is None


@pytest.mark.django_db
def test_a_deactivated_person_is_signed_out(alice_client, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert_signed_out(alice_client)


@pytest.mark.django_db
def test_a_new_password_signs_out_the_other_sessions(alice_client, alice):
    alice.set_password("a whole new passphrase 2026")
    alice.save()
    assert_signed_out(alice_client)


@pytest.mark.django_db
def test_signing_in_by_email_records_our_backend(client, alice):
    alice.set_password("correct horse battery staple")
    alice.save()
    signed_in = client.post(
        reverse("account_login"),
        {"login": alice.email, "password": "correct horse battery staple"},
    )
    assert signed_in.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "cp14site.signin.AuthenticationBackend"
    assert client.get(reverse("notices:dashboard")).status_code == 200


def assert_signed_out(client) -> None:
    response = client.get(reverse("notices:dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
