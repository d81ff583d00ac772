"""Lazily translated text, and filling its named placeholders without losing the laziness."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.functional import lazy

from notices.irs.figures import figures

if TYPE_CHECKING:  # lazily translated text; django-stubs names the type _StrPromise
    from django.utils.functional import _StrPromise

    Text = str | _StrPromise
else:
    Text = str


def _filled(text: Text, values: Mapping[str, object] | None = None) -> str:
    words = str(text)  # translated now, in the language active when it is shown
    return words % {**figures(), **(values or {})} if "%(" in words else words


fill = lazy(_filled, str)
"""`text` with its %(name)s placeholders filled when shown: every figure from
notices/irs/figures.py, plus `values` (an amount, a number of days)."""
