"""Fair use of the reader: files are small, and nobody can keep the workers busy.

Reading a photo takes seconds of CPU (Tesseract), so uploads are counted per person (or, in
the check-up, per browser session) and per address with the letter PDFs' sliding window
(notices/letters/limits.py). The address count is shared by both ways in: a visitor who
starts new sessions is still held by it.
"""

from __future__ import annotations

from notices.letters.limits import wait_for

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2 to 5 MB, a notice PDF far less
MAX_PAGES = 6  # a notice is two to six pages; document.py checks it, with its own copy
MAX_TEXT = 20_000  # characters of pasted text: a whole notice is about 6,000
PER_PERSON = 5  # readings a minute
PER_ADDRESS = 20  # a household or office shares an address


def wait_for_reading(owner: int | str, address: str) -> int:
    """Seconds to wait before this person (a user's id, or a visitor's "visitor:<token>"
    from store.visitor_owner), from this address, may read another notice."""
    who = f"reading:user:{owner}" if isinstance(owner, int) else f"reading:{owner}"
    return max(
        wait_for(who, PER_PERSON),
        wait_for(f"reading:ip:{address}", PER_ADDRESS),
    )
