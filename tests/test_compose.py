"""docker-compose.yml cannot run here (no Docker engine), so we check its structure.

The nginx front's config file runs for real when nginx is installed (`make bench` installs
it): `nginx -t`, then in front of a small stand-in for gunicorn, to see what it keeps.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from tests.bench.environment import free_port

COMPOSE = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "docker-compose.yml").read_text()
)
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def command_of(service: str) -> str:
    command = SERVICES[service]["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_the_stack_has_every_service():
    assert set(SERVICES) == {"nginx", "web", "worker", "beat", "db", "redis", "mailpit"}


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
    assert "--preload" in command  # a recycled worker starts without importing the app again


def test_the_bench_runs_gunicorn_as_compose_does():
    from tests.bench.servers import compose_gunicorn_options

    options = compose_gunicorn_options()
    assert options[: options.index("--timeout")] == [
        "--preload", "--max-requests", "20000", "--max-requests-jitter", "2000"
    ]  # fmt: skip
    assert "--bind" not in options and "--workers" not in options
    assert options[-2:] == ["--access-logfile", "-"]
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


# The nginx front (cp14site/deploy/nginx.conf)

NGINX_CONF = Path(__file__).resolve().parent.parent / "cp14site" / "deploy" / "nginx.conf"


def mounts(service: str) -> dict[str, str]:
    """Where each volume or file is mounted in a service: target -> source (with :ro)."""
    found = {}
    for volume in SERVICES[service].get("volumes", []):
        source, target, *mode = volume.split(":")
        found[target] = source + (":" + mode[0] if mode else "")
    return found


def test_port_8000_goes_to_nginx_and_gunicorn_is_not_published():
    assert SERVICES["nginx"]["ports"] == ["8000:80"]
    assert "ports" not in SERVICES["web"]
    assert "listen 80;" in NGINX_CONF.read_text()
    assert SERVICES["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "/healthz" in " ".join(SERVICES["nginx"]["healthcheck"]["test"])


def test_nginx_runs_the_config_file_from_the_repository():
    assert mounts("nginx")["/etc/nginx/nginx.conf"] == "./cp14site/deploy/nginx.conf:ro"
    assert SERVICES["nginx"]["image"].startswith("nginx:")
    # The upstream is web's gunicorn, on the port web binds.
    assert "server web:8000;" in NGINX_CONF.read_text()
    assert "--bind 0.0.0.0:8000" in command_of("web")


def test_nginx_serves_the_static_files_web_collects():
    from django.conf import settings

    assert mounts("web")["/app/var/static"] == "static"
    assert mounts("nginx")["/srv/static"] == "static:ro"
    assert Path(settings.STATIC_ROOT) == Path(settings.BASE_DIR) / "var" / "static"
    assert "alias /srv/static/;" in NGINX_CONF.read_text()
    command = command_of("web")
    assert command.index("collectstatic --noinput") < command.index("gunicorn")


def test_web_and_worker_share_the_private_files_and_nginx_never_sees_them():
    from cp14site import settings  # the module's own value: tests keep their files in tmp

    assert Path(settings.MEDIA_ROOT) == Path(settings.BASE_DIR) / "var" / "media"
    assert mounts("web")["/app/var/media"] == "media"
    assert mounts("worker")["/app/var/media"] == "media"
    assert "media" not in " ".join(mounts("nginx").values())
    assert {"static", "media"} <= set(COMPOSE["volumes"])


def test_gunicorn_trusts_exactly_the_one_proxy_in_front():
    assert SERVICES["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in NGINX_CONF.read_text()


def test_nginx_skips_its_cache_for_both_session_cookie_names():
    from django.conf import settings

    rule = re.search(r'"~\(\^\|;\)\\s\*\(__Host-\)\?(\w+)="', NGINX_CONF.read_text())
    assert rule, "the $has_session map is missing"
    assert settings.SESSION_COOKIE_NAME in (rule.group(1), f"__Host-{rule.group(1)}")


# On a laptop without nginx these skip; CI installs it (.ci/run) and must run them.
needs_nginx = pytest.mark.skipif(
    not shutil.which("nginx") and os.environ.get("CI", "").lower() != "true",
    reason="nginx is not installed",
)


@needs_nginx
def test_the_nginx_config_passes_nginx_t(tmp_path):
    from tests.bench import proxy

    conf = proxy.write("127.0.0.1:9", free_port(), tmp_path / "static", tmp_path / "nginx")
    done = proxy.check(conf)
    assert done.returncode == 0, done.stderr


class StandIn(BaseHTTPRequestHandler):
    """Answers like Django would for a few kinds of page, and counts what reaches it."""

    seen: ClassVar[list[str]] = []
    HEADERS: ClassVar[dict[str, list[tuple[str, str]]]] = {
        "/public/": [("Cache-Control", "public, max-age=300")],
        "/private/": [("Cache-Control", "private, max-age=300")],
        "/no-store/": [("Cache-Control", "no-store")],
        "/cookie/": [("Cache-Control", "public, max-age=300"), ("Set-Cookie", "a=b; Path=/")],
        "/healthz": [("Cache-Control", "no-store")],
    }

    def do_GET(self) -> None:
        self.seen.append(self.path)
        forwarded = self.headers.get("X-Forwarded-For", "")
        body = f"<p>{self.path} {forwarded}</p>".encode() + b"<!-- padding -->" * 200
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in self.HEADERS.get(self.path, []):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def front(tmp_path):
    """The real config in front of the stand-in; yields a GET function and what arrived."""
    from tests.bench import proxy

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body { color: black; }\n" * 200)
    (static / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    port = free_port()
    conf = proxy.write(f"127.0.0.1:{upstream.server_port}", port, static, tmp_path / "nginx")
    nginx = subprocess.Popen(proxy.command(conf), stderr=subprocess.PIPE)

    def get(path: str, **headers: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response

    deadline = time.monotonic() + 10
    while True:
        try:
            get("/healthz")
            break
        except OSError:
            assert nginx.poll() is None, nginx.stderr.read() if nginx.stderr else ""
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.1)
    StandIn.seen = []
    yield get, StandIn.seen
    nginx.terminate()
    nginx.wait(timeout=10)
    upstream.shutdown()
    upstream.server_close()


@needs_nginx
def test_nginx_keeps_public_pages_and_serves_them_without_gunicorn(front):
    get, seen = front
    first, second = get("/public/"), get("/public/")
    assert first.headers["X-Cache-Status"] == "MISS" and second.headers["X-Cache-Status"] == "HIT"
    assert seen == ["/public/"] and first.body == second.body


@needs_nginx
@pytest.mark.parametrize("path", ["/private/", "/no-store/", "/cookie/"])
def test_nginx_never_keeps_private_pages_or_ones_that_set_a_cookie(front, path):
    get, seen = front
    get(path), get(path)
    assert seen == [path, path]


@needs_nginx
@pytest.mark.parametrize("cookie", ["sessionid=abc", "__Host-sessionid=abc", "x=1; sessionid=a"])
def test_a_request_with_a_session_cookie_never_gets_the_shared_copy(front, cookie):
    get, seen = front
    get("/public/")
    mine = get("/public/", Cookie=cookie)
    assert seen == ["/public/", "/public/"]
    assert mine.headers["X-Cache-Status"] == "BYPASS"
    assert get("/public/", Cookie="csrftoken=x").headers["X-Cache-Status"] != "BYPASS"


@needs_nginx
def test_nginx_compresses_pages_and_passes_the_client_address(front):
    get, _ = front
    page = get("/private/", **{"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert "127.0.0.1" in gzip.decompress(page.body).decode()


@needs_nginx
def test_nginx_serves_static_files_itself_hashed_ones_for_a_year(front):
    get, seen = front
    css = get("/static/css/site.0123456789ab.css", **{"Accept-Encoding": "gzip"})
    assert css.status == 200 and css.headers["Content-Encoding"] == "gzip"
    max_age = re.search(r"max-age=(\d+)", css.headers["Cache-Control"])
    assert max_age and int(max_age.group(1)) >= 31536000
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    icon = get("/static/favicon.svg")
    assert icon.status == 200 and icon.headers["Content-Type"] == "image/svg+xml"
    assert icon.headers["Cache-Control"] == "max-age=300"
    assert get("/static/missing.css").status == 404
    assert seen == []  # none of it reached gunicorn
