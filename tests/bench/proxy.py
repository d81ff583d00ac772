"""The production nginx config (cp14site/deploy/nginx.conf), run outside Docker.

The bench and tests/test_compose.py use the very file docker-compose.yml mounts. Only four
things differ on this machine, and each is swapped by its exact text, so a change to the
file that drops one of them fails loudly instead of testing something else:
the upstream (`server web:8000;`), the port (`listen 80;`), the static folder
(`/srv/static/`) and the folder for the page cache and temporary files (`/var/cache/nginx`).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from contextlib import AbstractContextManager
from pathlib import Path

from tests.bench.environment import ROOT, BenchError

CONFIG = ROOT / "cp14site" / "deploy" / "nginx.conf"
UPSTREAM = "server web:8000;"
LISTEN = "listen 80;"
STATIC = "alias /srv/static/;"
CACHE_DIR = "/var/cache/nginx"


def render(upstream: str, port: int, static_root: Path, home: Path) -> str:
    """The config with this machine's upstream, port and folders in place of compose's."""
    text = CONFIG.read_text()
    for needle in (UPSTREAM, LISTEN, STATIC, CACHE_DIR):
        if needle not in text:
            raise BenchError(f"{CONFIG.relative_to(ROOT)} no longer has {needle!r}")
    return (
        text.replace(UPSTREAM, f"server {upstream};")
        .replace(LISTEN, f"listen 127.0.0.1:{port};")
        .replace(STATIC, f"alias {static_root.as_posix().rstrip('/')}/;")
        .replace(CACHE_DIR, (home / "cache").as_posix())
    )


def write(upstream: str, port: int, static_root: Path, home: Path) -> Path:
    """Write the rendered config and the folders it needs under `home`; return its path."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "cache").mkdir(parents=True)
    conf = home / "nginx.conf"
    conf.write_text(render(upstream, port, static_root, home))
    return conf


def command(conf: Path) -> list[str]:
    """nginx in the foreground with its pid file next to the config.

    Started by root (as `make bench` may be), nginx's workers would switch to "nobody" and
    could not read files in the caller's private folders; they stay the caller instead.
    """
    home = conf.parent
    user = f" user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    return [
        "nginx", "-p", str(home), "-c", str(conf), "-e", "stderr",
        "-g", f"daemon off; pid {home / 'nginx.pid'};{user}",
    ]  # fmt: skip


def check(conf: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on the rendered config: its syntax, modules and paths."""
    return subprocess.run([*command(conf), "-t"], capture_output=True, text=True, timeout=30)


def run(upstream: str, static_root: Path, home: Path) -> AbstractContextManager:
    """The production front on a free port, proxying to `upstream` (host:port)."""
    from tests.bench.environment import free_port
    from tests.bench.servers import _running

    if not shutil.which("nginx"):
        raise BenchError("nginx is missing: run `make bench`, which installs it")
    port = free_port()
    conf = write(upstream, port, static_root, home)
    return _running("nginx-front", command(conf), dict(os.environ), "/healthz", port)
