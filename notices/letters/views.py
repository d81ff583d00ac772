"""Letter pages: the form for each kind, the frozen letter's preview, its PDF and mailing.

The PDF is made once, by a worker, right after the letter is saved (rendering.py); the
pages here only queue it, show how it is going and serve the stored file. Every object is
looked up through the signed-in owner, so anyone else gets a 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cp14site import plain_sql, sessions, signin
from cp14site.middleware import checks_session_age, end_if_too_old
from notices import tasks
from notices.access import AuthedRequest, case_for, owned
from notices.letters import documents, follow_up, limits, mailing, rendering
from notices.letters.forms import FORMS, initial_for
from notices.models import Case, Letter, Profile
from notices.profiles import profile_for


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
    # Each letter is a PDF for a worker to make: making them is what is limited.
    wait = 0
    if request.method == "POST" and form.is_valid():
        wait = limits.wait_for_pdf(request.user.pk, get_ip(request))
        if wait:
            form.add_error(None, _too_many(wait))
    if request.method == "POST" and form.is_valid():
        letter = documents.create_letter(case=case, kind=kind, cleaned_data=form.cleaned_data)
        rendering.queue(letter.pk, enqueue=_enqueue)  # the PDF is made in the background
        messages.success(request, _("Your letter is saved. Check it while we make the PDF."))
        return redirect("notices:letter_detail", letter_id=letter.public_id)
    context = {
        "case": case,
        "form": form,
        "kind": documents.KINDS[kind],
        "previous": previous,
        "has_payments": case.payments.exists(),
        "address": documents.address_for(case, kind),
    }
    response = render(request, "letters/form.html", context, status=429 if wait else 200)
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _too_many(wait: int) -> str:
    return ngettext(
        "You have made several letters in the last minute. To keep CP14 Helper quick for "
        "everyone, please wait %(seconds)s second, then press the button again. What you "
        "typed is still here.",
        "You have made several letters in the last minute. To keep CP14 Helper quick for "
        "everyone, please wait %(seconds)s seconds, then press the button again. What you "
        "typed is still here.",
        wait,
    ) % {"seconds": wait}


def _enqueue(letter_id: int) -> None:
    # The message carries the time limits, so they come from this process's settings.
    tasks.render_letter.apply_async(
        args=[letter_id],
        soft_time_limit=settings.LETTER_RENDER_SOFT_SECONDS,
        time_limit=settings.LETTER_RENDER_HARD_SECONDS,
    )


def _letter_context(letter: Letter, **extra: Any) -> dict[str, Any]:
    ready = rendering.is_ready(letter)
    return {
        "case": letter.case,
        "letter": letter,
        "kind": documents.KINDS[letter.kind],
        "ready": ready,
        "waiting": letter.render_status == Letter.Render.WAITING and not ready,
        "failed": letter.render_status == Letter.Render.FAILED,
        "follow_up_on": follow_up.follow_up_on(letter),
        **extra,
    }


@require_GET
@login_required
@never_cache
def letter_detail(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    """The frozen letter as it will print; its PDF's progress, then the download button.

    Showing the page also gets a letter's PDF going again if it has been lost on the way
    (rendering.recover), and makes the first PDF of a letter from before PDFs were kept.
    """
    letter = owned(request, Letter, letter_id)
    rendering.recover(letter, enqueue=_enqueue)
    mailed = mailing.MailedForm(
        letter=letter,
        initial={"mailed_on": letter.mailed_on, "tracking_number": letter.tracking_number},
    )
    context = _letter_context(letter, body=documents.snapshot_body(letter), mailed_form=mailed)
    return render(request, "letters/detail.html", context)


@require_GET
@login_required
@never_cache
def letter_status(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    """What htmx polls while the PDF is being made: 204 (nothing to change) until it is
    ready or has failed, then the new status. Without htmx, the letter's page."""
    letter = owned(request, Letter, letter_id)
    if not request.htmx:
        return redirect("notices:letter_detail", letter_id=letter.public_id)
    rendering.recover(letter, enqueue=_enqueue)
    context = _letter_context(letter)
    if context["waiting"]:
        return HttpResponse(status=204)
    return render(request, "letters/_file_status.html", context)


