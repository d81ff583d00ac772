"""Recording a newer notice on the same case ("I got a CP501 now"): the earlier one stays in the
case's history and timeline, the case follows the newer one, and its reminders move."""

from __future__ import annotations

import html as html_lib
import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices import cases
from notices.models import Case, EarlierNotice
from tests.factories import PASSWORD, make_case
from tests.helpers import h1_count

# Friday March 14, 2025. make_case's CP14 is dated March 3, with a pay-by date of March 24.
TODAY = "2025-03-14 10:00:00-04:00"
CP501 = {
    "notice_type": "CP501",
    "notice_date": "2025-03-10",
    "pay_by": "2025-03-31",
    "amount_due": "$2,512.40",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def url(case: Case) -> str:
    return reverse("notices:case_newer_notice", args=[case.public_id])


def page_text(client: Any, case: Case) -> str:
    page = client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def pending_about(case: Case) -> set[date | None]:
    return set(case.reminders.filter(status="pending").values_list("about", flat=True))


def test_the_case_page_offers_to_record_a_newer_notice(alice_client, case):
    page = alice_client.get(reverse("notices:case_detail", args=[case.public_id]))
    assert "I got a newer notice" in page.content.decode()
    assert url(case) in page.content.decode()
    form = alice_client.get(url(case)).content.decode()
    assert h1_count(form) == 1
    for label in ("Which notice did you get?", "Notice date", "Amount on the newer notice"):
        assert label in form
    assert "Date printed on the notice to pay or answer by" in form
    assert "For a CP2000, enter the proposed amount" in form


def test_recording_a_newer_notice_keeps_the_earlier_one_and_follows_the_new_one(alice_client, case):
    case.tax_amount, case.penalty_amount, case.interest_amount = (
        Decimal("2100.00"), Decimal("210.00"), Decimal("140.18"),
    )  # fmt: skip
    case.save()
    assert pending_about(case) == {date(2025, 3, 24)}
    response = alice_client.post(url(case), CP501)
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:case_detail", args=[case.public_id])

    case.refresh_from_db()
    assert (case.notice_type, case.notice_date, case.pay_by, case.amount_due) == (
        "CP501", date(2025, 3, 10), date(2025, 3, 31), Decimal("2512.40"),
    )  # fmt: skip
    # The parts were read off the CP14: they stay with it, not with the CP501's amount.
    assert (case.tax_amount, case.penalty_amount, case.interest_amount) == (None, None, None)
    (earlier,) = case.earlier_notices.all()
    assert (earlier.notice_type, earlier.notice_date, earlier.pay_by, earlier.amount_due) == (
        "CP14", date(2025, 3, 3), date(2025, 3, 24), Decimal("2450.18"),
    )  # fmt: skip
    assert earlier.tax_amount == Decimal("2100.00") and earlier.recorded_at is not None

    # Reminders move to the CP501's date; the CP14's are cancelled, not sent.
    assert pending_about(case) == {date(2025, 3, 31)}
    cancelled = case.reminders.filter(status="cancelled").values_list("about", flat=True)
    assert set(cancelled) == {date(2025, 3, 24)}

    text = page_text(alice_client, case)
    assert "Saved. This page now follows your CP501, and your CP14 is in the timeline." in text
    assert "Pay by Monday, March 31, 2025." in text
    assert "March 3, 2025 : the date on your earlier CP14, for $2,450.18." in text
    assert "March 10, 2025 : the date on your CP501." in text
    assert "CP14 (first bill) : you got one, dated March 3, 2025." in text
    assert "no more interest is added" not in text  # that was the CP14's promise


def test_the_timeline_marks_where_the_person_is(alice_client, case):
    alice_client.post(url(case), CP501)
    page = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content
    steps = page.decode().split('class="timeline notice-order"')[1].split("</ol>")[0]
    items = re.findall(r"<li(.*?)>(.*?)</li>", steps, re.S)
    current = [body for attrs, body in items if 'aria-current="step"' in attrs]
    assert len(current) == 1 and "CP501 (reminder)" in current[0]
    later = " ".join(body for _attrs, body in items[2:])
    assert later.count("may come next if the balance stays unpaid") == 3  # CP503, CP504, LT11
    assert "typical order, not a promise" in page.decode()


def test_a_cp2000_can_be_recorded_and_is_explained_as_outside_the_order(alice_client, case):
    data = CP501 | {"notice_type": "CP2000", "pay_by": ""}
    assert alice_client.post(url(case), data).status_code == 302
    case.refresh_from_db()
    assert case.notice_type == "CP2000" and case.pay_by is None
    text = page_text(alice_client, case)
    assert "A CP2000 is not part of this order: it proposes a change and is not a bill." in text
    assert "Proposed amount $2,512.40" in text
    assert (
        'aria-current="step"'
        not in alice_client.get(
            reverse("notices:case_detail", args=[case.public_id])
        ).content.decode()
    )


def test_a_levy_rate_date_counts_from_the_earliest_notice_of_intent_to_levy(alice):
    case = make_case(alice, notice_type="CP504", pay_by=None)
    data = {"notice_type": "LT11", "notice_date": date(2025, 3, 12), "pay_by": None}
    cases.record_newer_notice(case=case, data=data | {"amount_due": Decimal("2500.00")})
    client = Client()
    client.force_login(alice)
    text = page_text(client, case)
    # The CP504 of March 3, not the LT11 of March 12: months from Friday, March 14.
    assert "for each month that starts on or after Friday, March 14, 2025." in text
    assert "That date is counted from your earlier notice of intent to levy." in text
    assert "Ask for a hearing by Friday, April 11, 2025." in text  # 30 days after March 12


def test_a_resolved_case_opens_again_with_a_newer_notice(alice_client, alice):
    case = make_case(alice, status=Case.Status.RESOLVED)
    assert pending_about(case) == set()
    alice_client.post(url(case), CP501)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN and case.resolved_at is None
    assert pending_about(case) == {date(2025, 3, 31)}


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"notice_date": "2025-02-28"}, "notice_date",
         "The newer notice's date can't be before the date of your CP14 (March 3, 2025)."),
        ({"notice_date": "2025-03-20"}, "notice_date", "The notice date can't be in the future."),
        ({"notice_type": "CP14", "notice_date": "2025-03-03"}, "notice_date",
         "This is the notice you are already tracking."),
        ({"notice_date": ""}, "notice_date", "Enter the date printed on the newer notice."),
        ({"pay_by": "2025-03-01"}, "pay_by", "can't be before the notice date."),
        ({"amount_due": ""}, "amount_due", "Enter the amount printed on the newer notice."),
        ({"amount_due": "lots"}, "amount_due", "Enter an amount in dollars and cents"),
        ({"notice_type": "CP99"}, "notice_type", "Select a valid choice."),
        ({"notice_type": ""}, "notice_type", "Choose the notice number."),
    ],
)  # fmt: skip
def test_a_newer_notice_with_a_problem_is_refused_with_a_clear_message(
    alice_client, case, change, field, message
):
    response = alice_client.post(url(case), CP501 | change)
    assert response.status_code == 200
    assert message in html_lib.unescape(response.content.decode())
    assert field in response.context["form"].errors
    case.refresh_from_db()
    assert case.notice_type == "CP14" and not case.earlier_notices.exists()
    assert pending_about(case) == {date(2025, 3, 24)}


