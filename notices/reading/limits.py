"""Fair use of the reader: files are small, and nobody can keep the workers busy.

Reading a photo takes seconds of CPU (Tesseract), so uploads are counted per person and per
address with the letter PDFs' sliding window (notices/letters/limits.py).
"""

from __future__ import annotations

from notices.letters.limits import wait_for

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2 to 5 MB, a notice PDF far less
MAX_PAGES = 6  # a notice is two to six pages; document.py checks it, with its own copy
MAX_TEXT = 20_000  # characters of pasted text: a whole notice is about 6,000
PER_PERSON = 5  # readings a minute
PER_ADDRESS = 20  # a household or office shares an address


def wait_for_reading(user_id: int, address: str) -> int:
    """Seconds to wait before this person, from this address, may read another notice."""
    return max(
        wait_for(f"reading:user:{user_id}", PER_PERSON),
        wait_for(f"reading:ip:{address}", PER_ADDRESS),
    )
