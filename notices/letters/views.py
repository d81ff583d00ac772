"""Letter pages: the form for each kind, the frozen letter's preview, and its PDF.

Every object is looked up through the signed-in owner, so anyone else gets a 404.
"""

from __future__ import annotations

from uuid import UUID

from allauth.core.internal.ratelimit import get_ip
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from notices.access import AuthedRequest, case_for, owned
from notices.letters import documents, limits
from notices.letters.forms import FORMS, initial_for
from notices.models import Letter
from notices.profiles import profile_for

BUSY_WAIT = 5  # seconds to wait when the site is making many letters at once


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


@require_GET
@login_required
@never_cache
def letter_pdf(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    letter = owned(request, Letter, letter_id)
    if wait := limits.wait_for_pdf(request.user.pk, get_ip(request)):
        return _please_wait(request, letter, wait, status=429)
    with limits.rendering_slot() as free:
        if not free:  # many letters are being made right now, site-wide
            return _please_wait(request, letter, BUSY_WAIT, status=503, busy=True)
        pdf = documents.render_letter_pdf(letter)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = content_disposition_header(True, documents.pdf_filename(letter))
    assert disposition is not None  # only None for inline without a file name
    response["Content-Disposition"] = disposition
    return response


def _please_wait(
    request: AuthedRequest, letter: Letter, wait: int, *, status: int, busy: bool = False
) -> HttpResponse:
    context = {"letter": letter, "wait": wait, "busy": busy}
    response = render(request, "letters/too_many.html", context, status=status)
    response["Retry-After"] = str(wait)
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
