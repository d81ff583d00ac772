from __future__ import annotations

from django.urls import path

from notices import views
from notices.account import views as account_views
from notices.checkup.saved_views import saved_plan_urls
from notices.checkup.views import flow_urls
from notices.estimator.views import estimator_urls
from notices.handoffs import handoff_urls
from notices.letters.views import letter_urls
from notices.reading.views import reading_urls
from notices.reminders.views import reminder_urls

app_name = "notices"

case_urls = [
    path("cases/", views.dashboard, name="dashboard"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<uuid:public_id>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:public_id>/edit/", views.case_edit, name="case_edit"),
    path("cases/<uuid:public_id>/delete/", views.case_delete, name="case_delete"),
    path("cases/<uuid:public_id>/newer-notice/", views.case_newer_notice, name="case_newer_notice"),
    path("cases/<uuid:public_id>/estimate/", views.case_estimate, name="case_estimate"),
]

log_urls = [
    path("cases/<uuid:public_id>/contacts/add/", views.contact_add, name="contact_add"),
    path("contacts/<uuid:entry_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<uuid:entry_id>/delete/", views.contact_delete, name="contact_delete"),
    path("cases/<uuid:public_id>/payments/add/", views.payment_add, name="payment_add"),
    path("payments/<uuid:entry_id>/edit/", views.payment_edit, name="payment_edit"),
    path("payments/<uuid:entry_id>/delete/", views.payment_delete, name="payment_delete"),
    path("cases/<uuid:public_id>/checklist/add/", views.checklist_add, name="checklist_add"),
    path("checklist/<uuid:item_id>/toggle/", views.checklist_toggle, name="checklist_toggle"),
    path("checklist/<uuid:item_id>/delete/", views.checklist_delete, name="checklist_delete"),
]

account_urls = [
    path("accounts/data/", account_views.your_data, name="your_data"),
    path("accounts/data/export.json", account_views.export_json, name="export_json"),
    path("accounts/delete/", account_views.delete_account, name="delete_account"),
]

urlpatterns = case_urls + log_urls + account_urls + reminder_urls
urlpatterns += letter_urls
urlpatterns += flow_urls
urlpatterns += saved_plan_urls
urlpatterns += estimator_urls
urlpatterns += handoff_urls
urlpatterns += reading_urls
