"""PostgreSQL connections: the health check and prepared statements (cp14site/postgres/)."""

from __future__ import annotations

import select
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from tests.helpers import needs_postgres

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    needs_postgres("the connection tests", "PostgreSQL's connections")


@pytest.fixture
def own(postgres):
    """A second connection to the test database, as a worker process would hold."""
    wrapper = connections.create_connection("default")
    yield wrapper
    wrapper.close()


def last_query(pid: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def new_request(wrapper) -> None:
    """What Django does to a kept connection when a request starts."""
    wrapper.close_if_unusable_or_obsolete()


def test_a_quiet_connection_passes_its_health_check_without_a_query(own):
    with own.cursor() as cursor:
        cursor.execute("SELECT 'the last query before the check'")
    pid = own.connection.info.backend_pid

    new_request(own)
    with own.cursor() as cursor:  # the health check runs here, before the query
        assert last_query(pid) == "SELECT 'the last query before the check'"
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)
    assert own.connection.info.backend_pid == pid, "the connection was kept"


def test_a_connection_the_server_closed_is_replaced_before_the_first_query(own):
    with own.cursor() as cursor:
        cursor.execute("SELECT 1")
    pid = own.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    wait_for_goodbye(own.connection.fileno())

    new_request(own)
    with own.cursor() as cursor:  # without the check, this query would fail
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)
    assert own.connection.info.backend_pid != pid


def test_a_connection_in_an_open_transaction_gets_djangos_own_check(own):
    own.ensure_connection()
    own.connection.execute("BEGIN")  # left open, as by code that forgot to finish
    own.health_check_done = False
    own.close_if_health_check_failed()
    assert own.health_check_done
    assert last_query(own.connection.info.backend_pid) == "SELECT 1"


def test_a_query_run_often_is_prepared_on_its_connection(postgres):
    users = get_user_model().objects
    for _ in range(6):
        assert not users.filter(email="nobody@example.com").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "auth_user" WHERE "auth_user"."email" = $%'],
        )
        assert cursor.fetchone() == (1,)


def wait_for_goodbye(fileno: int) -> None:
    poll = select.poll()
    poll.register(fileno, select.POLLIN)
    deadline = time.monotonic() + 5
    while not poll.poll(50):
        assert time.monotonic() < deadline, "the server never closed the connection"
