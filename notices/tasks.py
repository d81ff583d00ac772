"""Celery tasks: thin wrappers that call the domain modules. Arguments are ids only."""

from __future__ import annotations

from celery import shared_task

from notices import heartbeat


@shared_task
def record_heartbeat() -> None:
    heartbeat.record_heartbeat()
