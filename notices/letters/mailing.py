"""After mailing: the person records when a letter went out and its tracking number.

The date starts the wait for the IRS's answer (follow_up.py); the case's reminders are
scheduled again in the same transaction, so the follow-up email comes with it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from notices.fields import DateInput, PlainForm
from notices.models import Letter
from notices.profiles import profile_for
from notices.reminders.scheduling import schedule_for_case

TRACKING_MAX = 40  # Letter.tracking_number
TRACKING = re.compile(r"[A-Za-z0-9]+")
# What people type between the groups of a tracking number, as printed on the receipt.
TRACKING_SPACING = re.compile(r"[\s-]+")


def local_day(letter: Letter, moment: Any = None) -> date:
    """A moment (now, by default) as a date where the letter's owner lives."""
    zone = ZoneInfo(profile_for(letter.case.owner).time_zone)
    return timezone.localtime(moment or timezone.now(), zone).date()


class MailedForm(PlainForm):
    mailed_on = forms.DateField(
        label=_("The date you mailed it"),
        widget=DateInput(),
        error_messages={"required": _("Enter the date you mailed the letter.")},
    )
    tracking_number = forms.CharField(
        label=_("Certified mail tracking number (optional)"),
        help_text=_("The number on your certified mail receipt. Spaces are fine."),
        required=False,
        max_length=60,  # room for spaces; checked against TRACKING_MAX without them
    )

    def __init__(self, *args: Any, letter: Letter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.letter = letter

    def clean_mailed_on(self) -> date:
        mailed_on: date = self.cleaned_data["mailed_on"]
        if mailed_on > local_day(self.letter):
            raise forms.ValidationError(
                _("The date you mailed it can't be in the future. Enter today or an earlier day."),
                code="future",
            )
        made = local_day(self.letter, self.letter.created_at)
        if mailed_on < made:
            raise forms.ValidationError(
                _("You made this letter on %(day)s. Enter that day or a later one.")
                % {"day": date_format(made, str(_("F j, Y")))},
                code="before_letter",
            )
        return mailed_on

    def clean_tracking_number(self) -> str:
        number = TRACKING_SPACING.sub("", self.cleaned_data.get("tracking_number", ""))
        if number and not TRACKING.fullmatch(number):
            raise forms.ValidationError(
                _("Use only the letters and numbers printed on your receipt."), code="characters"
            )
        if len(number) > TRACKING_MAX:
            raise forms.ValidationError(
                _("A tracking number has at most %(max)s letters and numbers.")
                % {"max": TRACKING_MAX},
                code="length",
            )
        return number.upper()


@transaction.atomic
def record_mailed(letter: Letter, *, mailed_on: date, tracking_number: str) -> Letter:
    """Save when it went out; the case's reminders then include the letter's follow-up."""
    letter.mailed_on, letter.tracking_number = mailed_on, tracking_number
    letter.save(update_fields=["mailed_on", "tracking_number"])
    schedule_for_case(letter.case)
    return letter
