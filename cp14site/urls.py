from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from cp14site.health import healthz, healthz_reminders
from guidance.urls import root_urlpatterns

# The admin login uses allauth's sign-in, so it has the same rate limits.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    *root_urlpatterns,
    path("", include("guidance.urls")),
    path("healthz", healthz, name="healthz"),
    # For alerting only. Unnamed on purpose: it is not a page, and nothing links to it.
    path("healthz/reminders", healthz_reminders),
    path("accounts/", include("allauth.urls")),
    path("", include("notices.urls")),
    # Not /admin/ in production: see ADMIN_URL in settings.py.
    path(settings.ADMIN_URL, admin.site.urls),
]
