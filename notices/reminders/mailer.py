"""One mail-server connection per worker process, kept open for many messages.

Opening an SMTP connection (TCP, EHLO, STARTTLS, login) costs more than sending one short
reminder, so a worker opens one and sends through it. When the server has dropped it (an
idle timeout, a restart), the send fails before the message is handed over; we then open
a new connection and try once more. Any other error goes up to the caller: the row stays
"sending" and is retried after its lease (notices/reminders/sending.py).

The connection belongs to one thread of one process (Celery's prefork children each have
their own) and is made again if the email settings change.
"""

from __future__ import annotations

import atexit
import contextlib
import smtplib
import threading
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

# Errors that mean "the connection is gone", not "this message is bad".
DROPPED = (smtplib.SMTPServerDisconnected, ConnectionError, BrokenPipeError)

_local = threading.local()


SMTP = "django.core.mail.backends.smtp.EmailBackend"


def deliver(message: EmailMessage) -> None:
    """Send one message through this process's open connection (SMTP only).

    Other backends (the console and files in development, memory in tests) have nothing
    worth keeping open, and Django's file backend would put every message in one file.
    """
    if settings.EMAIL_BACKEND != SMTP:
        message.send()
        return
    try:
        _send(message)
    except DROPPED:
        close()
        _send(message)


def _send(message: EmailMessage) -> None:
    message.connection = _connection()
    if message.send() != 1:
        raise smtplib.SMTPException("the mail server did not take the message")


def _connection() -> Any:
    key = (settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER)
    if getattr(_local, "key", None) != key:
        close()
    if getattr(_local, "connection", None) is None:
        connection = get_connection(fail_silently=False)
        # Opened here, so each send leaves it open (Django closes only what it opened).
        connection.open()
        _local.connection, _local.key = connection, key
    return _local.connection


def close() -> None:
    connection = getattr(_local, "connection", None)
    _local.connection = None
    if connection is not None:
        # A dead connection can fail to close; it is gone either way.
        with contextlib.suppress(Exception):
            connection.close()


atexit.register(close)
