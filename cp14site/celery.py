from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cp14site.settings")

app = Celery("cp14site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _fresh_enough_connection(sender: Any = None, **kwargs: Any) -> None:
    """Before each task in a worker, what Django does before each request: close a database
    connection that failed or is older than CONN_MAX_AGE, and have the next query check it
    first (CONN_HEALTH_CHECKS). A healthy one is kept between tasks (CELERY_DB_REUSE_MAX).
    Not for a task run in place (eager), which shares its caller's connection."""
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
