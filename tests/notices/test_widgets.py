"""QuickSelect writes what Django's Select writes, only faster, and escapes the same."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from notices.forms import time_zone_choices
from notices.profiles import profile_for
from notices.widgets import QuickSelect

ATTRS = {"id": "id_tz", "aria-describedby": "tz_help", "required": True, "disabled": False}


def lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


@pytest.mark.parametrize("value", ["America/Denver", "UTC", "Europe/Paris", None, "Mars/Base"])
def test_the_time_zone_list_is_written_exactly_as_django_writes_it(value):
    choices = time_zone_choices()
    django_html = forms.Select(choices=choices).render("time_zone", value, dict(ATTRS))
    quick_html = QuickSelect(choices=choices).render("time_zone", value, dict(ATTRS))
    assert lines(quick_html) == lines(django_html)


def test_names_values_and_labels_are_escaped():
    choices = [("Group <i>", [('a"b', "<script>alert(1)</script>"), ("c&d", "Tom & Jerry")])]
    html = QuickSelect(choices=choices).render("x", 'a"b', {"data-note": '"><b>'})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert '<option value="a&quot;b" selected>&lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert lines(html) == lines(
        forms.Select(choices=choices).render("x", 'a"b', {"data-note": '"><b>'})
    )


def test_the_reminder_settings_page_shows_the_saved_zone_selected(alice_client, alice):
    profile = profile_for(alice)
    profile.time_zone = "America/Phoenix"
    profile.save()
    html = alice_client.get(reverse("notices:reminder_settings")).content.decode()
    assert '<option value="America/Phoenix" selected>Arizona (Phoenix)</option>' in html
