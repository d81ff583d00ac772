"""docker-compose.yml cannot run here (no Docker engine), so we check its structure."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

COMPOSE = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text()
)
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def command_of(service: str) -> str:
    command = SERVICES[service]["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_stack_has_every_service():
    assert set(SERVICES) == {"web", "worker", "beat", "db", "redis", "mailpit"}


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_share_one_image_and_environment(service):
    web = SERVICES["web"]
    assert SERVICES[service]["image"] == web["image"]
    assert SERVICES[service]["environment"] == web["environment"]


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_wait_for_a_healthy_database_and_redis(service):
    depends = SERVICES[service]["depends_on"]
    assert depends["db"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_web_runs_gunicorn_with_recycled_workers_and_a_health_check():
    command = command_of("web")
    assert "gunicorn" in command
    assert "--max-requests" in command and "--max-requests-jitter" in command
    assert "/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])


def test_exactly_one_beat_and_no_worker_runs_beat_too():
    commands = {name: command_of(name) for name in SERVICES if "command" in SERVICES[name]}
    assert [name for name, command in commands.items() if "cp14site beat" in command] == ["beat"]
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    for command in commands.values():
        assert " -B" not in command and "--beat" not in command


def test_database_has_a_pg_isready_health_check():
    assert SERVICES["db"]["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(SERVICES["db"]["healthcheck"]["test"])


def test_redis_never_evicts_queued_tasks():
    assert "--maxmemory-policy noeviction" in command_of("redis")
    assert "healthcheck" in SERVICES["redis"]


def test_mail_catcher_is_mailpit_and_the_app_sends_to_it():
    assert SERVICES["mailpit"]["image"].startswith("axllent/mailpit")
    assert SERVICES["web"]["environment"]["EMAIL_HOST"] == "mailpit"
