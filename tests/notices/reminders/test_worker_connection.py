"""A worker keeps its database connection from one reminder to the next, but not a broken one.

Opening a PostgreSQL connection costs more than sending one reminder; Celery's Django fixup
would close it around every task unless CELERY_DB_REUSE_MAX is set (cp14site/celery.py).
"""

from __future__ import annotations

import pytest
from celery.signals import task_prerun
from django.db import OperationalError, connection, connections

from cp14site.celery import app
from notices import tasks
from tests.helpers import needs_postgres


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def before_next_task() -> None:
    task_prerun.send(sender=tasks.send_reminders, task_id="t", task=tasks.send_reminders)


@pytest.mark.django_db(transaction=True)
def test_a_worker_reuses_a_healthy_connection_and_replaces_a_broken_one():
    needs_postgres("the connection test", "ends a PostgreSQL backend")
    assert app.conf.get("CELERY_DB_REUSE_MAX", 0) >= 100
    first = backend_pid()
    before_next_task()
    assert backend_pid() == first  # kept between tasks
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [first])  # a database restart
    finally:
        other.close()
    with pytest.raises(OperationalError):
        backend_pid()  # the task that meets it fails; its reminder is retried after its lease
    before_next_task()
    assert backend_pid() != first  # the next task gets a new connection
