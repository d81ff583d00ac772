"""Letter pages: the form for each kind, the frozen letter's preview, and its PDF.

Every object is looked up through the signed-in owner, so anyone else gets a 404.
"""

from __future__ import annotations

import time
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from notices.access import AuthedRequest, case_for, owned
from notices.letters import documents
from notices.letters.forms import FORMS, initial_for
from notices.models import Letter
from notices.profiles import profile_for

# PDFs cost real CPU: about 10 a minute per person is plenty for anyone printing documents.
PDF_LIMIT = 10
PDF_WINDOW = 60  # seconds


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def letter_create(request: AuthedRequest, public_id: UUID, kind: str) -> HttpResponse:
    """The form, prefilled; a valid POST freezes a new letter and shows it.

    Only the kinds of letter that fit the case's notice exist here (case.rules.letters).
    """
    case = case_for(request, public_id)
    form_class = FORMS.get(kind)
    if form_class is None or kind not in case.rules.letters:
        raise Http404("No such letter")
    previous = None
    if source := request.GET.get("from"):
        try:
            previous = owned(request, Letter, UUID(source))
        except ValueError:
            raise Http404("No such letter") from None
        if previous.case_id != case.pk or previous.kind != kind:
            raise Http404("No such letter")
    profile = profile_for(request.user)
    form = form_class(
        request.POST or None,
        case=case,
        initial=initial_for(kind=kind, case=case, profile=profile, previous=previous),
    )
    if request.method == "POST" and form.is_valid():
        letter = documents.create_letter(case=case, kind=kind, cleaned_data=form.cleaned_data)
        messages.success(request, _("Your letter is ready. Check it, then download the PDF."))
        return redirect("notices:letter_detail", letter_id=letter.public_id)
    context = {
        "case": case,
        "form": form,
        "kind": documents.KINDS[kind],
        "previous": previous,
        "has_payments": case.payments.exists(),
        "address": documents.address_for(case, kind),
    }
    return render(request, "letters/form.html", context)


@require_GET
@login_required
@never_cache
def letter_detail(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    """The frozen letter as it will print, with the download button."""
    letter = owned(request, Letter, letter_id)
    context = {
        "case": letter.case,
        "letter": letter,
        "kind": documents.KINDS[letter.kind],
        "body": documents.snapshot_body(letter),
    }
    return render(request, "letters/detail.html", context)


def _over_pdf_limit(user_id: int) -> int:
    """Count this PDF against the user's minute; return seconds to wait, or 0 if allowed.

    A fixed window in the shared cache (Redis in production), so the limit holds across
    processes. add() then incr() is atomic on Redis; the window key expires by itself.
    While Redis is down the cache answers from each process (cp14site/ratelimit.py), so
    PDFs keep downloading and the limit holds per process.
    """
    now = time.time()
    window = int(now // PDF_WINDOW)
    key = f"letters:pdf:{user_id}:{window}"
    cache.add(key, 0, timeout=PDF_WINDOW + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=PDF_WINDOW + 5)
        count = 1
    if count <= PDF_LIMIT:
        return 0
    return max(int((window + 1) * PDF_WINDOW - now), 1)


@require_GET
@login_required
@never_cache
def letter_pdf(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    letter = owned(request, Letter, letter_id)
    if wait := _over_pdf_limit(request.user.pk):
        response = render(
            request, "letters/too_many.html", {"letter": letter, "wait": wait}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    pdf = documents.render_letter_pdf(letter)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = content_disposition_header(True, documents.pdf_filename(letter))
    assert disposition is not None  # only None for inline without a file name
    response["Content-Disposition"] = disposition
    return response


letter_urls = [
    path(
        "cases/<uuid:public_id>/letters/<slug:kind>/new/",
        letter_create,
        name="letter_create",
    ),
    path("letters/<uuid:letter_id>/", letter_detail, name="letter_detail"),
    path("letters/<uuid:letter_id>/pdf/", letter_pdf, name="letter_pdf"),
]
