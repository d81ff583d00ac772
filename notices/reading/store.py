"""Where a reading waits for its review: the cache, under a random id, for one person.

Only the details found and the lines they came from are kept (the text has no full SSN),
never the file. An entry names its owner; anyone else asking for the id is told it does not
exist (404). The id is random (63 bits), so it can't be guessed either; it is an integer
because Celery tasks here take ids only (tests/test_no_pii_in_logs.py). An entry expires on
its own after TTL, so an abandoned review leaves nothing.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.core.cache import cache

from notices.reading.review import Reading

TTL = 60 * 60  # seconds a reading waits for its review
STUCK_AFTER = 120  # seconds: a reading still not done by then will not finish (worker lost)
LARGEST_ID = 2**63 - 1
READING, DONE, FAILED = "reading", "done", "failed"


def valid_id(reading_id: int) -> bool:
    return 0 < reading_id <= LARGEST_ID


def _key(reading_id: int) -> str:
    return f"reading:result:{reading_id}"


def start(owner_id: int) -> int:
    """A new reading for this person; its random id is the only way to it."""
    reading_id = secrets.randbelow(LARGEST_ID) + 1
    cache.set(_key(reading_id), {"owner": owner_id, "status": READING, "at": time.time()}, TTL)
    return reading_id


def entry_for(reading_id: int, owner_id: int) -> dict[str, Any] | None:
    """The reading, if `reading_id` is one of this person's; None otherwise (a 404)."""
    if not valid_id(reading_id):
        return None
    entry = cache.get(_key(reading_id))
    if not isinstance(entry, dict) or entry.get("owner") != owner_id:
        return None
    if entry["status"] == READING and time.time() - entry["at"] > STUCK_AFTER:
        return {**entry, "status": FAILED, "error": "timeout"}
    return entry


def finish(reading_id: int, reading: Reading) -> None:
    _update(reading_id, status=DONE, reading=reading.to_json())


def fail(reading_id: int, error: str) -> None:
    _update(reading_id, status=FAILED, error=error)


def _update(reading_id: int, **changes: Any) -> None:
    entry = cache.get(_key(reading_id))
    if isinstance(entry, dict):  # expired or discarded meanwhile: nothing to keep
        cache.set(_key(reading_id), {**entry, **changes}, TTL)


def discard(reading_id: int) -> None:
    cache.delete(_key(reading_id))
