"""Settings come from the environment, parse strictly, and fail closed in production.

Each case runs manage.py in a fresh process, because settings are read once at start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "cp14helper.example",
    "SITE_URL": "https://cp14helper.example",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DJANGO_SETTINGS_MODULE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY is not set. Production (DEBUG off) needs a long "
        "random SECRET_KEY; see .env.example."
    ]


def test_development_runs_without_any_settings():
    result = manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["maybe", "2", "tru", "enabled"])
def test_a_boolean_that_is_neither_true_nor_false_is_an_error(value):
    result = manage("check", DEBUG=value)
    assert result.returncode != 0
    assert (
        result.stderr.strip()
        == f"Configuration error: DEBUG must be true or false (got {value!r})."
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_URL", "not a url", "DATABASE_URL is not a database URL we understand"),
        ("EMAIL_PORT", "twenty-five", "EMAIL_PORT must be a whole number"),
        ("SITE_URL", "cp14helper.example", "SITE_URL must look like https://example.org"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR"),
    ],
)
def test_malformed_settings_give_one_line_naming_the_variable(name, value, message):
    env = {"DEBUG": "true", name: value}
    if name == "EMAIL_PORT":
        env["EMAIL_HOST"] = "smtp.example"
    result = manage("check", **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Configuration error: {message}")


def test_deploy_check_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_are_secure_by_default():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_NAME, s.EMAIL_TIMEOUT)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean | PRODUCTION | {"DJANGO_SETTINGS_MODULE": "cp14site.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "False", "True", "True", "True", "31536000", "__Host-sessionid", "10",
    ]  # fmt: skip
