"""`make bench`: how fast the site is, as figures. Never a pass/fail gate on wall time.

    .venv/bin/python -m tests.bench.run_bench

Resets its own PostgreSQL database (cp14_bench) and Redis database (13) on 127.0.0.1,
makes realistic data, then measures:

- load (wrk, bounded): a guidance page, the home page, the dashboard and a case page of a
  person with 50 notices, a check-up step as an htmx partial and a letter PDF, under
  gunicorn with the production settings (HTTPS off so plain http works); next to a static
  copy of the guidance page served by nginx (the ceiling) and a one-line Django view under
  the same gunicorn and middleware (the floor), as ratios; and the guidance page through
  the production nginx front (cp14site/deploy/nginx.conf, the file docker-compose.yml runs)
  in front of the same gunicorn; each target in tests/bench/report.py is met or not, judged
  by short runs of the page and the row it is compared with, back to back;
- queries and weight per page (test client);
- the reminder dispatcher's claim rate and an end-to-end send through a real worker;
- letter render times (tests/bench/bench_letters.py, when it exists);
- Read my notice: seconds per page and fields read right (tests/bench/reading_bench.py).

Prints a short table and writes everything to var/bench/latest.json.
"""

from __future__ import annotations

import http.client
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.bench import environment
from tests.bench.environment import OUT_DIR, ROOT, BenchEnv, BenchError

RESULT = OUT_DIR / "latest.json"
BUSY_WARNING = 0.2


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = " (with local changes)" if git("status", "--porcelain") else ""
    return git("rev-parse", "--short", "HEAD") + changed


def _fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().read()
    finally:
        connection.close()


def measure_pages(seed: Any) -> dict[str, Any]:
    from tests.bench.pages import measure

    visits = dict(seed.visits)
    if seed.pdfs:
        visits["letter PDF"] = seed.pdfs[0]
    found: dict[str, Any] = {}
    for name, visit in visits.items():
        try:
            found[name] = measure(visit)
        except Exception as error:  # a page that breaks is a finding, not the end of the bench
            found[name] = f"{type(error).__name__}: {error}"
    found.update(seed.missing)
    return found


def _page_json(facts: Any) -> dict[str, Any]:
    return facts.as_json() if hasattr(facts, "as_json") else {"error": facts}


def _targets(
    seed: Any, stack: Any, ceiling_port: int, ceiling_path: str, front_port: int
) -> list[Any]:
    from tests.bench.load import Target
    from tests.bench.report import CEILING, FLOOR, VIA_PROXY
    from tests.bench.seed import Visit

    app = stack.app.port
    targets = [
        Target(CEILING, ceiling_port, [Visit(ceiling_path)]),
        Target(FLOOR, stack.floor.port, [Visit("/")], expect="text/plain"),
    ]
    for name in ("guidance page", "home", "dashboard", "case page", "flow step (htmx)"):
        if name in seed.visits:
            targets.append(Target(name, app, [seed.visits[name]]))
    targets.append(Target(VIA_PROXY, front_port, [seed.visits["guidance page"]]))
    if seed.pdfs:
        # A stored file, as every download after the first render: the same load as a page.
        targets.append(Target("letter PDF", app, seed.pdfs, "application/pdf"))
    return targets


def measure_load(env: BenchEnv, seed: Any) -> tuple[list[Any], dict[str, list[float]]]:
    """Each row's long run for the table, then each target's pairs (load.pair_shares)."""
    from django.conf import settings

    from tests.bench import load, proxy, report, servers

    results = []
    shares: dict[str, list[float]] = {}
    with servers.app_and_floor(env) as stack:
        guide = seed.visits["guidance page"].path
        front = proxy.run(
            f"127.0.0.1:{stack.app.port}", Path(settings.STATIC_ROOT), OUT_DIR / "nginx-front"
        )
        with servers.nginx(_fetch(stack.app.port, guide), "guide.html") as ceiling, front as nginx:
            targets = _targets(seed, stack, ceiling.port, "/guide.html", nginx.port)
            for number, target in enumerate(targets):
                say(f"load: {target.name}")
                results.append(load.run(target, f"{number}"))
            by_name = {target.name: target for target in targets}
            measured = {result.name for result in results if not result.preflight}
            for number, goal in enumerate(report.GOALS):
                if {goal.name, goal.of} <= measured:
                    say(f"load: {goal.name} against {goal.of}, {load.PAIRS} pairs")
                    shares[goal.name] = load.pair_shares(
                        by_name[goal.name], by_name[goal.of], f"pair{number}"
                    )
    return results, shares


