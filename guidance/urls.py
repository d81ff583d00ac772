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

# Pages without a namespace, in every language (cp14site/urls.py puts them under /es/ too).
home_urlpatterns = [
    path("", views.home, name="home"),
]

# Site-wide routes for machines and the language switch: one address, no language prefix.
root_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("language/", views.switch_language, name="switch_language"),
]
