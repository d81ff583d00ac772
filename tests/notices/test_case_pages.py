from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from notices.models import Case, ChecklistItem
from tests.factories import NEW_CASE, make_case, make_payment
from tests.helpers import h1_count

TODAY = "2025-03-14 10:00:00-04:00"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_pages_need_sign_in(client, case):
    for url in (
        reverse("notices:dashboard"),
        reverse("notices:case_detail", args=[case.public_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_empty_dashboard_invites_the_first_notice(alice_client):
    html = alice_client.get(reverse("notices:dashboard")).content.decode()
    assert "You are not tracking any notices yet." in html
    assert reverse("notices:case_create") in html
    assert h1_count(html) == 1


def test_adding_a_notice_computes_the_deadline_and_starts_a_checklist(alice_client, alice):
    response = alice_client.post(reverse("notices:case_create"), NEW_CASE)
    case = Case.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:case_detail", args=[case.public_id])
    assert case.amount_due == Decimal("2450.18")
    assert case.checklist.count() == 11
    html = alice_client.get(response["Location"]).content.decode()
    # No pay-by date given: March 3 + 21 days = Monday March 24, 2025; today is March 14.
    assert "10 days left" in html
    assert "Pay by Monday, March 24, 2025." in html
    assert "we counted 21 days from the notice date" in html
    assert h1_count(html) == 1


def test_a_printed_pay_by_date_wins_and_the_page_says_so(alice_client, alice):
    alice_client.post(reverse("notices:case_create"), NEW_CASE | {"pay_by": "2025-03-20"})
    case = Case.objects.get(owner=alice)
    html = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    assert "Pay by Thursday, March 20, 2025." in html
    assert "This is the pay-by date printed on your notice." in html


def test_a_computed_date_on_a_holiday_moves_and_the_page_explains(alice_client, alice):
    # Notice March 26, 2025 + 21 days = Wednesday April 16: DC Emancipation Day.
    with time_machine.travel("2025-04-01 10:00:00-04:00", tick=False):
        alice_client.force_login(alice)  # the earlier session has timed out by then
        alice_client.post(reverse("notices:case_create"), NEW_CASE | {"notice_date": "2025-03-26"})
        case = Case.objects.get(owner=alice)
        html = alice_client.get(
            reverse("notices:case_detail", args=[case.public_id])
        ).content.decode()
    assert "Pay by Thursday, April 17, 2025." in html
    assert "That day (Wednesday, April 16) is a weekend or holiday" in html


def test_large_balances_get_ten_business_days(alice_client, alice):
    alice_client.post(reverse("notices:case_create"), NEW_CASE | {"amount_due": "150,000"})
    case = Case.objects.get(owner=alice)
    html = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    # 10 business days after Monday March 3, 2025 is Monday March 17.
    assert "Pay by Monday, March 17, 2025." in html
    assert "we counted 10 business days" in html


def test_dashboard_sorts_by_urgency_and_flags_overdue(alice_client, alice):
    later = make_case(alice, nickname="Later one", pay_by=date(2025, 4, 30))
    overdue = make_case(alice, nickname="Overdue one", pay_by=date(2025, 3, 10))
    soon = make_case(alice, nickname="Soon one", pay_by=date(2025, 3, 18))
    done = make_case(
        alice, nickname="Done one", pay_by=date(2025, 3, 1), status=Case.Status.RESOLVED
    )
    html = alice_client.get(reverse("notices:dashboard")).content.decode()
    order = [html.index(c.nickname) for c in (overdue, soon, later, done)]
    assert order == sorted(order)
    assert "The pay-by date was Monday, March 10, 2025: 4 days ago." in html
    assert "Overdue" in html
    assert "4 days left" in html


def test_editing_a_notice_keeps_its_logs(alice_client, case):
    make_payment(case)
    url = reverse("notices:case_edit", args=[case.public_id])
    response = alice_client.post(url, NEW_CASE | {"nickname": "2024 taxes", "status": "paying"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.nickname, case.status) == ("2024 taxes", "paying")
    assert case.payments.count() == 1


def test_marking_resolved_records_when(alice_client, case):
    alice_client.post(
        reverse("notices:case_edit", args=[case.public_id]), NEW_CASE | {"status": "resolved"}
    )
    case.refresh_from_db()
    assert case.is_resolved and case.resolved_at is not None


def test_deleting_a_notice_removes_its_logs(alice_client, case):
    make_payment(case)
    url = reverse("notices:case_delete", args=[case.public_id])
    assert "Delete this notice?" in alice_client.get(url).content.decode()
    alice_client.post(url)
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not ChecklistItem.objects.filter(case_id=case.pk).exists()


def test_case_page_shows_balance_after_payments_and_the_typical_timeline(alice_client, case):
    make_payment(case, amount=Decimal("450.18"))
    html = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    assert "$2,000.00" in html  # left to pay
    assert "typical order, not a promise" in html
    assert "CP504" in html


def test_estimator_opens_filled_in_from_the_case(alice_client, case):
    html = alice_client.get(
        reverse("notices:case_estimate", args=[case.public_id])
    ).content.decode()
    assert 'value="2450.18"' in html
    assert 'value="2025-03-03"' in html
    assert 'value="2024"' in html
    response = alice_client.post(
        reverse("notices:case_estimate", args=[case.public_id]),
        {"amount_due": "2450.18", "notice_date": "2025-03-03", "pay_by": "2025-03-24",
         "tax_year": "2024", "plan_months": "12", "apply_online": "yes", "direct_debit": "yes"},
    )  # fmt: skip
    assert "Your estimate" in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_dashboard_and_case_page_use_few_queries_whatever_the_number_of_cases(
    alice_client, alice, count, django_assert_max_num_queries
):
    for index in range(count):
        make_payment(make_case(alice, nickname=f"Notice {index}"))
    first = alice.cases.first()
    with django_assert_max_num_queries(8):
        alice_client.get(reverse("notices:dashboard"))
    with django_assert_max_num_queries(8):
        alice_client.get(reverse("notices:case_detail", args=[first.public_id]))


def test_the_browser_time_zone_seeds_reminder_times_for_a_new_account(alice_client, alice):
    alice_client.post(
        reverse("notices:case_create"), NEW_CASE | {"browser_time_zone": "America/Denver"}
    )
    assert alice.profile.time_zone == "America/Denver"


def test_a_made_up_browser_time_zone_is_ignored(alice_client, alice):
    alice_client.post(
        reverse("notices:case_create"), NEW_CASE | {"browser_time_zone": "Mars/Olympus"}
    )
    assert alice.profile.time_zone == "America/New_York"


@pytest.mark.parametrize(("browser", "saved"), [("UTC", "UTC"), ("EST5EDT", "America/New_York")])
def test_the_saved_zone_is_the_one_the_settings_page_shows_and_keeps(
    alice_client, alice, browser, saved
):
    """A browser reporting "UTC" gets UTC, shown and kept; an old alias gets the default."""
    alice_client.post(reverse("notices:case_create"), NEW_CASE | {"browser_time_zone": browser})
    assert alice.profile.time_zone == saved
    url = reverse("notices:reminder_settings")
    page = alice_client.get(url).content.decode()
    assert f'<option value="{saved}" selected>' in page
    response = alice_client.post(
        url, {"reminders_enabled": "on", "reminder_lead_days": ["7", "1"], "time_zone": saved}
    )
    assert response.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.time_zone == saved


def test_the_case_page_shows_both_irs_addresses_escaped(alice_client, alice):
    case = make_case(
        alice,
        irs_address="Internal Revenue Service\nKansas City, MO 64999-0010",
        payment_address="Internal Revenue Service\nP.O. Box <b>931000</b>\nLouisville, KY",
    )
    html = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    assert "IRS address for letters" in html and "Kansas City, MO 64999-0010" in html
    assert "IRS address for payments" in html
    assert "P.O. Box &lt;b&gt;931000&lt;/b&gt;<br>Louisville, KY" in html
