"""{% form_fields form %} and {% field_groups form %}: a form's fields, with an empty form's
HTML made once per process.

The case page shows three empty "add" forms (a call, a payment, a checklist item) folded
away under their buttons. Django writes each field through several small templates, which
took about a third of the page's time. An empty form with no initial values comes out the
same every time for a language, so its HTML is kept; a bound form, or one with initial
values, is written fresh. In development (DEBUG) nothing is kept, so template edits show.

{% form_fields %} adds the error summary (includes/form_fields.html); {% field_groups %}
is the checklist's short form: each field's group in its own div, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms, template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "includes/form_fields.html"
_blank: dict[tuple[str, str, str | None, str | None], SafeString] = {}


def _kept(form: forms.BaseForm, kind: str, write: Callable[[forms.BaseForm], SafeString]):
    if form.is_bound or form.initial or settings.DEBUG:
        return write(form)
    name = f"{type(form).__module__}.{type(form).__qualname__}"
    key = (kind, name, form.prefix, get_language())
    if key not in _blank:
        _blank[key] = write(form)
    return _blank[key]


def _with_summary(form: forms.BaseForm) -> SafeString:
    return render_to_string(TEMPLATE, {"form": form})


def _groups(form: forms.BaseForm) -> SafeString:
    return format_html_join(
        "",
        '<div class="field{}">{}</div>',
        ((" has-error" if field.errors else "", field.as_field_group()) for field in form),
    )


@register.simple_tag
def form_fields(form: forms.BaseForm) -> SafeString:
    return _kept(form, "form_fields", _with_summary)


@register.simple_tag
def field_groups(form: forms.BaseForm) -> SafeString:
    return _kept(form, "field_groups", _groups)
