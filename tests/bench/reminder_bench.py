"""Reminder benchmarks (notices/reminders.py) on PostgreSQL, Redis and a real worker.

1. Claim rate: 100,000 due rows, claimed in batches by claim_due (the dispatcher's path,
   without the broker) until none are left; with this process's memory before and after.
2. End to end: 10,000 real reminders (from cases made as the app makes them) are dispatched
   onto Redis, then a real Celery worker (production settings, as docker-compose runs it)
   sends them through a local SMTP server (aiosmtpd). The dispatcher runs back to back until
   nothing is due, then the worker starts, as after an outage: so no row can be re-planned
   by its case's earlier send before it is claimed. The rows are queued one case at a time
   (see _due_reminders). Time runs from the
   dispatch to the last row marked sent; the worker's memory is sampled throughout.

On its own (the end-to-end figure; --claim adds the claim rate), after resetting the
bench's database and Redis as `make bench` does:

    .venv/bin/python -m tests.bench.reminder_bench
"""

# ruff: noqa: E402 (run on its own, Django must be set up before the app's imports below)
from __future__ import annotations

from tests.bench import environment

if __name__ == "__main__":
    _env = environment.bench_env()
    environment.apply(_env)
    environment.OUT_DIR.mkdir(parents=True, exist_ok=True)
    environment.reset_database(_env)
    environment.reset_redis(_env)
    environment.prepare_django()

import email
import math
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from notices.models import Case, Reminder
from notices.profiles import profile_for
from notices.reminders.scheduling import LEAD_CHOICES
from notices.reminders.sending import claim_due, dispatch
from notices.tasks import send_reminders
from tests.bench import memory
from tests.bench.environment import OUT_DIR, ROOT, BenchEnv, free_port
from tests.bench.seed import make_user
from tests.factories import make_case

CLAIM_ROWS = 100_000
CLAIM_CASES = 100
CLAIM_TIME_LIMIT = 120.0
SEND_ROWS = 10_000
SEND_TIME_LIMIT = 300.0
MAX_DISPATCH_RUNS = 1000
WORKER_CONCURRENCY = 2  # as docker-compose.yml
SENDER_EMAIL = "reminders@bench.example"
FINISHED = [Reminder.Status.SENT, Reminder.Status.CANCELLED, Reminder.Status.FAILED]


def _future_case_data() -> dict[str, Any]:
    today = timezone.localdate()
    return {"notice_date": today - timedelta(days=3), "pay_by": today + timedelta(days=90)}


def _delete_reminders_of(owner_id: int) -> None:
    """A raw delete: Django's would load 100,000 rows to cascade to their (absent) attempts."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Reminder._meta.db_table} WHERE case_id IN "  # noqa: S608 (our names)
            f"(SELECT id FROM {Case._meta.db_table} WHERE owner_id = %s)",
            [owner_id],
        )


# 1. Claim rate


@dataclass
class ClaimResult:
    rows: int
    claimed: int
    seconds: float
    rows_per_second: float
    batch_p50_ms: float
    batch_p95_ms: float
    rss_before_mib: float
    rss_after_mib: float
    rss_peak_mib: float
    complete: bool


def _insert_due_rows(cases: list[Case], total: int, due: datetime) -> None:
    rows = (
        Reminder(case=cases[n % len(cases)], kind=f"bench-{n}", send_at=due) for n in range(total)
    )
    while chunk := list(islice(rows, 5000)):
        Reminder.objects.bulk_create(chunk)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Reminder._meta.db_table}")


def claim_rate(total: int = CLAIM_ROWS) -> ClaimResult:
    owner = make_user("dispatch@bench.example")
    cases = [make_case(owner, **_future_case_data()) for _ in range(CLAIM_CASES)]
    _insert_due_rows(cases, total, timezone.now() - timedelta(minutes=1))
    memory.reset_peak()
    before = memory.rss_mib()
    batches: list[float] = []
    claimed, start = 0, time.perf_counter()
    while time.perf_counter() - start < CLAIM_TIME_LIMIT:
        began = time.perf_counter()
        batch = claim_due()
        batches.append((time.perf_counter() - began) * 1000)
        claimed += len(batch)
        if not batch:
            break
    seconds = time.perf_counter() - start
    result = ClaimResult(
        rows=total,
        claimed=claimed,
        seconds=seconds,
        rows_per_second=claimed / seconds,
        batch_p50_ms=statistics.median(batches),
        batch_p95_ms=statistics.quantiles(batches, n=20)[18] if len(batches) > 1 else batches[0],
        rss_before_mib=before,
        rss_after_mib=memory.rss_mib(),
        rss_peak_mib=memory.peak_mib(),
        complete=claimed >= total,
    )
    _delete_reminders_of(owner.pk)
    return result


# 2. End to end


class Inbox:
    """The SMTP server's handler: keeps each message's Message-ID."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.first_at = 0.0  # time.perf_counter() when the first message arrived
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.message_ids.append(str(message["Message-ID"]))
            self.first_at = self.first_at or time.perf_counter()
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.message_ids)


