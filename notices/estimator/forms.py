from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from notices.estimator import applying
from notices.fields import DateInput, MoneyField, PlainForm, add_date_errors, check_date
from notices.irs import rates
from notices.irs.formatting import whole_dollars
from notices.irs.notice_details import EARLIEST_YEAR
from notices.models import Case

EARLIEST_NOTICE = rates.UNDERPAYMENT_RATES[0][0]  # the first quarter with a rate on file


class EstimatorForm(PlainForm):
    notice_type = forms.ChoiceField(
        label=_("Which notice is it?"),
        choices=Case.NoticeType.choices,
        required=False,
        initial=Case.NoticeType.CP14,
        help_text=_("The notice number is in the top right corner of the letter."),
        error_messages={"invalid_choice": _("Choose the notice from the list.")},
    )
    amount_due = MoneyField(
        label=_("Amount due on the notice"),
        help_text=_("The total the notice says you owe, for example 2,450.18."),
    )
    tax_part = MoneyField(
        label=_("Tax part of the amount (optional)"),
        required=False,
        help_text=_(
            "The Billing Summary on your notice lists the tax apart from penalties and "
            "interest. Enter the tax here. The late-payment penalty grows only on the tax. "
            "If you leave this blank, we show a range from lowest to highest."
        ),
    )
    notice_date = forms.DateField(
        label=_("Notice date"),
        widget=DateInput(),
        help_text=_("The date printed near the top of the notice."),
    )
    pay_by = forms.DateField(
        label=_("Pay-by date (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "The date printed on the notice to pay by (or to answer by). "
            "Leave blank and we will work it out if we can."
        ),
    )
    tax_year = forms.IntegerField(
        label=_("Tax year"),
        min_value=EARLIEST_YEAR,
        help_text=_("The year the tax is for, for example 2024."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    pay_on = forms.DateField(
        label=_("Or pay in full on this date (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Add a date if you plan to pay everything later in one go."),
    )
    plan_months = forms.IntegerField(
        label=_("Payment plan length in months"),
        required=False,
        min_value=1,
        max_value=rates.STREAMLINED_MAX_MONTHS,
        initial=12,
        help_text=format_lazy(
            _("From 1 to {months} months. Or leave blank and enter a monthly payment instead."),
            months=rates.STREAMLINED_MAX_MONTHS,
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    plan_payment = MoneyField(
        label=_("Or a monthly payment you can afford"),
        required=False,
        help_text=_("We will work out how many months it takes."),
    )
    apply_online = forms.ChoiceField(
        label=_("How would you apply for the plan?"),
        choices=[
            (applying.PICK_FOR_ME, _("Pick for me, from the amount I owe")),
            (applying.ONLINE, _("Online")),
            (applying.OFFLINE, _("By phone, mail or in person")),
        ],
        required=False,  # no answer means "pick for me": it never stops an estimate
        initial=applying.PICK_FOR_ME,
        help_text=format_lazy(
            _("You can apply online if you owe {limit} or less. The setup fee is lower online."),
            limit=whole_dollars(rates.ONLINE_PLAN_BALANCE_LIMIT),
        ),
        widget=forms.RadioSelect,
    )
    direct_debit = forms.TypedChoiceField(
        label=_("Would payments come straight from your bank account (direct debit)?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )
    low_income = forms.BooleanField(
        label=format_lazy(
            _("My income is low (at or below about {percent}% of the federal poverty guidelines)"),
            percent=rates.LOW_INCOME_POVERTY_PERCENT,
        ),
        required=False,
    )

    def clean_notice_date(self) -> date:
        notice_date: date = self.cleaned_data["notice_date"]
        if notice_date.year >= EARLIEST_YEAR and notice_date < EARLIEST_NOTICE:
            raise forms.ValidationError(
                _("We can only estimate notices dated %(year)d or later.")
                % {"year": EARLIEST_NOTICE.year}
            )
        return notice_date

    def clean_apply_online(self) -> str:
        return str(self.cleaned_data.get("apply_online") or applying.PICK_FOR_ME)

    def clean_pay_on(self) -> date | None:
        pay_on: date | None = self.cleaned_data.get("pay_on")
        check_date(pay_on)
        return pay_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        notice_date = data.get("notice_date")
        add_date_errors(self, data)
        if notice_date and data.get("pay_on") and data["pay_on"] < notice_date:
            self.add_error("pay_on", _("The payment date can't be before the notice date."))
        amount, tax = data.get("amount_due"), data.get("tax_part")
        if amount and tax and tax > amount:
            self.add_error("tax_part", _("The tax part can't be more than the amount due."))
        if data.get("plan_months") and data.get("plan_payment"):
            self.add_error(
                "plan_payment", _("Enter a number of months or a monthly payment, not both.")
            )
        return data
