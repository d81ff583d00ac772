"""Reminder scheduling, dispatch and sending: never lost, never doubled, never hanging."""

from __future__ import annotations

import ast
import inspect
import logging
import socket
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, connection
from django.urls import reverse

from guidance.readability import grade_level
from notices import tasks
from notices.models import Case, Reminder
from notices.profiles import profile_for
from notices.reminders import scheduling, sending
from tests.factories import UserFactory, make_case, make_contact
from tests.helpers import needs_postgres

# Sunday March 1, 2026, noon in New York. Daylight saving starts March 8.
NOW = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)
PAY_BY = date(2026, 3, 24)  # a Tuesday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def due_case(alice):
    return make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY)


def kinds(case: Case, status: str = "pending") -> set[str]:
    return set(case.reminders.filter(status=status).values_list("kind", flat=True))


def run_dispatch(django_capture_on_commit_callbacks, *, now=None) -> list[int]:
    with django_capture_on_commit_callbacks(execute=True):
        return sending.claim_due(now=now, enqueue=tasks.send_reminders.delay)


# Rows in the case's transaction, never ETA tasks


def test_saving_a_case_creates_its_reminder_rows(due_case):
    rows = {r.kind: r.send_at for r in due_case.reminders.all()}
    # 8 a.m. in New York; after March 8 that is EDT (UTC-4).
    assert rows == {
        "before-7@2026-03-24": datetime(2026, 3, 17, 12, 0, tzinfo=UTC),
        "before-1@2026-03-24": datetime(2026, 3, 23, 12, 0, tzinfo=UTC),
        "due@2026-03-24": datetime(2026, 3, 24, 12, 0, tzinfo=UTC),
    }


def test_no_app_code_schedules_eta_or_countdown_tasks():
    root = Path(__file__).resolve().parents[2]
    for path in [
        *root.glob("notices/**/*.py"),
        *root.glob("guidance/**/*.py"),
        *root.glob("cp14site/*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword):
                assert node.arg not in {"eta", "countdown"}, f"{path}: {node.arg}="


def test_tasks_take_ids_only():
    assert list(inspect.signature(tasks.send_reminders.run).parameters) == ["reminder_ids"]
    assert list(inspect.signature(tasks.dispatch_reminders.run).parameters) == []


# One row per reminder kind and case


def test_a_second_reminder_of_the_same_kind_is_impossible(due_case):
    with pytest.raises(IntegrityError):
        Reminder.objects.create(case=due_case, kind="due@2026-03-24", send_at=NOW)


# Downtime loses nothing


def test_reminders_due_during_an_outage_are_all_sent_once(
    alice, eager, django_capture_on_commit_callbacks
):
    cases = [make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY) for _ in range(200)]
    due_at = datetime(2026, 3, 24, 12, 0, tzinfo=UTC)
    after_outage = due_at + timedelta(hours=3)
    claimed = []
    while batch := run_dispatch(django_capture_on_commit_callbacks, now=after_outage):
        claimed += batch
    assert len(claimed) == 600  # before-7, before-1 and due for each of 200 cases
    assert len(mail.outbox) == 600
    assert Reminder.objects.filter(status="sent").count() == 600
    assert run_dispatch(django_capture_on_commit_callbacks, now=after_outage) == []
    assert len(mail.outbox) == 600
    assert len(cases) == 200


# Concurrent dispatchers never double-claim (PostgreSQL: SQLite has no row locks)


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_never_claim_the_same_row(alice):
    needs_postgres("the concurrency test", "needs PostgreSQL row locks (SKIP LOCKED)")
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY)
    Reminder.objects.bulk_create(
        Reminder(case=case, kind=f"load-{n}", send_at=NOW - timedelta(minutes=5))
        for n in range(500)
    )
    claimed: list[list[int]] = [[], []]
    # Both start together, and neither goes on past its first batch until the other has
    # one too: a claim is one fast UPDATE, and on a busy machine one thread could
    # otherwise take all 500 rows before the other starts.
    start, first_batch = threading.Barrier(2, timeout=30), threading.Barrier(2, timeout=30)

    def worker(slot: int) -> None:
        try:
            start.wait()
            while batch := sending.claim_due(limit=25):
                claimed[slot] += batch
                if len(claimed[slot]) == len(batch):
                    first_batch.wait()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = claimed[0] + claimed[1]
    assert len(everything) == len(set(everything)) == 500
    assert claimed[0] and claimed[1], "both dispatchers should have done some of the work"


