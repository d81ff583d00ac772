"""Read my notice: seconds per page and the share of fields read right, on our own fixtures.

    .venv/bin/python -m tests.bench.reading_bench      (also part of `make bench`)
    .venv/bin/python -m tests.bench.reading_bench CP14 1      (one notice type, one round)

Each fixture (tests/notices/reading/notices.py: a notice-like PDF per notice type, and a
fair and a poor phone photo of each) is read ROUNDS times through the real limited child process
(notices/reading/sandbox.py), as the worker does. Figures, never a pass/fail gate.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROUNDS = 3


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run_reading(codes: tuple[str, ...] = (), rounds: int = ROUNDS) -> dict[str, Any]:
    """The table for `make bench`. `codes` picks some notice types (all when empty) and
    `rounds` the reads of each file, for a quick look: `-m tests.bench.reading_bench CP14 1`."""
    from notices.reading import sandbox
    from notices.reading.review import reading_of
    from tests.notices.reading import notices

    per_page: dict[str, list[float]] = {"PDF text": [], "fair photo": [], "poor photo": []}
    right = {kind: [0, 0] for kind in per_page}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for notice in notices.NOTICES:
            if codes and notice.code not in codes:
                continue
            pdf = notices.pdf(notice)
            files = {
                "PDF text": pdf,
                "fair photo": notices.photo(pdf, tmp, camera=notices.FAIR),
                "poor photo": notices.photo(pdf, tmp, camera=notices.POOR),
            }
            expected = notices.expected(notice)
            for kind, data in files.items():
                path = tmp / "upload"
                path.write_bytes(data)
                for round_ in range(rounds):
                    started = time.perf_counter()
                    result = sandbox.read_in_child(path)
                    seconds = time.perf_counter() - started
                    per_page[kind].append(seconds / max(int(result.get("pages", 1)), 1))
                    if round_ == 0:
                        found = {}
                        if result["ok"]:
                            found = reading_of(result["text"], method=kind).found
                        hits = sum(
                            1 for name, value in expected.items()
                            if name in found and found[name].value == value
                        )  # fmt: skip
                        right[kind][0] += hits
                        right[kind][1] += len(expected)
    lines = [
        "read my notice (sandboxed child process, seconds per page; p95 is the figure to watch)",
        f"{'':14}{'p50 s':>8}{'p95 s':>8}  fields right",
    ]
    rows = {}
    for kind, times in per_page.items():
        hits, total = right[kind]
        rows[kind] = {
            "p50_s": statistics.median(times), "p95_s": _p95(times),
            "fields_right": hits, "fields": total, "samples": len(times),
        }  # fmt: skip
        lines.append(
            f"{kind:14}{statistics.median(times):8.2f}{_p95(times):8.2f}  "
            f"{hits}/{total} ({100 * hits / total:.0f}%)"
        )
    return {"rows": rows, "lines": lines}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cp14site.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    args = sys.argv[1:]
    rounds = int(args.pop()) if args and args[-1].isdigit() else ROUNDS
    print("\n".join(run_reading(tuple(args), rounds)["lines"]))
