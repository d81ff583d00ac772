"""The task path end to end: enqueue through the real broker, a real worker runs it.

On CI the broker is Redis; on a fresh machine it is the folder-based broker.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from notices.models import Heartbeat
from notices.tasks import record_heartbeat
from tests.worker import running_worker


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_that_writes_a_row():
    if not settings.REDIS_URL and settings.CI_REQUIRES_REDIS:
        pytest.fail("CI must run the worker test against Redis: REDIS_URL is not set")
    assert not Heartbeat.objects.exists()
    with running_worker() as (worker, queue):
        record_heartbeat.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while not Heartbeat.objects.exists() and time.monotonic() < deadline:
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
            time.sleep(0.25)
    assert Heartbeat.objects.count() == 1, "the worker never wrote its heartbeat row"
