"""The uploaded file's short stay on disk, between the web process and the worker.

Why a file and not the message: a 10 MB upload does not belong in Redis. The web process
writes it into a private folder both share (settings.READING_TMP_DIR; var/tmp/reading by
default), named by the reading's random id, readable by this user only. The task deletes
it in a `finally`; `sweep` removes any file older than MAX_AGE, so one left by a worker that
was killed outright lasts minutes, not forever. The file is never served and never logged.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from notices.reading.store import valid_id

MAX_AGE = 5 * 60  # seconds; a reading takes under a minute


class TooBig(Exception):
    pass


def folder() -> Path:
    path = Path(getattr(settings, "READING_TMP_DIR", settings.BASE_DIR / "var" / "tmp" / "reading"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def path_for(reading_id: int) -> Path:
    if not valid_id(reading_id):
        raise ValueError("not a reading id")
    return folder() / f"{reading_id}.upload"


def save(reading_id: int, chunks: Iterable[bytes], *, limit: int) -> Path:
    """Write the upload; TooBig (and nothing left behind) past `limit` bytes."""
    path = path_for(reading_id)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    size = 0
    try:
        with os.fdopen(descriptor, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooBig
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def remove(reading_id: int) -> None:
    path_for(reading_id).unlink(missing_ok=True)


def sweep(*, now: float | None = None) -> int:
    """Delete uploads older than MAX_AGE; how many went."""
    now = time.time() if now is None else now
    removed = 0
    for path in folder().glob("*.upload"):
        try:
            if now - path.stat().st_mtime > MAX_AGE:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # the task got there first
            continue
    return removed
