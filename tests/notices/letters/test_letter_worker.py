"""A letter made over HTTP is rendered by a real Celery worker and downloaded as a file.

Like tests/test_worker.py: the broker is Redis when REDIS_URL is set (CI), else the folder
broker. The render task goes to the test worker's own queue, so no other worker takes it.
"""

from __future__ import annotations

import os
import subprocess
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cp14site.celery import app as celery_app
from notices.letters import printing, rendering
from notices.models import Letter
from tests.factories import make_case
from tests.notices.letters.letters_helpers import create_url, post_data
from tests.worker import running_worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def own_queue(settings, monkeypatch):
    """Route render_letter to a queue only this test's worker reads; share the media folder."""
    if not settings.REDIS_URL and settings.CI_REQUIRES_REDIS:
        pytest.fail("CI must run the worker test against Redis: REDIS_URL is not set")
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    queue = f"test-letters-{os.getpid()}-{time.monotonic_ns()}"
    route({"notices.tasks.render_letter": {"queue": queue}})
    yield queue
    route(None)


def route(routes: dict | None) -> None:
    """New task routes, and a router made from them (Celery keeps the first one it made)."""
    celery_app.conf.task_routes = routes
    celery_app.amqp.flush_routes()
    vars(celery_app.amqp).pop("router", None)


def wait_for(letter: Letter, worker: subprocess.Popen[str], seconds: float = 90) -> Letter:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        letter.refresh_from_db()
        if letter.render_status != Letter.Render.WAITING:
            return letter
        assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
        time.sleep(0.25)
    worker.terminate()
    output = worker.stdout.read() if worker.stdout else ""
    raise AssertionError(f"the worker never finished the letter:\n{output[-3000:]}")


def test_a_letter_made_over_http_is_rendered_by_the_worker_and_downloads(alice, own_queue):
    client = Client()
    client.force_login(alice)
    case = make_case(alice)
    with running_worker(queue=own_queue) as (worker, _queue):
        started = time.monotonic()
        response = client.post(create_url(case, "dispute"), post_data("dispute", case))
        assert response.status_code == 302
        assert time.monotonic() - started < 5  # the request does not wait for the PDF
        letter = Letter.objects.get()
        letter = wait_for(letter, worker)
    assert letter.render_status == Letter.Render.READY, letter.render_error
    status = client.get(reverse("notices:letter_status", args=[letter.public_id]), **HTMX)
    assert status.status_code == 200 and "Your PDF is ready." in status.content.decode()
    download = client.get(reverse("notices:letter_pdf", args=[letter.public_id]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="cp14-2024-dispute')
    pdf = download.content
    # Made in another process, yet the same bytes this process makes from the snapshot.
    assert pdf == printing.render_letter_pdf(letter)


def test_a_render_past_the_soft_time_limit_is_marked_failed(alice, own_queue, settings):
    """A 1-second soft limit and a letter twenty times as long (several seconds to make).

    The limits travel in the task's message, from the settings of the process that queues it.
    """
    settings.LETTER_RENDER_SOFT_SECONDS, settings.LETTER_RENDER_HARD_SECONDS = 1, 20
    client = Client()
    client.force_login(alice)
    case = make_case(alice)
    client.post(create_url(case, "dispute"), post_data("dispute", case))  # queued, waiting
    letter = Letter.objects.get()
    html = letter.html_snapshot
    start, end = html.index("<article"), html.index("</article>") + len("</article>")
    long = html[:start] + html[start:end] * 20 + html[end:]
    Letter.objects.filter(pk=letter.pk).update(html_snapshot=long)
    with running_worker(queue=own_queue, pool="prefork") as (worker, _queue):
        letter = wait_for(letter, worker)
    assert letter.render_status == Letter.Render.FAILED
    assert letter.render_error == rendering.TOO_SLOW
    assert not letter.pdf
    page = client.get(reverse("notices:letter_detail", args=[letter.public_id]))
    assert "Making the PDF took too long." in page.content.decode()
