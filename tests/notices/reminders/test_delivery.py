"""Reminders through the real machinery, with faults: worker kills and a Redis flush.

A real Celery worker and beat run against Redis and the test database; a real SMTP server
(aiosmtpd) listens in this process. Mid-run we kill the worker with SIGKILL twice and
flush Redis once. Every reminder must still arrive, and arrive once; the only allowed
duplicate is one the dispatcher logged as "possible duplicate".

Twenty cases are enough: each dispatch run claims only a few, so the send takes several
runs and both kills and the flush land while reminders are still queued or unsent.
"""

from __future__ import annotations

import contextlib
import email
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from notices.models import Reminder
from notices.profiles import profile_for
from notices.reminders import scheduling
from tests.factories import UserFactory, make_case
from tests.worker import ROOT, worker_database_url

CASES = 20
# Claimed per dispatch run (one run a second): a few, so the backlog drains over several
# runs and the faults below hit it mid-way.
DISPATCH_MAX = 3
LEASE_SECONDS = 4


class Inbox:
    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.message_ids.append(str(message["Message-ID"]))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.message_ids)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            states = dict(Counter(Reminder.objects.values_list("status", flat=True)))
            pytest.fail(f"timed out waiting for {what}; reminder states: {states}")
        time.sleep(0.05)


@pytest.fixture
def requires_postgres_and_redis():
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        if settings.CI_REQUIRES_REDIS:
            pytest.fail("CI must run the delivery test on PostgreSQL and Redis")
        pytest.skip("needs PostgreSQL and Redis (set DATABASE_URL and REDIS_URL)")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_every_reminder_arrives_once_through_kills_and_a_redis_flush(
    requires_postgres_and_redis, tmp_path: Path
):
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    # A Redis database of its own, so flushing it touches nothing else.
    redis_url = re.sub(r"/\d*$", "", settings.REDIS_URL) + "/14"
    broker = redis.Redis.from_url(redis_url)
    broker.flushdb()

    user = UserFactory.create(email="alice@example.com")
    profile = profile_for(user)
    profile.reminder_lead_days = []  # one "pay-by date is today" email per case
    profile.save()
    # The pay-by date whose 8 a.m. reminder fell due in the last 24 hours, so every case has
    # one reminder due now (real rows, real send times: nothing faked in the database).
    now = timezone.now()
    due = timezone.localdate(now, timezone=ZoneInfo(profile.time_zone))
    if scheduling.local_morning(due, profile.time_zone) > now:
        due -= timedelta(days=1)
    for _ in range(CASES):
        make_case(user, notice_date=due - timedelta(days=30), pay_by=due)
    expected = set(Reminder.objects.filter(send_at__lte=now).values_list("pk", flat=True))
    assert len(expected) == CASES

    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cp14site.settings",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "SITE_URL": settings.SITE_URL,
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
        "REMINDER_DISPATCH_SECONDS": "1",
        "REMINDER_DISPATCH_MAX": str(DISPATCH_MAX),
    }
    logs = tmp_path / "worker.log"
    processes: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "cp14site", *args, "--loglevel=INFO"],
            cwd=ROOT,
            env=env,
            stdout=logs.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool too
        )
        processes.append(process)
        return process

    def start_worker() -> subprocess.Popen[bytes]:
        return start("worker", "--concurrency=2", "--without-gossip", "--without-mingle")

    try:
        start("beat", "--schedule", str(tmp_path / "beat-schedule"))
        worker = start_worker()
        wait_for(lambda: inbox.count() >= CASES // 5, timeout=120, what="the first emails")
        os.killpg(worker.pid, signal.SIGKILL)
        unsent_at_first_kill = CASES - inbox.count()
        broker.flushdb()  # every queued message is gone
        worker = start_worker()
        wait_for(lambda: inbox.count() >= CASES // 2, timeout=120, what="more emails")
        os.killpg(worker.pid, signal.SIGKILL)
        unsent_at_second_kill = CASES - inbox.count()
        worker = start_worker()
        # Done when every row is recorded as sent (rows caught mid-send by a kill are
        # re-sent once their lease runs out).
        wait_for(
            lambda: not Reminder.objects.filter(pk__in=expected).exclude(status="sent").exists(),
            timeout=120,
            what=f"all {len(expected)} reminders to be sent",
        )
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        smtp.stop()
        broker.flushdb()

    host = re.escape(settings.SITE_URL.split("//")[1].split(":")[0].split("/")[0])
    received = Counter(
        int(m.group(1))
        for mid in inbox.message_ids
        if (m := re.match(rf"<reminder-(\d+)@{host}>", mid))
    )
    # Both kills and the flush came while reminders were still waiting to go out.
    assert unsent_at_first_kill > 0 and unsent_at_second_kill > 0
    assert set(received) == expected
    assert Reminder.objects.filter(status="sent").count() == len(expected)
    # Each send scheduled that case's next weekly nudge, a week away: nothing else went out.
    assert Reminder.objects.exclude(status="sent").filter(send_at__lte=timezone.now()).count() == 0
    duplicates = {pk for pk, count in received.items() if count > 1}
    logged = {
        int(pk) for pk in re.findall(r"reminder (\d+) stopped while sending", logs.read_text())
    }
    assert duplicates <= logged, f"unlogged duplicates: {duplicates - logged}"
    print(  # the figures for the notes (pytest -s)
        f"\ndelivery under faults: {len(expected)} due, {len(received)} delivered, "
        f"{len(expected - set(received))} lost, {len(duplicates)} duplicated (all logged)"
    )