def measure_reminders(env: BenchEnv) -> dict[str, Any]:
    from tests.bench import reminder_bench

    found: dict[str, Any] = {}
    say(f"reminders: claim rate over {reminder_bench.CLAIM_ROWS:,} due rows")
    try:
        found["claim"] = reminder_bench.claim_rate()
    except Exception as error:
        found["claim"] = f"{type(error).__name__}: {error}"
    say(f"reminders: {reminder_bench.SEND_ROWS:,} through a real worker, Redis and SMTP")
    try:
        found["send"] = reminder_bench.send_end_to_end(env)
    except Exception as error:
        found["send"] = f"{type(error).__name__}: {error}"
    return found


def load_pairs() -> str:
    from tests.bench.load import PAIR_SECONDS, PAIRS

    return f"{PAIRS} pairs of {PAIR_SECONDS} s runs back to back"


def _busy_lines(machine: dict[str, Any]) -> list[str]:
    busy, load = machine["busy_before_start"], machine["load_average_at_end"]
    lines = [f"cores busy with other work just before the start: {busy:.0%}; "
             f"1-minute load average at the end: {load:.1f}"]  # fmt: skip
    if busy > BUSY_WARNING:
        lines.append("WARNING: the machine was busy; expect lower figures than when it is idle")
    return lines


def print_report(
    data: dict[str, Any], load: list[Any], pages: dict[str, Any], shares: dict[str, list[float]]
) -> None:
    from tests.bench import report, servers

    lines = [
        f"CP14 Helper benchmark, {data['generated_at']}, commit {data['commit']}, "
        f"{data['machine']['cpus']} cores",
        f"gunicorn {servers.gunicorn_workers()} sync workers (as docker-compose), DEBUG=false, "
        "HTTPS=false (plain http on 127.0.0.1), PostgreSQL cp14_bench, Redis db 13",
        "load: wrk -t2 -d10s --timeout 10s per URL after a 2 s warm-up; wrk shares the cores",
        *_busy_lines(data["machine"]),
        "",
        *report.load_table(load),
        "",
        f"targets (req/s as a share of another row's: the median of {load_pairs()})",
        *report.target_lines(load, shares),
        "",
        "queries and weight per page (test client, second request of the session)",
        *report.pages_table(pages),
        "",
        *report.claim_lines(data["reminders"]["claim"]),
        *report.send_lines(data["reminders"]["send"]),
        "",
        *data["letters"]["lines"],
        "",
        *data["reading"]["lines"],
        "",
        f"wall time {data['wall_seconds']:.0f} s; all figures in {RESULT.relative_to(ROOT)}",
    ]
    print("\n".join(lines), flush=True)


def collect(env: BenchEnv, started: float, busy: float) -> dict[str, Any]:
    from tests.bench import letters, reading_bench, report
    from tests.bench.seed import make_seed

    say("making data: 50 notices for one person, letters for the PDF load")
    seed = make_seed()
    pages = measure_pages(seed)
    load, shares = measure_load(env, seed)
    reminders = measure_reminders(env)
    say("letters: tests/bench/bench_letters.py")
    data: dict[str, Any] = {
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "busy_before_start": busy,
            "load_average_at_end": os.getloadavg()[0],
        },
        "server": {"https": False, "database": environment.DB_NAME, "redis": environment.REDIS_DB},
        "load": {r.name: r.as_json() for r in load},
        "ratios": report.ratios(load),
        "targets": report.targets_json(load, shares),
        "pages": {name: _page_json(facts) for name, facts in pages.items()},
        "reminders": reminders,
        "letters": letters.run_letters(env),
        "reading": reading_bench.run_reading(),
        "not_measured": seed.missing,
    }
    data["wall_seconds"] = time.monotonic() - started
    report.write_json(RESULT, data)
    print_report(data, load, pages, shares)
    return data


def main() -> int:
    started = time.monotonic()
    busy = environment.busy_share()
    try:
        env = environment.bench_env()
        environment.apply(env)
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        say(f"resetting PostgreSQL {environment.DB_NAME} and Redis db {environment.REDIS_DB}")
        environment.reset_database(env)
        environment.reset_redis(env)
        say("migrate and collectstatic (production settings, manifest storage)")
        environment.prepare_django()
        collect(env, started, busy)
        environment.reset_redis(env)
    except BenchError as error:
        say(str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
