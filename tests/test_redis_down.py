"""With Redis down, people can still sign in, sign up, reset a password and print letters.

The cache is the production one (cp14site.ratelimit.FallbackRedisCache) and the cache and
the broker both point at a port where nothing listens. Rate limits fall back to a cache in
each process, with a warning; reminder rows stay claimed until the broker is back.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache, caches
from django.urls import reverse

from cp14site import ratelimit
from cp14site.celery import app as celery_app
from notices import tasks
from notices.letters.limits import PER_PERSON as PDF_LIMIT
from notices.models import Case, Reminder
from notices.reminders import sending
from tests.factories import NEW_CASE, PASSWORD, make_case, make_letter
from tests.notices.letters.letters_helpers import create_url, post_data, render

pytestmark = pytest.mark.django_db

NOWHERE = "redis://127.0.0.1:1/0"
WARNING = "Redis cache unavailable"


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "cp14site.ratelimit.FallbackRedisCache",
            "LOCATION": NOWHERE,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    ratelimit.reset()
    yield
    ratelimit.reset()


@pytest.fixture
def broker_down():
    """Point Celery's connections at the dead port, then back at the real broker."""
    real = celery_app.conf.broker_url

    def point_at(url: str) -> None:
        celery_app.conf.broker_url = url
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    point_at(NOWHERE)
    yield
    point_at(real)


def warned(caplog: pytest.LogCaptureFixture) -> bool:
    return any(WARNING in record.getMessage() for record in caplog.records)


def test_the_cache_really_is_the_production_one_and_unreachable(caplog):
    with caplog.at_level(logging.WARNING, logger="cp14site.ratelimit"):
        assert isinstance(caches["default"], ratelimit.FallbackRedisCache)
        cache.set("probe", 1)
        assert cache.get("probe") == 1  # from the fallback in this process
    assert warned(caplog)


def test_signing_in_works(client, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="cp14site.ratelimit"):
        response = client.post(
            reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD}
        )

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert warned(caplog)


def test_failed_sign_ins_are_still_limited_in_the_process(client, alice):
    data = {"login": "alice@example.com", "password": "a wrong guess!!"}
    for _ in range(5):
        assert client.post(reverse("account_login"), data).status_code == 200

    data["password"] = PASSWORD
    response = client.post(reverse("account_login"), data)

    assert response.status_code == 200
    assert "Too many failed" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_up_works(client, caplog):
    data = {
        "email": "new@example.com",
        "password1": "a new password I will remember",
        "password2": "a new password I will remember",
    }
    with caplog.at_level(logging.WARNING, logger="cp14site.ratelimit"):
        response = client.post(reverse("account_signup"), data)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert warned(caplog)


def test_resetting_a_password_works(client, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="cp14site.ratelimit"):
        response = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
        assert response.status_code == 302
        match = re.search(r"https?://testserver(/\S+)", str(mail.outbox[0].body))
        assert match
        form_path = client.get(match.group(1))["Location"]
        new = "a new password I will remember"
        done = client.post(form_path, {"password1": new, "password2": new})

    assert done.status_code == 302
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    assert warned(caplog)


def test_a_letter_pdf_downloads_and_the_limit_on_making_letters_still_holds(
    alice_client, case, caplog
):
    letter = render(make_letter(case))  # its PDF made, as the worker would
    response = alice_client.get(reverse("notices:letter_pdf", args=[letter.public_id]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")

    url, data = create_url(case, "dispute"), post_data("dispute", case)
    with (
        caplog.at_level(logging.WARNING, logger="cp14site.ratelimit"),
        time_machine.travel(time.time(), tick=False),  # all in one limit minute
    ):
        for _ in range(PDF_LIMIT):
            assert alice_client.post(url, data).status_code == 302
        assert alice_client.post(url, data).status_code == 429
    assert warned(caplog)


def test_one_warning_per_outage_not_one_per_call(client, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="cp14site.ratelimit"):
        for _ in range(3):
            client.post(reverse("account_login"), {"login": "alice@example.com", "password": "x"})

    assert sum(WARNING in record.getMessage() for record in caplog.records) == 1


@time_machine.travel("2025-03-14 10:00:00-04:00", tick=False)
def test_saving_a_case_works_with_the_broker_down(alice_client, broker_down):
    response = alice_client.post(reverse("notices:case_create"), NEW_CASE)

    assert response.status_code == 302
    case = Case.objects.get()
    assert alice_client.get(response["Location"]).status_code == 200
    assert case.reminders.filter(status=Reminder.Status.PENDING).exists()


def test_reminders_stay_claimed_while_the_broker_is_down(
    alice, broker_down, caplog, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 3, 1, 17, 0, tzinfo=UTC), tick=False):
        make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))
    now = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
    with (
        time_machine.travel(now, tick=False),
        caplog.at_level(logging.WARNING, logger="notices.reminders.sending"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        count = sending.dispatch(enqueue=tasks.send_reminders.delay, now=now)

    claimed = Reminder.objects.filter(status=Reminder.Status.CLAIMED)
    assert count >= 1
    assert claimed.count() == count
    assert any("could not enqueue reminders" in r.getMessage() for r in caplog.records)
    # Nothing is lost: once the lease runs out, the next dispatch claims them again.
    later = now + timedelta(seconds=3600)
    assert set(claimed) <= set(sending.due_now(now=later))


def test_case_pages_show_but_are_not_kept_in_the_fallback(alice_client, alice):
    case = make_case(alice, nickname="Kept nowhere")
    page = reverse("notices:case_detail", kwargs={"public_id": case.public_id})
    for _ in range(2):
        assert "Kept nowhere" in alice_client.get(page).content.decode()
    assert "Kept nowhere" in alice_client.get(reverse("notices:dashboard")).content.decode()
    fallback = caches["default"]._local  # type: ignore[attr-defined]
    assert not [key for key in fallback._cache if "kept:" in key]
