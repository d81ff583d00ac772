"""Health checks: one for load balancers, one for alerting.

`/healthz` answers "should this web server get traffic?": 200 when this process reaches the
database and the task broker, 503 when one of them does not. Load balancers and docker
compose poll it, so it must answer quickly even when a dependency is down (every check has
a short timeout), and it never fails because of late reminders: a web server that works
must not be taken out because the workers are behind. It still reports the reminder lag.

`/healthz/reminders` answers "are reminders going out on time?" for alerting: 503 when a
due reminder waits more than REMINDER_LATE_AFTER_SECONDS. A reminder counts from when it
became due or from when it was made, whichever is later, so one made due a minute ago (a
notice added with today's date) is not late.
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

OK, UNAVAILABLE, LATE = "ok", "unavailable", "late"


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


def reminders_report(database_ok: bool) -> tuple[str, int | None]:
    """("ok" or "late", lag in whole seconds), or ("unavailable", None) without a database."""
    if not database_ok:
        return UNAVAILABLE, None
    try:
        from notices.reminders.sending import reminder_lag

        lag = reminder_lag()
    except Exception:
        return UNAVAILABLE, None
    seconds = int(lag.total_seconds())
    return (LATE if seconds > settings.REMINDER_LATE_AFTER_SECONDS else OK), seconds


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: 503 only when the database or the broker does not answer."""
    checks = {"database": check_database(), "broker": check_broker()}
    healthy = all(checks.values())
    reminders, lag = reminders_report(checks["database"])
    body = {
        "status": OK if healthy else UNAVAILABLE,
        **{name: OK if ok else UNAVAILABLE for name, ok in checks.items()},
        "reminders": reminders,
        "reminder_lag_seconds": lag,
    }
    return JsonResponse(body, status=200 if healthy else 503)


@require_GET
@never_cache
def healthz_reminders(request: HttpRequest) -> JsonResponse:
    """For alerting, not for load balancers: 503 when reminders are late (or unknown)."""
    reminders, lag = reminders_report(check_database())
    body = {
        "status": reminders,
        "reminder_lag_seconds": lag,
        "late_after_seconds": settings.REMINDER_LATE_AFTER_SECONDS,
    }
    return JsonResponse(body, status=200 if reminders == OK else 503)
