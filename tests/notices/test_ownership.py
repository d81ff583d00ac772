"""Another person's notice, log row, checklist item or letter is a 404 on every URL.

The URL list is read from the URLconf, so a new URL with an object id can't be forgotten.
"""

from __future__ import annotations

import pytest

from notices.models import Letter
from tests.helpers import Route, object_url, object_urls

OBJECT_URLS = object_urls()


def test_the_meta_test_sees_every_object_url():
    names = {route.name for route in OBJECT_URLS}
    assert {"notices:case_detail", "notices:contact_edit", "notices:payment_delete"} <= names
    assert {"notices:letter_create", "notices:letter_detail", "notices:letter_pdf"} <= names
    assert len(names) >= 13


@pytest.mark.parametrize("route", OBJECT_URLS, ids=lambda route: route.name)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True])
def test_outsider_gets_404_and_nothing_changes(
    outsider_client, alices_objects, route: Route, method, htmx
):
    case = alices_objects["case"]
    url = object_url(route, alices_objects)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = getattr(outsider_client, method)(url, {}, **headers)
    # 405: the URL refuses this method before looking anything up, for everyone alike.
    assert response.status_code in (404, 405)
    case.refresh_from_db()
    assert case.contacts.count() == 1 and case.payments.count() == 1
    assert not case.checklist.filter(done=True).exists()
    assert list(Letter.objects.values_list("public_id", flat=True)) == [
        alices_objects["letter"].public_id
    ]


@pytest.mark.parametrize("route", OBJECT_URLS, ids=lambda route: route.name)
def test_owner_can_open_every_object_url(alice_client, alices_objects, route: Route):
    url = object_url(route, alices_objects)
    response = alice_client.get(url)
    assert response.status_code in (200, 302, 405)
