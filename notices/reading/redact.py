"""Social Security numbers leave the text before anything else sees it.

A notice prints the whole number (the payment stub carries it so a payment can be matched,
docs/sources.md "Words printed on a CP14"), and OCR may read it with stray spaces or dots.
We keep only the last four digits, the part a person needs to tell two notices apart. This
runs inside the reading process (notices/reading/document.py), so the full number never
reaches the worker, the cache, the database, a log or a page.

Pure Python, no Django: the reading process imports it on its own.
"""

from __future__ import annotations

import re

# 123-45-6789, 123 45 6789, 123.45.6789 and 123456789: the same separator twice, or none, so a
# ZIP+4 code (12345-6789) and a phone number (800-829-1040) are left alone.
SSN = re.compile(r"(?<![\dA-Za-z])(\d{3})([-. ]?)(\d{2})\2(\d{4})(?![\d])")
# Runs of ten or more digits (the scan line at the foot of a payment stub) may hold the
# number inside them; nothing in them is a detail we read, so they go whole.
LONG_RUN = re.compile(r"\d{10,}")
MASK = "XXX-XX-"
REMOVED = "[number removed]"


def redact(text: str) -> str:
    """`text` with every possible SSN cut to its last four digits."""
    text = LONG_RUN.sub(REMOVED, text)
    return SSN.sub(lambda match: MASK + match.group(4), text)


LAST_FOUR = re.compile(r"XXX-XX-(\d{4})")


def last_four(text: str) -> str | None:
    """The last four digits of the first (masked) number in redacted text, if any."""
    found = LAST_FOUR.search(text)
    return found.group(1) if found else None
