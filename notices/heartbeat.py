"""Worker heartbeats: a beat-scheduled task writes a row, proving the task path works."""

from __future__ import annotations

from datetime import timedelta

from notices.models import Heartbeat

KEEP_FOR = timedelta(days=1)


def record_heartbeat() -> Heartbeat:
    beat = Heartbeat.objects.create()
    Heartbeat.objects.filter(beat_at__lt=beat.beat_at - KEEP_FOR).delete()
    return beat
