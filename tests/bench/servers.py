"""The servers under load: gunicorn for the app, gunicorn for the floor, nginx for the ceiling.

gunicorn runs with the options docker-compose.yml gives it (read from that file: preload,
max-requests, timeout, access log), 2 x cores + 1 sync workers, on 127.0.0.1 only. nginx
serves a static copy of a guidance page.
"""

from __future__ import annotations

import http.client
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from tests.bench.environment import OUT_DIR, ROOT, BenchEnv, BenchError, free_port

READY_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0


def compose_gunicorn_options() -> list[str]:
    """The web service's gunicorn options in docker-compose.yml, but its address and workers."""
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["web"]["command"]
    words = shlex.split(command.split("cp14site.wsgi:application", 1)[1].rstrip('"'))
    options: list[str] = []
    while words:
        word = words.pop(0)
        if word in ("--bind", "--workers"):
            words.pop(0)
        else:
            options.append(word)
    return options


def gunicorn_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]


def _wait_ready(server: Server, path: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"{server.name} exited at start; see var/bench/{server.name}.log")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"{server.name} did not answer 200 on {path} within {READY_TIMEOUT:.0f} s")


@contextmanager
def _running(name: str, command: list[str], env: dict[str, str], ready_path: str, port: int):
    log = (OUT_DIR / f"{name}.log").open("wb")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = Server(name, port, process)
    try:
        _wait_ready(server, ready_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def gunicorn(name: str, env: BenchEnv, settings_module: str, ready_path: str):
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "cp14site.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(gunicorn_workers()),
        *compose_gunicorn_options(),
    ]  # fmt: skip
    variables = (
        os.environ
        | env.variables()
        | {
            "DJANGO_SETTINGS_MODULE": settings_module,
            "SITE_URL": f"http://127.0.0.1:{port}",
        }
    )
    return _running(name, command, variables, ready_path, port)


NGINX_CONF = """\
daemon off;
worker_processes auto;
pid {home}/nginx.pid;
error_log {home}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {home}/tmp/body;
    proxy_temp_path {home}/tmp/proxy;
    fastcgi_temp_path {home}/tmp/fastcgi;
    uwsgi_temp_path {home}/tmp/uwsgi;
    scgi_temp_path {home}/tmp/scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
    sendfile on;
    server {{
        listen 127.0.0.1:{port};
        root {home}/html;
    }}
}}
"""


def nginx(page_html: bytes, file_name: str):
    """nginx serving `page_html` as /`file_name`: the ceiling for a guidance page."""
    if not shutil.which("nginx"):
        raise BenchError("nginx is missing: run `make bench`, which installs it")
    home = OUT_DIR / "nginx"
    shutil.rmtree(home, ignore_errors=True)
    (home / "html").mkdir(parents=True)
    (home / "tmp").mkdir()
    (home / "html" / file_name).write_bytes(page_html)
    port = free_port()
    conf = home / "nginx.conf"
    conf.write_text(NGINX_CONF.format(home=home, port=port))
    command = ["nginx", "-p", str(home), "-c", str(conf), "-e", str(home / "error.log")]
    return _running("nginx", command, dict(os.environ), f"/{file_name}", port)


@dataclass(frozen=True)
class Stack:
    app: Server
    floor: Server


@contextmanager
def app_and_floor(env: BenchEnv) -> Iterator[Stack]:
    with ExitStack() as stack:
        app = stack.enter_context(gunicorn("gunicorn-app", env, "cp14site.settings", "/"))
        floor = stack.enter_context(
            gunicorn("gunicorn-floor", env, "tests.bench.settings_floor", "/")
        )
        yield Stack(app, floor)
