"""Fair use of letter PDFs: nobody can starve the site of the work that PDFs take.

Three limits, all in the shared cache (Redis in production; per process while Redis is down,
see cp14site/ratelimit.py):

- per person and per address, a sliding window on making letters and on "Try again" (each
  starts a render; downloading a stored PDF is not limited): the count in the current window
  plus the previous window's count
  weighted by how much of it still overlaps, so a burst at a window's edge can't double the
  limit;
- a cap on renders running at once across the whole site, taken by the worker that renders
  (notices/letters/rendering.py): however many workers run, letters never take every core
  from the reminders. A counter goes up before a render and down after it; it expires on its
  own, so a worker killed mid-render can't hold a place for longer than RENDERING_TTL.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.conf import settings
from django.core.cache import cache

PER_PERSON = 10  # PDFs a minute
PER_ADDRESS = 30  # a household or office shares an address
WINDOW = 60  # seconds
MAX_RENDERING = 4  # PDFs being made at once, site-wide (about two per core)
# Seconds; a render is bounded by the task's hard time limit.
RENDERING_TTL = settings.LETTER_RENDER_HARD_SECONDS + settings.LETTER_RENDER_MARGIN
BUSY_WAIT = 5  # seconds before a worker that found no free place tries again
RENDERING_KEY = "letters:pdf:rendering"


def count_use(key: str, timeout: int) -> int:
    """Add one to the counter `key`, made with `timeout` if new; return the new count."""
    cache.add(key, 0, timeout=timeout)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=timeout)
        return 1


def wait_for(key: str, limit: int, *, now: float | None = None) -> int:
    """Count one use of `key`; seconds to wait when over `limit` in a sliding window, else 0."""
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    current = count_use(f"{key}:{window}", 2 * WINDOW + 5)
    previous = int(cache.get(f"{key}:{window - 1}", 0))
    overlap = 1 - (now % WINDOW) / WINDOW
    if current + previous * overlap <= limit:
        return 0
    return max(math.ceil((window + 1) * WINDOW - now), 1)  # at the latest, the next window


def wait_for_pdf(user_id: int, address: str) -> int:
    """Seconds to wait before this person, from this address, may make another PDF."""
    return max(
        wait_for(f"letters:pdf:user:{user_id}", PER_PERSON),
        wait_for(f"letters:pdf:ip:{address}", PER_ADDRESS),
    )


@contextmanager
def rendering_slot() -> Iterator[bool]:
    """Yields True while this render holds one of the MAX_RENDERING places, else False."""
    running = count_use(RENDERING_KEY, RENDERING_TTL)
    try:
        yield running <= MAX_RENDERING
    finally:
        with suppress(ValueError):  # expired meanwhile: nothing left to give back
            cache.decr(RENDERING_KEY)
