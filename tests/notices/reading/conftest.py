from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.notices.reading import notices


@pytest.fixture(autouse=True)
def reading_dir(settings, tmp_path) -> Path:
    """The shared upload folder, private to each test, so "nothing kept" can be checked."""
    folder = tmp_path / "reading"
    settings.READING_TMP_DIR = str(folder)
    return folder


@cache
def notice_pdf(code: str) -> bytes:
    """Made once per test run: WeasyPrint takes a moment."""
    return notices.pdf(next(n for n in notices.NOTICES if n.code == code))


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []
