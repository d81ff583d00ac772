"""The guided check-up: one view renders any step, with or without a case.

A visitor's answers live in the session; a case keeps its own. Without JavaScript each
answer is a form post and a redirect. With htmx the next step is swapped in, its URL
pushed, and focus moved to it (static/js/app.js), so Back and reload still work.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, push_url

from notices.access import AuthedRequest, VisitorRequest, case_for
from notices.checkup import action_plan, flow
from notices.checkup.forms import EmailPlanForm, SaveForm, form_for
from notices.checkup.store import (
    SAVED_KEY,
    Run,
    mark_pending,
    save_to_case,
    session_walk,
    toggle_done,
)
from notices.irs.figures import figures
from notices.models import Case

# The helpers serve visitors and signed-in owners alike.
AnyRequest = VisitorRequest | AuthedRequest


def _partial(request: AnyRequest) -> bool:
    """htmx swaps a fragment in; a history restore after Back needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


# Start, and start over


@require_http_methods(["GET", "POST"])
@never_cache
def flow_start(request: VisitorRequest) -> HttpResponse:
    return _start(request, Run(request))


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def case_flow_start(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    return _start(request, Run(request, case_for(request, public_id)))


def _start(request: AnyRequest, run: Run) -> HttpResponse:
    if request.method == "POST":  # "Start over"
        run.clear()
        messages.info(request, _("Your answers are cleared. Here is the first question."))
        return redirect(run.step_url(run.start))
    walked = run.walk()
    context = {
        "run": run,
        "case": run.case,
        "started": bool(walked.path),
        "done": walked.done,
        "first_url": run.step_url(run.start),
        "resume_url": run.step_url(walked.current or flow.END),
    }
    return render(request, "flow/start.html", context)


# One view for every step


@require_http_methods(["GET", "POST"])
@never_cache
@vary_on_headers("HX-Request")
def flow_step(request: VisitorRequest, step: str) -> HttpResponse:
    return _step(request, Run(request), step)


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
@vary_on_headers("HX-Request")
def case_flow_step(request: AuthedRequest, public_id: UUID, step: str) -> HttpResponse:
    return _step(request, Run(request, case_for(request, public_id)), step)


# What people see when a request can't be answered as asked: always with the right step.
UNREADABLE = gettext_lazy("Some saved answers could not be read. Please answer again from here.")
NOT_FOUND = gettext_lazy("We couldn't find that question. Here is where you left off.")
NOT_REACHABLE = gettext_lazy(
    "That question doesn't follow from your answers so far. This can happen after you "
    "start over or change an answer in another tab. Here is your next question."
)


def _step(request: AnyRequest, run: Run, slug: str) -> HttpResponse:
    walked = run.walk()
    here = walked.current or flow.END
    step = flow.STEPS.get(slug)
    if run.repaired:
        return _go(request, run, here, UNREADABLE)
    if step is None:
        return _go(request, run, here, NOT_FOUND)
    if not walked.reachable(slug):
        return _go(request, run, here, NOT_REACHABLE)
    change = "1" in (request.GET.get("change"), request.POST.get("change"))
    if request.method == "POST":
        form = form_for(step, request.POST)
        skipped = step.is_details and "skip" in request.POST  # what was typed doesn't matter
        if skipped or form.is_valid():
            run.save({**run.answers, slug: {} if skipped else form.value()})
            walked = run.walk()
            # After a "Change" link, back to the plan, unless the new answer opened a question.
            target = (walked.current or flow.END) if change else flow.next_step(slug, run.answers)
            return _go(request, run, target)
    else:
        form = form_for(step, initial=_initial(run, slug))
    return _render_step(request, run, step, form, change=change)


def _initial(run: Run, slug: str) -> Any:
    """The answer given before, or else what the case suggests."""
    return run.answers[slug] if slug in run.answers else run.prefill().get(slug)


def _go(request: AnyRequest, run: Run, target: str, message: Any = "") -> HttpResponse:
    """Show `target` next: swapped in (htmx) or by a redirect (plain forms)."""
    url = run.step_url(target)
    if run.saved is not None and target == flow.END:
        # A saved plan's page is a page of its own, not a check-up screen: load it whole.
        messages.success(request, message or _("Your plan is updated. Your private link shows it."))
        return HttpResponseClientRedirect(url) if _partial(request) else redirect(url)
    if _partial(request):
        if target == flow.END:
            response = _render_plan(request, run, flash=message)
        else:
            step = flow.STEPS[target]
            form = form_for(step, initial=_initial(run, target))
            response = _render_step(request, run, step, form, flash=message)
        return push_url(response, url)
    if message:
        messages.info(request, message)
    return redirect(url)


def _render_step(
    request: AnyRequest,
    run: Run,
    step: flow.Step,
    form: Any,
    *,
    change: bool = False,
    flash: Any = "",
) -> HttpResponse:
    walked = run.walk()
    previous = walked.previous(step.slug)
    if change and walked.done:
        back_url = run.plan_url()
    elif previous:
        back_url = run.step_url(previous)
    else:
        back_url = run.start_url()
    context = {
        **_frame(request, run, walked, at=step.slug),
        "step": step,
        "form": form,
        "selected": form["answer"].value() if "answer" in form.fields else None,
        "action": run.step_url(step.slug),
        "back_url": back_url,
        "change": change,
        "flash": flash,
    }
    title = _("%(question)s – Check-up part %(number)s of %(total)s") % {
        "question": step.question,
        "number": context["part_number"],
        "total": context["part_count"],
    }
    context["page_title"] = _("Error: %(title)s") % {"title": title} if form.errors else title
    template = "flow/step.html#flow" if _partial(request) else "flow/step.html"
    return render(request, template, context)


def _frame(request: AnyRequest, run: Run, walked: flow.Walk, *, at: str) -> dict[str, Any]:
    """What every check-up screen shows around its content: progress, help, start over."""
    sections = flow.progress(walked, at=at, in_case=run.case is not None)
    number = next(i for i, s in enumerate(sections, 1) if s.state == "current")
    return {
        "run": run,
        "case": run.case,
        "sections": sections,
        "part_number": number,
        "part_count": len(sections),
        "part_label": sections[number - 1].label,
        "start_url": run.start_url(),
        "partial": _partial(request),
    }


# The plan


@require_http_methods(["GET"])
@never_cache
@vary_on_headers("HX-Request")
def flow_plan(request: VisitorRequest) -> HttpResponse:
    return _plan(request, Run(request))


@require_http_methods(["GET"])
@never_cache
@login_required
@vary_on_headers("HX-Request")
def case_flow_plan(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    return _plan(request, Run(request, case_for(request, public_id)))


def _plan(request: AnyRequest, run: Run) -> HttpResponse:
    walked = run.walk()
    if not walked.done:
        # A page, not a redirect: someone may have bookmarked the plan or opened it early.
        context = {
            **_frame(request, run, walked, at=flow.END),
            "next_url": run.step_url(walked.current or run.start),
            "page_title": _("Your plan is not ready yet"),
        }
        return render(request, "flow/plan_not_ready.html", context)
    return _render_plan(request, run)


def _render_plan(
    request: AnyRequest, run: Run, *, flash: Any = "", status: int = 200, **keep: Any
) -> HttpResponse:
    """The plan at the end of the check-up. `keep`: the "keep this plan" forms, when a post
    to them needs the page again (an error, or the limit was reached)."""
    walked = run.walk()
    today = timezone.localdate()
    plan = action_plan.build_plan(run.answers, case=run.case, today=today)
    context = {
        "today": today,
        **_frame(request, run, walked, at=flow.END),
        "plan": plan,
        "figures": figures(),  # the deadline rule's threshold, shown beside the date
        "answer_rows": [
            {
                "question": row.question,
                "answer": row.answer,
                "url": run.step_url(row.slug) + "?change=1",
            }
            for row in flow.summary(walked)
        ],
        "return_to": run.plan_url(),
        "back_url": run.step_url(walked.path[-1]),
        "flash": flash,
        "page_title": (
            _("Your action plan for %(title)s") % {"title": run.case.title}
            if run.case
            else _("Your action plan")
        ),
        "email_form": EmailPlanForm(),
        **keep,
    }
    if context["email_form"].errors:
        context["page_title"] = _("Error: %(title)s") % {"title": context["page_title"]}
    template = "flow/plan.html#flow" if _partial(request) else "flow/plan.html"
    return render(request, template, context, status=status)


# Saving a visitor's plan into a case, after sign-up or login


@require_http_methods(["GET", "POST"])
@never_cache
def flow_save(request: VisitorRequest) -> HttpResponse:
    walked = session_walk(request)
    if not walked.done:
        return render(request, "flow/save.html", {"nothing_to_save": True})
    here = reverse("notices:flow_save")
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?{urlencode({'next': here})}")
        context = {
            "signup_url": f"{reverse('account_signup')}?{urlencode({'next': here})}",
            "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
        }
        return render(request, "flow/save.html", context)
    cases = list(Case.objects.filter(owner=request.user).order_by("-created_at"))
    form = SaveForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        case = form.chosen_case()
        if case is None:
            request.session.pop(SAVED_KEY, None)  # this page saves the session's plan
            mark_pending(request)
            messages.info(
                request, _("Add the details from your notice. We will save your plan with it.")
            )
            return redirect("notices:case_create")
        save_to_case(request, case, walked)
        messages.success(request, _("Your plan is saved with “%(title)s”.") % {"title": case.title})
        return redirect("notices:case_flow_plan", public_id=case.public_id)
    with_answers = [case.title for case in cases if case.flow_answers]
    return render(request, "flow/save.html", {"form": form, "with_answers": with_answers})


# Ticking plan steps off on a case


@require_POST
@login_required
@vary_on_headers("HX-Request")
def plan_step_toggle(request: AuthedRequest, public_id: UUID, key: str) -> HttpResponse:
    case = case_for(request, public_id)
    plan = action_plan.build_plan(case.flow_answers, case=case, today=timezone.localdate())
    if plan is None or key not in plan.keys:
        flash = _("That step is no longer in your plan, so nothing changed.")
    elif toggle_done(case, key):
        flash = _("Marked as done.")
    else:
        flash = _("Marked as not done.")
    return_to = request.POST.get("next", "")
    # Only a path on this site: anything else (even "a b") would reach redirect(), which
    # takes a string without a slash for a view name and fails with a 500.
    if not return_to.startswith("/") or not url_has_allowed_host_and_scheme(
        return_to, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return_to = (
            reverse("notices:case_detail", kwargs={"public_id": case.public_id}) + "#action-plan"
        )
    if request.htmx:
        context = {
            "case": case,
            "plan": plan,
            "return_to": return_to,
            "flash": flash,
            "toggled": key,
            "compact": request.POST.get("compact") == "1",  # the case page shows less
        }
        return render(request, "flow/_plan_steps.html", context)
    messages.success(request, flash)
    return redirect(f"{return_to.split('#')[0]}#step-{key}")


flow_urls = [
    path("check-up/", flow_start, name="flow_start"),
    path("check-up/plan/", flow_plan, name="flow_plan"),
    path("check-up/save/", flow_save, name="flow_save"),
    path("check-up/<slug:step>/", flow_step, name="flow_step"),
    path("cases/<uuid:public_id>/check-up/", case_flow_start, name="case_flow_start"),
    path("cases/<uuid:public_id>/check-up/plan/", case_flow_plan, name="case_flow_plan"),
    path("cases/<uuid:public_id>/check-up/<slug:step>/", case_flow_step, name="case_flow_step"),
    path("cases/<uuid:public_id>/plan/<slug:key>/done/", plan_step_toggle, name="plan_step_toggle"),
]
