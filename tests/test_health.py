from __future__ import annotations

import pytest
from django.db import connections
from django.urls import reverse

from cp14site.health import check_database


@pytest.mark.django_db
def test_healthz_is_200_when_database_and_broker_answer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "reminders": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down_and_pages_still_render(client, settings):
    # Nothing listens on port 1: the connection is refused at once.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
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
