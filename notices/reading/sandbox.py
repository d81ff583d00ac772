"""Run the reader (document.py) in a child process with hard limits, and trust only its JSON.

Why a child process and not limits on the Celery worker itself: Celery's time limits send a
signal, and C code busy inflating a decompression bomb or drawing a huge page does not stop
for it; an address-space limit set in the worker would stay for every later task and could
make the worker itself fail. The child gets, before it starts (preexec_fn):

- RLIMIT_AS: it can't take more than MEMORY_LIMIT, so a bomb ends in MemoryError or a
  killed child, never in the machine swapping;
- RLIMIT_CPU: a CPU-bound loop is killed by the kernel;
- RLIMIT_FSIZE 0: it can't write a file (pdftoppm and Tesseract write to a pipe);
- RLIMIT_CORE 0: a crash leaves no core dump holding the notice;
- a new session, so on timeout we kill it and whatever it started (pdftoppm, tesseract);
- an empty environment (no SECRET_KEY, no DATABASE_URL) and an empty working folder.

The worker waits at most WALL_SECONDS. Its stderr is thrown away (it may quote the file).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

MEMORY_LIMIT = 512 * 1024 * 1024  # bytes of address space; a photo's OCR needs under 120 MB
CPU_SECONDS = 40
WALL_SECONDS = 45  # under the task's soft limit (tasks.py), so the task can say what went wrong
MAX_OUTPUT = 2_000_000  # bytes of JSON: 6 pages of text are far less
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


def _limits() -> None:
    """Runs in the child between fork and exec."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_in_child(path: Path) -> dict[str, Any]:
    """What document.py made of the file at `path`: {"ok": True, "text": ...} or
    {"ok": False, "error": code}. Never raises for anything the file does."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "PYTHONPATH": str(PROJECT_ROOT),
        "OMP_THREAD_LIMIT": "1",  # Tesseract: one thread, the machine is shared
        "LC_ALL": "C.UTF-8",
    }
    command = [sys.executable, "-s", "-m", "notices.reading.document", str(path)]
    with tempfile.TemporaryDirectory(prefix="cp14-read-") as empty:
        child = subprocess.Popen(  # noqa: S603 (fixed command; the path is ours)
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=empty,
            env=env,
            preexec_fn=_limits,  # noqa: PLW1509 (prefork worker: one thread)
            start_new_session=True,
        )
        try:
            output, _ = child.communicate(timeout=WALL_SECONDS)
        except subprocess.TimeoutExpired:
            _kill(child)
            return {"ok": False, "error": "timeout"}
        finally:
            if child.poll() is None:  # the task itself was stopped meanwhile
                _kill(child)
    return _parse(output, child.returncode)


def _kill(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.communicate()


def _parse(output: bytes, returncode: int) -> dict[str, Any]:
    if returncode == -signal.SIGXCPU or returncode == -signal.SIGKILL:
        return {"ok": False, "error": "timeout"}
    if returncode != 0 or not output or len(output) > MAX_OUTPUT:
        return {"ok": False, "error": "too_big" if returncode < 0 else "unreadable"}
    try:
        result = json.loads(output)
    except ValueError:
        return {"ok": False, "error": "unreadable"}
    if not isinstance(result, dict):
        return {"ok": False, "error": "unreadable"}
    if result.get("ok") is True and isinstance(result.get("text"), str):
        return result
    return {"ok": False, "error": str(result.get("error", "unreadable"))[:40]}