@require_POST
@login_required
@never_cache
def letter_retry(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    """ "Try again" on a letter whose PDF could not be made: queue it afresh."""
    letter = owned(request, Letter, letter_id)
    if wait := limits.wait_for_pdf(request.user.pk, get_ip(request)):
        return _please_wait(request, letter, wait)
    if rendering.try_again(letter, enqueue=_enqueue):
        messages.info(request, _("We are making your PDF again."))
    return redirect("notices:letter_detail", letter_id=letter.public_id)


# What a download reads, in one plain SQL query (each round trip to the database cost more
# than sending the file): the session, by the rule of cp14site/sessions.py; the letter's
# file and state and what documents.pdf_filename names it by; the owner's time zone (the
# file's name has the day it was made); and the owner's user row. No row: no live session.
_LETTER = ("id", "public_id", "case_id", "kind", "created_at", "render_status", "pdf")
_CASE = ("id", "owner_id", "notice_type", "tax_year")
_DOWNLOAD = f"""
SELECT s.session_data, {plain_sql.columns(Letter, "l", _LETTER)},
       {plain_sql.columns(Case, "c", _CASE)}, {plain_sql.columns(User, "u")}, p.time_zone
FROM {Session._meta.db_table} s
LEFT JOIN {Letter._meta.db_table} l ON l.public_id = %s
LEFT JOIN {Case._meta.db_table} c ON c.id = l.case_id
LEFT JOIN {User._meta.db_table} u ON u.id = c.owner_id
LEFT JOIN {Profile._meta.db_table} p ON p.user_id = c.owner_id
WHERE {sessions.live("s")}
"""  # noqa: S608 - our names
_CASE_AT = 1 + plain_sql.width(Letter, _LETTER)
_OWNER_AT = _CASE_AT + plain_sql.width(Case, _CASE)


def _letter_to_download(request: HttpRequest, letter_id: UUID) -> tuple[Letter, str | None] | None:
    """The letter, with a case holding only its type, tax year and owner, and the owner's
    time zone (None before they have a profile); None if it is not theirs or not there.

    The session is then checked as on every page: its age (end_if_too_old), then its
    user, given the row the query read (request.user).
    """
    key = request.session.session_key
    public_id = Letter._meta.get_field("public_id").get_db_prep_value(letter_id, connection)
    params = [public_id, *sessions.live_params(key, connection)]
    row = plain_sql.first_row(_DOWNLOAD, params) if key else None
    request.session.read_with(row[0] if row is not None else None)  # type: ignore[attr-defined]
    end_if_too_old(request)
    if row is None or row[1] is None:  # no live session, or no such letter
        return None
    owner = plain_sql.instance(User, row[_OWNER_AT:-1])
    with signin.already_read(owner):
        if request.user.pk != owner.pk:  # someone else's, or no longer signed in
            return None
    letter = plain_sql.instance(Letter, row[1:_CASE_AT], _LETTER)
    letter.case = plain_sql.instance(Case, row[_CASE_AT:_OWNER_AT], _CASE)
    letter.case.owner = request.user
    return letter, row[-1]


@require_GET
@never_cache
@checks_session_age
def letter_pdf(request: HttpRequest, letter_id: UUID) -> HttpResponseBase:
    """The stored PDF, as an attachment. Until it is ready, the letter's page says why not.

    Signed-in only, as @login_required would make it; that decorator would read the user
    before the letter, and here one query reads the session, the letter and its owner.
    """
    found = _letter_to_download(request, letter_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if found is None:
        raise Http404
    letter, zone = found
    # Not limited: a stored file costs little to send, and only its owner can have it.
    if not rendering.is_ready(letter):
        return redirect("notices:letter_detail", letter_id=letter.public_id)
    try:
        # A letter is a few tens of kilobytes: read whole, it costs less than streamed.
        with letter.pdf.open("rb") as file:
            content = file.read()
    except FileNotFoundError:
        rendering.lost(letter, enqueue=_enqueue)
        return redirect("notices:letter_detail", letter_id=letter.public_id)
    # With no time zone (no profile yet), pdf_filename makes the profile.
    name = documents.pdf_filename(letter, time_zone=zone)
    disposition = content_disposition_header(as_attachment=True, filename=name)
    return HttpResponse(
        content, content_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@require_POST
@login_required
@never_cache
def letter_mailed(request: AuthedRequest, letter_id: UUID) -> HttpResponse:
    """ "I mailed it": the date and tracking number, and with them the follow-up reminder."""
    letter = owned(request, Letter, letter_id)
    form = mailing.MailedForm(request.POST, letter=letter)
    if form.is_valid():
        mailing.record_mailed(letter, **form.cleaned_data)
        messages.success(request, _("Saved. We will remind you when it is time to follow up."))
        return redirect(reverse("notices:letter_detail", args=[letter.public_id]) + "#mailed")
    context = _letter_context(letter, body=documents.snapshot_body(letter), mailed_form=form)
    return render(request, "letters/detail.html", context, status=400)


def _please_wait(request: AuthedRequest, letter: Letter, wait: int) -> HttpResponse:
    response = render(
        request, "letters/too_many.html", {"letter": letter, "wait": wait}, status=429
    )
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
    path("letters/<uuid:letter_id>/status/", letter_status, name="letter_status"),
    path("letters/<uuid:letter_id>/try-again/", letter_retry, name="letter_retry"),
    path("letters/<uuid:letter_id>/mailed/", letter_mailed, name="letter_mailed"),
]
