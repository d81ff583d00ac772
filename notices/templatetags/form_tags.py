"""{% form_fields form %}: a form's fields, with an empty form's HTML made once per process.

The case page shows three empty "add" forms (a call, a payment, a checklist item) folded
away under their buttons. Django writes each field through several small templates, which
took about a third of the page's time. An empty form with no initial values comes out the
same every time for a language, so its HTML is kept; a bound form, or one with initial
values, is written fresh. In development (DEBUG) nothing is kept, so template edits show.
"""

from __future__ import annotations

from django import forms, template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "includes/form_fields.html"
_blank: dict[tuple[str, str | None, str | None], SafeString] = {}


@register.simple_tag
def form_fields(form: forms.BaseForm) -> SafeString:
    if form.is_bound or form.initial or settings.DEBUG:
        return render_to_string(TEMPLATE, {"form": form})
    key = (f"{type(form).__module__}.{type(form).__qualname__}", form.prefix, get_language())
    if key not in _blank:
        _blank[key] = render_to_string(TEMPLATE, {"form": form})
    return _blank[key]
