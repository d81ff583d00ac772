"""A plan kept without an account: the private link, the email, limits, changes, expiry."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from guidance.readability import grade_level, text_from_html
from notices import tasks
from notices.checkup import saved
from notices.checkup.saved_views import SENDING
from notices.checkup.store import SESSION_KEY
from notices.models import Reminder, ReminderAttempt, SavedPlan
from notices.reminders import scheduling, sending
from tests.factories import CHECKUP_DETAILS, CHECKUP_PATH, make_case
from tests.notices.checkup.test_views import walk_anonymously

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 10, 17, 0, tzinfo=UTC)  # noon in New York
LINK = re.compile(r"/plan/([A-Za-z0-9_-]{43})/")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_link(client: Client) -> str:
    """Finish the check-up and ask for a private link; returns the link's path."""
    walk_anonymously(client)
    response = client.post(reverse("notices:flow_plan_link"))
    assert response.status_code == 302
    path = response["Location"].split("#")[0]
    assert LINK.fullmatch(path), path
    return path


def token_of(path: str) -> str:
    match = LINK.fullmatch(path)
    assert match
    return match.group(1)


def email_plan(client: Client, address: str = "sam@example.com"):
    walk_anonymously(client)
    return client.post(reverse("notices:flow_plan_email"), {"email": address})


# The link


def test_the_plan_page_offers_a_link_and_an_email_without_an_account(client):
    walk_anonymously(client)
    html = client.get(reverse("notices:flow_plan")).content.decode()
    assert reverse("notices:flow_plan_link") in html
    assert "Get a private link" in html
    assert reverse("notices:flow_plan_email") in html
    assert 'type="email"' in html and "Email me this plan" in html


def test_a_link_opens_the_same_plan_in_another_browser_read_only(client):
    path = make_link(client)
    mine = client.get(reverse("notices:flow_plan")).content.decode()

    other = Client()
    response = other.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Your saved action plan" in html
    for title in re.findall(r'<h3 class="plan-step-title">(.*?)</h3>', mine):
        assert title in html
    assert "Apply for a long-term payment plan" in html
    # Read-only: nothing to tick off, no case controls, only "change my answers".
    assert "plan-toggle" not in html and "check-toggle" not in html
    assert "/done/" not in html
    assert "Change my answers" in html
    # It says until when, and shows the link to copy (a plain field that works without JS).
    assert "until Sunday, June 8, 2025" in html
    assert f'value="http://testserver{path}"' in html or path in html
    assert 'data-copy-target="plan-link"' in html


def test_only_the_hash_of_the_secret_is_stored(client):
    path = make_link(client)
    token = token_of(path)
    plan = SavedPlan.objects.get()
    assert plan.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = repr(list(SavedPlan.objects.values()))
    assert token not in stored
    assert plan.answers["arrived"] == "mail"
    assert plan.expires_at == NOW + timedelta(days=90)


def test_the_link_holds_no_personal_data(client):
    walk_anonymously(client)
    response = client.post(reverse("notices:flow_plan_email"), {"email": "sam@example.com"})
    location = response["Location"]
    assert "sam" not in location and "example" not in location
    assert "2450" not in location and "2025" not in location


