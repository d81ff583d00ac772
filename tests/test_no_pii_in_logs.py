"""No personal data in logs or task arguments.

One person's whole journey runs through the test client with every logger of ours, Django's,
allauth's and Celery's at DEBUG: sign up, confirm the address, add a notice, log a call and a
payment, make a letter and its PDF, get a reminder (and a failed one), export, sign out and
in, reset the password, delete the account. No log record may then contain the email
address, the name, the street address, the amounts or a 9-digit number.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import re
import smtplib
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from types import ModuleType

import pytest
import time_machine
from allauth.account.models import EmailAddress
from celery import Task
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from cp14site.celery import app as celery_app
from notices import tasks
from notices.models import Case, Letter, Reminder

pytestmark = pytest.mark.django_db

EMAIL = "zebulon.quarrington@example.org"
PASSWORD = "my own long passphrase 77"
FIRST, LAST = "Zebulon", "Quarrington"
STREET = "4817 Quillfeather Lane"
CITY = "Wrenfield"
PHONE = "541-555-0199"
AMOUNT_DUE, PAID = "7,431.57", "1,234.56"
EMPLOYEE_ID = "918273645"  # 9 digits, like an SSN or EIN would be
PERSONAL = [EMAIL, "zebulon.quarrington", FIRST, LAST, STREET, "Quillfeather", CITY, PHONE]
PERSONAL += [AMOUNT_DUE, "7431.57", "7431", PAID, "1234.56", EMPLOYEE_ID]
# Nine digits on their own (dashes or spaces allowed, as in an SSN), not inside a longer
# token such as a hex UUID.
NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{3}[- ]?\d{2}[- ]?\d{4}(?![0-9A-Za-z])")

# Sunday March 1, 2026, noon in New York; the first reminder is due March 17.
START = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)
REMINDER_DUE = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)
NEXT_DAY = datetime(2026, 3, 18, 12, 1, tzinfo=UTC)
# Loggers set to DEBUG for the journey, more than LOG_LEVEL=DEBUG gives in production (Django
# keeps its "django" logger at INFO). Left at their configured levels, which the last test
# checks: weasyprint and fontTools (settings pin them to WARNING; their DEBUG output is layout
# internals) and django.template, whose DEBUG records dump whole template contexts (the
# signed-in user, the case, the forms) whenever a template uses an optional variable.
LOGGERS = ["", "django", "django.request", "django.security", "allauth", "celery", "kombu",
           "notices", "guidance", "cp14site"]  # fmt: skip
QUIET_LOGGERS = ["django.template", "weasyprint", "fontTools"]


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, naming the address, as real ones do."""

    def send_messages(self, email_messages):
        refused = (550, b"5.1.1 mailbox unavailable")
        recipients = {to: refused for message in email_messages for to in message.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", str(message.body))
    assert match, message.body
    return match.group(1)


@pytest.fixture
def task_calls(monkeypatch) -> list[tuple[str, tuple, dict]]:
    """Every task message the journey sends: name, args, kwargs."""
    calls: list[tuple[str, tuple, dict]] = []
    original = Task.apply_async

    def recording(self, args=None, kwargs=None, *rest, **options):
        calls.append((self.name, tuple(args or ()), dict(kwargs or {})))
        return original(self, args, kwargs, *rest, **options)

    monkeypatch.setattr(Task, "apply_async", recording)
    return calls


def journey(client: Client, settings, capture_on_commit, traveller) -> None:
    # Sign up and confirm the address.
    response = client.post(
        reverse("account_signup"), {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert client.post(link_in(mail.outbox[-1])).status_code == 302
    user = User.objects.get(email=EMAIL)
    assert EmailAddress.objects.get(user=user).verified

    # A notice, a call and a payment.
    case_data = {
        "nickname": f"{LAST} family bill", "notice_type": "CP14", "notice_date": "2026-02-20",
        "pay_by": "2026-03-24", "tax_year": "2025", "amount_due": AMOUNT_DUE, "tax_amount": "",
        "penalty_amount": "", "interest_amount": "", "irs_phone": "800-829-1040",
        "irs_address": "Internal Revenue Service\nKansas City, MO 64999-0010", "status": "open",
        "notes": f"Sent to {STREET}, {CITY}.", "browser_time_zone": "America/New_York",
    }  # fmt: skip
    assert client.post(reverse("notices:case_create"), case_data).status_code == 302
    case = Case.objects.get(owner=user)
    contact = {
        "contact-contacted_at": "2026-02-27T09:30", "contact-channel": "phone",
        "contact-employee_name": "Ms. Rivera", "contact-employee_id": EMPLOYEE_ID,
        "contact-summary": f"{FIRST} {LAST} asked about ${PAID}.",
        "contact-reference_number": "", "contact-follow_up_on": "",
    }  # fmt: skip
    url = reverse("notices:contact_add", kwargs={"public_id": case.public_id})
    assert client.post(url, contact).status_code == 302
    payment = {
        "payment-paid_on": "2026-02-25", "payment-amount": PAID,
        "payment-method": "direct_pay", "payment-confirmation_number": EMPLOYEE_ID,
    }  # fmt: skip
    url = reverse("notices:payment_add", kwargs={"public_id": case.public_id})
    assert client.post(url, payment, HTTP_HX_REQUEST="true").status_code == 200
    assert client.get(reverse("notices:case_detail", kwargs={"public_id": case.public_id}))

    # A letter and its PDF.
    letter = {
        "full_name": f"{FIRST} {LAST}", "address_line1": STREET, "city": CITY, "state": "OR",
        "zip_code": "97499", "daytime_phone": PHONE, "ssn_last4": "6789", "tax_form": "1040",
        "enclosures": ["notice_copy"], "reasons": ["payment_not_credited"],
        "explanation": f"I paid ${PAID} on February 25. My phone is {PHONE}.",
    }  # fmt: skip
    url = reverse("notices:letter_create", kwargs={"public_id": case.public_id, "kind": "dispute"})
    with capture_on_commit(execute=True):  # the worker's render, run here (eager)
        response = client.post(url, letter)
    assert response.status_code == 302, response.content.decode()[:3000]
    made = Letter.objects.get(case=case)
    pdf = client.get(reverse("notices:letter_pdf", kwargs={"letter_id": made.public_id}))
    assert pdf["Content-Type"] == "application/pdf"

    # Reminders: settings, then the dispatcher and the send task, once refused by the mail
    # server (the error names the address) and once delivered.
    settings_form = {"reminders_enabled": "on", "reminder_lead_days": ["7", "1"],
                     "time_zone": "America/New_York"}  # fmt: skip
    assert client.post(reverse("notices:reminder_settings"), settings_form).status_code == 302
    traveller.move_to(REMINDER_DUE)
    settings.EMAIL_BACKEND = "tests.test_no_pii_in_logs.RefusingBackend"
    with capture_on_commit(execute=True):
        tasks.dispatch_reminders.delay()
    assert case.reminders.filter(status=Reminder.Status.SENDING).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    traveller.move_to(REMINDER_DUE + timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 60))
    with capture_on_commit(execute=True):
        tasks.dispatch_reminders.delay()
    assert case.reminders.filter(status=Reminder.Status.SENDING).count() == 0
    assert mail.outbox[-1].to == [EMAIL] and "pay-by date" in str(mail.outbox[-1].subject)
    traveller.move_to(START + timedelta(minutes=10))  # back, so the session is still fresh

    # See and export everything, sign out and in, ask for a reset, then delete it all.
    assert client.get(reverse("notices:your_data")).status_code == 200
    export = client.get(reverse("notices:export_json")).content.decode()
    assert STREET in export and EMAIL in export
    client.post(reverse("account_logout"))
    client.post(reverse("account_login"), {"login": EMAIL, "password": "wrong password 12"})
    response = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    Client().post(reverse("account_reset_password"), {"email": EMAIL})
    Client().post(reverse("account_reset_password"), {"email": f"x{EMAIL}"})  # unknown address
    Client().get(reverse("notices:case_detail", kwargs={"public_id": case.public_id}))
    Client(enforce_csrf_checks=True).post(reverse("notices:case_create"), case_data)
    response = client.post(reverse("notices:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email=EMAIL).exists()


def test_a_whole_journey_logs_no_personal_data(
    caplog, settings, django_capture_on_commit_callbacks, eager, task_calls
):
    caplog.set_level(logging.INFO, logger="django.template")
    for name in LOGGERS:  # after: each call also sets the capturing handler's level
        caplog.set_level(logging.DEBUG, logger=name)
    logging.getLogger("notices.canary").debug("capture works")

    with time_machine.travel(START, tick=False) as traveller:
        journey(Client(), settings, django_capture_on_commit_callbacks, traveller)

    assert "capture works" in caplog.text
    seen = 0
    for record in caplog.records:
        seen += 1
        texts = [str(record.msg), record.getMessage(), repr(record.args), record.exc_text or ""]
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
        for text in texts:
            for value in PERSONAL:
                assert value.lower() not in text.lower(), (record.name, text)
            assert not NINE_DIGITS.search(text), (record.name, text)
    assert seen > 1
    for value in PERSONAL:
        assert value.lower() not in caplog.text.lower(), value
    assert not NINE_DIGITS.search(caplog.text)

    # The task messages themselves carry ids only.
    assert {name for name, _args, _kwargs in task_calls} == {
        "notices.tasks.dispatch_reminders",
        "notices.tasks.send_reminders",
        "notices.tasks.render_letter",
    }
    for name, args, kwargs in task_calls:
        for arg in [*args, *kwargs.values()]:
            ids = arg if isinstance(arg, list) else [arg]
            assert all(isinstance(one, int) for one in ids), (name, args)


def _tasks_in(module: ModuleType) -> list[Task]:
    return [value for value in vars(module).values() if isinstance(value, Task)]


def test_every_celery_task_takes_only_ids():
    found = _tasks_in(tasks)
    assert {task.name for task in found} >= {
        "notices.tasks.send_reminders",
        "notices.tasks.dispatch_reminders",
        "notices.tasks.record_heartbeat",
    }
    # Every task the app knows about lives in notices/tasks.py, so this list is complete.
    ours = {name for name in celery_app.tasks if not name.startswith("celery.")}
    assert ours == {task.name for task in found}
    for task in found:
        parameters = inspect.signature(task.run).parameters
        for name, parameter in parameters.items():
            assert name.endswith(("_id", "_ids")), f"{task.name}({name}): pass ids, not data"
            assert parameter.annotation in ("int", "list[int]"), f"{task.name}({name}: int)"


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
def test_loggers_that_would_dump_personal_data_stay_quiet_at_any_log_level(level):
    """With LOG_LEVEL=DEBUG the root logger says everything; these must still not.

    A fresh process, because logging is configured once, from settings, at start-up.
    """
    code = (
        "import django, json, logging; django.setup(); "
        "print(json.dumps({n: logging.getLogger(n).getEffectiveLevel() "
        f"for n in {QUIET_LOGGERS!r}}}))"
    )
    env = {**os.environ, "LOG_LEVEL": level, "DJANGO_SETTINGS_MODULE": "cp14site.settings_test"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    levels = json.loads(result.stdout)
    assert all(found > logging.DEBUG for found in levels.values()), levels
