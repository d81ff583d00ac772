from __future__ import annotations

from django.urls import path

from guidance import views
from guidance.sitemaps import sitemaps

app_name = "guidance"

urlpatterns = [
    path("guide/", views.index, name="index"),
    path("guide/<slug:slug>/", views.page, name="page"),
    path("faq/", views.faq, name="faq"),
    path("search/", views.search, name="search"),
]

# Site-wide routes that live with the public pages but have no namespace.
root_urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
]
