"""Where a reading waits for its review: the cache, under a random id, for one person.

Only the details found and the lines they came from are kept (the text has no full SSN),
never the file. An entry names its owner: a signed-in person's id, or for the check-up a
random token kept in the visitor's session (`visitor_owner`); anyone else asking for the id
is told it does not exist (404). The id is random (63 bits), so it can't be guessed either;
it is an integer because Celery tasks here take ids only (tests/test_no_pii_in_logs.py). An
entry expires on its own after TTL, so an abandoned review leaves nothing.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from notices.reading.review import Reading

TTL = 60 * 60  # seconds a reading waits for its review
STUCK_AFTER = 120  # seconds: a reading still not done by then will not finish (worker lost)
LARGEST_ID = 2**63 - 1
READING, DONE, FAILED = "reading", "done", "failed"
OWNER_KEY = "reading_owner"  # the session's own token, for readings made in the check-up
SAVING = "saving"  # a case is being made from this reading right now

Owner = int | str  # a user's id, or "visitor:<token>"


def valid_id(reading_id: int) -> bool:
    return 0 < reading_id <= LARGEST_ID


def _key(reading_id: int) -> str:
    return f"reading:result:{reading_id}"


def visitor_owner(request: HttpRequest) -> str:
    """This browser's owner name for the check-up: random, kept in its session only."""
    token = request.session.get(OWNER_KEY)
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(24)
        request.session[OWNER_KEY] = token
    return f"visitor:{token}"


def start(owner_id: Owner) -> int:
    """A new reading for this person; its random id is the only way to it."""
    reading_id = secrets.randbelow(LARGEST_ID) + 1
    cache.set(_key(reading_id), {"owner": owner_id, "status": READING, "at": time.time()}, TTL)
    return reading_id


def entry_for(reading_id: int, owner_id: Owner) -> dict[str, Any] | None:
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


def _saved_key(reading_id: int) -> str:
    return f"reading:saved:{reading_id}"


def claim(reading_id: int) -> bool:
    """True for the one request that may make a case from this reading. An atomic `add`
    (SET NX in Redis): two "Save notice" posts at once, from a double click or two tabs,
    can't both win, so the person never gets the same notice twice."""
    return bool(cache.add(_saved_key(reading_id), SAVING, TTL))


def release(reading_id: int) -> None:
    """Saving failed: let the next press try again."""
    cache.delete(_saved_key(reading_id))


def saved_as(reading_id: int, public_id: str) -> None:
    cache.set(_saved_key(reading_id), public_id, TTL)


def saved_case(reading_id: int) -> str | None:
    """The case made from this reading, once it is made (its public id); None before."""
    value = cache.get(_saved_key(reading_id))
    return value if isinstance(value, str) and value != SAVING else None
