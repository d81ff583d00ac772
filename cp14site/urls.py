from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from cp14site.health import healthz
from guidance.urls import root_urlpatterns

urlpatterns = [
    *root_urlpatterns,
    path("", include("guidance.urls")),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
