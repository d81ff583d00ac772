"""Sessions are read with plain SQL (cp14site/sessions.py), under Django's own rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cp14site.sessions import SessionStore


@pytest.mark.django_db
def test_a_live_session_keeps_its_owner_signed_in(alice_client):
    assert alice_client.get(reverse("notices:dashboard")).status_code == 200


@pytest.mark.django_db
def test_an_expired_session_signs_its_owner_out(alice_client):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = alice_client.get(reverse("notices:dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


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
