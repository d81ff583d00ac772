"""Bounded load with wrk: a few seconds to warm up, then a fixed-length run per URL.

A generated Lua script sets the request (path, cookie, HX-Request) or, for several requests,
takes turns through them; its done() prints the figures as one JSON line. wrk counts
connect, read, write and timeout errors, and any status outside 2xx/3xx; a preflight GET
first checks that the URL answers 200 with the expected type, since a 302 to the login page
would otherwise look like a fast page.
"""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from typing import Any

from tests.bench.environment import OUT_DIR, BenchError
from tests.bench.seed import Visit

THREADS = 2
CONNECTIONS = 20
SECONDS = 10
WARMUP_SECONDS = 2
# A target's share is judged in back-to-back pairs (see pair_shares).
PAIRS = 3
PAIR_SECONDS = 4
TIMEOUT = "10s"
MARK = "BENCH-RESULT "
ERROR_KINDS = ("connect", "read", "write", "status", "timeout")

DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%s{"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\\n',
    "{mark}", summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""

ROTATE = """
local counter = 0
setup = function(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
local requests, turn = {{}}, 0
init = function(args)
  {build}
  turn = offset * math.floor(#requests / {threads})
end
request = function()
  turn = turn % #requests + 1
  return requests[turn]
end
"""


@dataclass(frozen=True)
class Target:
    name: str
    port: int
    visits: list[Visit]
    expect: str = "text/html"  # the Content-Type a good answer has
    connections: int = CONNECTIONS


@dataclass
class LoadResult:
    name: str
    connections: int
    seconds: int
    requests: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)
    preflight: str = ""

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def as_json(self) -> dict[str, Any]:
        return asdict(self) | {"errors_total": self.error_count}


def _lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string for these ASCII values


def _headers_table(visit: Visit) -> str:
    pairs = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in visit.headers().items())
    return "{" + pairs + "}"


def lua_script(visits: list[Visit]) -> str:
    done = DONE.replace("{mark}", MARK)
    if len(visits) == 1:
        visit = visits[0]
        lines = [f"wrk.path = {_lua_string(visit.path)}"]
        for name, value in visit.headers().items():
            lines.append(f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}")
        return "\n".join(lines) + "\n" + done
    build = "\n  ".join(
        f'requests[#requests + 1] = wrk.format("GET", {_lua_string(v.path)}, {_headers_table(v)})'
        for v in visits
    )
    return ROTATE.format(build=build, threads=THREADS) + done


def preflight(target: Target) -> str:
    """What went wrong with the first request, or "" when it answers 200 as expected."""
    visit = target.visits[0]
    connection = http.client.HTTPConnection("127.0.0.1", target.port, timeout=30)
    try:
        connection.request("GET", visit.path, headers=visit.headers())
        response = connection.getresponse()
        response.read()
    except OSError as error:
        return f"no answer: {error}"
    finally:
        connection.close()
    content_type = response.getheader("Content-Type", "")
    if response.status != 200 or not content_type.startswith(target.expect):
        location = response.getheader("Location", "")
        return f"got {response.status} {content_type} {location}".strip()
    return ""


def _wrk(target: Target, seconds: int, script_name: str) -> dict[str, int | float]:
    script = OUT_DIR / f"wrk-{script_name}.lua"
    script.write_text(lua_script(target.visits))
    command = [
        "wrk", f"-t{THREADS}", f"-c{target.connections}", f"-d{seconds}s", "--timeout", TIMEOUT,
        "-s", str(script), f"http://127.0.0.1:{target.port}{target.visits[0].path}",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    for line in done.stdout.splitlines():
        if line.startswith(MARK):
            figures: dict[str, int | float] = json.loads(line.removeprefix(MARK))
            return figures
    raise BenchError(f"wrk printed no result for {target.name}: {done.stderr or done.stdout}")


def run(target: Target, slug: str) -> LoadResult:
    """Preflight, warm up, then the measured run."""
    if not shutil.which("wrk"):
        raise BenchError("wrk is missing: run `make bench`, which installs it")
    result = LoadResult(target.name, target.connections, SECONDS)
    result.preflight = preflight(target)
    if result.preflight:
        return result
    _wrk(target, WARMUP_SECONDS, f"{slug}-warmup")
    figures = _wrk(target, SECONDS, slug)
    result.requests = int(figures["requests"])
    result.rps = result.requests / (figures["duration_us"] / 1e6)
    result.p50_ms, result.p95_ms, result.p99_ms, result.max_ms = (
        figures[key] / 1000 for key in ("p50_us", "p95_us", "p99_us", "max_us")
    )
    result.errors = {key: int(figures[key]) for key in ERROR_KINDS}
    return result


def pair_shares(page: Target, base: Target, slug: str) -> list[float]:
    """The page's req/s as a share of the base's, in PAIRS short runs of each back to back.

    The machine's speed drifts during a bench (other tenants, CPU frequency), by a fifth
    between runs a minute apart. A share from two runs made seconds apart, taken as the
    median of a few, moves much less than one from the long runs of the table.
    """
    shares = []
    for number in range(PAIRS):
        base_figures = _wrk(base, PAIR_SECONDS, f"{slug}-base-{number}")
        page_figures = _wrk(page, PAIR_SECONDS, f"{slug}-page-{number}")
        base_rps = base_figures["requests"] / base_figures["duration_us"]
        page_rps = page_figures["requests"] / page_figures["duration_us"]
        shares.append(page_rps / base_rps if base_rps else 0.0)
    return shares
