"""Read my notice: upload a PDF or photo (or paste the text), watch it being read, review
every value, then save the case. Nothing is saved before the person confirms.

Each reading belongs to the person who started it (store.py); anyone else gets a 404.
Works without JavaScript: the progress page has a "Check again" button; htmx polls it.
"""

from __future__ import annotations

from typing import Any

from allauth.core.internal.ratelimit import get_ip
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect
from kombu.exceptions import OperationalError

from notices import cases
from notices.access import AuthedRequest
from notices.forms import CaseForm
from notices.profiles import profile_for
from notices.reading import files, limits, store
from notices.reading.forms import ReadForm
from notices.reading.redact import redact
from notices.reading.review import Reading, initial, reading_of, warnings
from notices.reading.tasks import read_notice

PROBLEMS = {
    "not_supported": gettext_lazy(
        "We can read a PDF, a JPEG photo or a PNG picture. This file is not one of these."
    ),
    "encrypted": gettext_lazy(
        "This PDF is locked with a password, so we can't read it. Open it, save or print it "
        "as a new PDF, and try that one. Or paste the text."
    ),
    "too_many_pages": gettext_lazy(
        "This PDF has more than 6 pages. A notice is shorter. Upload only the notice."
    ),
    "image_too_big": gettext_lazy(
        "This picture is too large to read. Take the photo again, or send a smaller copy."
    ),
    "too_big": gettext_lazy(
        "This file needs more memory to read than we allow. Try a smaller file."
    ),
    "no_text": gettext_lazy(
        "We couldn't find words in this file. Try a clear photo taken in good light, flat "
        "and straight on, or paste the text."
    ),
    "timeout": gettext_lazy(
        "Reading this file took too long, so we stopped. Try a smaller file or a clearer "
        "photo, or paste the text."
    ),
    "unreadable": gettext_lazy(
        "We couldn't read this file. It may be damaged. Try another copy, a photo, or paste "
        "the text."
    ),
}
OUR_SIDE = gettext_lazy("Something went wrong on our side. Please try again in a minute.")
# Shown when nothing was found, so the person sees the field needs typing.
KEY_FIELDS = ("notice_type", "notice_date", "pay_by", "tax_year", "amount_due")


@sensitive_post_parameters("text")  # an error report must not quote a pasted notice
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def read_start(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "reading/start.html", {"form": ReadForm()})
    if wait := limits.wait_for_reading(request.user.pk, get_ip(request)):
        response = render(request, "reading/too_many.html", {"wait": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form = ReadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "reading/start.html", {"form": form})
    reading_id = store.start(request.user.pk)
    if text := form.cleaned_data["text"]:
        store.finish(reading_id, reading_of(redact(text), method="paste"))
        return redirect("notices:read_review", token=reading_id)
    upload = form.cleaned_data["notice_file"]
    try:
        files.save(reading_id, upload.chunks(), limit=limits.MAX_BYTES)
        read_notice.delay(reading_id)
    except OperationalError:  # the broker is down: the file must not wait for nobody
        files.remove(reading_id)
        store.discard(reading_id)
        form.add_error(None, OUR_SIDE)
        return render(request, "reading/start.html", {"form": form}, status=503)
    finally:
        upload.close()
    return redirect("notices:read_status", token=reading_id)


def _entry(request: AuthedRequest, token: str) -> tuple[int, dict[str, Any]]:
    """The reading named by the URL, if it is this person's; a 404 for anyone else."""
    reading_id = int(token) if token.isdigit() and len(token) < 20 else 0
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
    if entry["status"] == store.DONE:
        review = reverse("notices:read_review", kwargs={"token": reading_id})
        return HttpResponseClientRedirect(review) if request.htmx else redirect(review)
    context = {
        "reading_id": reading_id,
        "failed": entry["status"] == store.FAILED,
        "problem": PROBLEMS.get(entry.get("error", ""), OUR_SIDE),
    }
    template = "reading/_status.html" if request.htmx else "reading/status.html"
    return render(request, template, context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def read_review(request: AuthedRequest, token: str) -> HttpResponse:
    reading_id, entry = _entry(request, token)
    if entry["status"] != store.DONE:
        return redirect("notices:read_status", token=reading_id)
    reading = Reading.from_json(entry["reading"])
    form = CaseForm(request.POST or None, initial=initial(reading))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        profile_for(request.user, time_zone=data.pop("browser_time_zone"))
        case = cases.create_case(owner=request.user, data=data)
        store.discard(reading_id)
        messages.success(request, _("Your notice is saved. Here is your deadline and checklist."))
        return redirect("notices:case_detail", public_id=case.public_id)
    return render(request, "reading/review.html", _review_context(form, reading, reading_id))


def _review_context(form: CaseForm, reading: Reading, reading_id: int) -> dict[str, Any]:
    problems = warnings(reading, today=timezone.localdate())
    found = dict(reading.found)
    if "form" in found:
        found["nickname"] = found["form"]
    rows = []
    for name in form.fields:
        item = found.get(name)
        if item or name in KEY_FIELDS:
            widget = form.fields[name].widget
            helptext = f"id_{name}_helptext " if form.fields[name].help_text else ""
            widget.attrs["aria-describedby"] = f"{helptext}source-{name}"
        rows.append({"field": form[name], "found": item, "warning": problems.get(name),
                     "missing": item is None and name in KEY_FIELDS})  # fmt: skip
    summary = [
        (line.label, f"-${abs(line.amount):,.2f}" if line.amount < 0 else f"${line.amount:,.2f}")
        for line in reading.summary
    ]
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
]
