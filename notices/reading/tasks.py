"""The reading task: thin, the work is in job.py. Its only argument is the reading's id."""

from __future__ import annotations

from celery import shared_task

from notices.reading import job


# Soft limit above the reader's own wall clock (sandbox.WALL_SECONDS, 45 s) so the task can
# say what went wrong; the hard limit stops the worker process if even that fails.
# acks_late off: a file that kills its worker must not be handed to the next one. The page
# tells the person after store.STUCK_AFTER, and files.sweep removes the file.
@shared_task(soft_time_limit=55, time_limit=65, acks_late=False)
def read_notice(reading_id: int) -> None:
    job.run(reading_id)
