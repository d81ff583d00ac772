"""The bench's own world: a PostgreSQL database and a Redis database that nothing else uses.

The settings are the production ones (DEBUG off, manifest static files), read from the
environment this module sets before Django starts, with HTTPS off so plain http works on
127.0.0.1. Every server and worker the bench starts gets the same environment.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
OUT_DIR = ROOT / "var" / "bench"
DB_NAME = "cp14_bench"
REDIS_DB = 13
# Names the tests and the app use: the bench must never reset these.
NEVER_TOUCH = {"cp14", "test_cp14", "postgres", "template0", "template1"}


class BenchError(RuntimeError):
    """Something the bench needs is missing; the message says what to do."""


@dataclass(frozen=True)
class BenchEnv:
    server: str  # postgres://user@host:port, without a database name
    redis_base: str  # redis://host:port, without a database number
    secret_key: str

    @property
    def database_url(self) -> str:
        return f"{self.server}/{DB_NAME}"

    @property
    def redis_url(self) -> str:
        return f"{self.redis_base}/{REDIS_DB}"

    def variables(self) -> dict[str, str]:
        """What every bench process runs with (the settings read these)."""
        return {
            "DJANGO_SETTINGS_MODULE": "cp14site.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": self.secret_key,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "LOG_LEVEL": "WARNING",
        }


def bench_env() -> BenchEnv:
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    redis_base = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379").rstrip("/")
    for url in (server, redis_base):
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise BenchError(f"the bench only talks to servers on this machine, not {url}")
    return BenchEnv(server=server, redis_base=redis_base, secret_key=secrets.token_urlsafe(50))


def apply(env: BenchEnv) -> None:
    """Set the variables in this process, before Django reads its settings."""
    os.environ.update(env.variables())
    for name in ("EMAIL_HOST", "SITE_URL", "ALLOWED_HOSTS"):
        os.environ.pop(name, None)


def reset_database(env: BenchEnv) -> None:
    """Drop and create the bench database (never one the app or the tests use)."""
    import psycopg

    if DB_NAME in NEVER_TOUCH:
        raise BenchError(f"refusing to reset {DB_NAME}")
    try:
        with psycopg.connect(f"{env.server}/postgres", autocommit=True, connect_timeout=5) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{DB_NAME}"')
    except psycopg.OperationalError as error:
        raise BenchError(
            f"PostgreSQL is not answering at {env.server} ({error}). "
            "Start it, or set BENCH_POSTGRES."
        ) from None


def reset_redis(env: BenchEnv) -> None:
    import redis

    try:
        redis.Redis.from_url(env.redis_url, socket_connect_timeout=5).flushdb()
    except redis.ConnectionError as error:
        raise BenchError(
            f"Redis is not answering at {env.redis_base} ({error}). Start it, or set BENCH_REDIS."
        ) from None


def prepare_django() -> None:
    """Start Django on the bench database: migrate, then collect the static files."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies over all cores since boot, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields) - idle, sum(fields)


def busy_share(seconds: float = 1.0) -> float:
    """How busy the cores are right now (0 to 1), before the bench adds its own work."""
    busy, total = _cpu_times()
    time.sleep(seconds)
    busy_after, total_after = _cpu_times()
    return (busy_after - busy) / max(total_after - total, 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
