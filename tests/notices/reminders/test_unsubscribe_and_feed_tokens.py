"""The secret links: the private calendar feed and the "stop reminders" link in emails.

Junk in either link (a NUL byte, other characters, a link that is too long) is a 404,
never a 500. PostgreSQL refuses a NUL byte in a query with an error, so CI runs these on
PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail, signing
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from notices.profiles import profile_for
from notices.reminders import emails, sending
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
MIGRATION = "0007_profile_unsubscribe_token"

# Each is put into the link as it would arrive from a browser or a bot (already %-encoded).
JUNK = [
    "%00",
    "abc%00def",
    "%00{token}",
    "{token}%00",
    "{token}%00{token}",
    "%C3%A9t%C3%A9",  # été
    "{token}%20",
    "..%2F..%2Fetc",
    "{token}.extra",
    "%0A{token}",
    "x" * 65,
    "%25%30%30",  # "%00" written out
    "%FF%FE",  # not UTF-8
]


@pytest.fixture
def feed_token(alice) -> str:
    return profile_for(alice).calendar_token


def feed(path: str) -> str:
    return reverse("notices:calendar_feed", kwargs={"token": "x"}).replace("/x.ics", path)


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_the_calendar_link_is_a_404_not_a_500(junk, feed_token):
    client = Client(raise_request_exception=True)  # a 500 would raise here
    url = feed("/" + junk.format(token=feed_token) + ".ics")
    response = client.get(url)
    assert response.status_code == 404, url
    assert "We can't find that page" in response.content.decode()


def test_the_real_calendar_link_still_works(feed_token):
    response = Client().get(feed(f"/{feed_token}.ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_the_unsubscribe_link_is_a_404_not_a_500(junk, feed_token):
    client = Client(raise_request_exception=True, enforce_csrf_checks=True)
    url = reverse("notices:unsubscribe", kwargs={"token": "x"}).replace("/x/", "/")
    url += junk.format(token=feed_token) + "/"
    for response in (client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})):
        assert response.status_code == 404, url


# The "stop reminders" link in emails: a random token of the person's own, revocable

NOW = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)
FIRST_REMINDER = datetime(2026, 3, 17, 12, 1, tzinfo=UTC)  # "7 days left", 8 a.m. New York
GONE = "This link to stop reminder emails no longer works"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def due_case(alice, clock):
    return make_case(alice, notice_date=date(2026, 2, 20), pay_by=date(2026, 3, 24))


def emailed_link(at: datetime = FIRST_REMINDER) -> str:
    """Send the next due reminder as a worker would; the unsubscribe link in that email."""
    mail.outbox.clear()
    for row_id in sending.claim_due(now=at):
        sending.send(row_id, now=at)
    message = mail.outbox[-1]
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    return link.removeprefix(settings.SITE_URL)


def token_in(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def test_the_email_link_carries_the_persons_random_token_not_their_id(client, due_case):
    link = emailed_link()
    profile = profile_for(due_case.owner)
    assert token_in(link).split(":")[0] == profile.unsubscribe_token
    assert len(profile.unsubscribe_token) >= 32
    other = profile_for(UserFactory())
    assert other.unsubscribe_token != profile.unsubscribe_token

    assert "Stop reminder emails?" in client.get(link).content.decode()
    assert "Reminders are off" in client.post(link).content.decode()
    assert not profile_for(due_case.owner).reminders_enabled
    assert profile_for(other.user).reminders_enabled


def test_making_new_private_links_stops_the_old_email_links(client, due_case):
    old_link = emailed_link()
    owner = Client()
    owner.force_login(due_case.owner)

    page = owner.post(reverse("notices:calendar_reset"), follow=True).content.decode()
    assert "“stop reminders” links in emails we already sent no longer work" in page

    for response in (client.get(old_link), client.post(old_link)):
        assert response.status_code == 404
        assert GONE in response.content.decode()
    assert profile_for(due_case.owner).reminders_enabled

    # The next email has a new link, and it works.
    new_link = emailed_link(at=datetime(2026, 3, 23, 12, 1, tzinfo=UTC))
    assert new_link != old_link
    assert client.post(new_link).status_code == 200
    assert not profile_for(due_case.owner).reminders_enabled


def test_an_old_format_link_gets_a_kind_page_not_an_error(due_case):
    # Emails sent before this change carried the user id, signed.
    old = signing.dumps(
        {"user": due_case.owner_id}, salt="notices.reminders.unsubscribe", compress=True
    )
    url = reverse("notices:unsubscribe", kwargs={"token": old})
    client = Client(raise_request_exception=True)
    for response in (client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})):
        assert response.status_code == 404
        html = response.content.decode()
        assert GONE in html
        assert "sign in and open your reminder settings" in html
        assert 'class="site-header"' in html  # the site's own layout
    assert profile_for(due_case.owner).reminders_enabled


def test_a_link_for_a_token_that_was_never_given_changes_nothing(client, due_case):
    forged = signing.TimestampSigner(salt=emails.UNSUBSCRIBE_SALT).sign("x" * 32)
    url = reverse("notices:unsubscribe", kwargs={"token": forged})
    assert client.post(url).status_code == 404
    assert profile_for(due_case.owner).reminders_enabled


# Migration 0007: every existing profile gets a token of its own


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_profile_its_own_token():
    executor = MigrationExecutor(connection)
    before, after = [("notices", "0006_irs_phone_help")], [("notices", MIGRATION)]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    User = old_apps.get_model("auth", "User")
    OldProfile = old_apps.get_model("notices", "Profile")
    for number in range(3):
        user = User.objects.create(username=f"before{number}", email=f"b{number}@example.com")
        OldProfile.objects.create(user=user, calendar_token=f"calendar-{number}")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new_apps = executor.loader.project_state(after).apps
    tokens = list(
        new_apps.get_model("notices", "Profile").objects.values_list("unsubscribe_token", flat=True)
    )
    assert len(tokens) == 3 and len(set(tokens)) == 3
    assert all(len(token) >= 32 for token in tokens)
