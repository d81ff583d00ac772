"""Helpers for the letter tests: make letters the way a person does, read PDFs back.

PDFs are read back with poppler's pdftotext and pdffonts. In CI (CI=true) a missing
poppler-utils fails the run; on a laptop the PDF tests skip with a loud reason instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from notices import tasks
from notices.models import Letter
from tests.factories import LETTER_ANSWERS, LETTER_SENDER, make_payment

# The address on the payment stub, apart from the one for letters (Kansas City).
PAYMENT_ADDRESS = "Internal Revenue Service\nP.O. Box 931000\nLouisville, KY 40293-1000"
# Marks pdftotext puts around right-to-left runs.
BIDI_CONTROLS = dict.fromkeys(range(0x202A, 0x202F)) | dict.fromkeys(range(0x2066, 0x206A))


# Reading PDFs back

CHECKLIST_LABEL = "For you, not the IRS: keep this page"


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    message = f"{tool} (Debian package poppler-utils) is not installed: PDF TESTS NOT RUN"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " and CI must run them.")
    pytest.skip(message + ". Install poppler-utils to run them.")


def pdf_text(pdf: bytes, *args: str) -> str:
    tool = _poppler("pdftotext")
    result = subprocess.run(
        [tool, "-enc", "UTF-8", *args, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[str]:
    tool = _poppler("pdffonts")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    lines = subprocess.run([tool, str(path)], capture_output=True, check=True, text=True)
    return [line.split()[0] for line in lines.stdout.splitlines()[2:]]


def pages(pdf: bytes) -> list[str]:
    """The PDF's pages as text, in order."""
    return [page for page in pdf_text(pdf).split("\f") if page.strip()]


def irs_pages(pdf: bytes) -> list[str]:
    """The pages that are mailed: everything before the checklist."""
    return [page for page in pages(pdf) if CHECKLIST_LABEL not in page]


def flat(text: str) -> str:
    """Text with each run of whitespace as one space: sentences wrap across lines."""
    return " ".join(text.translate(BIDI_CONTROLS).split())


def squeeze(text: str) -> str:
    """Text without whitespace or bidi marks: line wrapping must not hide a match."""
    return re.sub(r"\s+", "", text.translate(BIDI_CONTROLS))


# Making letters the way a user does


def post_data(kind: str, case, **overrides) -> dict:
    data = LETTER_SENDER | LETTER_ANSWERS[kind]
    if kind == "payment_trace":
        payments = list(case.payments.all()) or [make_payment(case)]
        data["payments"] = [str(p.public_id) for p in payments]
    return data | overrides


def create_url(case, kind: str) -> str:
    return reverse("notices:letter_create", kwargs={"public_id": case.public_id, "kind": kind})


def make_letter(client, case, kind: str = "dispute", **overrides) -> Letter:
    response = client.post(create_url(case, kind), post_data(kind, case, **overrides))
    assert response.status_code == 302, response.context["form"].errors
    letter = Letter.objects.get(public_id=response.url.rstrip("/").split("/")[-1])
    assert response.url == reverse("notices:letter_detail", kwargs={"letter_id": letter.public_id})
    return letter


def render(letter: Letter) -> Letter:
    """Make the letter's PDF the way the worker does, here in the test process."""
    tasks.render_letter.apply(args=[letter.pk])
    letter.refresh_from_db()
    return letter


def download(client, letter: Letter) -> bytes:
    """The stored PDF, made first if the (absent) worker has not made it yet."""
    render(letter)
    response = client.get(reverse("notices:letter_pdf", kwargs={"letter_id": letter.public_id}))
    assert response.status_code == 200
    return response.content
