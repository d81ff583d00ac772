"""Start a real Celery worker process that shares the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_database_url() -> str:
    """DATABASE_URL for the database pytest-django created, so the worker writes there."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def running_worker(
    *, queue: str | None = None, pool: str = "solo"
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A worker consuming a queue of its own, so it never takes another worker's tasks.

    pool="prefork" gives it one child process: the only pool where Celery enforces task
    time limits.
    """
    queue = queue or f"test-{uuid.uuid4().hex[:12]}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cp14site.settings_test",
        "DATABASE_URL": worker_database_url(),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cp14site", "worker", f"--pool={pool}",
         "--concurrency=1",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue,
         "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        yield process, queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
