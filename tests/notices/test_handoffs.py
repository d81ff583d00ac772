"""Hand-offs on a notice's page: a call sheet to print before phoning the IRS, and what to
choose on IRS Direct Pay for this notice's tax year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from notices.models import Case
from notices.profiles import profile_for
from tests.factories import checkup_answers, make_case, make_payment
from tests.notices.visible import visible_text


def call_sheet(client, case: Case) -> str:
    response = client.get(reverse("notices:case_call_sheet", args=[case.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_call_sheet_has_the_notice_details_and_the_persons_name(alice_client, alice, case):
    profile = profile_for(alice)
    profile.full_name = "Alice Marie Fairweather"
    profile.save()
    text = visible_text(call_sheet(alice_client, case))
    assert "Call sheet: CP14 for 2024" in text
    for shown in (
        "Alice Marie Fairweather",
        "March 3, 2025",  # the notice date
        "March 24, 2025",  # the date printed on the notice
        "$2,450.18",
        "800-829-1040",
        "(from your notice)",
    ):
        assert shown in text, shown
    # Blank lines to fill in during the call.
    for blank in ("Date", "Time", "IRS employee's name", "IRS employee's ID number"):
        assert blank in text
    assert "What we agreed, and what happens next:" in text


def test_the_call_sheet_uses_the_number_on_the_notice(alice_client, alice):
    case = make_case(alice, irs_phone="866-897-0161")
    text = visible_text(call_sheet(alice_client, case))
    assert "866-897-0161" in text and "(from your notice)" in text


def test_without_a_number_on_file_the_sheet_gives_the_irs_line_and_its_hours(alice_client, alice):
    case = make_case(alice, irs_phone="")
    text = visible_text(call_sheet(alice_client, case))
    assert "800-829-1040" in text and "7 a.m. to 7 p.m. your local time" in text
    assert "(from your notice)" not in text


def test_questions_follow_the_plan(alice_client, alice):
    plain = make_case(alice)
    text = visible_text(call_sheet(alice_client, plain))
    assert "What is my balance for tax year 2024 today" in text
    assert "Finish the check-up on your notice" in text
    assert "payment plan" not in text

    answers = checkup_answers(**{"already-paid": "part", "can-pay": "monthly"})
    planned = make_case(alice, flow_answers=answers)
    Case.objects.filter(pk=planned.pk).update(flow_answers=answers)
    text = visible_text(call_sheet(alice_client, planned))
    assert "I already paid toward tax year 2024. Can you see my payment" in text
    assert "Can I set up a monthly payment plan?" in text
    assert "Finish the check-up" not in text


def test_a_scam_plan_never_sends_the_person_to_the_number_on_the_notice(alice_client, alice):
    case = make_case(alice, irs_phone="888-555-0199")
    Case.objects.filter(pk=case.pk).update(flow_answers={"arrived": "phone"})
    text = visible_text(call_sheet(alice_client, case))
    assert "Don't call the number on this notice." in text
    assert "888-555-0199" not in text and "800-829-1040" in text


def test_the_call_sheet_escapes_what_people_type(alice_client, alice):
    profile = profile_for(alice)
    profile.full_name = "<script>alert(1)</script>Al"
    profile.save()
    case = make_case(alice, nickname="<b>mine</b>")
    html = call_sheet(alice_client, case)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>mine</b>" not in html


def test_the_call_sheet_prints_cleanly(alice_client, case):
    html = call_sheet(alice_client, case)
    assert 'class="call-sheet"' in html and "data-print" in html
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    block = css[css.index("/* == hand-offs == */") :]
    print_rules = block[block.index("@media print") :]
    assert ".call-sheet" in print_rules and ".write-line" in print_rules
    # The site's print rules hide the navigation and everything marked no-print.
    assert ".no-print" in css[css.index("@media print") :]


def test_other_people_get_a_404(outsider_client, case):
    for name in ("notices:case_call_sheet", "notices:case_how_to_pay"):
        assert outsider_client.get(reverse(name, args=[case.public_id])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    response = client.get(reverse("notices:case_call_sheet", args=[case.public_id]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_how_to_pay_names_balance_due_the_form_and_the_tax_year(alice_client, alice):
    case = make_case(alice, tax_year=2023)
    url = reverse("notices:case_how_to_pay", args=[case.public_id])
    text = visible_text(alice_client.get(url).content.decode())
    assert "Reason for payment Balance Due" in text
    assert "Apply payment to Form 1040" in text
    assert "Tax period for payment 2023" in text
    assert "https://www.irs.gov/payments/direct-pay" in alice_client.get(url).content.decode()


def test_how_to_pay_counts_what_was_already_paid(alice_client, case):
    make_payment(case, amount=Decimal("450.18"))
    url = reverse("notices:case_how_to_pay", args=[case.public_id])
    text = visible_text(alice_client.get(url).content.decode())
    assert "You logged $450.18 paid, so $2,000.00 is left to pay." in text


def test_a_cp2000_is_paid_under_its_notice_number(alice_client, alice):
    case = make_case(alice, notice_type="CP2000", notice_date=date(2025, 3, 3), pay_by=None)
    url = reverse("notices:case_how_to_pay", args=[case.public_id])
    text = visible_text(alice_client.get(url).content.decode())
    assert "Reason for payment CP2000" in text and "Balance Due" not in text


def test_the_case_page_links_to_both(alice_client, case):
    page = alice_client.get(reverse("notices:case_detail", args=[case.public_id])).content.decode()
    assert reverse("notices:case_call_sheet", args=[case.public_id]) in page
    assert reverse("notices:case_how_to_pay", args=[case.public_id]) in page


def test_direct_pay_facts_are_recorded_in_the_sources(settings):
    sources = (Path(settings.BASE_DIR) / "docs/sources.md").read_text()
    section = sources[sources.index("## Direct Pay: what to choose") :]
    assert "https://www.irs.gov/payments/available-payment-types-for-irs-direct-pay" in section


# The drawn notice: where things usually are


def picture_in(html: str) -> str:
    start = html.index('<figure class="notice-picture')
    return html[start : html.index("</figure>", start)]


def test_the_add_a_notice_page_shows_the_picture_with_words_for_screen_readers(alice_client):
    html = alice_client.get(reverse("notices:case_create")).content.decode()
    figure = picture_in(html)
    assert 'aria-hidden="true"' in figure  # the drawing itself is skipped by screen readers
    assert '<figcaption id="notice-picture-caption">' in figure
    words = visible_text(figure[figure.index('<ul class="visually-hidden">') :])
    for where in (
        "Top right corner: the notice number (CP14), the tax year, the notice date and an IRS "
        "phone number.",
        "Top left: the IRS address for letters",
        "“Amount due by”, with the date to pay by and the amount to pay",
        "a payment stub to tear off",
        "IRS address for payments",
    ):
        assert where in words, where


def test_the_drawing_is_labelled_and_ours(alice_client):
    figure = picture_in(alice_client.get(reverse("notices:case_create")).content.decode())
    labels = visible_text(figure[: figure.index("</svg>")])
    for label in ("Notice CP14", "Tax year", "Notice date", "IRS phone", "Amount due by"):
        assert label in labels, label
    assert "Payment stub" in labels and "for payments" in labels and "for letters" in labels
    # 18-unit labels in a 400-unit-wide drawing: 12.96 px when it is 288 px wide (a 320 px
    # phone less the page's margins), so never under 12 px there.
    assert 'viewBox="0 0 400 600"' in figure
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert ".notice-picture text { fill: var(--ink); font-size: 18px; }" in css


def test_the_what_is_a_cp14_guide_shows_the_picture_and_other_guides_do_not(client, db):
    url = reverse("guidance:page", kwargs={"slug": "what-is-a-cp14"})
    assert '<figure class="notice-picture' in client.get(url).content.decode()
    other = reverse("guidance:page", kwargs={"slug": "is-it-real"})
    assert "notice-picture" not in client.get(other).content.decode()


def test_the_check_up_shows_the_picture_on_its_details_step_only(client, db):
    details = client.get(reverse("notices:flow_step", kwargs={"step": "details"}), follow=True)
    assert '<figure class="notice-picture' in details.content.decode()
    client.post(reverse("notices:flow_step", kwargs={"step": "details"}), {"skip": "1"})
    question = client.get(reverse("notices:flow_step", kwargs={"step": "arrived"}), follow=True)
    assert question.status_code == 200 and "How did you get this bill?" in (
        question.content.decode()
    )
    assert "notice-picture" not in question.content.decode()
