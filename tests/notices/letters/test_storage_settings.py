"""Where letters' PDFs are kept: MEDIA_ROOT, or another storage named by the environment."""

from __future__ import annotations

import pytest

from tests.test_settings import manage

SHOW = "from django.conf import settings as s; print(s.STORAGES['default'], s.MEDIA_ROOT)"


def test_by_default_pdfs_are_files_under_var_media():
    result = manage("shell", "-c", SHOW, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "'django.core.files.storage.FileSystemStorage'" in result.stdout
    assert result.stdout.strip().endswith("var/media")


def test_another_storage_and_its_options_come_from_the_environment():
    result = manage(
        "shell", "-c", SHOW, DEBUG="true",
        FILE_STORAGE_BACKEND="django.core.files.storage.InMemoryStorage",
        FILE_STORAGE_OPTIONS='{"location": "letters"}',
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "'BACKEND': 'django.core.files.storage.InMemoryStorage'" in result.stdout
    assert "'OPTIONS': {'location': 'letters'}" in result.stdout


@pytest.mark.parametrize("options", ["not json", "[1, 2]"])
def test_storage_options_must_be_a_json_object(options):
    result = manage("check", DEBUG="true", FILE_STORAGE_OPTIONS=options)
    assert result.returncode != 0
    assert "FILE_STORAGE_OPTIONS must be a JSON object" in result.stderr


def test_the_soft_time_limit_must_be_below_the_hard_one():
    result = manage(
        "check", DEBUG="true", LETTER_RENDER_SOFT_SECONDS="40", LETTER_RENDER_HARD_SECONDS="30"
    )
    assert result.returncode != 0
    assert "LETTER_RENDER_SOFT_SECONDS must be above 0 and below the hard limit" in result.stderr