# Duplicate delivery is a no-op


def test_a_task_delivered_twice_sends_one_email(due_case):
    (row_id,) = sending.claim_due(now=datetime(2026, 3, 17, 12, 1, tzinfo=UTC))
    tasks.send_reminders([row_id])
    tasks.send_reminders([row_id])
    assert len(mail.outbox) == 1
    assert Reminder.objects.get(pk=row_id).status == "sent"


# Broker down when the claim commits


def test_a_broker_outage_at_commit_loses_nothing(
    due_case, eager, monkeypatch, django_capture_on_commit_callbacks
):
    at = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.send_reminders, "delay", broker_down)
    (row_id,) = run_dispatch(django_capture_on_commit_callbacks, now=at)
    assert Reminder.objects.get(pk=row_id).status == "claimed"
    monkeypatch.undo()
    assert run_dispatch(django_capture_on_commit_callbacks, now=at + timedelta(minutes=1)) == []
    later = at + timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1)
    assert run_dispatch(django_capture_on_commit_callbacks, now=later) == [row_id]
    assert len(mail.outbox) == 1


# A worker dies holding a reminder


@pytest.mark.parametrize("died", ["claimed", "sending"])
def test_a_reminder_held_by_a_worker_that_died_goes_out_within_three_minutes(
    due_case, eager, monkeypatch, django_capture_on_commit_callbacks, died
):
    """The lease is short, so a killed worker's reminder waits minutes, not ten."""
    due_at = datetime(2026, 3, 17, 12, 0, tzinfo=UTC)  # the 7-day reminder's send time
    lost: list[list[int]] = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lost.append)  # the worker dies with it
    (row_id,) = run_dispatch(django_capture_on_commit_callbacks, now=due_at)
    if died == "sending":  # it died after starting to send, before the row was marked sent
        Reminder.objects.filter(pk=row_id).update(status="sending")
    monkeypatch.undo()
    # Beat dispatches every minute; the first run after the lease re-claims the row.
    sent_at = None
    for minute in range(1, 11):
        now = due_at + timedelta(minutes=minute)
        run_dispatch(django_capture_on_commit_callbacks, now=now)
        if mail.outbox:
            sent_at = now
            break
    assert lost == [[row_id]] and len(mail.outbox) == 1
    assert sent_at is not None and sent_at - due_at <= timedelta(minutes=3)


# The worker fails before the mail server accepted


class FlakyBackend:
    """An email backend whose first `failures` sends raise, like a dropped SMTP connection."""

    failures = 1
    calls = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise OSError("connection reset")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    FlakyBackend.calls = 0
    FlakyBackend.failures = 1
    settings.EMAIL_BACKEND = "tests.notices.reminders.test_reminders.FlakyBackend"
    return FlakyBackend


def test_a_failed_send_is_retried_after_its_lease(
    due_case, eager, flaky, django_capture_on_commit_callbacks
):
    at = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
    (row_id,) = sending.claim_due(now=at)
    with pytest.raises(OSError):
        sending.send(row_id, now=at)
    assert Reminder.objects.get(pk=row_id).status == "sending"
    later = at + timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1)
    run_dispatch(django_capture_on_commit_callbacks, now=later)
    row = Reminder.objects.get(pk=row_id)
    assert (row.status, row.attempts, len(mail.outbox)) == ("sent", 2, 1)
    assert [t.outcome for t in row.tries.all()] == ["error", "sent"]


