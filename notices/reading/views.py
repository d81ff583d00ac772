"""Read my notice: upload a PDF or photo (or paste the text), watch it being read, review
every value, then save the case. Nothing is saved before the person confirms.

Each reading belongs to the person who started it (store.py); anyone else gets a 404.
Works without JavaScript: the progress page has a "Check again" button; htmx polls it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from notices import cases
from notices.access import AuthedRequest
from notices.forms import CaseForm
from notices.models import Case
from notices.profiles import profile_for
from notices.reading import intake, store
from notices.reading.checkup import checkup_reading_urls
from notices.reading.forms import ReadForm
from notices.reading.intake import OUR_SIDE, PROBLEMS
from notices.reading.review import Reading, initial, warnings

__all__ = ["OUR_SIDE", "PROBLEMS", "reading_urls"]
# Shown when nothing was found, so the person sees the field needs typing.
KEY_FIELDS = ("notice_type", "notice_date", "pay_by", "tax_year", "amount_due")


def _urls() -> dict[str, str]:
    """Where the shared templates send a signed-in person adding a notice."""
    return {"again_url": reverse("notices:read_start"), "type_url": reverse("notices:case_create")}


@sensitive_post_parameters("text")  # an error report must not quote a pasted notice
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def read_start(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reading/start.html", {**_urls(), "form": ReadForm()})
    started = intake.start_reading(
        request, request.user.pk, template="reading/start.html", context=_urls()
    )
    if isinstance(started, HttpResponse):
        return started
    name = "notices:read_review" if started.done else "notices:read_status"
    return redirect(name, token=started.reading_id)


def _entry(request: AuthedRequest, token: str) -> tuple[int, dict[str, Any]]:
    """The reading named by the URL, if it is this person's; a 404 for anyone else."""
    reading_id = intake.reading_id_of(token)
    entry = store.entry_for(reading_id, request.user.pk)
    if entry is None:
        raise Http404
    return reading_id, entry


@never_cache
@login_required
@require_http_methods(["GET"])
@vary_on_headers("HX-Request")
def read_status(request: AuthedRequest, token: str) -> HttpResponse:
    reading_id, entry = _entry(request, token)
    context = {**_urls(), "status_url": reverse("notices:read_status", args=[reading_id])}
    review = reverse("notices:read_review", kwargs={"token": reading_id})
    return intake.status_page(request, entry, reading_id, review_url=review, context=context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def read_review(request: AuthedRequest, token: str) -> HttpResponse:
    reading_id = intake.reading_id_of(token)
    if request.method == "POST" and (public_id := store.saved_case(reading_id)):
        return _already_saved(request, public_id)  # a second "Save notice", after the first
    reading_id, entry = _entry(request, token)
    if entry["status"] != store.DONE:
        return redirect("notices:read_status", token=reading_id)
    reading = Reading.from_json(entry["reading"])
    form = CaseForm(request.POST or None, initial=initial(reading))
    if request.method == "POST" and form.is_valid():
        if not store.claim(reading_id):  # another "Save notice" for it is under way
            return _already_saved(request, store.saved_case(reading_id))
        data = dict(form.cleaned_data)
        profile_for(request.user, time_zone=data.pop("browser_time_zone"))
        try:
            case = cases.create_case(owner=request.user, data=data)
        except BaseException:
            store.release(reading_id)  # nothing was saved: the person may try again
            raise
        store.saved_as(reading_id, str(case.public_id))
        store.discard(reading_id)
        messages.success(request, _("Your notice is saved. Here is your deadline and checklist."))
        return redirect("notices:case_detail", public_id=case.public_id)
    return render(request, "reading/review.html", _review_context(form, reading, reading_id))


def _already_saved(request: AuthedRequest, public_id: str | None) -> HttpResponse:
    """The notice was saved by an earlier press of the button: show it, once."""
    if (
        public_id is not None
        and not Case.objects.filter(owner=request.user, public_id=public_id).exists()
    ):
        raise Http404  # someone else's reading
    messages.info(request, _("This notice is already saved. We did not save it twice."))
    if public_id is None:  # still being saved by the other press
        return redirect("notices:dashboard")
    return redirect("notices:case_detail", public_id=public_id)


def _review_context(form: CaseForm, reading: Reading, reading_id: int) -> dict[str, Any]:
    problems = warnings(reading, today=timezone.localdate())
    found = dict(reading.found)
    if "form" in found:
        found["nickname"] = found["form"]
    rows = intake.review_rows(form, found, problems, key_fields=KEY_FIELDS)
    summary = intake.summary_rows(reading)
    last_four = reading.found.get("ssn_last_four")
    return {
        "form": form,
        "rows": rows,
        "summary": summary,
        "reading_id": reading_id,
        "last_four": last_four.value if last_four else None,
    }


@login_required
@require_POST
def read_discard(request: AuthedRequest, token: str) -> HttpResponse:
    reading_id = _entry(request, token)[0]
    store.discard(reading_id)
    messages.info(request, _("We threw away what we read. Nothing was saved."))
    return redirect("notices:case_create")


reading_urls = [
    path("cases/read/", read_start, name="read_start"),
    path("cases/read/<str:token>/", read_status, name="read_status"),
    path("cases/read/<str:token>/review/", read_review, name="read_review"),
    path("cases/read/<str:token>/discard/", read_discard, name="read_discard"),
    *checkup_reading_urls,
]
