"""Keeping a check-up plan without an account: a private link, an email, and deleting it.

The link opens the plan read-only on any device until it expires. From there the person
can walk the check-up again (a Run backed by the saved plan: each answer updates it),
email it to themselves, delete it, or save it as a notice in an account.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from notices import tasks
from notices.access import AuthedRequest, VisitorRequest
from notices.checkup import action_plan, flow, saved, store
from notices.checkup import views as flow_views
from notices.checkup.forms import EmailPlanForm
from notices.checkup.store import Run
from notices.irs.figures import figures
from notices.models import SavedPlan

log = logging.getLogger(__name__)


def _limited(action: str, request: VisitorRequest) -> str:
    """The words to show when this address made too many links or emails; else ""."""
    wait = saved.wait_for(action, get_ip(request))
    if not wait:
        return ""
    minutes = max(wait // 60, 1)
    if action == "email":
        text = ngettext(
            "We have sent a lot of plans from your internet connection in the last hour. "
            "To keep email working for everyone, please try again in %(minutes)s minute.",
            "We have sent a lot of plans from your internet connection in the last hour. "
            "To keep email working for everyone, please try again in %(minutes)s minutes.",
            minutes,
        )
    else:
        text = ngettext(
            "We have made a lot of links for your internet connection in the last hour. "
            "Please try again in %(minutes)s minute. Your plan is still here.",
            "We have made a lot of links for your internet connection in the last hour. "
            "Please try again in %(minutes)s minutes. Your plan is still here.",
            minutes,
        )
    return text % {"minutes": minutes}


def _send_soon() -> None:
    """Ask for a dispatch now, so the email goes in seconds rather than at the next minute.

    The dispatcher claims the row as usual, so this adds no second way to send it. If the
    broker is down, the next scheduled dispatch sends it.
    """
    try:
        tasks.dispatch_reminders.delay()
    except Exception as error:
        log.warning("could not ask for a dispatch now (%s); the schedule sends it", error)


def _email(plan: SavedPlan, address: str) -> None:
    with transaction.atomic():
        saved.request_email(plan, address)
        transaction.on_commit(_send_soon)


def _remember(request: VisitorRequest, plan: SavedPlan) -> None:
    """This browser opened or made this plan: sign-up can then offer to save it."""
    request.session[store.SAVED_KEY] = plan.token_hash


# Lazy: worked out in the language of each request, not of the first one.
SENDING = gettext_lazy("We are sending your plan to %(email)s. It should arrive in a few minutes.")


# From the plan at the end of the check-up


@require_POST
def flow_plan_link(request: VisitorRequest) -> HttpResponse:
    run = Run(request)
    walked = run.walk()
    if not walked.done:
        return redirect("notices:flow_plan")
    if limited := _limited("link", request):
        return flow_views._render_plan(request, run, status=429, keep_error=limited)
    plan, token = saved.create(walked.answers)
    _remember(request, plan)
    messages.success(request, _("Here is your private link. Copy it and keep it safe."))
    return redirect(reverse("notices:saved_plan", kwargs={"key": token}) + "#keep")


@require_POST
def flow_plan_email(request: VisitorRequest) -> HttpResponse:
    run = Run(request)
    walked = run.walk()
    if not walked.done:
        return redirect("notices:flow_plan")
    form = EmailPlanForm(request.POST)
    if not form.is_valid():
        return flow_views._render_plan(request, run, email_form=form)
    if limited := _limited("email", request) or _limited("link", request):
        return flow_views._render_plan(
            request, run, status=429, email_form=form, keep_error=limited
        )
    plan, token = saved.create(walked.answers)
    _email(plan, form.cleaned_data["email"])
    _remember(request, plan)
    messages.success(request, SENDING % {"email": form.cleaned_data["email"]})
    return redirect(reverse("notices:saved_plan", kwargs={"key": token}) + "#keep")


# The private link


def _gone(request: VisitorRequest, *, expired: bool) -> HttpResponse:
    """A kind page for a link that opens nothing, with the way to a new plan."""
    return render(
        request, "flow/saved_gone.html", {"expired": expired}, status=410 if expired else 404
    )


def _open(request: VisitorRequest, key: str) -> SavedPlan | HttpResponse:
    found = saved.find(key)
    if found.plan is None:
        return _gone(request, expired=found.expired)
    return found.plan


@require_GET
@never_cache
def saved_plan(request: VisitorRequest, key: str) -> HttpResponse:
    plan = _open(request, key)
    if isinstance(plan, HttpResponse):
        return plan
    _remember(request, plan)
    return _render_saved(request, plan, key)


def _render_saved(
    request: VisitorRequest, plan: SavedPlan, key: str, *, status: int = 200, **keep: Any
) -> HttpResponse:
    run = Run(request, saved=plan, key=key)
    walked = run.walk()
    today = timezone.localdate()
    context = {
        "today": today,
        "plan": action_plan.build_plan(run.answers, case=None, today=today)
        if walked.done
        else None,
        "figures": figures(),
        "saved": plan,
        "expires_on": timezone.localdate(plan.expires_at),
        "link": settings.SITE_URL + run.plan_url(),
        "change_url": run.step_url(walked.current or run.start),
        "answer_rows": flow.summary(walked),
        "email_form": EmailPlanForm(),
        "email_action": reverse("notices:saved_plan_email", kwargs={"key": key}),
        "delete_url": reverse("notices:saved_plan_delete", kwargs={"key": key}),
        "keep_url": reverse("notices:saved_plan_keep", kwargs={"key": key}),
        **keep,
    }
    title = _("Your saved action plan")
    context["page_title"] = (
        _("Error: %(title)s") % {"title": title} if context["email_form"].errors else title
    )
    response = render(request, "flow/saved_plan.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_POST
def saved_plan_email(request: VisitorRequest, key: str) -> HttpResponse:
    plan = _open(request, key)
    if isinstance(plan, HttpResponse):
        return plan
    form = EmailPlanForm(request.POST)
    if not form.is_valid():
        return _render_saved(request, plan, key, email_form=form)
    if limited := _limited("email", request):
        return _render_saved(request, plan, key, status=429, email_form=form, keep_error=limited)
    _email(plan, form.cleaned_data["email"])
    messages.success(request, SENDING % {"email": form.cleaned_data["email"]})
    return redirect(reverse("notices:saved_plan", kwargs={"key": key}) + "#keep")


@require_http_methods(["GET", "POST"])
@never_cache
def saved_plan_delete(request: VisitorRequest, key: str) -> HttpResponse:
    plan = _open(request, key)
    if isinstance(plan, HttpResponse):
        return plan
    if request.method == "POST":
        plan.delete()  # its email rows go with it
        request.session.pop(store.SAVED_KEY, None)
        return redirect("notices:saved_plan_deleted")
    context = {
        "plan_url": reverse("notices:saved_plan", kwargs={"key": key}),
        "expires_on": timezone.localdate(plan.expires_at),
    }
    return render(request, "flow/saved_delete.html", context)


@require_GET
def saved_plan_deleted(request: VisitorRequest) -> HttpResponse:
    return render(request, "flow/saved_gone.html", {"deleted": True})


@require_POST
def saved_plan_keep(request: VisitorRequest, key: str) -> HttpResponse:
    """ "Save it as a notice": in an account, with the case form filled in from the plan."""
    plan = _open(request, key)
    if isinstance(plan, HttpResponse):
        return plan
    _remember(request, plan)
    if request.user.is_authenticated:
        request.session.pop(store.DISMISSED_KEY, None)
        store.carry_plan(request)
        return redirect("notices:case_create")
    # After sign-up the account adapter sees the remembered plan and carries it.
    return redirect(reverse("account_signup"))


# Changing the answers from the link: the same check-up views, on the saved plan


@require_http_methods(["GET", "POST"])
@never_cache
def saved_flow_start(request: VisitorRequest, key: str) -> HttpResponse:
    plan = _open(request, key)
    if isinstance(plan, HttpResponse):
        return plan
    return flow_views._start(request, Run(request, saved=plan, key=key))


@require_http_methods(["GET", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def saved_flow_step(request: VisitorRequest, key: str, step: str) -> HttpResponse:
    plan = _open(request, key)
    if isinstance(plan, HttpResponse):
        return plan
    return flow_views._step(request, Run(request, saved=plan, key=key), step)


# The dashboard's "you have a plan from your check-up"


@require_POST
@login_required
def pending_dismiss(request: AuthedRequest) -> HttpResponse:
    store.dismiss_pending(request)
    messages.info(request, _("OK. We won't offer that plan here again."))
    return redirect("notices:dashboard")


saved_plan_urls = [
    path("check-up/plan/link/", flow_plan_link, name="flow_plan_link"),
    path("check-up/plan/email/", flow_plan_email, name="flow_plan_email"),
    path("cases/check-up-plan/dismiss/", pending_dismiss, name="pending_dismiss"),
    path("plan/deleted/", saved_plan_deleted, name="saved_plan_deleted"),
    path("plan/<str:key>/", saved_plan, name="saved_plan"),
    path("plan/<str:key>/email/", saved_plan_email, name="saved_plan_email"),
    path("plan/<str:key>/delete/", saved_plan_delete, name="saved_plan_delete"),
    path("plan/<str:key>/save/", saved_plan_keep, name="saved_plan_keep"),
    path("plan/<str:key>/check-up/", saved_flow_start, name="saved_flow_start"),
    path("plan/<str:key>/check-up/<slug:step>/", saved_flow_step, name="saved_flow_step"),
]
