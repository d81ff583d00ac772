from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Each test's stored PDFs in a folder of its own, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
