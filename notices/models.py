from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """A row written by a Celery worker, proving the task path works end to end."""

    beat_at = models.DateTimeField(
        _("beat at"), auto_now_add=True, help_text=_("When a worker ran the heartbeat task.")
    )

    class Meta:
        verbose_name = _("worker heartbeat")
        get_latest_by = "beat_at"

    def __str__(self) -> str:
        return f"heartbeat at {self.beat_at:%Y-%m-%d %H:%M:%S}"