def test_a_failed_row_does_not_stop_the_rest_of_its_batch(alice, flaky, caplog):
    for _ in range(3):
        make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY)
    at = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
    first, *others = ids = sending.claim_due(now=at)
    assert len(ids) == 3
    with time_machine.travel(at, tick=False), pytest.raises(tasks.ReminderNotSent) as failed:
        tasks.send_reminders(ids)
    statuses = dict(Reminder.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {first: "sending"} | dict.fromkeys(others, "sent")
    assert len(mail.outbox) == 2
    # The error names the row and the error's type, never the address it was going to.
    assert str(failed.value) == f"reminder {first}: OSError"
    assert alice.email not in str(failed.value) + caplog.text


def test_a_batch_delivered_twice_sends_each_email_once(alice):
    for _ in range(3):
        make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY)
    ids = sending.claim_due(now=datetime(2026, 3, 17, 12, 1, tzinfo=UTC))
    assert tasks.send_reminders(ids) == 3
    assert tasks.send_reminders(ids) == 0
    assert len(mail.outbox) == 3


def test_a_resent_row_is_logged_as_a_possible_duplicate(due_case, caplog):
    at = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
    (row_id,) = sending.claim_due(now=at)
    Reminder.objects.filter(pk=row_id).update(status="sending")  # the worker died mid-send
    with caplog.at_level(logging.WARNING, logger="notices.reminders.sending"):
        sending.claim_due(now=at + timedelta(hours=1))
    assert "possible duplicate" in caplog.text


# No stale reminders


def test_resolving_a_case_cancels_what_is_pending(due_case, alice_client):
    due_case.status = Case.Status.RESOLVED
    from notices import cases

    cases.update_case(case=due_case, data={"status": Case.Status.RESOLVED})
    assert kinds(due_case) == set()
    assert kinds(due_case, "cancelled") == {
        "before-7@2026-03-24",
        "before-1@2026-03-24",
        "due@2026-03-24",
    }


def test_a_new_pay_by_date_replaces_pending_reminders_and_keeps_sent_ones(due_case):
    from notices import cases

    Reminder.objects.filter(case=due_case, kind="before-7@2026-03-24").update(status="sent")
    cases.update_case(case=due_case, data={"pay_by": date(2026, 4, 7)})
    assert kinds(due_case) == {"before-7@2026-04-07", "before-1@2026-04-07", "due@2026-04-07"}
    assert kinds(due_case, "sent") == {"before-7@2026-03-24"}
    assert kinds(due_case, "cancelled") == {"before-1@2026-03-24", "due@2026-03-24"}


def test_a_case_resolved_after_its_reminder_was_claimed_sends_nothing(due_case):
    (row_id,) = sending.claim_due(now=datetime(2026, 3, 17, 12, 1, tzinfo=UTC))
    Case.objects.filter(pk=due_case.pk).update(status=Case.Status.RESOLVED)
    assert not tasks.send_reminders([row_id])
    assert mail.outbox == []
    assert Reminder.objects.get(pk=row_id).status == "cancelled"


def test_deleting_a_case_removes_its_reminders(due_case, alice_client):
    alice_client.post(reverse("notices:case_delete", args=[due_case.public_id]))
    assert not Reminder.objects.exists()


# Poison rows stop


def test_a_reminder_that_keeps_failing_is_marked_failed_and_logged(due_case, flaky, caplog):
    flaky.failures = 99
    at = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
    lease = timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1)
    row_id = 0
    for attempt in range(settings.REMINDER_MAX_ATTEMPTS):
        (row_id,) = sending.claim_due(now=at + attempt * lease)
        with pytest.raises(OSError):
            sending.send(row_id, now=at + attempt * lease)
    with caplog.at_level(logging.ERROR, logger="notices.reminders.sending"):
        assert sending.claim_due(now=at + 10 * lease) == []
    row = Reminder.objects.get(pk=row_id)
    assert (row.status, row.attempts) == ("failed", 5)
    assert f"reminder {row_id} failed after 5 attempts" in caplog.text
    assert sending.claim_due(now=at + 20 * lease) == []


# Lag health check


def test_health_check_reports_late_reminders(client, due_case, frozen):
    assert client.get("/healthz").status_code == 200
    frozen.move_to(datetime(2026, 3, 17, 12, 10, tzinfo=UTC))  # 10 minutes late: fine
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/reminders").status_code == 200
    frozen.move_to(datetime(2026, 3, 17, 12, 16, tzinfo=UTC))  # 16 minutes late
    response = client.get("/healthz/reminders")
    assert response.status_code == 503 and response.json()["status"] == "late"
    # The web server itself stays in service: only the alert check fails.
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["reminders"] == "late"


