"""The short form behind each letter. Forms only validate; documents.py does the rest.

Each form asks what the letter needs and nothing the case already knows: the notice type,
date, tax year and amount come from the case, and the name and address from the profile
(asked once, saved when the first letter is made). See initial_for().
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.checkup.action_plan import case_relief
from notices.fields import DateInput, MoneyField, PlainForm, check_date, validate_phone
from notices.letters.documents import PROFILE_FIELDS
from notices.letters.words import ALWAYS_ENCLOSED, DISPUTE_REASONS
from notices.models import Case, Letter, PaymentEntry, Profile
from notices.summary import summarize

# USPS codes: the states, DC, the territories and military mail.
STATES = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI", "AA", "AE", "AP",
]  # fmt: skip

ZIP = re.compile(r"\d{5}(-\d{4})?")
# Masks people type around the last 4 digits: "1234", "xxx-xx-1234", "***-**-1234".
SSN_LAST4 = re.compile(r"[xX*•\s-]*(\d{4})")
# A whole SSN written the usual way, inside any other text ("123-45-6789", "123 45 6789").
FULL_SSN = re.compile(r"(?<!\d)\d{3}[-\s]\d{2}[-\s]\d{4}(?!\d)")
LONG_TEXT = 5000


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class EnclosureField(forms.MultipleChoiceField):
    """The ticked enclosures. A form page opened before every letter listed the notice
    may still send "notice_copy" or "payment_stub": the letter lists them anyway."""

    def to_python(self, value: Any) -> list[str]:
        return [key for key in super().to_python(value) if key not in ALWAYS_ENCLOSED]


@dataclass(frozen=True)
class Fieldset:
    legend: Any
    note: Any  # a line under the legend, or ""
    fields: list[forms.BoundField]


class LetterForm(PlainForm):
    """What every letter needs: who it is from, and what goes in the envelope."""

    kind: ClassVar[str]
    enclosure_choices: ClassVar[list[tuple[str, Any]]] = []
    enclosure_note: ClassVar[Any] = _(
        "The letter always lists a copy of the notice. Put one in the envelope: it helps the "
        "IRS find your account."
    )
    # (legend, field names): the form page shows these groups in this order.
    letter_fields: ClassVar[list[str]] = []

    full_name = forms.CharField(
        label=_("Your full name"), max_length=120,
        help_text=_("As it appears on your tax return."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )  # fmt: skip
    joint = forms.BooleanField(
        label=_("This was a joint return: add a signature line for my spouse"),
        required=False,
    )
    spouse_name = forms.CharField(
        label=_("Spouse's full name (joint return only)"), max_length=120, required=False
    )
    address_line1 = forms.CharField(
        label=_("Street address"), max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )  # fmt: skip
    address_line2 = forms.CharField(
        label=_("Apartment, suite or unit (optional)"), max_length=120, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )  # fmt: skip
    city = forms.CharField(
        label=_("City"), max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )  # fmt: skip
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("Choose…"))] + [(code, code) for code in STATES],
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )
    zip_code = forms.CharField(
        label=_("ZIP code"), max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )  # fmt: skip
    daytime_phone = forms.CharField(
        label=_("Daytime phone"), max_length=30,
        help_text=_("So the IRS can call you about the letter."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )  # fmt: skip
    ssn_last4 = forms.CharField(
        label=_("Last 4 digits of your Social Security number (optional)"),
        max_length=40, required=False,
        help_text=_(
            "Only the last 4 digits, like 1234. We never ask for or store the full number. "
            "Leave it blank to write it on the printed letter by hand."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )  # fmt: skip
    tax_form = forms.CharField(
        label=_("Tax return form"), max_length=20, initial="1040",
        help_text=_("The form your return was filed on. For most people it is 1040."),
    )  # fmt: skip
    enclosures = EnclosureField(
        label=_("What else you will put in the envelope"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    other_enclosures = forms.CharField(
        label=_("Anything else you will enclose (optional)"), max_length=1000, required=False,
        help_text=_("One item per line, like “Bank statement for March 2025”."),
        widget=_textarea(3),
    )  # fmt: skip

    SENDER_FIELDS: ClassVar[list[str]] = [
        "full_name", "joint", "spouse_name", "address_line1", "address_line2", "city",
        "state", "zip_code", "daytime_phone", "ssn_last4", "tax_form",
    ]  # fmt: skip

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)
        enclosures = self.fields["enclosures"]
        assert isinstance(enclosures, forms.MultipleChoiceField)
        enclosures.choices = self.enclosure_choices

    def fieldsets(self) -> list[Fieldset]:
        enclosures = ["enclosures"] if self.enclosure_choices else []
        groups = [
            (_("Your letter"), "", self.letter_fields),
            (_("Enclosures"), self.enclosure_note, [*enclosures, "other_enclosures"]),
            (
                _("About you"),
                _(
                    "We keep these for your next letter. We never store a full Social "
                    "Security number."
                ),
                self.SENDER_FIELDS,
            ),
        ]
        return [
            Fieldset(legend, note, [self[name] for name in names])
            for legend, note, names in groups
            if names
        ]

    def clean_ssn_last4(self) -> str:
        value: str = self.cleaned_data["ssn_last4"].strip()
        if not value:
            return ""
        if len(re.sub(r"\D", "", value)) >= 9:
            # Don't even send it back to the browser in the re-displayed form.
            data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
            data[self.add_prefix("ssn_last4")] = ""
            self.data = data
            raise forms.ValidationError(
                _(
                    "That looks like a full Social Security number. Enter only the last 4 "
                    "digits, like 1234. We did not save what you typed."
                ),
                code="full_ssn",
            )
        match = SSN_LAST4.fullmatch(value)
        if not match:
            raise forms.ValidationError(
                _("Enter exactly 4 digits, like 1234, or leave it blank."), code="last4"
            )
        return match.group(1)

    def clean_zip_code(self) -> str:
        value: str = self.cleaned_data["zip_code"].strip()
        if not ZIP.fullmatch(value):
            raise forms.ValidationError(_("Enter a 5-digit ZIP code, like 64999 or 64999-0010."))
        return value

    def clean_daytime_phone(self) -> str:
        value: str = self.cleaned_data["daytime_phone"].strip()
        validate_phone(value)
        return value

    def clean_tax_form(self) -> str:
        value: str = self.cleaned_data["tax_form"].strip()
        return re.sub(r"^form\s+", "", value, flags=re.I)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("joint") and not data.get("spouse_name", "").strip():
            self.add_error("spouse_name", _("Enter your spouse's name, or untick joint return."))
        if not data.get("joint"):
            data["spouse_name"] = ""
        # Only the last 4 digits are ever stored: not in the answers, not in the letter.
        for name, value in list(data.items()):
            if name != "ssn_last4" and isinstance(value, str) and FULL_SSN.search(value):
                self.add_error(
                    name,
                    _(
                        "This looks like a full Social Security number. Please take it out: "
                        "the letter shows only the last 4 digits."
                    ),
                )
        return data


class DisputeForm(LetterForm):
    kind = Letter.Kind.DISPUTE
    enclosure_choices = [
        ("tax_return", _("A copy of your tax return for that year")),
        ("wage_forms", _("Your W-2 and 1099 forms for that year")),
        ("payment_proof", _("Proof of payment: bank statement, cancelled check or confirmation")),
        ("estimated_payments", _("Records of estimated tax payments")),
        ("form_14039", _("Form 14039, Identity Theft Affidavit")),
    ]
    letter_fields = ["reasons", "explanation", "correct_amount", "requested_action"]

    reasons = forms.MultipleChoiceField(
        label=_("Why is the amount wrong? Choose all that apply."),
        choices=[
            ("payment_not_credited", _("A payment I made is not credited")),
            ("payments_missing", _("Tax withheld from my pay, or estimated payments, are missing")),
            ("credit_not_applied", _("A credit I claimed was not applied")),
            ("math_change", _("The IRS changed my return and I disagree")),
            ("identity_theft", _("Someone else may have used my identity")),
            ("other", _("Another reason")),
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one reason.")},
    )
    explanation = forms.CharField(
        label=_("Explain in your own words"), max_length=LONG_TEXT, widget=_textarea(6),
        help_text=_(
            "What is wrong and how you know. Mention dates, amounts and the documents you "
            "are sending."
        ),
        error_messages={"required": _("Explain in a few sentences why the amount is wrong.")},
    )  # fmt: skip
    correct_amount = MoneyField(
        label=_("What you think you owe, if you know (optional)"), required=False,
        min_value=Decimal("0"),
        help_text=_(
            "It's fine to leave this blank. The letter then says you believe the amount is "
            "wrong and asks the IRS to check it and tell you the right amount."
        ),
    )  # fmt: skip
    requested_action = forms.CharField(
        label=_("What you want the IRS to do (optional)"), max_length=1000, required=False,
        widget=_textarea(3),
        help_text=_(
            "The letter already asks the IRS to review and correct the balance. Add anything "
            "specific, like “credit my $500 payment of March 12, 2025”."
        ),
    )  # fmt: skip

    def clean_reasons(self) -> list[str]:
        reasons: list[str] = self.cleaned_data["reasons"]
        return [key for key in DISPUTE_REASONS if key in reasons]  # the letter's order


class PaymentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PaymentEntry) -> str:
        label = _("%(amount)s on %(day)s, %(method)s") % {
            "amount": f"${obj.amount:,.2f}",
            "day": f"{obj.paid_on:%B} {obj.paid_on.day}, {obj.paid_on.year}",
            "method": obj.get_method_display(),
        }
        if obj.confirmation_number:
            label += f" ({obj.confirmation_number})"
        return label


class PaymentTraceForm(LetterForm):
    kind = Letter.Kind.PAYMENT_TRACE
    enclosure_choices = [
        ("payment_proof", _("Proof of payment: bank statement, cancelled check or confirmation")),
    ]
    letter_fields = ["payments", "explanation"]

    payments = PaymentChoiceField(
        label=_("Which payments does the IRS not show?"),
        queryset=PaymentEntry.objects.none(),
        to_field_name="public_id",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one payment from your payment log.")},
    )
    explanation = forms.CharField(
        label=_("Anything else the IRS should know (optional)"), max_length=LONG_TEXT,
        required=False, widget=_textarea(4),
        help_text=_("For example, the bank account the payment came from, or that it cleared."),
    )  # fmt: skip

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        payments = self.fields["payments"]
        assert isinstance(payments, PaymentChoiceField)
        payments.queryset = case.payments.order_by("paid_on", "id")


class AbatementForm(LetterForm):
    kind = Letter.Kind.ABATEMENT
    enclosure_choices = [
        ("event_records", _("Documents that show what happened and when")),
    ]
    letter_fields = [
        "penalties", "penalty_amount", "basis", "first_time_checks", "what_happened",
        "started_on", "ended_on", "how_it_stopped_you",
    ]  # fmt: skip
    FIRST_TIME_CHECKS: ClassVar[list[tuple[str, Any]]] = [
        # IRM 20.1.1.3.3.2.1: a clean record on the same kind of return. An earlier
        # estimated tax penalty, or one removed for reasonable cause, doesn't spoil it.
        ("clean_history", _(
            "In the 3 tax years before this one, I had no penalties on the same kind of "
            "return (like Form 1040), or I didn't have to file. A penalty for not paying "
            "enough estimated tax doesn't count, and neither does one the IRS took off "
            "because I had a good reason."
        )),
        ("returns_filed", _("I have filed every return I must file now, or a valid extension")),
        ("tax_paid", _("I have paid the tax, or I am on a payment plan and keeping to it")),
    ]  # fmt: skip

    penalties = forms.MultipleChoiceField(
        label=_("Which penalties do you want removed?"),
        choices=[
            ("failure_to_pay", _("Failure-to-pay penalty (paid late)")),
            ("failure_to_file", _("Failure-to-file penalty (filed late)")),
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("First-time abatement does not cover accuracy or estimated tax penalties."),
        error_messages={"required": _("Choose at least one penalty.")},
    )
    penalty_amount = MoneyField(
        label=_("Penalties on the notice (optional)"), required=False, min_value=Decimal("0")
    )
    basis = forms.ChoiceField(
        label=_("Why should the IRS remove them?"),
        choices=[
            ("first_time", _("First-time abatement: a clean record, all three points below")),
            ("reasonable_cause", _("Reasonable cause: something kept me from filing or paying")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose first-time abatement or reasonable cause.")},
    )
    first_time_checks = forms.MultipleChoiceField(
        label=_("For first-time abatement: tick all three if they are true, as far as you know"),
        choices=FIRST_TIME_CHECKS, required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    what_happened = forms.CharField(
        label=_("For reasonable cause: what happened"), max_length=LONG_TEXT, required=False,
        widget=_textarea(4),
        help_text=_("For example, a serious illness, a death in the family, a fire or disaster."),
    )  # fmt: skip
    started_on = forms.DateField(label=_("When it started"), required=False, widget=DateInput())
    ended_on = forms.DateField(
        label=_("When it ended (leave blank if it hasn't)"), required=False, widget=DateInput()
    )
    how_it_stopped_you = forms.CharField(
        label=_("How it kept you from filing or paying on time"), max_length=LONG_TEXT,
        required=False, widget=_textarea(4),
    )  # fmt: skip

    def clean_started_on(self) -> date | None:
        day: date | None = self.cleaned_data["started_on"]
        check_date(day, future=False)
        return day

    def clean_ended_on(self) -> date | None:
        day: date | None = self.cleaned_data["ended_on"]
        check_date(day, future=False)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        basis = data.get("basis")
        if basis == "first_time":
            if len(data.get("first_time_checks") or []) < len(self.FIRST_TIME_CHECKS):
                self.add_error(
                    "first_time_checks",
                    _(
                        "First-time abatement needs all three. If one isn't true, choose "
                        "reasonable cause instead, or talk to a tax professional."
                    ),
                )
        elif basis == "reasonable_cause":
            required = {
                "what_happened": _("Say what happened."),
                "started_on": _("Enter when it started, even roughly."),
                "how_it_stopped_you": _("Say how it kept you from filing or paying on time."),
            }
            for name, message in required.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
            started, ended = data.get("started_on"), data.get("ended_on")
            today = timezone.localdate()
            for name, day in (("started_on", started), ("ended_on", ended)):
                if isinstance(day, date) and day > today:
                    self.add_error(name, _("The date can't be in the future."))
            if started and ended and ended < started:
                self.add_error("ended_on", _("The end can't be before the start."))
        return data


class PaymentCoverForm(LetterForm):
    kind = Letter.Kind.PAYMENT_COVER
    enclosure_note = _(
        "The letter always lists the payment stub from the notice. Put it in the envelope "
        "with your check or money order."
    )
    letter_fields = ["payment_type", "check_number", "payment_amount"]

    payment_type = forms.ChoiceField(
        label=_("How are you paying?"),
        choices=[("check", _("Check")), ("money_order", _("Money order"))],
        widget=forms.RadioSelect,
    )
    check_number = forms.CharField(
        label=_("Check number (optional)"), max_length=20, required=False
    )
    payment_amount = MoneyField(
        label=_("Amount of the check or money order"),
        help_text=_("We filled in what is left to pay, from the notice and your payment log."),
    )


FORMS: dict[str, type[LetterForm]] = {
    form.kind: form for form in (DisputeForm, PaymentTraceForm, AbatementForm, PaymentCoverForm)
}


def initial_for(
    *, kind: str, case: Case, profile: Profile, previous: Letter | None = None
) -> dict[str, Any]:
    """Prefill: the profile for who you are, the case for the rest, or an earlier letter.

    Editing a letter starts from its stored answers, so a change is the only typing needed.
    """
    if previous is not None:
        answers = dict(previous.inputs)
        if "payments" in answers:
            answers["payments"] = [row["public_id"] for row in answers["payments"]]
        return answers
    initial: dict[str, Any] = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    initial["joint"] = bool(profile.spouse_name)
    initial["tax_form"] = "1040"
    if kind == Letter.Kind.PAYMENT_COVER:
        initial["payment_type"] = "check"
        initial["payment_amount"] = summarize(case).balance or case.amount_due
    elif kind == Letter.Kind.PAYMENT_TRACE:
        initial["payments"] = [str(p.public_id) for p in case.payments.all()]
        initial["enclosures"] = ["payment_proof"]
    elif kind == Letter.Kind.ABATEMENT:
        initial["penalty_amount"] = case.penalty_amount
        initial["penalties"] = ["failure_to_pay"]
        # The check-up already found the three rules of first-time abatement met.
        if case_relief(case.flow_answers) == "likely":
            initial["basis"] = "first_time"
    return initial
