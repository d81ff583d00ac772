"""The secret links: the private calendar feed and the "stop reminders" link in emails.

Junk in either link (a NUL byte, other characters, a link that is too long) is a 404,
never a 500. PostgreSQL refuses a NUL byte in a query with an error, so CI runs these on
PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from notices.profiles import profile_for

pytestmark = pytest.mark.django_db

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
