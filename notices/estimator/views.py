"""The cost estimator page: what waiting costs, compared with paying now or on a plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from notices.estimator.estimate import build_estimate
from notices.estimator.forms import EstimatorForm
from notices.irs import rates
from notices.irs.figures import figures


@require_http_methods(["GET", "POST"])
def estimator(request: HttpRequest) -> HttpResponse:
    """Cost estimator. POST, not GET: amounts stay out of URLs, logs and history."""
    return render_estimator(request)


def render_estimator(
    request: HttpRequest, *, initial: dict[str, Any] | None = None, case: Any = None
) -> HttpResponse:
    if case is not None:
        initial = {"notice_type": case.notice_type, **(initial or {})}
    form = EstimatorForm(request.POST or None, initial=initial)
    valid = request.method == "POST" and form.is_valid()
    estimate = build_estimate(form, case=case) if valid else None
    context = {
        "form": form,
        "estimate": estimate,
        "case": case,
        "rates_last_reviewed": rates.RATES_LAST_REVIEWED,
        "figures": figures(),  # rates and limits as shown to people, from notices.irs.rates
    }
    return render(request, "estimator/estimator.html", context)


estimator_urls = [
    path("estimator/", estimator, name="estimator"),
]
