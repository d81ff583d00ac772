from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from cp14site.health import healthz, healthz_reminders
from guidance.urls import home_urlpatterns, root_urlpatterns

# The admin login uses allauth's sign-in, so it has the same rate limits.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# Not translated: machines read these, and the admin is for staff.
urlpatterns = [
    *root_urlpatterns,
    path("healthz", healthz, name="healthz"),
    # For alerting only. Unnamed on purpose: it is not a page, and nothing links to it.
    path("healthz/reminders", healthz_reminders),
    # Not /admin/ in production: see ADMIN_URL in settings.py.
    path(settings.ADMIN_URL, admin.site.urls),
]

# Every page a person reads: English with no prefix (every address stays as it always was),
# Spanish under /es/. The address alone decides the language; nobody is redirected by their
# browser's Accept-Language header (LocaleMiddleware does not redirect when the default
# language has no prefix).
urlpatterns += i18n_patterns(
    *home_urlpatterns,
    path("", include("guidance.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("notices.urls")),
    prefix_default_language=False,
)
