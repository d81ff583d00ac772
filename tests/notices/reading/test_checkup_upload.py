"""Read my notice on the check-up's details step: anyone, no account, nothing kept but the
answers the person confirms; another browser gets a 404; limits per session and address."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from notices.checkup import flow
from notices.checkup.store import SESSION_KEY
from notices.models import Case
from tests.notices.reading.conftest import leftovers, notice_pdf
from tests.notices.reading.test_reading_accuracy import notices_text

START = reverse("notices:flow_read_start")
DETAILS = reverse("notices:flow_step", kwargs={"step": flow.DETAILS})
HTMX = {"HTTP_HX_REQUEST": "true"}


def _paste(client, code: str = "CP14") -> str:
    response = client.post(START, {"text": notices_text(code)})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def _token(url: str) -> str:
    return re.search(r"/read/(\d+)/", url).group(1)  # type: ignore[union-attr]


def test_the_details_step_offers_to_read_the_notice(client, db):
    html = client.get(DETAILS).content.decode()
    assert f'href="{START}"' in html and "No account needed" in html
    page = client.get(START)
    assert page.status_code == 200  # no sign-in asked for
    assert f'href="{DETAILS}"' in page.content.decode()  # "Type the details myself"


def test_a_visitor_pastes_checks_and_goes_on_with_the_check_up(client, db):
    review_url = _paste(client)
    html = client.get(review_url).content.decode()
    assert "Check what we read" in html and "Use these details" in html
    assert 'value="2024-03-04"' in html and 'value="2024-03-25"' in html
    assert 'value="1486.40"' in html
    assert "Amount due by March 25, 2024: $1,486.40" in html  # the line it came from
    assert "Save notice" not in html and "Nickname" not in html  # no case here

    data = {
        "notice_type": "CP14",
        "notice_date": "2024-03-04",
        "pay_by": "2024-03-25",
        "amount": "1,400.00",
    }  # fmt: skip  (the person corrected the amount)
    response = client.post(review_url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:flow_step", kwargs={"step": "arrived"})
    answers = client.session[SESSION_KEY]
    assert answers[flow.DETAILS] == {
        "notice_date": "2024-03-04", "pay_by": "2024-03-25", "amount": "1400.00"
    }  # fmt: skip
    assert not Case.objects.exists()
    assert client.get(review_url).status_code == 404  # used once, then gone
    details = client.get(DETAILS).content.decode()
    assert 'value="2024-03-25"' in details and "1400.00" in details


def test_a_later_notice_fills_in_its_type(client, db):
    review_url = _paste(client, "CP504")
    html = client.get(review_url).content.decode()
    assert re.search(r'<option value="CP504"[^>]*selected', html)
    client.post(review_url, {"notice_type": "CP504", "notice_date": "2024-06-17",
                             "pay_by": "2024-07-08", "amount": "987.65"})  # fmt: skip
    assert client.session[SESSION_KEY][flow.DETAILS]["notice_type"] == "CP504"


def test_a_pdf_is_read_for_a_visitor_and_the_file_is_gone(client, db, eager, reading_dir):
    response = client.post(START, {"notice_file": _pdf()})
    status_url = response["Location"]
    assert status_url == reverse("notices:flow_read_status", args=[_token(status_url)])
    assert leftovers(reading_dir) == []
    review = client.get(status_url)
    assert review.status_code == 302 and review["Location"].endswith("/review/")
    htmx = client.get(status_url, **HTMX)
    assert htmx["HX-Redirect"] == review["Location"]
    assert 'value="1486.40"' in client.get(review["Location"]).content.decode()


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("notice.pdf", notice_pdf("CP14"), "application/pdf")


def test_progress_without_javascript_points_back_to_the_check_up(client, db, monkeypatch):
    from notices.reading import tasks

    monkeypatch.setattr(tasks.read_notice, "delay", lambda reading_id: None)  # no worker yet
    status_url = client.post(START, {"notice_file": _pdf()})["Location"]
    html = client.get(status_url).content.decode()
    assert "Check again" in html and f'action="{status_url}"' in html
    assert f'hx-get="{status_url}"' in html


def test_another_browser_gets_nothing(db, alice_client):
    client = Client()  # the visitor (alice_client is the test's own client, signed in)
    review_url = _paste(client)
    token = _token(review_url)
    other = Client()
    other.get(DETAILS)  # a session of its own
    urls = [reverse("notices:flow_read_status", args=[token]), review_url]
    for someone in (other, alice_client):
        for url in urls:
            assert someone.get(url).status_code == 404, url
        assert someone.post(review_url, {"notice_type": "CP14"}).status_code == 404
        discard = reverse("notices:flow_read_discard", args=[token])
        assert someone.post(discard).status_code == 404
    # Nor through "Add a notice": a visitor's reading is not a person's.
    assert alice_client.get(reverse("notices:read_review", args=[token])).status_code == 404
    for junk in ("12345", "not-a-number", "9" * 30):
        assert client.get(reverse("notices:flow_read_status", args=[junk])).status_code == 404
    assert client.get(review_url).status_code == 200  # still there for its own browser


def test_a_signed_in_persons_reading_is_not_a_visitors(alice_client, db):
    client = Client()
    client.get(DETAILS)
    review_url = alice_client.post(reverse("notices:read_start"), {"text": notices_text("CP14")})
    token = _token(review_url["Location"])
    assert client.get(reverse("notices:flow_read_review", args=[token])).status_code == 404
    assert alice_client.get(reverse("notices:flow_read_review", args=[token])).status_code == 404


def test_the_review_refuses_impossible_dates_and_keeps_nothing(client, db):
    review_url = _paste(client)
    response = client.post(review_url, {"notice_type": "CP14", "notice_date": "2024-03-04",
                                        "pay_by": "2024-02-01", "amount": "1486.40"})  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and "Check what we read" in html
    assert flow.DETAILS not in client.session.get(SESSION_KEY, {})


def test_throwing_it_away_goes_back_to_the_details_step(client, db):
    review_url = _paste(client)
    response = client.post(reverse("notices:flow_read_discard", args=[_token(review_url)]))
    assert response["Location"] == DETAILS
    assert client.get(review_url).status_code == 404


def test_visitors_are_limited_per_session(client, db):
    for _ in range(5):
        _paste(client)
    response = client.post(START, {"text": notices_text("CP14")})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "try again in" in html and f'href="{DETAILS}"' in html


def test_visitors_are_limited_per_address(db):
    for _ in range(20):  # a new browser each time: only the address is the same
        assert Client().post(START, {"text": notices_text("CP14")}).status_code == 302
    assert Client().post(START, {"text": notices_text("CP14")}).status_code == 429


def test_the_saved_check_up_of_a_case_does_not_offer_it(alice_client, case):
    html = alice_client.get(
        reverse("notices:case_flow_step", kwargs={"public_id": case.public_id, "step": "arrived"})
    ).content.decode()
    assert START not in html


def test_values_next_to_unconfirmed_labels_are_marked_as_guesses(client, db):
    """CP14 labels are not on an official page we could read (docs/sources.md): guesses."""
    html = client.get(_paste(client, "CP14")).content.decode()
    fields = html.split('<p class="reading-key">')[1].split("</p>", 1)[1]
    assert "reading-mark-guess" in fields and "reading-mark-label" not in fields


def test_values_next_to_the_irs_sample_cp2000_labels_are_found_by_label(client, db):
    html = client.get(_paste(client, "CP2000")).content.decode()
    source = html.split('id="source-amount"')[1].split("</div>", 1)[0]
    assert "Found by its label" in source and "Proposed Balance Due" in source
    source = html.split('id="source-pay_by"')[1].split("</div>", 1)[0]
    assert "Found by its label" in source and "return the Response Form by" in source
    source = html.split('id="source-notice_date"')[1].split("</div>", 1)[0]
    assert "Guessed" in source  # "Notice date" is not on that page