# Send times across daylight saving


@pytest.mark.parametrize(
    ("day", "zone", "expected_utc"),
    [
        (date(2026, 3, 7), "America/New_York", datetime(2026, 3, 7, 13, 0, tzinfo=UTC)),  # EST
        (
            date(2026, 3, 8),
            "America/New_York",
            datetime(2026, 3, 8, 12, 0, tzinfo=UTC),
        ),  # EDT starts
        (date(2026, 10, 31), "America/New_York", datetime(2026, 10, 31, 12, 0, tzinfo=UTC)),
        (
            date(2026, 11, 1),
            "America/New_York",
            datetime(2026, 11, 1, 13, 0, tzinfo=UTC),
        ),  # EST again
        (date(2026, 3, 8), "America/Los_Angeles", datetime(2026, 3, 8, 15, 0, tzinfo=UTC)),
        (date(2026, 3, 8), "America/Phoenix", datetime(2026, 3, 8, 15, 0, tzinfo=UTC)),  # no DST
        (date(2026, 7, 1), "America/Phoenix", datetime(2026, 7, 1, 15, 0, tzinfo=UTC)),
        (date(2026, 7, 1), "Pacific/Honolulu", datetime(2026, 7, 1, 18, 0, tzinfo=UTC)),
        (date(2026, 1, 5), "America/Anchorage", datetime(2026, 1, 5, 17, 0, tzinfo=UTC)),
    ],
)
def test_reminders_go_out_at_8am_local_time(day, zone, expected_utc):
    assert scheduling.local_morning(day, zone) == expected_utc


def test_a_computed_deadline_on_a_holiday_moves_the_reminders_too(alice):
    # Notice March 26, 2025 + 21 days = April 16 (Emancipation Day): due Thursday April 17.
    with time_machine.travel(datetime(2025, 3, 27, 12, 0, tzinfo=UTC), tick=False):
        case = make_case(alice, notice_date=date(2025, 3, 26), pay_by=None)
        assert "due@2025-04-17" in kinds(case)


# Nothing can hang


def test_settings_keep_tasks_from_hanging_or_getting_lost():
    assert settings.EMAIL_TIMEOUT <= 15
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_TIME_LIMIT <= 60
    for task in (tasks.send_reminders, tasks.dispatch_reminders, tasks.record_heartbeat):
        assert task.time_limit and task.time_limit <= 60
    assert tasks.send_reminders.time_limit < settings.REMINDER_LEASE_SECONDS <= 150


