"""Empty "add" forms are written once per process; anything a person typed never is."""

from __future__ import annotations

from django.template.loader import render_to_string

from notices.forms import ContactForm, PaymentForm
from notices.templatetags.form_tags import TEMPLATE, _blank, form_fields


def test_an_empty_form_comes_out_exactly_as_the_template_writes_it():
    for form_class, prefix in ((ContactForm, "contact"), (PaymentForm, "payment")):
        fresh = render_to_string(TEMPLATE, {"form": form_class(prefix=prefix)})
        assert form_fields(form_class(prefix=prefix)) == fresh
        assert form_fields(form_class(prefix=prefix)) == fresh  # the kept copy
    assert _blank, "empty forms are kept outside DEBUG"


def test_a_form_with_what_a_person_typed_is_written_fresh_every_time():
    form_fields(PaymentForm(prefix="payment"))  # an empty one is kept first
    data = {"payment-amount": "<b>12</b>", "payment-paid_on": "junk"}
    typed = PaymentForm(data, prefix="payment")
    html = form_fields(typed)
    assert "Please check what you entered" in html
    assert "&lt;b&gt;12&lt;/b&gt;" in html
    assert "<b>12</b>" not in form_fields(PaymentForm(prefix="payment"))


def test_initial_values_are_never_shared_between_forms():
    first = form_fields(ContactForm(prefix="contact", initial={"employee_name": "Ms. Rivera"}))
    assert "Ms. Rivera" in first
    assert "Ms. Rivera" not in form_fields(ContactForm(prefix="contact"))
