"""How long a letter's first render takes, next to WeasyPrint's floor (target: p95 <= 300 ms).

Not a test (pytest does not collect it) and never a CI gate on wall time. Run:

    DJANGO_SETTINGS_MODULE=cp14site.settings_test .venv/bin/python -m tests.bench.bench_letters

A letter's PDF is made once, by a worker, right after the letter is saved
(notices/letters/rendering.py); downloads then serve the stored file, and the HTTP benchmark
(run_bench.py, "letter PDF") measures that download. This measures the render: how long
after "Save" the PDF is ready, not counting the queue. For each kind of letter it renders
the frozen HTML to PDF 30 times through the worker's path (notices.letters.html_to_pdf: our
fetcher, CSS, bundled fonts, PDF/UA, fixed dates and file ID) and prints the median and p95,
and the same for a one-line document through plain WeasyPrint. One more row is the dispute
letter made on a Spanish page: its checklist explains the letter part by part, in Spanish,
so it has a page more to lay out than the English one. The ratio says how much of a
letter's time is the letter rather than WeasyPrint itself. Needs no database: the case is an
unsaved model instance.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

import django

RUNS = 30
TARGET_P95_MS = 300  # the letter page's "being made" should last a moment
TARGET_BYTES = 100_000


def timed(render: Callable[[], bytes], runs: int = RUNS) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(render())
        times.append((time.perf_counter() - start) * 1000)
    return times, size


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def sample_letters() -> dict[str, str]:
    """One realistic letter of each kind, as the frozen HTML the worker renders from."""
    from notices.letters import documents
    from notices.models import Case

    case = Case(
        notice_type="CP14", notice_date=date(2025, 3, 3), pay_by=date(2025, 3, 24),
        tax_year=2024, amount_due=Decimal("2450.18"), penalty_amount=Decimal("48.20"),
        irs_phone="800-829-1040",
        irs_address="Internal Revenue Service\nKansas City, MO 64999-0010",
    )  # fmt: skip
    sender: dict[str, Any] = {
        "full_name": "Alice Marie Fairweather", "joint": True, "spouse_name": "Robert Fairweather",
        "address_line1": "1200 Elm Street", "address_line2": "Apt 4B", "city": "Springfield",
        "state": "IL", "zip_code": "62704", "daytime_phone": "217-555-0142", "ssn_last4": "1234",
        "tax_form": "1040", "other_enclosures": "Bank statement for March 2025",
    }  # fmt: skip
    words = "I paid the full amount with IRS Direct Pay and have the confirmation number. "
    answers: dict[str, dict[str, Any]] = {
        "dispute": {
            "reasons": ["payment_not_credited", "payments_missing"],
            "explanation": words * 12, "correct_amount": "750.18",
            "requested_action": "Credit my payment and send me a corrected notice.",
            "enclosures": ["notice_copy", "wage_forms", "payment_proof"],
        },
        "payment_trace": {
            "payments": [
                {"public_id": "1", "paid_on": "2025-03-12", "amount": "500.00",
                 "method": "direct_pay", "confirmation_number": "DP-55512"},
                {"public_id": "2", "paid_on": "2025-03-20", "amount": "250.00",
                 "method": "check", "confirmation_number": "1042"},
            ],
            "explanation": words * 2, "enclosures": ["notice_copy", "payment_proof"],
        },
        "abatement": {
            "penalties": ["failure_to_pay"], "penalty_amount": "48.20",
            "basis": "reasonable_cause", "what_happened": words * 3,
            "started_on": "2025-01-10", "ended_on": "2025-03-01",
            "how_it_stopped_you": words * 3, "enclosures": ["notice_copy", "event_records"],
        },
        "payment_cover": {
            "payment_type": "check", "check_number": "1043", "payment_amount": "2450.18",
            "enclosures": ["payment_stub"],
        },
    }  # fmt: skip
    made = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)
    return {
        kind: documents.render_letter_html(
            case=case,
            kind=kind,
            inputs=sender | extra,
            created_at=made,
            time_zone="America/New_York",
        )  # fmt: skip
        for kind, extra in answers.items()
    }


def main() -> None:
    django.setup()
    # WeasyPrint logs every layout step at INFO; the numbers are what we want to see.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.utils import translation
    from weasyprint import HTML

    from notices.letters.printing import LetterFetcher, html_to_pdf

    htmls = sample_letters()
    rows = {f"{kind} letter": html for kind, html in htmls.items()}
    with translation.override("es"):  # the checklist then explains the letter, part by part
        rows["dispute letter, Spanish page"] = sample_letters()["dispute"]
    made = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)
    start = time.perf_counter()
    html_to_pdf(htmls["dispute"])
    cold = (time.perf_counter() - start) * 1000

    def one_line() -> bytes:
        pdf: bytes = HTML(string="<p>Hello.</p>", url_fetcher=LetterFetcher()).write_pdf()
        return pdf

    floor, floor_size = timed(one_line)
    floor_median = statistics.median(floor)

    print(
        f"Letter PDF first render (the worker's job), {RUNS} renders each (target: p95 <= 300 ms)"
    )
    print(f"{'':32} {'median ms':>10} {'p95 ms':>10} {'x floor':>8} {'bytes':>9}")
    print(
        f"{'one-line document (WeasyPrint)':32} {floor_median:10.1f} {p95(floor):10.1f} "
        f"{1.0:8.2f} {floor_size:9d}"
    )
    worst = 0.0
    for name, html in rows.items():
        times, size = timed(partial(html_to_pdf, html, made_at=made, identifier=b"bench"))
        median, high = statistics.median(times), p95(times)
        worst = max(worst, high)
        flag = "" if size <= TARGET_BYTES else "  (over 100 KB)"
        print(f"{name:32} {median:10.1f} {high:10.1f} {median / floor_median:8.2f} {size:9d}{flag}")
    print(f"first render in this process (cold): {cold:.0f} ms")
    verdict = "within" if worst <= TARGET_P95_MS else "OVER"
    print(f"first render: worst p95 {worst:.0f} ms: {verdict} the {TARGET_P95_MS} ms target")


if __name__ == "__main__":
    main()
