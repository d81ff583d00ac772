"""Hostile files: each ends in a plain message within the time limits, the worker survives,
nothing is kept, and nothing from the machine is read."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notices.reading import sandbox
from tests.notices.reading import hostile
from tests.notices.reading.conftest import leftovers, notice_pdf

START = reverse("notices:read_start")

# name, the file, the reader's answer (None: it reads, the extras are ignored)
CASES = [
    ("deep nesting", hostile.deep_nesting, "unreadable"),
    ("page tree loop", hostile.page_tree_loop, "unreadable"),
    ("decompression bomb", hostile.decompression_bomb, None),
    ("external file", hostile.external_file, "unreadable"),
    ("huge page", hostile.huge_page, "unreadable"),
    ("seven pages", hostile.seven_pages, "too_many_pages"),
    ("truncated", lambda: hostile.truncated(notice_pdf("CP14")), None),
    ("javascript", lambda: hostile.with_javascript(notice_pdf("CP14")), "ok"),
    ("attachment", lambda: hostile.with_attachment(notice_pdf("CP14")), "ok"),
    ("encrypted", lambda: hostile.encrypted(notice_pdf("CP14")), "encrypted"),
    ("huge png", hostile.huge_png, "image_too_big"),
    ("huge jpeg", hostile.huge_jpeg, "image_too_big"),
    ("garbage jpeg", hostile.garbage_jpeg, "unreadable"),
    ("executable named .pdf", hostile.executable_named_pdf, "not_supported"),
]


@pytest.mark.parametrize(("name", "make", "answer"), CASES, ids=[case[0] for case in CASES])
def test_a_hostile_file_gets_a_plain_answer_in_time(tmp_path, name, make, answer):
    path = tmp_path / "upload"
    path.write_bytes(make())
    started = time.perf_counter()
    result = sandbox.read_in_child(path)
    assert time.perf_counter() - started < sandbox.WALL_SECONDS + 5
    if answer == "ok":
        assert result["ok"] and "Billing Summary" in result["text"]
        assert hostile.SECRET.decode() not in result["text"]
    elif answer is not None:
        assert result == {"ok": False, "error": answer}
    else:  # a bomb may be refused as too big or read as empty; either way, an answer
        assert result["ok"] is False and result["error"] in {
            "too_big", "unreadable", "no_text", "timeout"
        }  # fmt: skip
    assert "root:" not in str(result)  # /etc/passwd was never read


@pytest.mark.parametrize(("name", "make", "answer"), CASES, ids=[case[0] for case in CASES])
def test_a_hostile_upload_leaves_nothing_behind(
    alice_client, eager, reading_dir, name, make, answer
):
    kind = "image/png" if "png" in name else "application/pdf"
    upload = SimpleUploadedFile("notice.pdf", make(), kind)
    response = alice_client.post(START, {"notice_file": upload})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        page = alice_client.get(response["Location"], follow=True).content.decode()
        assert ("We couldn't read your notice" in page) or ("Check what we read" in page)
    else:
        assert "We can read a PDF, a JPEG photo or a PNG picture" in response.content.decode()
    assert leftovers(reading_dir) == []


def test_a_reading_that_runs_too_long_is_stopped_with_its_helpers(tmp_path, monkeypatch):
    from tests.notices.reading import notices

    path = tmp_path / "photo.jpg"
    path.write_bytes(notices.photo(notice_pdf("CP14"), tmp_path))
    monkeypatch.setattr(sandbox, "WALL_SECONDS", 0.3)
    started = time.perf_counter()
    assert sandbox.read_in_child(path) == {"ok": False, "error": "timeout"}
    assert time.perf_counter() - started < 3


def test_the_reader_cannot_take_more_memory_than_its_limit(tmp_path, monkeypatch):
    """The cap is real: a photo that reads under the usual cap fails under a cap too small
    for Tesseract, and the worker (this process) carries on."""
    from tests.notices.reading import notices

    path = tmp_path / "photo.jpg"
    path.write_bytes(notices.photo(notice_pdf("CP14"), tmp_path))
    assert sandbox.read_in_child(path)["ok"] is True
    monkeypatch.setattr(sandbox, "MEMORY_LIMIT", 60 * 1024 * 1024)
    assert sandbox.read_in_child(path)["ok"] is False
