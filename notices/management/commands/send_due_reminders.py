from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from notices.reminders import sending
from notices.tasks import send_reminders


class Command(BaseCommand):
    help = "Claim due reminders and queue them for sending (what Celery beat runs every minute)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due; claim and send nothing."
        )
        parser.add_argument(
            "--here",
            action="store_true",
            help="Send in this process instead of through the Celery workers.",
        )

    def handle(self, *args: Any, dry_run: bool, here: bool, **options: Any) -> None:
        if dry_run:
            due = sending.due_now()
            for row in due:
                self.stdout.write(
                    f"due: reminder {row.pk} ({row.kind}) at {row.send_at:%Y-%m-%d %H:%M %Z}"
                )
            self.stdout.write(f"{len(due)} reminder(s) due; nothing was claimed or sent.")
            return
        if here:
            sent = 0
            while ids := sending.claim_due():
                sent += sum(sending.send(reminder_id).sent for reminder_id in ids)
            self.stdout.write(f"{sent} reminder(s) sent.")
            return
        claimed = sending.dispatch(enqueue=send_reminders.delay)
        self.stdout.write(f"{claimed} reminder(s) claimed and queued for sending.")
