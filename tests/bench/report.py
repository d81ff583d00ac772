"""The short table on stdout, and everything in var/bench/latest.json."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from notices.reminders.sending import DISPATCH_BATCH
from tests.bench.load import LoadResult
from tests.bench.pages import PageFacts
from tests.bench.reminder_bench import ClaimResult, SendResult

CEILING = "static copy (nginx)"
FLOOR = "minimal Django view"
VIA_PROXY = "guidance page via proxy"
LETTER = "letter PDF"


@dataclass(frozen=True)
class Goal:
    """A page's req/s must be at least `share` of another row's."""

    name: str
    share: float
    of: str


GOALS = [
    Goal("guidance page", 0.8, FLOOR),
    Goal("home", 0.8, FLOOR),
    Goal(VIA_PROXY, 0.5, CEILING),
    Goal("dashboard", 0.25, FLOOR),
    Goal("case page", 0.25, FLOOR),
    Goal(LETTER, 0.5, FLOOR),
]


def _goal_result(
    goal: Goal, by_name: dict[str, LoadResult], shares: dict[str, list[float]]
) -> tuple[float | None, str]:
    page, base = by_name.get(goal.name), by_name.get(goal.of)
    if not page or not base or page.preflight or base.preflight or not shares.get(goal.name):
        return None, "not measured"
    share = statistics.median(shares[goal.name])
    failing = page.error_count > 0
    if share >= goal.share and not failing:
        return share, "met"
    return share, "NOT MET" + (f" ({page.error_count} errors)" if failing else "")


def target_lines(load: list[LoadResult], shares: dict[str, list[float]]) -> list[str]:
    """One line per goal: the share reached, whether it is met, and each pair's share."""
    by_name = {result.name: result for result in load}
    lines = []
    for goal in GOALS:
        share, verdict = _goal_result(goal, by_name, shares)
        reached = f"{share:.2f}" if share is not None else "-"
        pairs = ", ".join(f"{one:.2f}" for one in shares.get(goal.name, []))
        lines.append(
            f"{goal.name:28} >= {goal.share:.2f} x {goal.of:22} reached {reached:>5}  "
            f"{verdict:8} ({pairs})"
        )
    return lines


def targets_json(load: list[LoadResult], shares: dict[str, list[float]]) -> list[dict[str, Any]]:
    by_name = {result.name: result for result in load}
    found = []
    for goal in GOALS:
        share, verdict = _goal_result(goal, by_name, shares)
        found.append(
            asdict(goal) | {"reached": share, "pairs": shares.get(goal.name), "verdict": verdict}
        )
    return found


def _ratio(value: float, base: float) -> str:
    return f"{value / base:.3f}" if base and value else "-"


def ratios(load: list[LoadResult]) -> dict[str, dict[str, float | None]]:
    """Each page's req/s as a share of the ceiling's and of the floor's."""
    by_name = {result.name: result for result in load}
    ceiling, floor = by_name.get(CEILING), by_name.get(FLOOR)
    found: dict[str, dict[str, float | None]] = {}
    for result in load:
        found[result.name] = {
            "rps_vs_ceiling": result.rps / ceiling.rps if ceiling and ceiling.rps else None,
            "rps_vs_floor": result.rps / floor.rps if floor and floor.rps else None,
            "p50_vs_floor": result.p50_ms / floor.p50_ms if floor and floor.p50_ms else None,
        }
    return found


def load_table(load: list[LoadResult]) -> list[str]:
    by_name = {result.name: result for result in load}
    ceiling, floor = by_name.get(CEILING), by_name.get(FLOOR)
    lines = [
        f"{'page':28} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6} {'x ceiling':>9} {'x floor':>8}"
    ]
    for r in load:
        if r.preflight:
            lines.append(f"{r.name:28} not measured: {r.preflight}")
            continue
        lines.append(
            f"{r.name:28} {r.connections:5d} {r.rps:9.1f} {r.p50_ms:8.1f} {r.p95_ms:8.1f} "
            f"{r.p99_ms:8.1f} {r.error_count:6d} "
            f"{_ratio(r.rps, ceiling.rps if ceiling else 0):>9} "
            f"{_ratio(r.rps, floor.rps if floor else 0):>8}"
        )
    return lines


