"""Letters made once: the PDF is rendered in the background, kept, and served from storage.

The worker's render runs here in the test process (the `eager` fixture, with the on-commit
callbacks run); tests/notices/letters/test_letter_worker.py runs it in a real worker.
"""

from __future__ import annotations

import time
from datetime import UTC

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.urls import reverse

from notices import tasks
from notices.letters import documents, limits, printing, rendering
from notices.models import Letter
from tests.factories import make_case
from tests.factories import make_letter as freeze_letter
from tests.helpers import h1_count
from tests.notices.letters.letters_helpers import create_url, make_letter, post_data, render

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
# Nested this deep, the snapshot makes WeasyPrint give up (a RecursionError): a real failure.
BROKEN_SNAPSHOT = "<!doctype html><html lang='en'><body>" + "<div>" * 5000 + "x</body></html>"


def url(name: str, letter: Letter) -> str:
    return reverse(f"notices:{name}", args=[letter.public_id])


def body(response) -> bytes:
    return response.content


def page(client, letter: Letter) -> str:
    response = client.get(url("letter_detail", letter))
    assert response.status_code == 200
    return response.content.decode()


# Made once, in the background


def test_creating_a_letter_answers_at_once_and_queues_the_render(
    alice_client, case, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = alice_client.post(create_url(case, "dispute"), post_data("dispute", case))
    assert response.status_code == 302
    letter = Letter.objects.get()
    # The request made no PDF: the letter waits, with nothing stored yet.
    assert letter.render_status == Letter.Render.WAITING and not letter.pdf
    assert not default_storage.exists("letters")
    assert len(queued) == 1
    html = page(alice_client, letter)
    assert "We are making your PDF" in html
    assert url("letter_pdf", letter) not in html

    queued[0]()  # the transaction committed: the message goes out (here: runs at once)
    letter.refresh_from_db()
    assert letter.render_status == Letter.Render.READY and letter.rendered_at is not None
    assert letter.pdf.name.startswith("letters/") and letter.pdf.name.endswith(".pdf")
    assert default_storage.exists(letter.pdf.name)


def test_while_waiting_the_page_polls_with_htmx_and_offers_check_again_without_it(
    alice_client, case
):
    letter = make_letter(alice_client, case)
    html = page(alice_client, letter)
    assert h1_count(html) == 1
    assert f'hx-get="{url("letter_status", letter)}"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'http-equiv="refresh"' not in html  # no timed reload (WCAG 2.2.1, F41)
    assert f'<a href="{url("letter_detail", letter)}">Check again</a>' in html
    assert 'aria-live="polite"' in html
    # Until it is ready, the download link leads back to this page.
    response = alice_client.get(url("letter_pdf", letter))
    assert response.status_code == 302 and response.url == url("letter_detail", letter)


def test_the_status_fragment_changes_nothing_until_the_pdf_is_ready(alice_client, case):
    letter = make_letter(alice_client, case)
    assert alice_client.get(url("letter_status", letter), **HTMX).status_code == 204
    render(letter)
    response = alice_client.get(url("letter_status", letter), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your PDF is ready." in html and url("letter_pdf", letter) in html
    assert "hx-trigger" not in html  # polling stops
    assert "<html" not in html and "<h1" not in html  # a fragment, not a page
    # Without htmx, the status address is the letter's page.
    plain = alice_client.get(url("letter_status", letter))
    assert plain.status_code == 302 and plain.url == url("letter_detail", letter)


def test_a_ready_letter_downloads_the_stored_file_with_the_same_bytes_each_time(
    alice_client, case, alice
):
    letter = render(make_letter(alice_client, case, "payment_trace"))
    with letter.pdf.open("rb") as stored:
        kept = stored.read()
    first = alice_client.get(url("letter_pdf", letter))
    second = alice_client.get(url("letter_pdf", letter))
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == (
        f'attachment; filename="{documents.pdf_filename(letter)}"'
    )
    assert "no-store" in first["Cache-Control"]
    assert body(first) == body(second) == kept
    assert kept.startswith(b"%PDF-1.7")
    html = page(alice_client, letter)
    assert "Your PDF is ready." in html and "hx-trigger" not in html and "Check again" not in html


def test_the_same_letter_renders_to_the_same_bytes(alice_client, case):
    letter = make_letter(alice_client, case)
    first = printing.render_letter_pdf(letter)
    assert printing.render_letter_pdf(letter) == first
    # The dates inside are the letter's own, not the clock's.
    stamp = letter.created_at.astimezone(UTC).strftime("D:%Y%m%d%H%M%S").encode()
    plain = printing.render_letter_pdf(letter, uncompressed=True)
    assert b"/CreationDate (" + stamp in plain and b"/ModDate (" + stamp in plain
    assert b"/ID [" in plain and printing.pdf_identifier(letter) in plain


def test_a_file_lost_from_storage_is_made_again_byte_for_byte(
    alice_client, case, eager, django_capture_on_commit_callbacks
):
    letter = render(make_letter(alice_client, case))
    kept = body(alice_client.get(url("letter_pdf", letter)))
    default_storage.delete(letter.pdf.name)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.get(url("letter_pdf", letter))
    assert response.status_code == 302 and response.url == url("letter_detail", letter)
    letter.refresh_from_db()
    assert letter.render_status == Letter.Render.READY
    assert body(alice_client.get(url("letter_pdf", letter))) == kept


# Failures, and trying again


def test_a_render_that_fails_says_so_and_try_again_makes_it(
    alice_client, case, eager, django_capture_on_commit_callbacks
):
    letter = make_letter(alice_client, case)
    good = letter.html_snapshot
    Letter.objects.filter(pk=letter.pk).update(html_snapshot=BROKEN_SNAPSHOT)
    assert render(letter).render_status == Letter.Render.FAILED
    assert letter.render_error == rendering.WENT_WRONG and not letter.pdf
    assert int(cache.get(limits.RENDERING_KEY, 0)) == 0  # its place given back

    html = page(alice_client, letter)
    assert "We could not make the PDF." in html
    assert "Something went wrong on our side while making the PDF." in html
    assert "nothing is lost" in html
    assert f'action="{url("letter_retry", letter)}"' in html and "csrfmiddlewaretoken" in html
    assert "hx-trigger" not in html and url("letter_pdf", letter) not in html

    # Whatever broke is mended (here: the snapshot put back); "Try again" makes the PDF.
    Letter.objects.filter(pk=letter.pk).update(html_snapshot=good)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url("letter_retry", letter))
    assert response.status_code == 302 and response.url == url("letter_detail", letter)
    letter.refresh_from_db()
    assert letter.render_status == Letter.Render.READY and letter.render_error == ""
    assert body(alice_client.get(url("letter_pdf", letter))).startswith(b"%PDF")


def test_try_again_is_post_only_and_rate_limited(alice_client, case):
    letter = make_letter(alice_client, case)
    assert alice_client.get(url("letter_retry", letter)).status_code == 405
    for _ in range(limits.PER_PERSON - 1):  # making the letter was the first PDF
        assert alice_client.post(url("letter_retry", letter)).status_code == 302
    response = alice_client.post(url("letter_retry", letter))
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert "Please wait a minute" in response.content.decode()


def test_try_again_on_a_letter_that_did_not_fail_changes_nothing(alice_client, case):
    letter = render(make_letter(alice_client, case))
    alice_client.post(url("letter_retry", letter))
    letter.refresh_from_db()
    assert letter.render_status == Letter.Render.READY


# Letters that got stuck, and letters from before PDFs were kept


def test_a_letter_from_before_stored_pdfs_is_made_on_its_first_view(
    alice_client, case, eager, django_capture_on_commit_callbacks
):
    old = freeze_letter(case)  # frozen, waiting, never queued
    assert old.render_status == Letter.Render.WAITING and not old.pdf
    with django_capture_on_commit_callbacks(execute=True):
        page(alice_client, old)
    old.refresh_from_db()
    assert old.render_status == Letter.Render.READY
    assert body(alice_client.get(url("letter_pdf", old))).startswith(b"%PDF")


def test_a_letter_lost_on_the_way_is_queued_again_when_its_status_is_asked(
    alice_client, case, eager, django_capture_on_commit_callbacks
):
    letter = make_letter(alice_client, case)
    key = rendering._note_key(letter.pk)
    cache.set(key, (time.time() - 5, 1))  # queued just now: leave it alone
    with django_capture_on_commit_callbacks(execute=True):
        assert alice_client.get(url("letter_status", letter), **HTMX).status_code == 204
    letter.refresh_from_db()
    assert letter.render_status == Letter.Render.WAITING
    # Queued longer ago than the hard time limit and the margin: the message was lost.
    cache.set(key, (time.time() - rendering.stuck_after() - 1, 1))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert alice_client.get(url("letter_status", letter), **HTMX).status_code == 204
    assert len(queued) == 1
    response = alice_client.get(url("letter_status", letter), **HTMX)  # the next poll
    assert response.status_code == 200 and "Your PDF is ready." in response.content.decode()


def test_a_letter_that_never_finishes_is_marked_failed_after_a_few_tries(alice_client, case):
    letter = make_letter(alice_client, case)
    cache.set(
        rendering._note_key(letter.pk),
        (time.time() - rendering.stuck_after() - 1, rendering.MAX_TRIES),
    )
    response = alice_client.get(url("letter_status", letter), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Making the PDF took too long." in html and "Try again" in html


# The site-wide cap on renders at once now guards the worker


def test_a_worker_with_no_free_place_leaves_the_letter_waiting_for_later(alice_client, case):
    letter = make_letter(alice_client, case)
    cache.set(limits.RENDERING_KEY, limits.MAX_RENDERING, timeout=limits.RENDERING_TTL)
    with pytest.raises(rendering.Busy):
        rendering.render(letter.pk)
    letter.refresh_from_db()
    assert letter.render_status == Letter.Render.WAITING and not letter.pdf
    assert cache.get(limits.RENDERING_KEY) == limits.MAX_RENDERING  # its place given back
    cache.decr(limits.RENDERING_KEY)  # one render finishes
    assert rendering.render(letter.pk) == Letter.Render.READY
    assert cache.get(limits.RENDERING_KEY) == limits.MAX_RENDERING - 1


def test_the_task_does_nothing_for_a_letter_already_made(alice_client, case):
    letter = render(make_letter(alice_client, case))
    name, made_at = letter.pdf.name, letter.rendered_at
    assert tasks.render_letter.apply(args=[letter.pk]).get() == Letter.Render.READY
    letter.refresh_from_db()
    assert (letter.pdf.name, letter.rendered_at) == (name, made_at)
    assert tasks.render_letter.apply(args=[10**9]).get() == "gone"


# Owners only


def test_other_people_get_404_on_status_try_again_download_and_mailed(
    alice_client, outsider_client, case
):
    letter = render(make_letter(alice_client, case))
    assert outsider_client.get(url("letter_status", letter), **HTMX).status_code == 404
    assert outsider_client.get(url("letter_status", letter)).status_code == 404
    assert outsider_client.post(url("letter_retry", letter)).status_code == 404
    assert outsider_client.get(url("letter_pdf", letter)).status_code == 404
    response = outsider_client.post(url("letter_mailed", letter), {"mailed_on": "2025-03-20"})
    assert response.status_code == 404
    letter.refresh_from_db()
    assert letter.mailed_on is None


def test_a_failed_letter_on_the_case_page_says_so(alice_client, alice):
    case = make_case(alice)
    letter = make_letter(alice_client, case)
    Letter.objects.filter(pk=letter.pk).update(render_status=Letter.Render.FAILED)
    html = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content
    assert b"The PDF could not be made: open the letter to try again" in html
    assert url("letter_pdf", letter).encode() not in html


def test_deleting_the_case_deletes_its_stored_pdfs(
    alice_client, case, django_capture_on_commit_callbacks
):
    letter = render(make_letter(alice_client, case))
    other = render(make_letter(alice_client, make_case(case.owner)))
    assert default_storage.exists(letter.pdf.name)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("notices:case_delete", args=[case.public_id]))
    assert response.status_code == 302
    assert not Letter.objects.filter(pk=letter.pk).exists()
    assert not default_storage.exists(letter.pdf.name)
    assert default_storage.exists(other.pdf.name)  # another case's letter stays
