"""/healthz for load balancers and /healthz/reminders for alerting.

A load balancer takes a web server out when /healthz is not 200, so /healthz fails only
when this server can't reach the database or the broker. Late reminders are the workers'
problem: /healthz reports them, and /healthz/reminders turns them into an alert.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connections
from django.urls import reverse

from cp14site.health import check_database
from notices.models import Reminder
from tests.factories import make_case

ALERT = "/healthz/reminders"
# Tuesday, March 24, 2026: reminders go out at 8 a.m. New York time, 12:00 UTC.
DUE = date(2026, 3, 24)
MORNING = datetime(2026, 3, 24, 12, 0, tzinfo=UTC)
LATE_AFTER = timedelta(seconds=settings.REMINDER_LATE_AFTER_SECONDS)


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 3, 1, 17, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def pending_due_reminders() -> list[Reminder]:
    return list(Reminder.objects.filter(status="pending", send_at__lte=datetime.now(UTC)))


@pytest.mark.django_db
def test_healthz_is_200_when_database_and_broker_answer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "reminders": "ok",
        "reminder_lag_seconds": 0,
    }
    assert "no-cache" in response["Cache-Control"]
    alert = client.get(ALERT)
    assert alert.status_code == 200
    assert alert.json()["status"] == "ok"
    assert "no-cache" in alert["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down_and_pages_still_render(client, settings):
    # Nothing listens on port 1: the connection is refused at once.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["broker"] == "unavailable"
    assert response.json()["database"] == "ok"
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_database_check_fails_when_the_database_cannot_be_reached():
    broken = connections.create_connection("default")
    # A copy: the settings dict is shared with the real connection.
    broken.settings_dict = dict(broken.settings_dict)
    if broken.vendor == "sqlite":
        broken.settings_dict["NAME"] = "/nonexistent/folder/db.sqlite3"
    else:
        broken.settings_dict["PORT"] = "1"
    try:
        assert check_database(broken) is False
    finally:
        broken.close()
    assert check_database() is True


def test_a_notice_added_on_its_due_day_does_not_fail_either_check(client, alice, clock):
    # Afternoon of the due day: the 8 a.m. "due today" reminder is made hours "late".
    clock.move_to(MORNING + timedelta(hours=6))
    make_case(alice, notice_date=date(2026, 3, 10), pay_by=DUE)
    assert pending_due_reminders(), "the new notice should have a reminder due now"

    clock.shift(timedelta(minutes=1))
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["reminders"] == "ok"
    assert response.json()["reminder_lag_seconds"] == 60
    assert client.get(ALERT).status_code == 200


def test_a_reminder_made_due_and_then_left_waiting_does_alert(client, alice, clock):
    clock.move_to(MORNING + timedelta(hours=6))
    make_case(alice, notice_date=date(2026, 3, 10), pay_by=DUE)

    clock.shift(LATE_AFTER + timedelta(minutes=1))
    assert client.get(ALERT).status_code == 503
    assert client.get(reverse("healthz")).status_code == 200


def test_an_old_overdue_reminder_alerts_but_healthz_stays_200(client, alice, clock):
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=DUE)  # made weeks before
    first = case.reminders.earliest("send_at").send_at  # "7 days left", a week before

    clock.move_to(first + timedelta(minutes=10))  # 10 minutes late: still fine
    assert client.get(ALERT).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200

    clock.move_to(first + LATE_AFTER + timedelta(minutes=1))  # 16 minutes late
    alert = client.get(ALERT)
    assert alert.status_code == 503
    assert alert.json() == {
        "status": "late",
        "reminder_lag_seconds": 16 * 60,
        "late_after_seconds": settings.REMINDER_LATE_AFTER_SECONDS,
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["reminders"] == "late"
    assert response.json()["reminder_lag_seconds"] == 16 * 60


def test_a_sent_reminder_is_not_late(client, alice, clock):
    make_case(alice, notice_date=date(2026, 2, 20), pay_by=DUE)
    clock.move_to(MORNING + timedelta(hours=1))
    Reminder.objects.filter(send_at__lte=MORNING).update(status="sent")
    assert client.get(ALERT).status_code == 200
    assert client.get(reverse("healthz")).json()["reminder_lag_seconds"] == 0