def _kb(weight_bytes: int) -> str:
    return f"{weight_bytes / 1024:.1f}"


def pages_table(pages: dict[str, PageFacts | str]) -> list[str]:
    lines = [
        f"{'page':28} {'status':>6} {'queries':>7}  {'body KB':>7} {'gz':>6}  "
        f"{'CSS KB':>6} {'gz':>5}  {'JS KB':>6} {'gz':>5}"
    ]
    for name, facts in pages.items():
        if isinstance(facts, str):
            lines.append(f"{name:28} not measured: {facts}")
            continue
        lines.append(
            f"{name:28} {facts.status:6d} {facts.queries:7d}  {_kb(facts.body.raw):>7} "
            f"{_kb(facts.body.gzipped):>6}  {_kb(facts.css.raw):>6} {_kb(facts.css.gzipped):>5}  "
            f"{_kb(facts.js.raw):>6} {_kb(facts.js.gzipped):>5}"
        )
    return lines


CLAIM_TARGET = 10_000  # rows claimed a second
SEND_TARGET = 150  # reminders sent a second, end to end, none lost and none doubled


def _met(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def claim_lines(claim: ClaimResult | str) -> list[str]:
    if isinstance(claim, str):
        return [f"dispatcher claim: not measured: {claim}"]
    done = "" if claim.complete else f" (stopped at the time limit, {claim.rows:,} rows due)"
    return [
        f"dispatcher claim: {claim.claimed:,} due rows in {claim.seconds:.1f} s = "
        f"{claim.rows_per_second:,.0f} rows/s{done}; batch of {DISPATCH_BATCH} "
        f"p50 {claim.batch_p50_ms:.1f} ms, p95 {claim.batch_p95_ms:.1f} ms",
        f"  memory of the claiming process: RSS {claim.rss_before_mib:.0f} MiB before, "
        f"{claim.rss_after_mib:.0f} after, peak {claim.rss_peak_mib:.0f}",
        f"  target >= {CLAIM_TARGET:,} rows/s: "
        f"{_met(claim.complete and claim.rows_per_second >= CLAIM_TARGET)}",
    ]


def send_lines(send: SendResult | str) -> list[str]:
    if isinstance(send, str):
        return [f"end to end: not measured: {send}"]
    first = f"{send.first_email_seconds:.1f} s" if send.first_email_seconds else "none"
    done = ""
    if not send.complete and send.per_second:
        projected = send.reminders / send.per_second
        done = (
            f"; STOPPED at the time limit with {send.unfinished:,} in flight: "
            f"all {send.reminders:,} would take about {projected:.0f} s at this rate"
        )
    return [
        f"end to end: {send.sent:,} of {send.reminders:,} reminders sent in "
        f"{send.total_seconds:.1f} s = {send.per_second:.0f}/s (dispatch onto Redis in "
        f"{send.dispatch_runs} runs back to back {send.dispatch_seconds:.1f} s, first email at "
        f"{first}){done}",
        f"  worker peak RSS {send.worker_peak_mib:.0f} MiB over {send.worker_processes} "
        f"processes; SMTP received {send.emails:,}, duplicates {send.duplicate_emails}; "
        f"tasks that raised {send.worker_task_errors} (var/bench/worker.log)",
        f"  target >= {SEND_TARGET}/s, none lost, none doubled: {_met(_send_met(send))}",
    ]


def _send_met(send: SendResult) -> bool:
    all_once = send.sent == send.reminders and not send.duplicate_emails
    return send.complete and all_once and send.per_second >= SEND_TARGET


def _json_default(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return str(value)


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=_json_default) + "\n")
