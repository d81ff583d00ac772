from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from cp14site.celery import app as celery_app
from tests.catalogue import compile_if_stale
from tests.factories import UserFactory, make_case, make_contact, make_letter, make_payment
from tests.helpers import HttpsClient


def pytest_sessionstart(session: pytest.Session) -> None:
    """The Spanish catalogue compiled, if pytest runs without `make test` (see Makefile)."""
    compile_if_stale()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: one test's failed logins must not lock out the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Each test's stored files (letter PDFs) in a folder of its own, never in var/media:
    also the browser tests', whose live server runs in this process."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request to a Spanish page (/es/…) leaves Spanish active in this thread, so a later
    test's reverse() would give /es/ addresses: every test starts in English."""
    yield
    translation.activate("en")


@pytest.fixture
def eager():
    """Run queued tasks at once in this process (the real worker is tested elsewhere)."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def https_client() -> Client:
    """A client whose requests arrive over HTTPS, as they do in production."""
    return HttpsClient()


@pytest.fixture
def alice(db):
    """The owner: a verified user with a notice."""
    return UserFactory(email="alice@example.com")


@pytest.fixture
def outsider(db):
    """Another verified user, who must never see alice's data."""
    return UserFactory(email="mallory@example.com")


@pytest.fixture
def case(alice):
    return make_case(alice)


@pytest.fixture
def alices_objects(case):
    """One of each thing alice owns, by the names tests.helpers.object_url uses."""
    return {
        "case": case,
        "contact": make_contact(case),
        "payment": make_payment(case),
        "checklist": case.checklist.first(),
        "letter": make_letter(case),
    }


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def outsider_client(outsider):
    client = Client()
    client.force_login(outsider)
    return client
