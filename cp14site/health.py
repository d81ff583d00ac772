"""/healthz: can this process reach the database and the task broker?

Load balancers and docker compose poll it, so it must answer quickly even when a
dependency is down: every check has a short timeout.
"""

from __future__ import annotations

import os

import redis
from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database(conn: BaseDatabaseWrapper = connection) -> bool:
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def check_broker() -> bool:
    if settings.REDIS_URL:
        try:
            client = redis.Redis.from_url(
                settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
            )
            return bool(client.ping())
        except (redis.RedisError, OSError, ValueError):
            return False
    # The folder-based development broker works while its folder is writable.
    folder = str(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
    return os.path.isdir(folder) and os.access(folder, os.W_OK)


def check_reminders() -> bool:
    """False when a due reminder is more than REMINDER_LATE_AFTER_SECONDS late."""
    from notices.reminders.sending import oldest_late

    try:
        late = oldest_late()
    except Exception:
        return False
    return late is None or late.total_seconds() <= settings.REMINDER_LATE_AFTER_SECONDS


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "broker": check_broker()}
    checks["reminders"] = checks["database"] and check_reminders()
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"} | {
        name: "ok" if ok else "unavailable" for name, ok in checks.items()
    }
    return JsonResponse(body, status=200 if healthy else 503)
