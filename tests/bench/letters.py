"""The letter benchmark lives in tests/bench/bench_letters.py; this runs it and keeps its output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

from tests.bench.environment import ROOT, BenchEnv

SCRIPT = ROOT / "tests" / "bench" / "bench_letters.py"
TIME_LIMIT = 300
# "dispute letter      131.2     150.3     1.95     41234": name, median, p95, x floor, bytes
NUMBER = r"\s+([\d.]+)"
ROW = re.compile(rf"^(?P<name>\S.*?){NUMBER}{NUMBER}{NUMBER}\s+(\d+)")


def run_letters(env: BenchEnv) -> dict[str, Any]:
    if not SCRIPT.exists():
        return {"available": False, "lines": ["letters: tests/bench/bench_letters.py is missing"]}
    variables = os.environ | env.variables() | {"DJANGO_SETTINGS_MODULE": "cp14site.settings_test"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.bench_letters"],
            cwd=ROOT, env=variables, capture_output=True, text=True, timeout=TIME_LIMIT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"available": True, "lines": [f"letters: no result within {TIME_LIMIT} s"]}
    lines = done.stdout.splitlines()
    if done.returncode:
        lines += [f"letters: exited with {done.returncode}", *done.stderr.splitlines()[-5:]]
    rows = [
        {"name": m["name"], "median_ms": float(m[2]), "p95_ms": float(m[3]), "bytes": int(m[5])}
        for line in lines if (m := ROW.match(line))
    ]  # fmt: skip
    return {"available": True, "exit_code": done.returncode, "rows": rows, "lines": lines}
