"""Sign-up carries a finished check-up: to a prefilled "save your plan" form and the dashboard."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from notices.checkup.store import PENDING_KEY, SESSION_KEY
from notices.models import Case
from tests.factories import CHECKUP_PATH, EASTERN, PASSWORD
from tests.notices.checkup.test_views import walk_anonymously
from tests.notices.test_accounts import link_in, sign_in, sign_up

pytestmark = pytest.mark.django_db

SAVE_TITLE = "Save your plan as a notice"
PENDING = "You have a plan from your check-up"
NEW_CASE = {"notice_type": "CP14", "notice_date": "2025-03-03", "tax_year": "2024",
            "amount_due": "2450.18", "status": "open"}  # fmt: skip


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2025, 3, 10, 12, tzinfo=EASTERN), tick=False):
        yield


def test_sign_up_then_confirm_lands_on_the_prefilled_save_page(client):
    walk_anonymously(client)
    response = sign_up(client, "new.person@example.com")
    assert response["Location"] == reverse("notices:case_create")
    page = client.get(response["Location"]).content.decode()
    assert SAVE_TITLE in page
    assert "We filled in what you told us in the check-up" in page
    assert 'value="2025-03-03"' in page and 'value="2450.18"' in page
    assert '<option value="CP14" selected>' in page

    confirm_path = link_in(mail.outbox[0])
    confirmed = client.post(confirm_path)
    assert confirmed["Location"] == reverse("notices:case_create")
    assert SAVE_TITLE in client.get(confirmed["Location"]).content.decode()


def test_the_dashboard_offers_the_plan_until_it_is_saved(client):
    walk_anonymously(client)
    sign_up(client, "new.person@example.com")
    dashboard = client.get(reverse("notices:dashboard")).content.decode()
    assert PENDING in dashboard
    assert reverse("notices:pending_dismiss") in dashboard
    # "Add a notice" is prefilled too.
    assert 'value="2450.18"' in client.get(reverse("notices:case_create")).content.decode()

    created = client.post(reverse("notices:case_create"), NEW_CASE)
    case = Case.objects.get()
    assert created["Location"] == reverse(
        "notices:case_flow_plan", kwargs={"public_id": case.public_id}
    )
    assert case.flow_answers == dict(CHECKUP_PATH)  # the answers went with the notice
    assert SESSION_KEY not in client.session and PENDING_KEY not in client.session
    assert PENDING not in client.get(reverse("notices:dashboard")).content.decode()
    form = client.get(reverse("notices:case_create")).content.decode()
    assert SAVE_TITLE not in form and 'value="2450.18"' not in form


def test_dismissing_the_plan_hides_it_and_keeps_the_form_empty(client):
    walk_anonymously(client)
    sign_up(client, "new.person@example.com")
    response = client.post(reverse("notices:pending_dismiss"))
    assert response["Location"] == reverse("notices:dashboard")
    dashboard = client.get(reverse("notices:dashboard")).content.decode()
    assert PENDING not in dashboard
    assert "We won&#x27;t offer that plan here again." in dashboard
    form = client.get(reverse("notices:case_create")).content.decode()
    assert SAVE_TITLE not in form and 'value="2450.18"' not in form
    client.post(reverse("notices:case_create"), NEW_CASE)
    assert Case.objects.get().flow_answers == {}
    # Confirming the email later does not bring back a dismissed plan.
    walk_anonymously(client)  # a new check-up would be offered again; this one is not new
    client.post(reverse("notices:pending_dismiss"))
    assert client.post(link_in(mail.outbox[0]))["Location"] == reverse("notices:dashboard")


def test_dismiss_is_a_post_with_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(reverse("notices:pending_dismiss")).status_code == 405
    assert client.post(reverse("notices:pending_dismiss")).status_code == 403


def test_signing_in_with_a_finished_check_up_also_carries_it(client, alice):
    walk_anonymously(client)
    response = sign_in(client, alice.email, PASSWORD)
    assert response["Location"] == reverse("notices:case_create")
    assert PENDING in client.get(reverse("notices:dashboard")).content.decode()


def test_without_a_finished_check_up_sign_up_goes_to_the_dashboard(client):
    client.post(reverse("notices:flow_step", kwargs={"step": "arrived"}), {"answer": "mail"})
    response = sign_up(client, "new.person@example.com")
    assert response["Location"] == reverse("notices:dashboard")
    assert PENDING not in client.get(reverse("notices:dashboard")).content.decode()


def test_a_next_link_still_wins(client):
    walk_anonymously(client)
    response = client.post(
        reverse("account_signup") + "?next=/check-up/save/",
        {"email": "n@example.com", "password1": "a long fresh password 42",
         "password2": "a long fresh password 42"},
    )  # fmt: skip
    assert response["Location"] == reverse("notices:flow_save")


def test_a_saved_plan_link_opened_before_sign_up_is_carried(client):
    walk_anonymously(client)
    link = client.post(reverse("notices:flow_plan_link"))["Location"].split("#")[0]
    elsewhere = Client()  # another device: only the link, no check-up in its session
    page = elsewhere.get(link).content.decode()
    assert reverse("notices:saved_plan_keep", kwargs={"key": link.split("/")[2]}) in page
    keep = elsewhere.post(link + "save/")
    assert keep["Location"] == reverse("account_signup")
    response = sign_up(elsewhere, "phone.person@example.com")
    assert response["Location"] == reverse("notices:case_create")
    form = elsewhere.get(response["Location"]).content.decode()
    assert SAVE_TITLE in form and 'value="2450.18"' in form
    elsewhere.post(reverse("notices:case_create"), NEW_CASE)
    assert Case.objects.get().flow_answers == dict(CHECKUP_PATH)


def test_a_signed_in_person_saves_a_linked_plan_straight_away(client, alice):
    walk_anonymously(client)
    link = client.post(reverse("notices:flow_plan_link"))["Location"].split("#")[0]
    owner = Client()
    owner.force_login(alice)
    keep = owner.post(link + "save/")
    assert keep["Location"] == reverse("notices:case_create")
    assert SAVE_TITLE in owner.get(keep["Location"]).content.decode()


def test_save_this_plan_saves_the_plan_on_screen_not_a_link_opened_before(client, alice):
    other = Client()
    walk_anonymously(other)
    other.post(reverse("notices:flow_step", kwargs={"step": "can-pay"}), {"answer": "full"})
    link = other.post(reverse("notices:flow_plan_link"))["Location"].split("#")[0]
    client.force_login(alice)
    client.get(link)  # someone else's plan, opened here first
    walk_anonymously(client)  # then this person's own check-up
    client.get(link)
    client.post(reverse("notices:flow_save"), {"target": "new"})
    client.post(reverse("notices:case_create"), NEW_CASE)
    assert Case.objects.get().flow_answers == dict(CHECKUP_PATH)
