"""Forms for the check-up. They only validate; notices/flow.py decides what answers mean."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.checkup import flow
from notices.fields import DateInput, MoneyField, PlainForm, add_date_errors
from notices.irs import notice_types
from notices.irs.notice_details import NoticeDetails
from notices.models import Case


class AnswerForm(PlainForm):
    """One radio question. The template draws the radios; this checks the choice."""

    answer = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args: Any, step: flow.Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        field = self.fields["answer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.value, o.label) for o in step.options]
        field.label = step.question
        # Nothing chosen and a forged value get the same plain message.
        field.error_messages = {"required": step.error, "invalid_choice": step.error}

    def value(self) -> str:
        return str(self.cleaned_data["answer"])


class DetailsForm(PlainForm):
    """The optional first screen: which notice, its dates and amount, all optional."""

    notice_type = forms.ChoiceField(
        label=_("Which notice is it?"),
        choices=Case.NoticeType.choices,
        initial=notice_types.FIRST_NOTICE,
        required=False,
        help_text=_("The notice number is in the top right corner, like CP14 or CP504."),
    )
    notice_date = forms.DateField(
        label=_("Notice date"),
        required=False,
        widget=DateInput(),
        help_text=_("Printed near the top of the notice."),
    )
    pay_by = forms.DateField(
        label=_("Date to pay or answer by"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "If the notice shows a date to pay, reply or ask for a hearing by, enter it. "
            "On a CP14 it is next to “Amount due by”."
        ),
    )
    amount = MoneyField(
        label=_("Amount due"),
        required=False,
        help_text=_("The total the notice says you owe, like 2,450.18."),
    )

    def __init__(self, *args: Any, step: flow.Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        add_date_errors(self, data)
        return data

    def value(self) -> dict[str, str]:
        data = self.cleaned_data
        details = NoticeDetails(
            data.get("notice_date"),
            data.get("pay_by"),
            data.get("amount"),
            data.get("notice_type") or notice_types.FIRST_NOTICE,
        )
        return details.to_json()


def form_for(step: flow.Step, data: Any = None, *, initial: Any = None) -> AnswerForm | DetailsForm:
    if step.is_details:
        details = initial if isinstance(initial, dict) else {}
        return DetailsForm(data, step=step, initial=_details_initial(details))
    return AnswerForm(data, step=step, initial={"answer": initial} if initial else None)


def _details_initial(details: dict[str, str]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for key in ("notice_date", "pay_by"):
        if key in details:
            initial[key] = date.fromisoformat(details[key])
    if "amount" in details:
        initial["amount"] = details["amount"]
    initial["notice_type"] = details.get("notice_type", notice_types.FIRST_NOTICE)
    return initial


class SaveForm(PlainForm):
    """Where to save the plan: a new notice, or one the person already tracks."""

    NEW = "new"

    target = forms.ChoiceField(
        label=_("Where should we save your plan?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where to save your plan."),
            "invalid_choice": _("Choose where to save your plan."),
        },
    )

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases = {str(case.public_id): case for case in cases}
        field = self.fields["target"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(self.NEW, _("A new notice: you add its details next"))] + [
            (key, case.title) for key, case in self.cases.items()
        ]

    def chosen_case(self) -> Any:
        return self.cases.get(self.cleaned_data["target"])


class EmailPlanForm(PlainForm):
    """ "Email me this plan": one address, used once and then forgotten."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send the plan once, then delete the address. No account needed."),
        error_messages={
            "required": _("Enter your email address, like name@example.com."),
            "invalid": _("Enter an email address in the right form, like name@example.com."),
        },
    )
    email.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
