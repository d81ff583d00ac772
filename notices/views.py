"""Case pages: the dashboard, one notice, and its checklist, contact log and payment log.

Every object is looked up through the signed-in owner, so anyone else gets a 404.
Log changes work as full-page forms, and in place when htmx is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.forms import ModelForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import retarget

from notices import cases, kept, summary
from notices.access import AuthedRequest, case_for, case_with, owned
from notices.checkup import action_plan
from notices.checkup import store as flow_store
from notices.estimator.views import render_estimator
from notices.forms import CaseForm, ChecklistItemForm, ContactForm, NewerNoticeForm, PaymentForm
from notices.irs.figures import figures
from notices.models import Case, ChecklistItem, ContactEntry, EarlierNotice, Letter, PaymentEntry
from notices.profiles import profile_for

# Dashboard and case pages


@require_GET
@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    pending = flow_store.has_pending(request)

    def context() -> dict[str, Any]:
        cases = summary.cases_for(request.user).only(*summary.LIST_FIELDS)
        summaries = summary.by_urgency([summary.summarize(case) for case in cases])
        return {"summaries": summaries, "pending_plan": pending}

    parts = ("dashboard", request.user.pk, kept.versions_of(request.user.pk), pending)
    return kept.response(request, parts, "notices/dashboard.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def case_create(request: AuthedRequest) -> HttpResponse:
    # With a check-up plan waiting (chosen "save to a new notice", or carried over by sign-up
    # or sign-in): prefill from its answers, then attach them.
    from_checkup = flow_store.has_pending(request)
    form = CaseForm(request.POST or None, initial=flow_store.pending_initial(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        profile_for(request.user, time_zone=data.pop("browser_time_zone"))
        case = cases.create_case(owner=request.user, data=data)
        if flow_store.attach_pending(request, case):
            messages.success(request, _("Your notice is saved, with your check-up plan."))
            return redirect("notices:case_flow_plan", public_id=case.public_id)
        messages.success(request, _("Your notice is saved. Here is your deadline and checklist."))
        return redirect("notices:case_detail", public_id=case.public_id)
    context = {"form": form, "case": None, "from_checkup": from_checkup}
    return render(request, "notices/case_form.html", context)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def case_detail(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    # Only what the kept page's key and title need; the page's own query reads the rest.
    fields = ("public_id", "version", "nickname", "notice_type", "tax_year")
    return _case_page(request, case_with(request, public_id, fields))


def _case_page(request: AuthedRequest, case: Case, **extra: Any) -> HttpResponse:
    """The case page; kept rendered (notices/kept.py) unless `extra` holds a form to show
    again with its errors."""

    def context() -> dict[str, Any]:
        return _page_context(Case.objects.annotate(**_HAS).get(pk=case.pk), **extra)

    if extra:
        return render(request, "notices/case_detail.html", context())
    parts = ("case", request.user.pk, case.pk, case.version, bool(request.htmx))
    return kept.response(request, parts, "notices/case_detail.html", context)


def _exists(model: type[EarlierNotice | Letter]) -> RawSQL:
    table, cases = model._meta.db_table, Case._meta.db_table
    sql = f'EXISTS (SELECT 1 FROM "{table}" WHERE "{table}"."case_id" = "{cases}"."id")'
    return RawSQL(sql, [], output_field=BooleanField())


# Whether the case has earlier notices and letters, asked in the case's own query: most have
# neither, and each list is a query of its own. (As SQL: Exists() took longer to put
# together than the two queries it saves.)
_HAS = {"has_earlier": _exists(EarlierNotice), "has_letters": _exists(Letter)}


def _page_context(case: Case, **extra: Any) -> dict[str, Any]:
    """The whole case page: its sections, plus the plan, the deadline note above them, what
    this notice means, and where it sits in the usual order of notices."""
    plan = action_plan.build_plan(case.flow_answers, case=case, today=timezone.localdate())
    has_earlier = getattr(case, "has_earlier", True)
    earlier = list(case.earlier_notices.all()) if has_earlier else []
    about = summary.about(case, earlier)
    return _case_context(
        case,
        plan=plan,
        figures=figures(),
        about=about,
        events=summary.events(case, earlier, about),
        stages=summary.stages(case, earlier),
        **extra,
    )


def _case_context(case: Case, **extra: Any) -> dict[str, Any]:
    """What the log and checklist sections need (an htmx swap renders one of them alone)."""
    payments = list(case.payments.all())
    paid = sum((payment.amount for payment in payments), summary.ZERO)
    return {
        "case": case,
        "summary": summary.summarize(case, paid=paid),
        "contacts": case.contacts.all(),
        "payments": payments,
        "checklist": case.checklist.all(),
        "letters": case.letters.defer("html_snapshot", "inputs")
        if getattr(case, "has_letters", True)
        else [],
        "contact_form": ContactForm(prefix="contact"),
        "payment_form": PaymentForm(prefix="payment"),
        "item_form": ChecklistItemForm(prefix="item"),
    } | extra


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    case = case_for(request, public_id)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("browser_time_zone")
        cases.update_case(case=case, data=data)
        messages.success(request, _("Your changes are saved."))
        return redirect("notices:case_detail", public_id=case.public_id)
    return render(request, "notices/case_form.html", {"form": form, "case": case})


@require_http_methods(["GET", "POST"])
@login_required
def case_newer_notice(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    """ "I got a newer notice": keep the current one in the history, follow the new one."""
    case = case_for(request, public_id)
    form = NewerNoticeForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        earlier = cases.record_newer_notice(case=case, data=form.cleaned_data)
        messages.success(
            request,
            _("Saved. This page now follows your %(new)s, and your %(old)s is in the timeline. "
              "If the newer notice shows the tax, penalties and interest, or a different phone "
              "number or address, add them with “Edit details”.")
            % {"new": case.notice_type, "old": earlier.notice_type},
        )  # fmt: skip
        return redirect("notices:case_detail", public_id=case.public_id)
    return render(request, "notices/newer_notice_form.html", {"form": form, "case": case})


@require_http_methods(["GET", "POST"])
@login_required
def case_delete(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    case = case_for(request, public_id)
    if request.method == "POST":
        cases.delete_case(case)
        messages.success(request, _("The notice and everything logged on it are deleted."))
        return redirect("notices:dashboard")
    return render(request, "notices/case_confirm_delete.html", {"case": case})


# Contact log and payment log: the same flow for both


@dataclass(frozen=True)
class LogKind:
    model: type[cases.LogEntry]
    form_class: type[ModelForm]
    prefix: str  # form prefix, also the partial and anchor name
    noun: Any  # lazily translated, for messages and headings

    def section(self, case: Case) -> str:
        return reverse("notices:case_detail", kwargs={"public_id": case.public_id}) + (
            f"#{self.prefix}s"
        )


CONTACTS = LogKind(ContactEntry, ContactForm, "contact", gettext_lazy("call or letter"))
PAYMENTS = LogKind(PaymentEntry, PaymentForm, "payment", gettext_lazy("payment"))


def _section_response(request: AuthedRequest, case: Case, kind: LogKind, **extra: Any):
    """The log section alone, for an htmx swap."""
    template = f"notices/_case_body.html#{kind.prefix}s"
    return render(request, template, _case_context(case, **extra))


def _after_change(request: AuthedRequest, case: Case, kind: LogKind, message: str):
    if kind is PAYMENTS and cases.settle_if_paid(case):
        message += " " + _("Your payments now cover the amount due, so we marked it resolved.")
    if request.htmx:
        return _section_response(request, case, kind, flash=message)
    messages.success(request, message)
    return redirect(kind.section(case))


def _log_add(request: AuthedRequest, public_id: UUID, kind: LogKind) -> HttpResponse:
    case = case_for(request, public_id)
    form = kind.form_class(request.POST or None, prefix=kind.prefix)
    if request.method == "POST" and form.is_valid():
        cases.add_entry(case=case, model=kind.model, data=form.cleaned_data)
        return _after_change(request, case, kind, _("Saved."))
    if request.htmx:
        return _section_response(request, case, kind, **{f"{kind.prefix}_form": form})
    action = reverse(f"notices:{kind.prefix}_add", kwargs={"public_id": case.public_id})
    context = {"case": case, "form": form, "kind": kind, "action": action}
    return render(request, "notices/log_form.html", context)


def _log_edit(request: AuthedRequest, entry_id: UUID, kind: LogKind) -> HttpResponse:
    entry = owned(request, kind.model, entry_id)
    form = kind.form_class(request.POST or None, instance=entry, prefix=kind.prefix)
    if request.method == "POST" and form.is_valid():
        cases.update_entry(entry=entry, data=form.cleaned_data)
        return _after_change(request, entry.case, kind, _("Your changes are saved."))
    action = reverse(f"notices:{kind.prefix}_edit", kwargs={"entry_id": entry.public_id})
    context = {"case": entry.case, "form": form, "kind": kind, "entry": entry, "action": action}
    if not request.htmx:
        return render(request, "notices/log_form.html", context)
    response = render(request, "notices/log_form.html#log-form", context)
    if request.method == "POST":
        # The form was posted to replace the whole section; with errors, swap just the row.
        response = retarget(response, f"#{kind.prefix}-{entry.public_id}")
    return response


def _log_delete(request: AuthedRequest, entry_id: UUID, kind: LogKind) -> HttpResponse:
    entry = owned(request, kind.model, entry_id)
    cases.delete_entry(entry=entry)
    return _after_change(request, entry.case, kind, _("Deleted."))


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def contact_add(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    return _log_add(request, public_id, CONTACTS)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def contact_edit(request: AuthedRequest, entry_id: UUID) -> HttpResponse:
    return _log_edit(request, entry_id, CONTACTS)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def contact_delete(request: AuthedRequest, entry_id: UUID) -> HttpResponse:
    return _log_delete(request, entry_id, CONTACTS)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def payment_add(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    return _log_add(request, public_id, PAYMENTS)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def payment_edit(request: AuthedRequest, entry_id: UUID) -> HttpResponse:
    return _log_edit(request, entry_id, PAYMENTS)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def payment_delete(request: AuthedRequest, entry_id: UUID) -> HttpResponse:
    return _log_delete(request, entry_id, PAYMENTS)


@require_http_methods(["GET", "POST"])
@login_required
def case_estimate(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    """The cost estimator, filled in from the case."""
    case = case_for(request, public_id)
    initial = {
        "amount_due": case.amount_due,
        "tax_part": case.tax_amount,
        "notice_date": case.notice_date,
        "pay_by": case.pay_by,
        "tax_year": case.tax_year,
    }
    return render_estimator(request, initial=initial, case=case)


# Checklist


def _checklist_response(request: AuthedRequest, case: Case, **extra: Any) -> HttpResponse:
    if request.htmx:
        return render(request, "notices/_case_body.html#checklist", _case_context(case, **extra))
    return redirect(
        reverse("notices:case_detail", kwargs={"public_id": case.public_id}) + "#checklist"
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def checklist_toggle(request: AuthedRequest, item_id: UUID) -> HttpResponse:
    item = owned(request, ChecklistItem, item_id)
    cases.toggle_item(item)
    # After an htmx swap, focus stays on the button just pressed (data-autofocus).
    return _checklist_response(request, item.case, toggled=item.public_id)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def checklist_add(request: AuthedRequest, public_id: UUID) -> HttpResponse:
    case = case_for(request, public_id)
    form = ChecklistItemForm(request.POST, prefix="item")
    if form.is_valid():
        item = cases.add_item(case=case, text=form.cleaned_data["text"])
        return _checklist_response(request, case, toggled=item.public_id)
    if request.htmx:
        return _checklist_response(request, case, item_form=form)
    return _case_page(request, case, item_form=form)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def checklist_delete(request: AuthedRequest, item_id: UUID) -> HttpResponse:
    item = owned(request, ChecklistItem, item_id)
    cases.delete_item(item)
    return _checklist_response(request, item.case)
