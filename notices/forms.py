"""Form fields and forms for notices. Forms only validate; domain modules do the work."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.fields import (
    DateInput,
    MoneyField,
    PlainForm,
    add_date_errors,
    check_date,
    validate_phone,
)
from notices.irs.formatting import long_date
from notices.irs.notice_details import FOLLOW_UP_YEARS_AHEAD
from notices.models import Case, ContactEntry, PaymentEntry, Profile
from notices.profiles import known_time_zones
from notices.widgets import QuickSelect

# The notice's own date to pay or answer by: one label and hint for every notice type.
KEY_DATE_LABEL = _("Date printed on the notice to pay or answer by")
KEY_DATE_HELP = _(
    "Copy it as printed. Leave it blank if you can't find it: for a CP14 or an LT11 we count "
    "it from the notice date; for other notices, add it as soon as you find it."
)
AMOUNT_HELP = _(
    "The total the notice says you owe, like 2,450.18. For a CP2000, enter the proposed "
    "amount: the change the IRS proposes, which is not a bill."
)


class CaseForm(PlainForm, forms.ModelForm):
    # Filled in by static/js/timezone.js; seeds the reminder time zone of a new profile.
    browser_time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    amount_due = MoneyField(label=_("Amount due"), help_text=AMOUNT_HELP)
    tax_amount = MoneyField(label=_("Tax (optional)"), required=False, min_value=Decimal("0"))
    penalty_amount = MoneyField(
        label=_("Penalties (optional)"), required=False, min_value=Decimal("0")
    )
    interest_amount = MoneyField(
        label=_("Interest (optional)"), required=False, min_value=Decimal("0")
    )

    class Meta:
        model = Case
        fields = [
            "nickname", "notice_type", "notice_date", "pay_by", "tax_year", "amount_due",
            "tax_amount", "penalty_amount", "interest_amount", "irs_phone", "irs_address",
            "payment_address", "status", "notes",
        ]  # fmt: skip
        widgets = {
            "notice_date": DateInput(),
            "pay_by": DateInput(),
            "tax_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "irs_phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
            "irs_address": forms.Textarea(attrs={"rows": 3}),
            "payment_address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"pay_by": KEY_DATE_LABEL}
        help_texts = {"pay_by": KEY_DATE_HELP}

    def clean_irs_phone(self) -> str:
        phone: str = self.cleaned_data["irs_phone"].strip()
        if phone:
            validate_phone(phone)
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        add_date_errors(self, data)
        parts = [data.get(name) for name in ("tax_amount", "penalty_amount", "interest_amount")]
        amount = data.get("amount_due")
        if amount and all(part is not None for part in parts):
            total = sum((part for part in parts if part is not None), Decimal(0))
            if abs(total - amount) > Decimal("1.00"):
                self.add_error(
                    "amount_due",
                    _("The tax, penalties and interest add up to $%(total)s, but the amount "
                      "due is $%(amount)s. Check both against the notice.")
                    % {"total": f"{total:,.2f}", "amount": f"{amount:,.2f}"},
                )  # fmt: skip
        return data


class NewerNoticeForm(PlainForm):
    """A newer notice about the same balance ("I got a CP501 now"). The case follows it."""

    notice_type = forms.ChoiceField(
        label=_("Which notice did you get?"),
        choices=Case.NoticeType.choices,
        help_text=_("The notice number in the top right corner of the letter."),
        error_messages={"required": _("Choose the notice number.")},
    )
    notice_date = forms.DateField(
        label=_("Notice date"),
        widget=DateInput(),
        help_text=_("The date printed near the top of the newer notice."),
        error_messages={"required": _("Enter the date printed on the newer notice.")},
    )
    pay_by = forms.DateField(
        label=KEY_DATE_LABEL, widget=DateInput(), required=False, help_text=KEY_DATE_HELP
    )
    amount_due = MoneyField(
        label=_("Amount on the newer notice"),
        help_text=AMOUNT_HELP,
        error_messages={"required": _("Enter the amount printed on the newer notice.")},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        add_date_errors(self, data)
        notice_date = data.get("notice_date")
        if notice_date is None or "notice_date" in self.errors:
            return data
        if notice_date < self.case.notice_date:
            self.add_error(
                "notice_date",
                _("The newer notice's date can't be before the date of your %(type)s "
                  "(%(day)s). Check the date printed on each notice.")
                % {"type": self.case.notice_type, "day": long_date(self.case.notice_date)},
            )  # fmt: skip
        elif (
            notice_date == self.case.notice_date
            and data.get("notice_type") == self.case.notice_type
        ):
            self.add_error(
                "notice_date",
                _("This is the notice you are already tracking. To fix its details, use "
                  "“Edit details” on the notice's page instead."),
            )  # fmt: skip
        return data


class ContactForm(PlainForm, forms.ModelForm):
    class Meta:
        model = ContactEntry
        fields = [
            "contacted_at", "channel", "employee_name", "employee_id", "summary",
            "reference_number", "follow_up_on",
        ]  # fmt: skip
        widgets = {
            "contacted_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "follow_up_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_contacted_at(self) -> Any:
        contacted_at = self.cleaned_data["contacted_at"]
        if contacted_at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The date and time can't be in the future."))
        check_date(contacted_at)  # what is left to check: not before 2000
        return contacted_at

    def clean_follow_up_on(self) -> date | None:
        follow_up_on: date | None = self.cleaned_data.get("follow_up_on")
        check_date(follow_up_on, years_ahead=FOLLOW_UP_YEARS_AHEAD)
        return follow_up_on


class PaymentForm(PlainForm, forms.ModelForm):
    amount = MoneyField(label=_("Amount"))

    class Meta:
        model = PaymentEntry
        fields = ["paid_on", "amount", "method", "confirmation_number"]
        widgets = {"paid_on": DateInput()}

    def clean_paid_on(self) -> date:
        paid_on: date = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(
                _("Log a payment once it is made. The date can't be in the future.")
            )
        check_date(paid_on, future=False)
        return paid_on


class ChecklistItemForm(PlainForm):
    text = forms.CharField(label=_("Add your own item"), max_length=200)


class DeleteAccountForm(PlainForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Nothing was deleted."))
        return password


US_TIME_ZONES = [
    ("America/New_York", _("Eastern (New York)")),
    ("America/Chicago", _("Central (Chicago)")),
    ("America/Denver", _("Mountain (Denver)")),
    ("America/Phoenix", _("Arizona (Phoenix)")),
    ("America/Los_Angeles", _("Pacific (Los Angeles)")),
    ("America/Anchorage", _("Alaska (Anchorage)")),
    ("Pacific/Honolulu", _("Hawaii (Honolulu)")),
    ("America/Puerto_Rico", _("Puerto Rico")),
]


def time_zone_choices() -> list[Any]:
    us = {zone for zone, _label in US_TIME_ZONES}
    others = sorted(z for z in known_time_zones() if z not in us)
    return [(_("United States"), US_TIME_ZONES), (_("Other time zones"), [(z, z) for z in others])]


class ReminderSettingsForm(PlainForm, forms.ModelForm):
    reminder_lead_days = forms.TypedMultipleChoiceField(
        label=_("Remind me before the date to pay or answer by"),
        choices=[
            (30, _("30 days before")),
            (14, _("14 days before")),
            (7, _("7 days before")),
            (3, _("3 days before")),
            (2, _("2 days before")),
            (1, _("1 day before")),
        ],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "We also remind you on the day itself, and once a week after it "
            "until the notice is resolved."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), choices=time_zone_choices, widget=QuickSelect
    )

    class Meta:
        model = Profile
        fields = ["reminders_enabled", "reminder_lead_days", "time_zone", "language"]
        # Each language named in itself, so a person finds theirs in either language.
        widgets = {"language": forms.RadioSelect}
        labels = {"language": _("Language of our emails")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A form posted without it (an old page, a script) keeps the saved language.
        self.fields["language"].required = False

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.instance.language