def test_a_mail_server_that_never_answers_fails_fast(due_case, settings):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never says hello
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.getsockname()[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    (row_id,) = sending.claim_due(now=datetime(2026, 3, 17, 12, 1, tzinfo=UTC))
    started = time.monotonic()
    with pytest.raises(OSError):
        sending.send(row_id)
    assert time.monotonic() - started < 5
    assert Reminder.objects.get(pk=row_id).status == "sending"  # retried after its lease
    silent.close()


# Who gets reminders


def test_an_unverified_address_gets_no_email_until_it_is_confirmed(db):
    user = UserFactory.create(email="new@example.com", verified=False)
    case = make_case(user, notice_date=date(2026, 2, 20), pay_by=PAY_BY)
    (row_id,) = sending.claim_due(now=datetime(2026, 3, 17, 12, 1, tzinfo=UTC))
    assert sending.send(row_id).reason == "no verified email address"
    assert mail.outbox == []
    assert kinds(case, "cancelled") == {"before-7@2026-03-24"}
    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()
    from allauth.account.signals import email_confirmed

    with time_machine.travel(datetime(2026, 3, 16, 12, 0, tzinfo=UTC), tick=False):
        email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert "before-7@2026-03-24" in kinds(case)


def test_follow_up_dates_in_the_contact_log_get_reminders(alice_client, due_case):
    contact = make_contact(due_case, follow_up_on=date(2026, 3, 12))
    scheduling.schedule_for_case(due_case)
    kind = f"follow-up@{contact.public_id}@2026-03-12"
    assert kind in kinds(due_case)
    alice_client.post(reverse("notices:contact_delete", args=[contact.public_id]))
    assert kind in kinds(due_case, "cancelled")


def test_weekly_nudges_follow_the_pay_by_date_until_resolved(due_case):
    after_due = datetime(2026, 3, 24, 12, 1, tzinfo=UTC)
    for row_id in sending.claim_due(now=after_due):
        sending.send(row_id, now=after_due)  # before-7, before-1 and due, a little late
    assert "after-1@2026-03-24" in kinds(due_case)
    week_later = datetime(2026, 3, 31, 12, 1, tzinfo=UTC)
    (row_id,) = sending.claim_due(now=week_later)
    sending.send(row_id, now=week_later)
    assert "after-2@2026-03-24" in kinds(due_case)
    assert "CP504" in mail.outbox[-1].body  # says what typically comes next


def test_choosing_other_lead_times_or_none(alice_client, alice, due_case):
    url = reverse("notices:reminder_settings")
    form = {
        "reminders_enabled": "on",
        "reminder_lead_days": ["14", "3"],
        "time_zone": "America/Chicago",
    }
    assert alice_client.post(url, form).status_code == 302
    assert kinds(due_case) == {"before-14@2026-03-24", "before-3@2026-03-24", "due@2026-03-24"}
    assert due_case.reminders.get(kind="due@2026-03-24").send_at == datetime(
        2026, 3, 24, 13, 0, tzinfo=UTC
    )
    alice_client.post(url, form | {"reminder_lead_days": []})
    assert kinds(due_case) == {"due@2026-03-24"}
    alice_client.post(url, {"time_zone": "America/Chicago"})  # unticked "send me reminders"
    assert kinds(due_case) == set()


def test_settings_page_warns_when_the_address_is_not_confirmed(client, db):
    user = UserFactory.create(email="new@example.com", verified=False)
    client.force_login(user)
    html = client.get(reverse("notices:reminder_settings")).content.decode()
    assert "Your email address is not confirmed yet" in html


# The email itself


def sent_email(due_case, at=datetime(2026, 3, 17, 12, 1, tzinfo=UTC)):
    (row_id,) = sending.claim_due(now=at)
    sending.send(row_id, now=at)
    return mail.outbox[-1], Reminder.objects.get(pk=row_id)


def test_the_email_says_what_is_due_and_when(due_case):
    message, row = sent_email(due_case)
    assert message.subject == "Your CP14 for 2024: pay-by date is Tuesday, March 24, 2026"
    assert message.body.startswith(
        "Your CP14 for 2024: the pay-by date is Tuesday, March 24, 2026. That is 7 days from now."
    )
    assert "Amount on the notice: $2,450.18." in message.body
    case_url = f"{settings.SITE_URL}/cases/{due_case.public_id}/"
    assert case_url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and case_url in html
    assert message.to == ["alice@example.com"]
    assert message.extra_headers["Message-ID"] == row.message_id == f"<reminder-{row.pk}@127.0.0.1>"


def test_the_email_has_one_click_unsubscribe_headers(due_case):
    message, _ = sent_email(due_case)
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(f"{settings.SITE_URL}/reminders/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body


def test_the_email_reads_at_grade_eight_or_lower(due_case):
    message, _ = sent_email(due_case)
    assert grade_level(message.body) <= 8


def test_user_text_is_escaped_in_the_html_email(alice):
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY, nickname="<b>mine</b>")
    message, _ = sent_email(case)
    html = message.alternatives[0][0]
    assert "<b>mine</b>" not in html


# Unsubscribe


def unsubscribe_link(due_case) -> str:
    message, _ = sent_email(due_case)
    return message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(settings.SITE_URL)


def test_unsubscribing_takes_one_click_and_cancels_what_is_pending(client, due_case):
    link = unsubscribe_link(due_case)
    page = client.get(link).content.decode()
    assert "Stop reminder emails?" in page
    assert profile_for(due_case.owner).reminders_enabled
    response = client.post(link)
    assert "Reminders are off" in response.content.decode()
    assert not profile_for(due_case.owner).reminders_enabled
    assert kinds(due_case) == set()


def test_mail_programs_can_unsubscribe_without_a_csrf_token(due_case):
    from django.test import Client

    link = unsubscribe_link(due_case)
    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not profile_for(due_case.owner).reminders_enabled


def test_a_forged_or_expired_unsubscribe_link_changes_nothing(client, due_case, frozen):
    link = unsubscribe_link(due_case)
    assert client.post(link[:-3] + "abc/").status_code == 404
    frozen.move_to(NOW + timedelta(days=200))
    assert client.post(link).status_code == 404
    assert profile_for(due_case.owner).reminders_enabled


# Calendar


def test_case_calendar_file_parses_and_keeps_a_stable_id(alice_client, due_case):
    from icalendar import Calendar

    url = reverse("notices:case_calendar", args=[due_case.public_id])
    first = Calendar.from_ical(alice_client.get(url).content)
    second = Calendar.from_ical(alice_client.get(url).content)
    (event,) = first.walk("VEVENT")
    assert event.decoded("dtstart") == PAY_BY
    assert str(event["uid"]) == str(second.walk("VEVENT")[0]["uid"])
    assert str(event["summary"]) == "Pay-by date: CP14 for 2024"
    assert len(event.walk("VALARM")) == 2


def test_private_calendar_feed_and_resetting_its_link(client, alice_client, alice, due_case):
    make_contact(due_case, follow_up_on=date(2026, 3, 12))
    token = profile_for(alice).calendar_token
    feed = client.get(reverse("notices:calendar_feed", kwargs={"token": token}))
    assert feed["Content-Type"].startswith("text/calendar")
    from icalendar import Calendar

    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 2
    alice_client.post(reverse("notices:calendar_reset"))
    assert client.get(reverse("notices:calendar_feed", kwargs={"token": token})).status_code == 404
    assert (
        client.get(reverse("notices:calendar_feed", kwargs={"token": "forged"})).status_code == 404
    )


# The management command


def test_send_due_reminders_command(due_case, eager, capsys):
    from django.core.management import call_command

    with time_machine.travel(datetime(2026, 3, 17, 12, 1, tzinfo=UTC), tick=False):
        call_command("send_due_reminders", "--dry-run")
        assert "1 reminder(s) due; nothing was claimed or sent." in capsys.readouterr().out
        assert kinds(due_case) >= {"before-7@2026-03-24"}
        call_command("send_due_reminders", "--here")
        assert "1 reminder(s) sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_email_gives_the_first_open_step_of_the_action_plan(due_case):
    from notices.checkup import action_plan
    from tests.factories import checkup_answers

    due_case.flow_answers = checkup_answers(can_pay="monthly")
    due_case.save()
    plan = action_plan.build_plan(due_case.flow_answers, case=due_case, today=date(2026, 3, 17))
    assert plan is not None
    first, second = plan.steps[0], plan.steps[1]
    message, _ = sent_email(due_case)
    assert f"What to do next: {first.title}. {first.what}" in message.body
    due_case.plan_done = [first.key]
    due_case.save()
    message, _ = sent_email(due_case, at=datetime(2026, 3, 23, 12, 1, tzinfo=UTC))
    assert f"What to do next: {second.title}. {second.what}" in message.body


def test_one_dispatch_run_claims_at_most_its_cap(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_DISPATCH_MAX = 150
    case = make_case(alice, notice_date=date(2026, 2, 20), pay_by=PAY_BY)
    Reminder.objects.bulk_create(
        Reminder(case=case, kind=f"load-{n}", send_at=NOW - timedelta(minutes=5))
        for n in range(250)
    )
    queued: list[list[int]] = []
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.dispatch(enqueue=queued.append) == 150
        assert sending.dispatch(enqueue=queued.append) == 100
        assert sending.dispatch(enqueue=queued.append) == 0
    assert Reminder.objects.filter(status="claimed", attempts=0).count() == 250
    # Queued in batches of SEND_BATCH rows, each row once.
    assert [len(batch) for batch in queued] == [20] * 7 + [10] + [20] * 5
    rows = [row for batch in queued for row in batch]
    assert sorted(rows) == sorted(
        Reminder.objects.filter(status="claimed").values_list("pk", flat=True)
    )
