"""Each notice type, read from a PDF and from a photo of it, through the real reading
process (document.py in its limited child). The share of fields read right is printed
for the notes; each notice must get its key details right."""

from __future__ import annotations

import time

import pytest

from notices.reading import sandbox
from notices.reading.review import initial, reading_of, warnings
from tests.notices.reading import notices
from tests.notices.reading.conftest import notice_pdf

CODES = [notice.code for notice in notices.NOTICES]
KEY = ("notice_type", "notice_date", "pay_by", "amount_due", "tax_year")


def _read(tmp_path, data: bytes, name: str) -> tuple[dict[str, str], dict, float]:
    path = tmp_path / name
    path.write_bytes(data)
    started = time.perf_counter()
    result = sandbox.read_in_child(path)
    seconds = time.perf_counter() - started
    assert result["ok"], result
    reading = reading_of(result["text"], method=result["method"], pages=result["pages"])
    values = {name: item.value for name, item in reading.found.items()}
    return values, result, seconds


def _score(values: dict[str, str], expected: dict[str, str]) -> list[str]:
    """The fields read wrong."""
    return [name for name, value in expected.items() if values.get(name) != value]


@pytest.mark.parametrize("code", CODES)
def test_each_notice_type_is_read_right_from_its_pdf(tmp_path, code):
    notice = next(n for n in notices.NOTICES if n.code == code)
    values, result, seconds = _read(tmp_path, notice_pdf(code), "notice.pdf")
    assert result["method"] == "text"
    wrong = _score(values, notices.expected(notice))
    print(f"\n{code} PDF: {13 - len(wrong)}/13 fields right in {seconds:.2f}s; wrong: {wrong}")
    assert not wrong
    assert "123-45-6789" not in result["text"] and "123456789" not in result["text"]


@pytest.mark.parametrize("code", CODES)
def test_each_notice_type_is_read_from_a_poor_photo(tmp_path, code):
    notice = next(n for n in notices.NOTICES if n.code == code)
    photo = notices.photo(notice_pdf(code), tmp_path, seed=CODES.index(code))
    values, result, seconds = _read(tmp_path, photo, "photo.jpg")
    assert result["method"] == "ocr"
    expected = notices.expected(notice)
    wrong = _score(values, expected)
    print(f"\n{code} photo: {13 - len(wrong)}/13 fields right in {seconds:.2f}s; wrong: {wrong}")
    assert not [name for name in KEY if name in wrong]
    assert len(wrong) <= 2
    assert "6789" in result["text"] and "123-45-6789" not in result["text"]


def test_a_scanned_pdf_without_text_is_read_with_ocr(tmp_path):
    """A PDF that is only a picture of the page (a scan): no text layer, so OCR."""
    from PIL import Image

    notice = notices.NOTICES[0]
    photo = notices.photo(notice_pdf(notice.code), tmp_path)
    (tmp_path / "scan.jpg").write_bytes(photo)
    image = Image.open(tmp_path / "scan.jpg")
    image.save(tmp_path / "scan.pdf", format="PDF", resolution=200)
    values, result, _seconds = _read(tmp_path, (tmp_path / "scan.pdf").read_bytes(), "s.pdf")
    assert result["method"] == "ocr"
    assert {name: values.get(name) for name in KEY} == {
        name: notices.expected(notice)[name] for name in KEY
    }


def test_amounts_that_do_not_add_up_are_flagged_in_plain_words(tmp_path):
    text = notices_text("CP14").replace("Interest charges $30.40", "Interest charges $80.40")
    reading = reading_of(text, method="paste")
    problems = warnings(reading, today=_today())
    assert problems["amount_due"] == (
        "The Billing Summary lines add up to $1,536.40, but the amount due reads $1,486.40. "
        "One of them may have been read wrong. Check both against the notice."
    )


def test_impossible_dates_get_the_shared_validators_messages():
    text = notices_text("CP14").replace("Notice date March 4, 2024", "Notice date March 4, 2029")
    problems = warnings(reading_of(text, method="paste"), today=_today())
    assert problems["notice_date"] == "The notice date can't be in the future."


def test_the_form_goes_into_the_nickname_and_no_ssn_into_the_form():
    data = initial(reading_of(notices_text("CP503"), method="paste"))
    assert data["nickname"] == "2021 Form 1040-SR"
    assert "ssn_last_four" not in data and "form" not in data
    assert data["tax_amount"] == "3000.00" and data["penalty_amount"] == "60.00"


def notices_text(code: str) -> str:
    """The text a person would paste: the PDF's own text, SSN and all."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(notice_pdf(code)))
    return "\n".join(page.extract_text() for page in reader.pages)


def _today():
    from datetime import date

    return date(2024, 12, 1)
