"""Another person's notice, log row, checklist item or letter is a 404 on every URL.

The URL list is read from the URLconf, so a new URL with an object id can't be forgotten.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from notices.letters import documents
from notices.models import Letter
from tests.factories import make_contact, make_payment

ID_KWARGS = {"public_id", "entry_id", "item_id", "letter_id"}


def object_urls() -> list[tuple[str, set[str]]]:
    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                kwargs = set(pattern.pattern.regex.groupindex)
                if kwargs & ID_KWARGS:
                    found.append(
                        (f"{namespace}:{pattern.name}" if namespace else pattern.name, kwargs)
                    )

    walk(get_resolver().url_patterns)
    return sorted(found)


OBJECT_URLS = object_urls()


def test_the_meta_test_sees_every_object_url():
    names = {name for name, _ in OBJECT_URLS}
    assert {"notices:case_detail", "notices:contact_edit", "notices:payment_delete"} <= names
    assert {"notices:letter_create", "notices:letter_detail", "notices:letter_pdf"} <= names
    assert len(names) >= 13


@pytest.fixture
def alices_objects(case):
    contact, payment = make_contact(case), make_payment(case)
    item = case.checklist.first()
    letter = documents.create_letter(case=case, kind=Letter.Kind.DISPUTE, cleaned_data=LETTER_DATA)
    return {
        "case": case,
        "contact": contact,
        "payment": payment,
        "checklist": item,
        "letter": letter,
    }


# Validated answers for a dispute letter, as the form would hand them over.
LETTER_DATA = {
    "full_name": "Alice Owner", "address_line1": "1 Main St", "city": "Springfield",
    "state": "IL", "zip_code": "62704", "daytime_phone": "217-555-0142", "ssn_last4": "",
    "tax_form": "1040", "reasons": ["other"], "explanation": "Wrong.", "enclosures": [],
}  # fmt: skip


# Values for the other parts of a URL that also names a case: a check-up step, a plan
# step's key, a letter kind. Real values, so the owner's request reaches the view.
OTHER_KWARGS = {"step": "arrived", "key": "keep-records", "kind": "dispute"}


def url_for(name: str, kwargs: set[str], objects) -> str:
    if "public_id" in kwargs:
        extra = {key: OTHER_KWARGS[key] for key in kwargs - {"public_id"}}
        return reverse(name, kwargs={"public_id": objects["case"].public_id, **extra})
    if "letter_id" in kwargs:
        return reverse(name, kwargs={"letter_id": objects["letter"].public_id})
    kind = name.split(":")[1].split("_")[0]  # contact_edit -> contact
    key = "item_id" if "item_id" in kwargs else "entry_id"
    return reverse(name, kwargs={key: objects[kind].public_id})


@pytest.mark.parametrize(("name", "kwargs"), OBJECT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True])
def test_outsider_gets_404_and_nothing_changes(
    outsider_client, alices_objects, name, kwargs, method, htmx
):
    case = alices_objects["case"]
    url = url_for(name, kwargs, alices_objects)
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


@pytest.mark.parametrize(("name", "kwargs"), OBJECT_URLS)
def test_owner_can_open_every_object_url(alice_client, alices_objects, name, kwargs):
    url = url_for(name, kwargs, alices_objects)
    response = alice_client.get(url)
    assert response.status_code in (200, 302, 405)
