"""Two "Save notice" presses at the same moment (a double click, two tabs) make one case.

Real threads on the real database (PostgreSQL) and cache (Redis, when REDIS_URL is set): the
saving is slowed so both presses are surely inside it together.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from notices import cases
from notices.models import Case
from tests.notices.reading.test_reading_accuracy import notices_text

DATA = {
    "nickname": "My 2022 bill", "notice_type": "CP14", "notice_date": "2024-03-04",
    "pay_by": "2024-03-25", "tax_year": "2022", "amount_due": "1486.40",
    "tax_amount": "1400.00", "penalty_amount": "56.00", "interest_amount": "30.40",
    "irs_phone": "800-555-0142", "status": "open", "notes": "",
}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_make_one_case(alice, monkeypatch):
    real = cases.create_case

    def slow(**kwargs):
        time.sleep(0.5)  # the other press arrives while this one is saving
        return real(**kwargs)

    monkeypatch.setattr(cases, "create_case", slow)
    first, second = Client(), Client()  # two tabs
    for client in (first, second):
        client.force_login(alice)
    review_url = first.post(reverse("notices:read_start"), {"text": notices_text("CP14")})[
        "Location"
    ]
    assert second.get(review_url).status_code == 200  # the same person, the same reading

    responses: dict[str, object] = {}
    start = threading.Barrier(2)

    def press(name: str, client: Client) -> None:
        try:
            start.wait()
            responses[name] = client.post(review_url, DATA)
        finally:
            connection.close()  # this thread's own connection

    pairs = [("first", first), ("second", second)]
    threads = [threading.Thread(target=press, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Case.objects.filter(owner=alice).count() == 1
    case = Case.objects.get(owner=alice)
    locations = sorted(r["Location"] for r in responses.values())  # type: ignore[index]
    detail = reverse("notices:case_detail", args=[case.public_id])
    assert detail in locations  # the winner lands on the case
    assert set(locations) <= {detail, reverse("notices:dashboard")}

    # A third press, after it is all done, is told it is saved and shown the case.
    late = first.post(review_url, DATA, follow=True)
    assert late.redirect_chain[0][0] == detail
    assert "already saved" in late.content.decode()
    assert Case.objects.filter(owner=alice).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_save_that_fails_can_be_tried_again(alice, monkeypatch):
    client = Client()
    client.force_login(alice)
    review_url = client.post(reverse("notices:read_start"), {"text": notices_text("CP14")})[
        "Location"
    ]

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(cases, "create_case", broken)
        client.raise_request_exception = True
        with pytest.raises(RuntimeError):
            client.post(review_url, DATA)
    response = client.post(review_url, DATA)
    case = Case.objects.get(owner=alice)
    assert response["Location"] == reverse("notices:case_detail", args=[case.public_id])


def test_someone_else_pressing_save_on_a_saved_reading_gets_404(alice_client, outsider_client):
    review_url = alice_client.post(reverse("notices:read_start"), {"text": notices_text("CP14")})[
        "Location"
    ]
    alice_client.post(review_url, DATA)
    assert Case.objects.count() == 1
    assert outsider_client.post(review_url, DATA).status_code == 404
    assert Case.objects.count() == 1
