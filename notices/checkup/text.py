"""Lazily translated text, and filling its named placeholders without losing the laziness."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.functional import lazy

if TYPE_CHECKING:  # lazily translated text; django-stubs names the type _StrPromise
    from django.utils.functional import _StrPromise

    Text = str | _StrPromise
else:
    Text = str


def _filled(text: Text, values: Mapping[str, object]) -> str:
    words = str(text)  # translated now, in the language active when it is shown
    return words % values if "%(" in words else words


fill = lazy(_filled, str)
"""`text` with its %(name)s placeholders filled from `values`, translated when shown."""
