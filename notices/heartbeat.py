"""Worker heartbeats: a beat-scheduled task writes a row, so we can see workers are alive."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from notices.models import Heartbeat

KEEP_FOR = timedelta(days=1)


def record_heartbeat() -> Heartbeat:
    beat = Heartbeat.objects.create()
    Heartbeat.objects.filter(beat_at__lt=beat.beat_at - KEEP_FOR).delete()
    return beat


def last_heartbeat_age() -> timedelta | None:
    latest = Heartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    return None if latest is None else timezone.now() - latest