def test_the_same_type_on_a_later_date_is_a_newer_notice(alice_client, case):
    """A second CP14 (a new bill after more tax was assessed) is allowed."""
    response = alice_client.post(url(case), CP501 | {"notice_type": "CP14", "pay_by": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.notice_date == date(2025, 3, 10) and case.earlier_notices.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_person_s_case_is_a_404_and_nothing_changes(client, outsider, case, method):
    client.force_login(outsider)
    response = getattr(client, method)(url(case), CP501)
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.notice_type == "CP14" and not EarlierNotice.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    response = client.get(url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


TEXT = st.text(st.characters(codec="utf-8"), max_size=30)


@pytest.mark.django_db
def test_junk_is_refused_without_an_error(alice_client, case):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        data=st.fixed_dictionaries(
            {key: st.one_of(st.just(value), TEXT) for key, value in CP501.items()}
        )
    )
    def post(data: dict[str, str]) -> None:
        response = alice_client.post(url(case), data)
        assert response.status_code in (200, 302)

    post()


# Your data: the history is exported and deleted with everything else


def test_the_export_holds_earlier_notices_and_account_deletion_removes_them(
    alice_client, alice, case
):
    alice_client.post(url(case), CP501)
    data = json.loads(alice_client.get(reverse("notices:export_json")).content)
    (earlier,) = data["cases"][0]["earlier_notices"]
    assert earlier["notice_type"] == "CP14" and earlier["amount_due"] == "2450.18"
    assert {"notice_date", "pay_by", "recorded_at", "public_id"} <= set(earlier)
    assert "Earlier notices" in alice_client.get(reverse("notices:your_data")).content.decode()
    alice_client.post(reverse("notices:delete_account"), {"password": PASSWORD})
    assert not EarlierNotice.objects.exists()
