from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _reschedule_after_confirmation(sender: Any, request: Any, email_address: Any, **kwargs: Any):
    """Reminders wait for a confirmed address; once there is one, bring them back."""
    from notices.reminders.scheduling import schedule_for_user

    schedule_for_user(email_address.user)


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from allauth.account.signals import email_confirmed

        email_confirmed.connect(_reschedule_after_confirmation, dispatch_uid="notices-reminders")

        from django.db.models.signals import post_delete

        from notices.letters.rendering import delete_stored_pdf
        from notices.models import Letter

        post_delete.connect(delete_stored_pdf, sender=Letter, dispatch_uid="letters-pdf-file")
