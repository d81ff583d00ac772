"""One view that does nothing: what a request costs through Django and our middleware."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("", floor)]