@pytest.mark.parametrize(
    "key", ["x" * 43, "short", "a" * 64 + ":" + "b" * 43, "x" * 42 + "!", "x" * 200]
)
def test_a_wrong_link_gets_a_kind_not_found_page(client, key):
    make_link(client)
    response = Client().get(f"/plan/{key}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can't find this plan" in html
    assert reverse("notices:flow_start") in html


def test_an_expired_link_says_so_and_offers_a_new_check_up(client, frozen):
    path = make_link(client)
    frozen.shift(timedelta(days=90, seconds=1))
    response = Client().get(path)
    assert response.status_code == 410
    html = response.content.decode()
    assert "This plan has expired" in html and "Start a new check-up" in html


def test_a_plan_can_be_deleted_after_a_confirm_step(client):
    path = make_link(client)
    other = Client()
    confirm = other.get(path + "delete/")
    assert confirm.status_code == 200
    assert "Yes, delete my plan" in confirm.content.decode()
    assert SavedPlan.objects.count() == 1  # asking is not deleting
    response = other.post(path + "delete/")
    assert response["Location"] == reverse("notices:saved_plan_deleted")
    assert "Your plan is deleted" in other.get(response["Location"]).content.decode()
    assert SavedPlan.objects.count() == 0
    assert other.get(path).status_code == 404


def test_deleting_needs_a_post_with_csrf():
    client = Client(enforce_csrf_checks=True)
    path = make_link(Client())
    assert client.post(path + "delete/").status_code == 403
    assert SavedPlan.objects.count() == 1


def test_making_links_is_limited_per_address_with_a_clear_message(client):
    walk_anonymously(client)
    for _ in range(saved.LINKS_PER_HOUR):
        assert client.post(reverse("notices:flow_plan_link")).status_code == 302
    response = client.post(reverse("notices:flow_plan_link"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "We have made a lot of links for your internet connection" in html
    assert "Your action plan" in html  # the plan is still there
    assert SavedPlan.objects.count() == saved.LINKS_PER_HOUR
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9")
    walk_anonymously(other)
    assert other.post(reverse("notices:flow_plan_link")).status_code == 302


def test_emails_are_limited_per_address(client):
    walk_anonymously(client)
    for _ in range(saved.EMAILS_PER_HOUR):
        client.post(reverse("notices:flow_plan_email"), {"email": "sam@example.com"})
    response = client.post(reverse("notices:flow_plan_email"), {"email": "sam@example.com"})
    assert response.status_code == 429
    assert "We have sent a lot of plans" in response.content.decode()
    assert Reminder.objects.count() == saved.EMAILS_PER_HOUR


# The email


@pytest.mark.parametrize("address", ["", "sam", "sam@", "sam example.com"])
def test_a_wrong_email_address_gets_a_clear_message(client, address):
    response = email_plan(client, address)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please check what you entered" in html
    assert "like name@example.com" in html
    assert "<title>Error:" in html
    assert SavedPlan.objects.count() == 0 and Reminder.objects.count() == 0


def test_the_email_is_a_reminder_row_sent_by_the_real_dispatcher(
    client, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = email_plan(client, "sam@example.com")
    assert response.status_code == 302
    path = response["Location"].split("#")[0]
    plan = SavedPlan.objects.get()
    row = Reminder.objects.get()
    assert row.plan == plan and row.case is None and row.kind.startswith("plan@")
    # The dispatch asked for right after commit has already sent it, through send().
    assert callbacks, "a dispatch is asked for after commit"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.com"]
    assert message.subject == "Your action plan for your IRS notice"
    assert "Apply for a long-term payment plan" in message.body
    assert "June 8, 2025" in message.body  # when the link stops working
    assert "Delete this plan" in message.body
    # The emailed link opens the same plan.
    body = str(message.body)
    link = re.search(r"https?://[^/\s]+(/plan/[^/\s]+/)\s", body)
    assert link, body
    page = Client().get(link.group(1))
    assert page.status_code == 200 and "Your saved action plan" in page.content.decode()
    assert isinstance(message, mail.EmailMultiAlternatives)
    html_part = str(message.alternatives[0][0])
    assert link.group(1) in html_part
    # Sent, recorded, and the address forgotten.
    row.refresh_from_db()
    plan.refresh_from_db()
    assert row.status == "sent" and row.sent_at == NOW and row.message_id
    assert plan.email == ""
    assert ReminderAttempt.objects.filter(reminder=row, outcome="sent").count() == 1
    # The page said what is happening.
    assert "We are sending your plan to sam@example.com" in client.get(path).content.decode()


def dispatch(capture) -> None:
    """One run of the real dispatcher, with its after-commit enqueue run too."""
    with capture(execute=True):
        tasks.dispatch_reminders()


def test_a_second_dispatch_sends_nothing_more(client, eager, django_capture_on_commit_callbacks):
    email_plan(client)
    dispatch(django_capture_on_commit_callbacks)
    dispatch(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().status == "sent"


def test_the_email_can_be_asked_for_from_the_link_page(
    client, eager, django_capture_on_commit_callbacks
):
    path = make_link(client)
    other = Client()
    response = other.post(path + "email/", {"email": "kim@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []  # not sent inside the request
    dispatch(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["kim@example.com"]]
    assert SavedPlan.objects.get().email == ""


def test_a_wrong_address_on_the_link_page_is_refused(client):
    path = make_link(client)
    response = client.post(path + "email/", {"email": "kim at example"})
    assert response.status_code == 200
    assert "like name@example.com" in response.content.decode()
    assert Reminder.objects.count() == 0


def test_an_email_for_a_plan_deleted_before_sending_is_never_sent(
    client, eager, django_capture_on_commit_callbacks
):
    email_plan(client)
    SavedPlan.objects.all().delete()
    assert Reminder.objects.count() == 0  # the row went with the plan
    dispatch(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_plan_email_never_counts_among_a_cases_reminders(client, alice):
    case = make_case(alice)
    before = set(case.reminders.values_list("pk", flat=True))
    email_plan(client)
    assert set(case.reminders.values_list("pk", flat=True)) == before
    scheduling.schedule_for_case(case)  # re-scheduling a case leaves the plan's email alone
    assert Reminder.objects.get(plan__isnull=False).status == "pending"
    assert sending.reminder_lag(now=NOW + timedelta(minutes=2)) == timedelta(minutes=2)


def test_forged_answers_in_a_saved_plan_are_dropped_not_shown(client):
    path = make_link(client)
    plan = SavedPlan.objects.get()
    plan.answers = {**plan.answers, "arrived": "<script>alert(1)</script>"}
    plan.save()
    html = Client().get(path).content.decode()
    assert "alert(1)" not in html
    assert "This plan is not finished yet" in html  # the forged answer is gone


def test_what_people_typed_is_escaped(client):
    walk_anonymously(client)
    address = '"<b>x</b>"@example.com'  # a valid address, quoted
    response = client.post(reverse("notices:flow_plan_email"), {"email": address}, follow=True)
    html = response.content.decode()
    assert "&lt;b&gt;x&lt;/b&gt;" in html or escape(address) in html
    assert "<b>x</b>" not in html


# Changing the answers from the link


def test_changing_answers_from_the_link_updates_the_saved_plan(client):
    path = make_link(client)
    other = Client()
    page = other.get(path).content.decode()
    change = re.search(r'href="(/plan/[^"]+/check-up/[^"]+/)"[^>]*>Change my answers', page)
    assert change, "a link to walk the questions again"
    first = other.get(change.group(1))
    assert first.status_code == 200
    assert 'value="2025-03-03"' in first.content.decode()  # the saved answers are there
    answers = dict(CHECKUP_PATH) | {"can-pay": "full"}
    response = other.post(change.group(1), CHECKUP_DETAILS)
    for _ in range(20):  # walk again, this time paying in full
        if response["Location"] == path:
            break
        slug = response["Location"].rstrip("/").rsplit("/", 1)[1]
        response = other.post(response["Location"], {"answer": answers[slug]})
    assert response["Location"] == path
    assert SavedPlan.objects.get().answers["can-pay"] == "full"
    html = other.get(path).content.decode()
    assert "Your plan is updated" in html
    assert "Apply for a long-term payment plan" not in html
    assert SESSION_KEY not in other.session  # the visitor's own check-up was not touched


def test_changing_answers_via_htmx_loads_the_plan_page_whole(client):
    path = make_link(client)
    step = reverse("notices:saved_flow_step", kwargs={"key": token_of(path), "step": "fta-paid"})
    response = Client().post(step, {"answer": "yes"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == path


def test_a_deleted_plans_check_up_pages_are_gone(client):
    path = make_link(client)
    SavedPlan.objects.all().delete()
    step = reverse("notices:saved_flow_step", kwargs={"key": token_of(path), "step": "arrived"})
    assert Client().get(step).status_code == 404
    assert Client().post(step, {"answer": "mail"}).status_code == 404


# Expiry


def test_the_expiry_task_deletes_expired_plans_and_their_emails(client, frozen):
    email_plan(client)
    make_link(Client())
    frozen.shift(timedelta(days=45))
    young_path = make_link(Client(REMOTE_ADDR="203.0.113.7"))
    frozen.shift(timedelta(days=46))
    assert tasks.delete_expired_plans() == 2
    assert SavedPlan.objects.count() == 1
    assert Reminder.objects.count() == 0
    assert Client().get(young_path).status_code == 200


def test_the_expiry_task_runs_on_a_schedule(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["delete-expired-plans"]
    assert schedule["task"] == "notices.tasks.delete_expired_plans"
    assert schedule["schedule"] <= 24 * 3600


# Plain words


def test_the_new_pages_and_the_email_read_at_grade_8_or_below(
    client, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = email_plan(client)
    path = response["Location"].split("#")[0]
    main = re.compile(r"<main[^>]*>(.*)</main>", re.S)
    pages = {
        "saved plan": Client().get(path),
        "delete": Client().get(path + "delete/"),
        "not found": Client().get("/plan/" + "x" * 43 + "/"),
        "deleted": Client().get(reverse("notices:saved_plan_deleted")),
    }
    for name, page in pages.items():
        match = main.search(page.content.decode())
        assert match, name
        assert grade_level(text_from_html(match.group(1))) <= 8.0, name
    assert grade_level(str(mail.outbox[0].body)) <= 8.0


def test_the_sending_message_follows_the_language_of_each_request():
    """Worked out per request, not frozen in the language of the first one."""
    with translation.override("es"):
        spanish = str(SENDING)
    with translation.override("en"):
        english = str(SENDING)
    assert english.startswith("We are sending your plan")
    assert spanish != english and "plan" in spanish
