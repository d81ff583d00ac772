"""Text from an uploaded notice, run as its own limited process (see sandbox.py).

    python -m notices.reading.document <file>

prints one JSON object: {"ok": true, "text": ..., "pages": n, "method": "text" | "ocr"} or
{"ok": false, "error": <code>}. The text has already lost every Social Security number but
its last four digits (redact.py), so nothing outside this process ever holds the full one.

Why a process of its own: a PDF or an image is made by whoever sent it. Parsing runs C code
(zlib, Pillow's decoders, poppler, Tesseract) that a signal can't interrupt and that can be
made to eat memory; here a crash, a runaway or a memory bomb ends this process alone, under
the address-space, CPU and file-size limits its parent set. No Django, no settings, no
database: the process holds nothing worth stealing.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

from notices.reading.redact import redact

MAX_PAGES = 6
# A phone photo is 12 megapixels; 48 MP sensors save 12 MP by default. A larger image is
# refused before it is decoded (Pillow reads only the header to know the size).
MAX_PIXELS = 50_000_000
OCR_LONGEST_SIDE = 3000  # about 300 dpi for a letter page: enough for Tesseract
OCR_SMALLEST_SIDE = 2200  # a smaller photo is enlarged to about 200 dpi
MAX_TEXT = 100_000  # characters kept: six pages of a notice are far fewer
MIN_TEXT = 40  # fewer letters than this on every page: a scan, so read it with OCR
OCR_LANGUAGES = "eng"
STEP_TIMEOUT = 30  # seconds for one pdftoppm or tesseract run; the parent's limit is firmer

PDF, JPEG, PNG = "pdf", "jpeg", "png"


def sniff(head: bytes) -> str | None:
    """The kind of file by its first bytes, never by its name or the browser's word."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


class Unreadable(Exception):
    """The file can't be read; `code` says why, in a word the page turns into a message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def read(path: str) -> dict[str, Any]:
    with open(path, "rb") as file:
        kind = sniff(file.read(8))
    if kind is None:
        raise Unreadable("not_supported")
    if kind == PDF:
        pages, text, method = _read_pdf(path)
    else:
        pages, text, method = 1, _ocr(_image_for_ocr(path)), "ocr"
    text = redact(text[:MAX_TEXT])
    if len("".join(text.split())) < MIN_TEXT:
        raise Unreadable("no_text")
    return {"ok": True, "text": text, "pages": pages, "method": method}


def _read_pdf(path: str) -> tuple[int, str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise Unreadable("encrypted")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise Unreadable("too_many_pages")
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, RecursionError, ValueError, KeyError, TypeError, AttributeError):
        raise Unreadable("unreadable") from None
    text = "\n".join(texts)
    if len("".join(text.split())) >= MIN_TEXT:
        return count, text, "text"
    # A scan: no text layer. Draw each page as a grey image and read it with Tesseract.
    return count, "\n".join(_ocr(_pdf_page(path, number)) for number in range(1, count + 1)), "ocr"


def _opens_without_password(reader: Any) -> bool:
    """Many PDFs are encrypted with an empty password only to stop editing; those open."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a missing AES library, a broken encryption dictionary
        return False


def _pdf_page(path: str, number: int) -> bytes:
    """Page `number` drawn by poppler as a PGM image, never larger than the OCR needs."""
    scale = str(OCR_LONGEST_SIDE)
    command = ["pdftoppm", "-gray", "-r", "300", "-scale-to", scale, "-f", str(number)]
    command += ["-l", str(number), "-singlefile", path]
    return _run(command)


def _image_for_ocr(path: str) -> bytes:
    """A photo made ready for OCR: upright, grey, no larger than needed, contrast stretched."""
    from PIL import Image, ImageFilter, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path, formats=["JPEG", "PNG"]) as image:
            if image.width * image.height > MAX_PIXELS:
                raise Unreadable("image_too_big")
            image.draft("L", (OCR_LONGEST_SIDE, OCR_LONGEST_SIDE))  # JPEG: decode smaller
            picture = ImageOps.exif_transpose(image).convert("L")
    except Image.DecompressionBombError:
        raise Unreadable("image_too_big") from None
    except (OSError, ValueError, SyntaxError):  # truncated or malformed
        raise Unreadable("unreadable") from None
    picture.thumbnail((OCR_LONGEST_SIDE, OCR_LONGEST_SIDE))
    if max(picture.size) < OCR_SMALLEST_SIDE:  # a small photo: Tesseract reads larger letters
        scale = OCR_SMALLEST_SIDE / max(picture.size)
        size = (round(picture.width * scale), round(picture.height * scale))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    picture = picture.filter(ImageFilter.MedianFilter(3))  # phone-camera speckle
    picture = ImageOps.autocontrast(picture, cutoff=1)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _ocr(image: bytes) -> str:
    return _run(["tesseract", "stdin", "stdout", "-l", OCR_LANGUAGES, "--psm", "3"], image).decode(
        "utf-8", "replace"
    )


def _run(command: list[str], data: bytes = b"") -> bytes:
    """A helper program's output; it inherits this process's limits. Its messages are
    dropped: they may quote the file."""
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=STEP_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise Unreadable("timeout") from None
    except OSError:
        raise Unreadable("no_reader") from None
    if done.returncode != 0:
        raise Unreadable("unreadable")
    return done.stdout


def main(argv: list[str]) -> int:
    try:
        result = read(argv[1])
    except Unreadable as problem:
        result = {"ok": False, "error": problem.code}
    except MemoryError:
        result = {"ok": False, "error": "too_big"}
    except Exception:  # anything else a hostile file finds: say so, quote nothing
        result = {"ok": False, "error": "unreadable"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
