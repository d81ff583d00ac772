"""Taking a notice in and showing its progress: shared by "Add a notice" (views.py, signed
in) and the check-up's details step (checkup.py, anyone). Only the URLs and the owner differ.

The owner is a user's id or a visitor's session token (store.visitor_owner); the limits
count both per owner and per address (limits.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.core.internal.ratelimit import get_ip
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRedirect
from kombu.exceptions import OperationalError

from notices.irs.formatting import dollars
from notices.reading import files, limits, store
from notices.reading.extract import Found
from notices.reading.forms import ReadForm
from notices.reading.redact import redact
from notices.reading.review import Reading, reading_of
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


@dataclass(frozen=True)
class Started:
    reading_id: int
    done: bool  # pasted text is read at once: straight to the review


def start_reading(
    request: HttpRequest, owner: store.Owner, *, template: str, context: dict[str, Any]
) -> Started | HttpResponse:
    """Check the limits and the form, then read pasted text at once or queue the file.
    A response when the person must wait or fix something; else the new reading."""
    if wait := limits.wait_for_reading(owner, get_ip(request)):
        response = render(request, "reading/too_many.html", {**context, "wait": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form = ReadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, template, {**context, "form": form})
    reading_id = store.start(owner)
    if text := form.cleaned_data["text"]:
        store.finish(reading_id, reading_of(redact(text), method="paste"))
        return Started(reading_id, done=True)
    upload = form.cleaned_data["notice_file"]
    try:
        files.save(reading_id, upload.chunks(), limit=limits.MAX_BYTES)
        read_notice.delay(reading_id)
    except OperationalError:  # the broker is down: the file must not wait for nobody
        files.remove(reading_id)
        store.discard(reading_id)
        form.add_error(None, OUR_SIDE)
        return render(request, template, {**context, "form": form}, status=503)
    finally:
        upload.close()
    return Started(reading_id, done=False)


def status_page(
    request: HttpRequest,
    entry: dict[str, Any],
    reading_id: int,
    *,
    review_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Still reading (htmx polls, or "Check again"), failed (why, and what to try), or done
    (on to the review)."""
    if entry["status"] == store.DONE:
        htmx = getattr(request, "htmx", False)
        return HttpResponseClientRedirect(review_url) if htmx else redirect(review_url)
    context = {
        **context,
        "reading_id": reading_id,
        "failed": entry["status"] == store.FAILED,
        "problem": PROBLEMS.get(entry.get("error", ""), OUR_SIDE),
    }
    template = "reading/_status.html" if getattr(request, "htmx", False) else "reading/status.html"
    return render(request, template, context)


def review_rows(
    form: Any, found: dict[str, Found], problems: dict[str, str], *, key_fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """One row per form field: the field, what was read for it (its line and how sure we
    are), a warning from the shared rules, or "not found" for a field that matters."""
    rows = []
    for name in form.fields:
        item = found.get(name)
        if item or name in key_fields:
            widget = form.fields[name].widget
            helptext = f"id_{name}_helptext " if form.fields[name].help_text else ""
            widget.attrs["aria-describedby"] = f"{helptext}source-{name}"
        rows.append({"field": form[name], "found": item, "warning": problems.get(name),
                     "missing": item is None and name in key_fields})  # fmt: skip
    return rows


def summary_rows(reading: Reading) -> list[tuple[str, str]]:
    return [(line.label, dollars(line.amount)) for line in reading.summary]


def reading_id_of(token: str) -> int:
    """The id in a URL; 0 (never a reading) for anything that is not a short number."""
    return int(token) if token.isdigit() and len(token) < 20 else 0
