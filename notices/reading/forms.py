"""The upload form: one file (a PDF or a photo) or the notice's text, pasted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.fields import PlainForm
from notices.reading import limits
from notices.reading.document import sniff

TOO_BIG = _("This file is larger than 10 MB. Choose a smaller file, or paste the text instead.")
NOT_SUPPORTED = _(
    "We can read a PDF, a JPEG photo or a PNG picture. This file is not one of these. "
    "You can also paste the text."
)


class ReadForm(PlainForm):
    notice_file = forms.FileField(
        label=_("Your notice as a PDF or a photo"),
        required=False,
        help_text=_("A PDF, or a photo of each page as JPEG or PNG. Up to 10 MB and 6 pages."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    text = forms.CharField(
        label=_("Or paste the text of the notice"),
        required=False,
        max_length=limits.MAX_TEXT,
        help_text=_("For example, copied from the notice in your IRS Online Account."),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        error_messages={
            "max_length": _("This text is longer than a notice. Paste only the notice.")
        },
    )

    def clean_notice_file(self) -> Any:
        upload = self.cleaned_data.get("notice_file")
        if not upload:
            return None
        if upload.size > limits.MAX_BYTES:
            raise forms.ValidationError(TOO_BIG, code="too_big")
        head = upload.read(8)
        upload.seek(0)
        if sniff(head) is None:
            raise forms.ValidationError(NOT_SUPPORTED, code="not_supported")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file = bool(data.get("notice_file"))
        has_text = bool((data.get("text") or "").strip())
        if "notice_file" in self.errors or "text" in self.errors:
            return data
        if has_file and has_text:
            raise forms.ValidationError(_("Choose a file or paste the text, not both."))
        if not has_file and not has_text:
            raise forms.ValidationError(_("Choose a file of your notice, or paste its text."))
        return data
