"""Letters made once: a worker renders each letter's PDF when it is made, and the file is kept.

The request that creates a letter only queues the work (once its transaction commits), so it
returns at once; the letter's page shows progress until the file is ready. Downloads serve
the stored file: no rendering per download, and the same bytes every time. Nothing is lost
when a render fails: the frozen html_snapshot stays the source, so "Try again" (or a file
gone missing from storage) makes the same PDF again, byte for byte (printing.html_to_pdf).

Letters that get stuck recover by themselves. Each time a letter is queued, the cache notes
when, and how many times in a row. When its page asks about a letter that has waited longer
than the hard time limit plus a margin (the broker was down, or a worker died), it is queued
again; after MAX_TRIES it is marked failed, so the person gets "Try again" rather than a wait
without end (a letter that the hard limit kills every time would otherwise loop). A letter
from before PDFs were stored (waiting, nothing noted) is queued the first time it is shown.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from notices.letters import limits, printing
from notices.models import Letter

log = logging.getLogger(__name__)

Enqueue = Callable[[int], Any]  # tasks.render_letter.delay, or a test's stand-in
Render = Letter.Render
MAX_TRIES = 3  # queued this many times in a row without a result: give up, show "Try again"
NOTE_SECONDS = 24 * 60 * 60
# What the page says about a failed letter. Stored in English on the letter (render_error)
# and translated when shown; never the error's own text, which may quote the letter.
TOO_SLOW = gettext_noop("Making the PDF took too long.")
WENT_WRONG = gettext_noop("Something went wrong on our side while making the PDF.")


class Busy(Exception):
    """Every rendering place on the site is taken: the task tries again in a moment."""


def is_ready(letter: Letter) -> bool:
    return letter.render_status == Render.READY and bool(letter.pdf)


def _note_key(letter_id: int) -> str:
    return f"letters:render:queued:{letter_id}"


def stuck_after() -> int:
    """Seconds after queueing when a letter still waiting must have been lost on the way."""
    return int(settings.LETTER_RENDER_HARD_SECONDS + settings.LETTER_RENDER_MARGIN)


def queue(letter_id: int, *, enqueue: Enqueue, tries: int = 1) -> None:
    """Ask a worker to render the letter, once the current transaction has committed.

    A broker that is down only costs a warning: the letter waits, and recover() queues it
    again when its page is next shown.
    """

    def send() -> None:
        cache.set(_note_key(letter_id), (time.time(), tries), timeout=NOTE_SECONDS)
        try:
            enqueue(letter_id)
        except Exception as error:
            log.warning("Letter %s not queued (%s); it is queued again later", letter_id,
                        type(error).__name__)  # fmt: skip

    transaction.on_commit(send)


def recover(letter: Letter, *, enqueue: Enqueue, now: float | None = None) -> None:
    """Queue a letter that waits with nothing under way; give up on one that never finishes.

    Runs whenever a letter's page or its status is shown. The short lock keeps a page open
    in several tabs, all polling, from queueing it several times at once.
    """
    if letter.render_status != Render.WAITING:
        return
    now = time.time() if now is None else now
    note = cache.get(_note_key(letter.pk))
    if note is not None and now - note[0] <= stuck_after():
        return
    if not cache.add(f"{_note_key(letter.pk)}:lock", 1, timeout=5):
        return
    if note is None:  # from before stored PDFs, or the cache was emptied: start afresh
        queue(letter.pk, enqueue=enqueue)
    elif note[1] >= MAX_TRIES:
        _fail(letter.pk, TOO_SLOW)
        letter.refresh_from_db()
    else:
        log.info("Letter %s waited too long; queued again", letter.pk)
        queue(letter.pk, enqueue=enqueue, tries=note[1] + 1)


def try_again(letter: Letter, *, enqueue: Enqueue) -> bool:
    """The person's "Try again" on a failed letter: wait and queue afresh. False if not failed."""
    done = Letter.objects.filter(pk=letter.pk, render_status=Render.FAILED).update(
        render_status=Render.WAITING, render_error=""
    )
    if done:
        queue(letter.pk, enqueue=enqueue)
    letter.refresh_from_db()
    return bool(done)


def lost(letter: Letter, *, enqueue: Enqueue) -> None:
    """The stored file has gone (a storage mishap): make it again from the snapshot."""
    log.warning("Letter %s: its PDF is missing from storage; making it again", letter.pk)
    Letter.objects.filter(pk=letter.pk).update(render_status=Render.WAITING, pdf="")
    queue(letter.pk, enqueue=enqueue)
    letter.refresh_from_db()


def delete_stored_pdf(sender: Any, instance: Letter, **kwargs: Any) -> None:
    """A deleted letter (alone, or with its case or its owner's account) takes its PDF along.

    Connected in notices/apps.py. Only once the deletion has committed: a deletion that is
    rolled back keeps its file.
    """
    name = instance.pdf.name
    if name:
        storage = instance.pdf.storage
        transaction.on_commit(lambda: storage.delete(name))


def _fail(letter_id: int, message: str) -> str:
    Letter.objects.filter(pk=letter_id, render_status=Render.WAITING).update(
        render_status=Render.FAILED, render_error=message
    )
    return Render.FAILED


def render(letter_id: int) -> str:
    """The worker's job: make the letter's PDF, store it and mark the letter ready.

    Does nothing unless the letter is waiting, so a second copy of the message (a redelivery,
    or a re-queue that crossed a slow render) finds the work done. Raises Busy while the
    site-wide cap on renders at once (limits.rendering_slot) is reached.
    """
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        return "gone"
    if letter.render_status != Render.WAITING:
        return letter.render_status
    with limits.rendering_slot() as free:
        if not free:
            raise Busy
        try:
            laid_out = printing.lay_out_letter_pdf(letter)
            letter.pdf.save(f"{letter.public_id}.pdf", ContentFile(laid_out.pdf), save=False)
        except SoftTimeLimitExceeded:
            log.warning("Letter %s: the PDF took longer than the soft time limit", letter_id)
            return _fail(letter_id, TOO_SLOW)
        except Exception as error:
            log.warning("Letter %s: PDF not made (%s)", letter_id, type(error).__name__)
            return _fail(letter_id, WENT_WRONG)
    # A render that outlived a "took too long" still counts: the file is good.
    stored = Letter.objects.exclude(render_status=Render.READY).filter(pk=letter_id)
    if not stored.update(
        pdf=letter.pdf.name, render_status=Render.READY, render_error="",
        rendered_at=timezone.now(), part_pages=laid_out.part_pages,
    ):  # fmt: skip
        letter.pdf.storage.delete(letter.pdf.name)  # another copy got there first
    cache.delete(_note_key(letter_id))
    return Render.READY
