"""The check-up in the browser's place: plain forms, htmx swaps, bad input and saving."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from guidance.readability import grade_level, text_from_html
from notices.checkup import action_plan, flow
from notices.checkup.store import SESSION_KEY
from notices.models import Case
from tests.factories import (
    CHECKUP_DETAILS,
    CHECKUP_PATH,
    EASTERN,
    PASSWORD,
    make_case,
    make_payment,
)
from tests.helpers import h1_count, title_of

pytestmark = pytest.mark.django_db

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
FLOW = re.compile(r'<div id="flow"[^>]*>(.*)</div>\s*</main>', re.S)


# One ordinary path through every part: not sure it's real, paid part, part wrong,
# monthly plan, first-time relief likely.
@pytest.fixture(autouse=True)
def frozen():
    # Noon in New York, so "today" is March 10 in the site's time zone too.
    with time_machine.travel(datetime(2025, 3, 10, 12, tzinfo=EASTERN), tick=False):
        yield


def step_url(slug: str) -> str:
    return reverse("notices:flow_step", kwargs={"step": slug})


def case_step_url(case: Case, slug: str) -> str:
    return reverse("notices:case_flow_step", kwargs={"public_id": case.public_id, "step": slug})


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def walk_anonymously(client: Client, *, headers: dict[str, Any] | None = None) -> list:
    """Answer every question as a visitor; returns the responses."""
    headers = headers or {}
    responses = [client.post(step_url("details"), CHECKUP_DETAILS, **headers)]
    for slug, value in CHECKUP_PATH:
        responses.append(client.post(step_url(slug), {"answer": value}, **headers))
    return responses


def flow_html(response) -> str:
    match = FLOW.search(response.content.decode())
    assert match is not None
    return match.group(1)


# The whole way through, without and with JavaScript


def test_a_visitor_goes_through_every_question_to_a_plan(client):
    start = client.get(reverse("notices:flow_start"))
    assert start.status_code == 200
    assert step_url("details") in start.content.decode()
    responses = walk_anonymously(client)
    expected = [step_url(slug) for slug, _ in CHECKUP_PATH] + [reverse("notices:flow_plan")]
    assert [r.status_code for r in responses] == [302] * len(responses)
    assert [r["Location"] for r in responses] == expected
    assert client.session[SESSION_KEY]["details"] == {
        "notice_date": "2025-03-03",
        "amount": "2450.18",
    }
    plan = client.get(reverse("notices:flow_plan"))
    html = plan.content.decode()
    assert plan.status_code == 200
    assert "Monday, March 24, 2025" in html  # 21 days from the notice date
    assert "We counted 21 days from the notice date" in html
    for title in (
        "Check that the letter is real before you pay",
        "Apply for a long-term payment plan",
        "Ask the IRS to remove the penalty",
        "Pay what you can now",
        "question the part you think is wrong",  # the headline: part disputed, paying monthly
    ):
        assert title in html
    assert reverse("notices:flow_save") in html


def test_htmx_swaps_each_step_in_and_pushes_its_url(client):
    response = client.post(step_url("details"), CHECKUP_DETAILS, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url("arrived")
    assert "HX-Request" in response["Vary"]
    assert "<html" not in html and "site-header" not in html  # no layout
    assert "<title>How did you get this bill?" in html  # htmx updates the tab title
    assert re.search(r'<h1 id="question" tabindex="-1" data-autofocus>How did you get', html)
    assert len(response.content) < 15_000


def test_htmx_and_plain_forms_give_the_same_answers_and_plan():
    plain, swapped = Client(), Client()
    walk_anonymously(plain)
    responses = walk_anonymously(swapped, headers=HTMX)
    assert all(r.status_code == 200 for r in responses)
    assert responses[-1]["HX-Push-Url"] == reverse("notices:flow_plan")
    assert plain.session[SESSION_KEY] == swapped.session[SESSION_KEY]
    plain_plan = flow_html(plain.get(reverse("notices:flow_plan")))
    swapped_plan = swapped.get(reverse("notices:flow_plan"), **HTMX).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # differs per client
    swapped_plan = token.sub("", re.sub(r"<title>.*?</title>", "", swapped_plan))
    assert swapped_plan.strip() == token.sub("", plain_plan).strip()


def test_a_history_restore_gets_the_whole_page(client):
    walk_anonymously(client)
    restore = client.get(step_url("can-pay"), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in restore.content.decode()
    partial = client.get(step_url("can-pay"), **HTMX)
    assert "<html" not in partial.content.decode()


def test_flow_pages_are_never_cached(client):
    response = client.get(step_url("details"))
    assert "no-store" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


# Accessibility of each step


def test_every_step_has_a_unique_title_one_h1_a_legend_and_help_in_the_same_place(client):
    walk_anonymously(client)
    titles = []
    for slug in ["details", *[s for s, _ in CHECKUP_PATH]]:
        html = client.get(step_url(slug)).content.decode()
        step = flow.STEPS[slug]
        title = title_of(html)
        assert str(step.question) in title and "Check-up part" in title
        titles.append(title)
        assert h1_count(html) == 1
        assert re.search(
            r"<fieldset[^>]*>\s*<legend><h1[^>]*>" + re.escape(str(step.question)), html
        )
        assert 'aria-current="step"' in html
        assert '<span class="visually-hidden">completed</span>' in html or slug == "details"
        assert '<span class="visually-hidden">not completed</span>' in html or slug == "fta-paid"
        assert "Why we ask:" in html
        # The help block comes right after the form and closes the check-up area, always.
        content = flow_html(client.get(step_url(slug)))
        assert content.index("</form>") < content.index('id="flow-help"')
        assert content.rstrip().endswith("</aside>")
        assert content.count(reverse("guidance:page", kwargs={"slug": "getting-help"})) == 1
    assert len(set(titles)) == len(titles)


def test_radios_have_labels_and_keep_the_chosen_answer(client):
    walk_anonymously(client)
    html = client.get(step_url("can-pay")).content.decode()
    for number, option in enumerate(flow.STEPS["can-pay"].options, 1):
        assert f'<label for="answer-{number}">{escape(option.label)}</label>' in html
    assert 'value="monthly" checked' in html


def test_the_back_link_goes_to_the_previous_step(client):
    walk_anonymously(client)
    html = client.get(step_url("can-pay")).content.decode()
    assert f'class="back-link" href="{step_url("dispute-scope")}"' in html
    first = client.get(step_url("details")).content.decode()
    assert f'class="back-link" href="{reverse("notices:flow_start")}"' in first
    plan = client.get(reverse("notices:flow_plan")).content.decode()
    assert f'class="back-link" href="{step_url("fta-paid")}"' in plan


def test_step_and_plan_pages_read_at_grade_eight_or_lower(client):
    walk_anonymously(client)
    for slug in ["details", *[s for s, _ in CHECKUP_PATH]]:
        text = text_from_html(flow_html(client.get(step_url(slug))))
        assert grade_level(text) <= 8.0, slug
    plan = text_from_html(flow_html(client.get(reverse("notices:flow_plan"))))
    assert grade_level(plan) <= 8.0


@pytest.mark.parametrize(
    "answers",
    [{"arrived": "phone"}, {"already-paid": "all"}, {"can-pay": "cannot"},
     {"can-pay": "short"}, {"amount-check": "not_sure"},
     {"has-penalty": "yes", "fta-history": "some"}],
)  # fmt: skip
def test_every_kind_of_plan_reads_at_grade_eight_or_lower(client, answers):
    base = {"details": {}} | dict(CHECKUP_PATH) | answers
    session = client.session
    session[SESSION_KEY] = base
    session.save()
    response = client.get(reverse("notices:flow_plan"))
    assert response.status_code == 200
    assert grade_level(text_from_html(flow_html(response))) <= 8.0


# Bad input: a clear message and the right step, never a 500 and never a wrong plan


def test_no_answer_chosen_shows_the_error_summary(client):
    client.post(step_url("details"), {"skip": "1"})
    response = client.post(step_url("arrived"), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(html).startswith("Error: How did you get this bill?")
    assert 'class="error-summary"' in html and 'href="#answer-1"' in html
    assert "Choose how you got the bill." in html
    assert 'aria-describedby="why answer-error"' in html
    assert "arrived" not in client.session[SESSION_KEY]


def test_no_answer_chosen_with_htmx_focuses_the_error_summary(client):
    client.post(step_url("details"), {"skip": "1"})
    response = client.post(step_url("arrived"), {}, **HTMX)
    html = response.content.decode()
    assert "HX-Push-Url" not in response
    assert 'id="error-summary" data-autofocus' in html
    assert "data-autofocus>How did" not in html  # only one thing takes focus


def test_a_forged_answer_is_refused_like_no_answer(client):
    client.post(step_url("details"), {"skip": "1"})
    response = client.post(step_url("arrived"), {"answer": "carrier-pigeon"})
    assert response.status_code == 200
    assert "Choose how you got the bill." in response.content.decode()
    assert "arrived" not in client.session[SESSION_KEY]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_step_name_goes_to_the_right_step_with_a_message(client, method):
    client.post(step_url("details"), {"skip": "1"})
    response = getattr(client, method)(step_url("no-such-question"), {"answer": "yes"})
    assert response.status_code == 302 and response["Location"] == step_url("arrived")
    assert messages_of(response) == ["We couldn't find that question. Here is where you left off."]


def test_a_forged_step_name_with_htmx_swaps_in_the_right_step(client):
    response = client.get(step_url("no-such-question"), **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url("details")
    assert "find that question. Here is where you left off." in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_step_not_reachable_from_the_answers_goes_to_the_next_open_question(client, method):
    client.post(step_url("details"), {"skip": "1"})
    client.post(step_url("arrived"), {"answer": "mail"})
    response = getattr(client, method)(step_url("can-pay"), {"answer": "full"})
    assert response.status_code == 302 and response["Location"] == step_url("red-flags")
    assert "doesn't follow from your answers" in messages_of(response)[0]
    assert "can-pay" not in client.session[SESSION_KEY]


def test_a_scam_answer_makes_later_questions_unreachable(client):
    client.post(step_url("details"), {"skip": "1"})
    assert client.post(step_url("arrived"), {"answer": "email_text"})["Location"] == reverse(
        "notices:flow_plan"
    )
    response = client.post(step_url("can-pay"), {"answer": "full"})
    assert response["Location"] == reverse("notices:flow_plan")
    html = client.get(reverse("notices:flow_plan")).content.decode()
    assert "Do not pay this." in html and "Pay the full amount" not in html


@pytest.mark.parametrize(
    "junk",
    ["not a dict", ["arrived"], {"arrived": "pigeon", "admin": True},
     {"details": {"notice_date": "tomorrow"}, "arrived": "mail"}],
)  # fmt: skip
def test_a_tampered_session_is_cleaned_with_a_message(client, junk):
    session = client.session
    session[SESSION_KEY] = junk
    session.save()
    response = client.get(step_url("arrived"))
    assert response.status_code == 302
    assert messages_of(response) == [
        "Some saved answers could not be read. Please answer again from here."
    ]
    assert client.session[SESSION_KEY] == flow.clean_answers(junk)
    plan = client.get(reverse("notices:flow_plan"))
    assert plan.status_code == 200 and "Your plan is not ready yet" in plan.content.decode()


def test_a_stale_tab_after_start_over_cannot_answer_a_later_question(client):
    walk_anonymously(client)
    assert client.post(reverse("notices:flow_start"))["Location"] == step_url("details")
    assert client.session[SESSION_KEY] == {}
    response = client.post(step_url("fta-paid"), {"answer": "yes"})  # the old tab
    assert response["Location"] == step_url("details")
    assert any("after you start over" in message for message in messages_of(response))
    assert client.session[SESSION_KEY] == {}


def test_the_plan_page_before_the_last_answer_says_it_is_not_ready(client):
    response = client.get(reverse("notices:flow_plan"))
    html = response.content.decode()
    assert response.status_code == 200 and h1_count(html) == 1
    assert "Your plan is not ready yet" in html and step_url("details") in html


# The first screen: dates and amount


def test_the_details_screen_validates_dates(client):
    response = client.post(step_url("details"), {"notice_date": "2025-04-01", "amount": "abc"})
    html = response.content.decode()
    assert "The notice date can&#x27;t be in the future." in html
    assert "Enter an amount in dollars and cents" in html
    assert 'href="#id_notice_date"' in html
    response = client.post(
        step_url("details"), {"notice_date": "2025-03-03", "pay_by": "2025-03-01"}
    )
    assert "to pay or answer by can&#x27;t be before the notice date." in response.content.decode()
    assert SESSION_KEY not in client.session or "details" not in client.session[SESSION_KEY]


def test_skipping_the_details_screen_ignores_what_was_typed(client):
    response = client.post(step_url("details"), {"notice_date": "nonsense", "skip": "1"})
    assert response["Location"] == step_url("arrived")
    assert client.session[SESSION_KEY] == {"details": {}}


# Changing answers from the plan


def test_change_links_return_to_an_updated_plan(client):
    walk_anonymously(client)
    plan = client.get(reverse("notices:flow_plan")).content.decode()
    change = step_url("can-pay") + "?change=1"
    assert change in plan
    page = client.get(change).content.decode()
    assert 'name="change" value="1"' in page
    assert f'class="back-link" href="{reverse("notices:flow_plan")}"' in page
    response = client.post(step_url("can-pay"), {"answer": "full", "change": "1"})
    assert response["Location"] == reverse("notices:flow_plan")
    updated = client.get(reverse("notices:flow_plan")).content.decode()
    assert "Pay the part you agree with" in updated
    assert "Apply for a long-term payment plan" not in updated


def test_a_change_that_opens_a_new_question_goes_there_first(client):
    walk_anonymously(client)
    response = client.post(step_url("amount-check"), {"answer": "matches", "change": "1"})
    assert response["Location"] == reverse("notices:flow_plan")  # later answers still apply
    client.post(step_url("already-paid"), {"answer": "all", "change": "1"})
    response = client.post(step_url("already-paid"), {"answer": "no", "change": "1"})
    assert response["Location"] == reverse("notices:flow_plan")  # old answers come back
    client.post(step_url("has-penalty"), {"answer": "no", "change": "1"})
    session = client.session
    session[SESSION_KEY] = {k: v for k, v in session[SESSION_KEY].items() if k != "fta-history"}
    session.save()
    response = client.post(step_url("has-penalty"), {"answer": "yes", "change": "1"})
    assert response["Location"] == step_url("fta-history")


# Saving a visitor's plan after sign-up or login


def test_a_visitor_is_asked_to_sign_up_or_sign_in_to_save(client):
    walk_anonymously(client)
    html = client.get(reverse("notices:flow_save")).content.decode()
    assert "/accounts/signup/?next=%2Fcheck-up%2Fsave%2F" in html
    assert "/accounts/login/?next=%2Fcheck-up%2Fsave%2F" in html


def test_signing_in_keeps_the_answers_and_saves_them_to_a_new_case(client, alice):
    walk_anonymously(client)
    answers = client.session[SESSION_KEY]
    login = client.post(
        reverse("account_login") + "?next=/check-up/save/",
        {"login": alice.email, "password": PASSWORD},
    )
    assert login["Location"] == reverse("notices:flow_save")
    assert client.session[SESSION_KEY] == answers
    response = client.post(reverse("notices:flow_save"), {"target": "new"})
    assert response["Location"] == reverse("notices:case_create")
    form = client.get(reverse("notices:case_create")).content.decode()
    assert 'value="2025-03-03"' in form and 'value="2450.18"' in form  # not asked again
    created = client.post(
        reverse("notices:case_create"),
        {"notice_type": "CP14", "notice_date": "2025-03-03", "tax_year": "2024",
         "amount_due": "2450.18", "status": "open"},
    )  # fmt: skip
    case = Case.objects.get(owner=alice)
    assert created["Location"] == reverse(
        "notices:case_flow_plan", kwargs={"public_id": case.public_id}
    )
    assert case.flow_answers == dict(CHECKUP_PATH)
    assert SESSION_KEY not in client.session
    plan = client.get(created["Location"]).content.decode()
    assert "Apply for a long-term payment plan" in plan
    assert (
        reverse("notices:letter_create", kwargs={"public_id": case.public_id, "kind": "abatement"})
        in plan
    )


def test_signing_up_keeps_the_answers(client):
    walk_anonymously(client)
    answers = client.session[SESSION_KEY]
    response = client.post(
        reverse("account_signup") + "?next=/check-up/save/",
        {"email": "new@example.com", "password1": "a long fresh password 42",
         "password2": "a long fresh password 42"},
    )  # fmt: skip
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == answers


def test_saving_into_an_existing_case(alice_client, case):
    walk_anonymously(alice_client)
    page = alice_client.get(reverse("notices:flow_save")).content.decode()
    assert case.title in page
    response = alice_client.post(reverse("notices:flow_save"), {"target": str(case.public_id)})
    assert response["Location"] == reverse(
        "notices:case_flow_plan", kwargs={"public_id": case.public_id}
    )
    case.refresh_from_db()
    assert case.flow_answers == dict(CHECKUP_PATH)


def test_saving_into_someone_elses_case_is_refused(alice_client, outsider):
    theirs = make_case(outsider)
    walk_anonymously(alice_client)
    response = alice_client.post(reverse("notices:flow_save"), {"target": str(theirs.public_id)})
    assert response.status_code == 200
    assert "Choose where to save your plan." in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.flow_answers == {}


def test_a_case_form_without_a_pending_plan_is_untouched(alice_client):
    walk_anonymously(alice_client)  # answers exist, but the person never chose "save"
    alice_client.post(
        reverse("notices:case_create"),
        {"notice_type": "CP14", "notice_date": "2025-03-03", "tax_year": "2024",
         "amount_due": "10.00", "status": "open"},
    )  # fmt: skip
    assert Case.objects.get().flow_answers == {}


def test_nothing_to_save_before_the_plan_is_finished(client):
    html = client.get(reverse("notices:flow_save")).content.decode()
    assert "There is no finished plan to save yet." in html


# Inside a case


def test_inside_a_case_the_check_up_starts_at_the_first_question(alice_client, case):
    response = alice_client.get(
        reverse("notices:case_flow_start", kwargs={"public_id": case.public_id})
    )
    assert case_step_url(case, "arrived") in response.content.decode()
    html = alice_client.get(case_step_url(case, "arrived")).content.decode()
    assert "Your notice" not in html.split("steps-list")[1].split("</ol>")[0]  # no details part


def test_inside_a_case_answers_are_saved_on_the_case_and_prefilled(alice_client, alice):
    case = make_case(alice, penalty_amount=Decimal("12.00"), tax_amount=Decimal("2438.18"),
                     interest_amount=Decimal("0"))  # fmt: skip
    make_payment(case, paid_on=date(2025, 3, 1))
    for slug, value in CHECKUP_PATH[:4]:
        alice_client.post(case_step_url(case, slug), {"answer": value})
    case.refresh_from_db()
    assert case.flow_answers == dict(CHECKUP_PATH[:4])
    html = alice_client.get(case_step_url(case, "already-paid")).content.decode()
    assert 'value="part" checked' in html  # a payment logged before the notice date
    alice_client.post(case_step_url(case, "already-paid"), {"answer": "no"})
    alice_client.post(case_step_url(case, "amount-check"), {"answer": "matches"})
    alice_client.post(case_step_url(case, "can-pay"), {"answer": "full"})
    html = alice_client.get(case_step_url(case, "has-penalty")).content.decode()
    assert 'value="yes" checked' in html  # the case lists a penalty


def test_the_case_plan_uses_the_case_dates_and_links(alice_client, case):
    case.flow_answers = dict(CHECKUP_PATH)
    case.save()
    html = alice_client.get(
        reverse("notices:case_flow_plan", kwargs={"public_id": case.public_id})
    ).content.decode()
    assert "Monday, March 24, 2025" in html  # the pay-by date on the case
    assert "Monday, March 17, 2025" in html  # call within 7 days of today, March 10
    assert (
        reverse("notices:case_detail", kwargs={"public_id": case.public_id}) + "#contacts" in html
    )
    assert reverse("notices:case_estimate", kwargs={"public_id": case.public_id}) in html
    assert "save your plan first" not in html
    assert 'aria-pressed="false"' in html


def test_plan_steps_tick_off_with_and_without_htmx(alice_client, case):
    case.flow_answers = dict(CHECKUP_PATH)
    case.save()
    url = reverse("notices:plan_step_toggle", kwargs={"public_id": case.public_id, "key": "verify"})
    response = alice_client.post(url)
    assert response["Location"].endswith("#step-verify")
    case.refresh_from_db()
    assert case.plan_done == ["verify"]
    response = alice_client.post(url, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="plan-steps"' in html and "Marked as not done." in html
    case.refresh_from_db()
    assert case.plan_done == []


def test_ticking_a_step_that_is_not_in_the_plan_changes_nothing(alice_client, case):
    case.flow_answers = dict(CHECKUP_PATH)
    case.save()
    url = reverse(
        "notices:plan_step_toggle", kwargs={"public_id": case.public_id, "key": "scam-report"}
    )
    response = alice_client.post(url, {"next": "https://evil.example/"})
    assert messages_of(response) == ["That step is no longer in your plan, so nothing changed."]
    assert response["Location"].startswith(
        reverse("notices:case_detail", kwargs={"public_id": case.public_id})
    )
    case.refresh_from_db()
    assert case.plan_done == []


def test_another_users_case_check_up_is_a_404(outsider_client, case):
    case.flow_answers = dict(CHECKUP_PATH)
    case.save()
    for url in (
        reverse("notices:case_flow_start", kwargs={"public_id": case.public_id}),
        case_step_url(case, "arrived"),
        reverse("notices:case_flow_plan", kwargs={"public_id": case.public_id}),
    ):
        assert outsider_client.get(url).status_code == 404
        assert outsider_client.post(url, {"answer": "email_text"}).status_code in (404, 405)
    toggle = reverse(
        "notices:plan_step_toggle", kwargs={"public_id": case.public_id, "key": "verify"}
    )
    assert outsider_client.post(toggle).status_code == 404
    case.refresh_from_db()
    assert case.flow_answers == dict(CHECKUP_PATH) and case.plan_done == []


def test_a_signed_out_visitor_is_sent_to_login_for_a_case_check_up(client, case):
    response = client.get(case_step_url(case, "arrived"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# The case page section (templates/notices/_action_plan.html)


def render_section(case: Case) -> str:
    request = RequestFactory().get("/")
    request.user = case.owner
    # As notices.views.case_detail passes it: the plan, or None until the check-up is done.
    plan = action_plan.build_plan(case.flow_answers, case=case, today=timezone.localdate())
    return render_to_string(
        "notices/_action_plan.html", {"case": case, "plan": plan}, request=request
    )


def test_the_case_page_section_offers_the_check_up_until_there_is_a_plan(case):
    html = render_section(case)
    assert 'id="action-plan"' in html and "Start the check-up" in html
    case.flow_answers = dict(CHECKUP_PATH[:3])
    assert "Continue the check-up" in render_section(case)


def test_the_case_page_section_lists_steps_with_dates_and_ticks(case):
    case.flow_answers = dict(CHECKUP_PATH)
    case.plan_done = ["verify", "no-longer-a-step"]
    html = render_section(case)
    assert h1_count(html) == 0 and "<h2" in html
    assert 'class="plan-step is-done" id="step-verify"' in html
    steps = re.findall(r'class="plan-step(?: is-done)?" id=', html)
    assert len(steps) > 5 and html.count('class="plan-toggle no-print"') == len(steps)
    assert 'name="compact" value="1"' in html
    assert "By Monday, March 17, 2025" in html
    assert reverse("notices:case_flow_plan", kwargs={"public_id": case.public_id}) in html


def test_the_plan_prints_without_buttons_or_the_answers_list(client):
    walk_anonymously(client)
    html = client.get(reverse("notices:flow_plan")).content.decode()
    assert "data-print hidden" in html  # shown by app.js only
    assert '<section class="no-print" aria-labelledby="answers-title">' in html


def test_a_new_user_session_is_anonymous_again_after_logout(client, alice):
    walk_anonymously(client)
    client.force_login(alice)
    client.post(reverse("account_logout"))
    assert SESSION_KEY not in client.session


def test_step_pages_link_app_js(client):
    html = client.get(step_url("details")).content.decode()
    assert '<script src="/static/js/app.js" defer></script>' in html


def test_other_users_see_their_own_session_answers(client):
    walk_anonymously(client)
    other = Client()
    response = other.get(step_url("can-pay"))
    assert response.status_code == 302 and response["Location"] == step_url("details")
