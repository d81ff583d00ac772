"""Read my notice on the check-up's details step: for anyone, no account needed.

The same reading and review as "Add a notice" (intake.py), but nothing becomes a case: the
values the person confirms fill the details step's answers (notice type, notice date, the
date to pay or answer by, the amount), and the check-up goes on to its next question.

A visitor's readings belong to a random token in their session (store.visitor_owner), so
another browser gets a 404 even with the URL. Only the check-up kept in the session takes
part: a saved plan's link and a case have their own details.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from notices.checkup import flow
from notices.checkup.forms import DetailsForm
from notices.checkup.store import Run
from notices.reading import intake, store
from notices.reading.forms import ReadForm
from notices.reading.review import Reading, warnings

# The details step's names for what the case form calls amount_due.
FIELD_NAMES = {"notice_type": "notice_type", "notice_date": "notice_date", "pay_by": "pay_by",
               "amount_due": "amount"}  # fmt: skip
KEY_FIELDS = ("notice_type", "notice_date", "pay_by", "amount")


def _details_url() -> str:
    return reverse("notices:flow_step", kwargs={"step": flow.DETAILS})


def _urls() -> dict[str, str]:
    """Where the shared templates send someone in the check-up."""
    return {
        "again_url": reverse("notices:flow_read_start"),
        "type_url": _details_url(),
        "in_checkup": "1",
    }


@sensitive_post_parameters("text")  # an error report must not quote a pasted notice
@never_cache
@require_http_methods(["GET", "POST"])
def flow_read_start(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reading/start.html", {**_urls(), "form": ReadForm()})
    owner = store.visitor_owner(request)
    started = intake.start_reading(request, owner, template="reading/start.html", context=_urls())
    if isinstance(started, HttpResponse):
        return started
    name = "notices:flow_read_review" if started.done else "notices:flow_read_status"
    return redirect(name, token=started.reading_id)


def _entry(request: HttpRequest, token: str) -> tuple[int, dict[str, Any]]:
    """The reading named by the URL, if this browser started it; a 404 for anyone else."""
    reading_id = intake.reading_id_of(token)
    owner = request.session.get(store.OWNER_KEY)
    entry = store.entry_for(reading_id, f"visitor:{owner}") if owner else None
    if entry is None:
        raise Http404
    return reading_id, entry


@never_cache
@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def flow_read_status(request: HttpRequest, token: str) -> HttpResponse:
    reading_id, entry = _entry(request, token)
    context = {**_urls(), "status_url": reverse("notices:flow_read_status", args=[reading_id])}
    review = reverse("notices:flow_read_review", kwargs={"token": reading_id})
    return intake.status_page(request, entry, reading_id, review_url=review, context=context)


@never_cache
@require_http_methods(["GET", "POST"])
def flow_read_review(request: HttpRequest, token: str) -> HttpResponse:
    reading_id, entry = _entry(request, token)
    if entry["status"] != store.DONE:
        return redirect("notices:flow_read_status", token=reading_id)
    reading = Reading.from_json(entry["reading"])
    step = flow.STEPS[flow.DETAILS]
    form = DetailsForm(request.POST or None, step=step, initial=_initial(reading))
    if request.method == "POST" and form.is_valid():
        run = Run(request)
        run.save({**run.answers, flow.DETAILS: form.value()})
        store.discard(reading_id)
        messages.success(request, _("We filled in the details from your notice."))
        return redirect(run.step_url(flow.next_step(flow.DETAILS, run.answers)))
    problems = warnings(reading, today=timezone.localdate())
    found = {FIELD_NAMES[name]: item for name, item in reading.found.items() if name in FIELD_NAMES}
    problems = {FIELD_NAMES[name]: text for name, text in problems.items() if name in FIELD_NAMES}
    context = {
        "form": form,
        "rows": intake.review_rows(form, found, problems, key_fields=KEY_FIELDS),
        "summary": intake.summary_rows(reading),
        "discard_url": reverse("notices:flow_read_discard", args=[reading_id]),
        "back_url": _details_url(),
    }
    return render(request, "reading/checkup_review.html", context)


def _initial(reading: Reading) -> dict[str, Any]:
    """The details step's starting values, from what was read."""
    values: dict[str, Any] = {FIELD_NAMES[name]: item.value for name, item
                              in reading.found.items() if name in FIELD_NAMES}  # fmt: skip
    for name in ("notice_date", "pay_by"):
        if name in values:
            try:
                values[name] = date.fromisoformat(values[name])
            except ValueError:
                del values[name]
    return values


@require_POST
def flow_read_discard(request: HttpRequest, token: str) -> HttpResponse:
    reading_id = _entry(request, token)[0]
    store.discard(reading_id)
    messages.info(request, _("We threw away what we read. Nothing was kept."))
    return redirect(_details_url())


checkup_reading_urls = [
    path("check-up/details/read/", flow_read_start, name="flow_read_start"),
    path("check-up/details/read/<str:token>/", flow_read_status, name="flow_read_status"),
    path("check-up/details/read/<str:token>/review/", flow_read_review, name="flow_read_review"),
    path("check-up/details/read/<str:token>/discard/", flow_read_discard, name="flow_read_discard"),
]
