"""'Your data': see it all, download it, or delete the account."""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from notices.access import AuthedRequest
from notices.account import data as account_data
from notices.account import readable
from notices.forms import DeleteAccountForm
from notices.models import Profile


@require_GET
@login_required
def your_data(request: AuthedRequest) -> HttpResponse:
    profile = Profile.objects.filter(user=request.user).first()
    zone = readable.zone_name(profile)
    context = {
        "profile": profile,
        "zone": zone,
        "lead_days": readable.lead_days_words(profile) if profile else "",
        "emails": EmailAddress.objects.filter(user=request.user),
        "notices": readable.notices_for(request.user, zone),
        "plans_waiting": readable.plans_waiting(request.user),
    }
    return render(request, "notices/your_data.html", context)


@require_GET
@login_required
def export_json(request: AuthedRequest) -> HttpResponse:
    data = account_data.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"cp14-helper-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_data.delete_account(user)
        messages.success(request, _("Your account and everything in it are deleted."))
        return redirect("home")
    return render(request, "notices/delete_account.html", {"form": form})
