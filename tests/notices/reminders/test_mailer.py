"""A worker keeps one SMTP connection for many reminders, and reconnects when it drops."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import EmailMessage

from notices.reminders import mailer


class CountingInbox:
    def __init__(self) -> None:
        self.connections = 0
        self.subjects: list[str] = []
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        subject = envelope.content.decode().split("Subject: ", 1)[1].split("\r\n", 1)[0]
        with self.lock:
            self.subjects.append(subject)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[tuple[Controller, CountingInbox, int]]:
    port = free_port()
    inbox = CountingInbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    settings.EMAIL_BACKEND = mailer.SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server, inbox, port
    mailer.close()
    with contextlib.suppress(AssertionError):  # a test may have stopped it already
        server.stop()


def message(n: int) -> EmailMessage:
    return EmailMessage(f"reminder {n}", "body", "from@example.com", ["to@example.com"])


def test_many_messages_go_through_one_connection(smtp):
    _, inbox, _ = smtp
    for n in range(25):
        mailer.deliver(message(n))
    assert inbox.subjects == [f"reminder {n}" for n in range(25)]
    assert inbox.connections == 1


def test_a_dropped_connection_is_opened_again_and_nothing_is_lost(smtp):
    server, inbox, port = smtp
    mailer.deliver(message(1))
    server.stop()  # the mail server restarts: the worker's connection is now dead
    restarted = CountingInbox()
    server = Controller(restarted, hostname="127.0.0.1", port=port)
    server.start()
    try:
        mailer.deliver(message(2))
        mailer.deliver(message(3))
    finally:
        server.stop()
    assert inbox.subjects == ["reminder 1"]
    assert restarted.subjects == ["reminder 2", "reminder 3"]
    assert restarted.connections == 1


def test_a_server_that_is_down_raises_so_the_row_is_retried_later(smtp):
    server, _, _ = smtp
    server.stop()
    mailer.close()
    with pytest.raises(OSError):
        mailer.deliver(message(1))
