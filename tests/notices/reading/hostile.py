"""Files made to hurt a reader: each one must end in a plain message, never a hang, a crash,
a file left behind or a local file read."""

from __future__ import annotations

import io
import struct
import zlib
from functools import cache

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

SECRET = b"attachment-secret-words"


def _raw_pdf(page_extra: bytes = b"", contents: bytes = b"", content_dict: bytes = b"") -> bytes:
    """A one-page PDF written by hand, without a cross-reference table (readers rebuild it)."""
    return b"".join([
        b"%PDF-1.4\n",
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ",
        page_extra, b">> endobj\n",
        b"4 0 obj << /Length ", str(len(contents)).encode(), b" ", content_dict, b">> stream\n",
        contents, b"\nendstream endobj\n",
        b"trailer << /Root 1 0 R >>\n%%EOF\n",
    ])  # fmt: skip


def deep_nesting() -> bytes:
    depth = 60_000
    return _raw_pdf(page_extra=b"/Resources << /X " + b"[" * depth + b"]" * depth + b" >> ")


def page_tree_loop() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
        b"3 0 obj << /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


@cache
def decompression_bomb() -> bytes:
    """A content stream of 200 KB that inflates to 200 MB."""
    squeeze = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    data = b"".join(squeeze.compress(block) for _ in range(200)) + squeeze.flush()
    return _raw_pdf(contents=data, content_dict=b"/Filter /FlateDecode ")


def external_file() -> bytes:
    """A stream whose data is asked to come from a file on the reader's machine."""
    return _raw_pdf(content_dict=b"/F (/etc/passwd) ") + b""


def huge_page() -> bytes:
    return _raw_pdf().replace(b"[0 0 612 792]", b"[0 0 14400 14400] /UserUnit 75000")


def truncated(pdf: bytes) -> bytes:
    return pdf[: len(pdf) // 3]


def with_javascript(pdf: bytes) -> bytes:
    """JavaScript run when the document opens (pypdf 7 has no add_js: written by hand)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    action = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.launchURL('file:///etc/passwd'); app.alert(1);"),
    })  # fmt: skip
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def with_attachment(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment("secret.txt", SECRET)
    return _written(writer)


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="open-sesame", algorithm="RC4-128")
    return _written(writer)


def seven_pages() -> bytes:
    writer = PdfWriter()
    for _ in range(7):
        writer.add_blank_page(612, 792)
    return _written(writer)


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def huge_png() -> bytes:
    """A PNG that says it is 100,000 pixels square (10 gigapixels), in a few bytes."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _png_chunk(b"IEND", b"")
    )


def huge_jpeg() -> bytes:
    """A real small JPEG whose frame header claims 60,000 by 60,000 pixels."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (16, 16), 255).save(out, format="JPEG")
    data = bytearray(out.getvalue())
    at = data.index(b"\xff\xc0") + 5  # SOF0: length (2), precision (1), then height, width
    data[at : at + 4] = struct.pack(">HH", 60_000, 60_000)
    return bytes(data)


def garbage_jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40


def executable_named_pdf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 500
