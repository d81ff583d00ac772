"""Addresses for long lists, worked out once: reverse() a URL with a stand-in id, then put
each row's own id in its place. reverse() walks the URL patterns on every call; a list of
fifty rows with two or three links each would do it a hundred times.

No `register` here: a helper for the tag libraries beside it, not a library of its own.
"""

from __future__ import annotations

from html import escape
from uuid import UUID

from django.urls import reverse

# A valid UUID no real row will have.
STAND_IN = UUID("c14c14c1-4c14-4c14-8c14-000000000000")


def shapes(*names: str) -> list[str]:
    """Each named address (one id argument) with the stand-in id, to be filled in by at()."""
    return [reverse(name, args=[STAND_IN]) for name in names]


def at(shape: str, public_id: UUID) -> str:
    """The address for this row, escaped for HTML."""
    return escape(shape.replace(str(STAND_IN), str(public_id)))
