"""One reading from start to end: what the Celery task runs (tasks.py stays thin).

The uploaded file is deleted in `finally`, whatever happens: a success, a hostile file, a
bug here, or the task's soft time limit. Nothing from the file is logged: a failure is
recorded as a short code for the page, and re-raised (if at all) by its type's name alone.
"""

from __future__ import annotations

import logging

from celery.exceptions import SoftTimeLimitExceeded

from notices.reading import files, sandbox, store
from notices.reading.review import reading_of

log = logging.getLogger(__name__)


class ReadingFailed(Exception):
    """Something other than the file went wrong. Says only the error's type."""


def run(reading_id: int) -> None:
    try:
        files.sweep()
        path = files.path_for(reading_id)
        if not path.exists():
            store.fail(reading_id, "gone")
            return
        result = sandbox.read_in_child(path)
        if result["ok"]:
            pages = int(result.get("pages", 1))
            store.finish(
                reading_id, reading_of(result["text"], method=result["method"], pages=pages)
            )
        else:
            store.fail(reading_id, result["error"])
    except SoftTimeLimitExceeded:
        store.fail(reading_id, "timeout")
    except Exception as error:
        store.fail(reading_id, "unreadable")
        log.warning("reading failed: %s", type(error).__name__)
        raise ReadingFailed(type(error).__name__) from None
    finally:
        files.remove(reading_id)