@dataclass
class SendResult:
    reminders: int
    dispatched: int
    dispatch_runs: int
    dispatch_seconds: float
    first_email_seconds: float | None
    total_seconds: float
    per_second: float
    sent: int
    unfinished: int
    emails: int
    duplicate_emails: int
    worker_peak_mib: float
    worker_processes: int
    worker_task_errors: int
    complete: bool

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _due_reminders(total: int) -> list[int]:
    """`total` pending reminders from real cases, all due now, queued one case at a time.

    Claims go in send_at order: every case's first reminder, then every case's second, and
    so on, as when many people's reminders fall due together. Returns the rows' ids.
    """
    owner = make_user(SENDER_EMAIL)
    profile = profile_for(owner)
    profile.reminder_lead_days = list(LEAD_CHOICES)  # the most reminders a case can have
    profile.save(update_fields=["reminder_lead_days"])
    first = make_case(owner, **_future_case_data())
    per_case = first.reminders.filter(status=Reminder.Status.PENDING).count()
    for _ in range(math.ceil(total / per_case) - 1):
        make_case(owner, **_future_case_data())
    mine = Reminder.objects.filter(case__owner=owner, status=Reminder.Status.PENDING)
    turns: Counter[int] = Counter()
    ranked = []
    for row_id, case_id in mine.order_by("case_id", "send_at").values_list("id", "case_id"):
        ranked.append((turns[case_id], case_id, row_id))
        turns[case_id] += 1
    keep = [row_id for *_, row_id in sorted(ranked)[:total]]
    mine.exclude(id__in=keep).delete()
    due = timezone.now() - timedelta(minutes=1)
    Reminder.objects.bulk_update(
        [
            Reminder(id=row_id, send_at=due + timedelta(microseconds=n))
            for n, row_id in enumerate(keep)
        ],
        ["send_at"],
        batch_size=1000,
    )
    return keep


def _dispatch_backlog() -> tuple[int, int]:
    """Run the dispatcher until nothing is due: what beat's runs would do, without the wait.

    Each run claims at most REMINDER_DISPATCH_MAX, so with beat a backlog drains at that many
    per REMINDER_DISPATCH_SECONDS; here the runs follow each other to load the worker fully.
    """
    total = runs = 0
    while runs < MAX_DISPATCH_RUNS and (claimed := dispatch(enqueue=send_reminders.delay)):
        total, runs = total + claimed, runs + 1
    return total, runs


def _worker(env: BenchEnv, smtp_port: int) -> subprocess.Popen[bytes]:
    variables = (
        os.environ
        | env.variables()
        | {
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cp14site", "worker",
         f"--concurrency={WORKER_CONCURRENCY}", "--without-gossip", "--without-mingle",
         "--without-heartbeat", "--loglevel=WARNING"],
        cwd=ROOT, env=variables, stdout=(OUT_DIR / "worker.log").open("wb"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def _task_errors() -> int:
    """Tasks that raised, from the worker's log (details there)."""
    return (OUT_DIR / "worker.log").read_text(errors="replace").count(" raised unexpected: ")


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def send_end_to_end(env: BenchEnv, total: int = SEND_ROWS) -> SendResult:
    rows = Reminder.objects.filter(id__in=_due_reminders(total))
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        start = time.perf_counter()
        dispatched, runs = _dispatch_backlog()
        dispatch_seconds = time.perf_counter() - start
        worker = _worker(env, smtp.port)
        # Cheaper to poll than the 10,000 ids: nothing else of this person's can finish.
        finished = Reminder.objects.filter(case__owner__email=SENDER_EMAIL, status__in=FINISHED)
        try:
            with memory.TreeSampler(worker.pid) as sampler:
                while time.perf_counter() - start < SEND_TIME_LIMIT:
                    if finished.count() >= total:
                        break
                    time.sleep(0.5)
                seconds = time.perf_counter() - start
        finally:
            _stop(worker)
    finally:
        smtp.stop()
    sent = rows.filter(status=Reminder.Status.SENT).count()
    repeats = sum(count - 1 for count in Counter(inbox.message_ids).values())
    return SendResult(
        reminders=total,
        dispatched=dispatched,
        dispatch_runs=runs,
        dispatch_seconds=dispatch_seconds,
        first_email_seconds=inbox.first_at - start if inbox.first_at else None,
        total_seconds=seconds,
        per_second=sent / seconds,
        sent=sent,
        unfinished=rows.exclude(status__in=FINISHED).count(),
        emails=inbox.count(),
        duplicate_emails=repeats,
        worker_peak_mib=sampler.peak_mib,
        worker_processes=sampler.processes,
        worker_task_errors=_task_errors(),
        complete=sent == total,
    )


def main(env: BenchEnv) -> None:
    from tests.bench import report

    lines = report.claim_lines(claim_rate()) if "--claim" in sys.argv else []
    lines += report.send_lines(send_end_to_end(env))
    environment.reset_redis(env)
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main(_env)
