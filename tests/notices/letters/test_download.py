"""Downloading a stored letter PDF reads the letter, its case and the owner's time zone in
one query, and still names the file by the day it was made where its owner lives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from notices.models import Letter
from notices.profiles import profile_for
from tests.notices.letters.letters_helpers import make_letter, render

pytestmark = pytest.mark.django_db


def test_the_file_is_named_by_the_day_where_its_owner_lives(
    alice_client, alice, case, django_assert_num_queries
):
    letter = render(make_letter(alice_client, case, "payment_trace"))
    # Late on March 5 in Honolulu is already March 6 in New York (the default zone).
    Letter.objects.filter(pk=letter.pk).update(created_at=datetime(2025, 3, 6, 8, 30, tzinfo=UTC))
    profile = profile_for(alice)
    profile.time_zone = "Pacific/Honolulu"
    profile.save()
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    with django_assert_num_queries(3):  # the session, the person, the letter
        response = alice_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="cp14-2024-payment-trace-letter-2025-03-05.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_someone_else_s_letter_is_not_found(alice_client, case, outsider_client):
    letter = render(make_letter(alice_client, case))
    url = reverse("notices:letter_pdf", args=[letter.public_id])
    assert outsider_client.get(url).status_code == 404
