"""Django's PostgreSQL backend, with a health check that costs no round trip when it can.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of each request,
so that a connection the server has closed (a restart, an idle timeout) is replaced
rather than failing the request. Under load that extra round trip costs about as much as
a real query.

A connection the server has closed, or is closing, has something waiting on its socket:
the server's goodbye, or the end of the stream. So while the connection is idle, open and
its socket has nothing to read, it is as good as a `SELECT 1` would show, and no query is
sent. Anything else (something to read, a transaction left open, a broken connection) gets
Django's own check.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    # django-stubs does not declare the health check's two attributes.
    health_check_enabled: bool
    health_check_done: bool

    def close_if_health_check_failed(self) -> None:
        if self.health_check_enabled and not self.health_check_done and self._quiet():
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _quiet(self) -> bool:
        """Open, idle and with nothing from the server waiting to be read."""
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return False
        poll = select.poll()
        poll.register(connection.fileno(), select.POLLIN)
        return not poll.poll(0)
