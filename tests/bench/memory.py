"""Resident memory from /proc (Linux): of this process, and of a process and its children."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

PROC = Path("/proc")


def _status_kib(pid: int | str, field: str) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def rss_mib(pid: int | str = "self") -> float:
    return _status_kib(pid, "VmRSS") / 1024


def peak_mib(pid: int | str = "self") -> float:
    return _status_kib(pid, "VmHWM") / 1024


def reset_peak() -> None:
    """Start VmHWM again from the current RSS (writing 5 to clear_refs; Linux 4.0+)."""
    with contextlib.suppress(OSError):
        (PROC / "self" / "clear_refs").write_text("5")


def _parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                # The command name in field 2 may hold spaces; the parent comes after its ")".
                after_name = (entry / "stat").read_text().rsplit(")", 1)[1]
                parents[int(entry.name)] = int(after_name.split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return parents


def tree(root: int) -> list[int]:
    """`root` and every process below it."""
    parents = _parents()
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


class TreeSampler:
    """Samples the summed RSS of a process tree in a thread and keeps the highest."""

    def __init__(self, root: int, every: float = 0.25) -> None:
        self.root, self.every = root, every
        self.peak_mib, self.processes = 0.0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            pids = tree(self.root)
            total = sum(rss_mib(pid) for pid in pids)
            if total > self.peak_mib:
                self.peak_mib, self.processes = total, len(pids)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
