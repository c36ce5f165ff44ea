"""Heartbeat: a periodic task whose last run shows the huey consumer is alive."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, periodic_task, task

HEARTBEAT_KEY = "pauta:heartbeat"


@periodic_task(crontab(minute="*"))
def heartbeat():
    """Record the time of this run in huey's own storage, shared with the web process."""
    now = timezone.now().isoformat()
    HUEY.put(HEARTBEAT_KEY, now)
    return now


def last_heartbeat():
    return HUEY.get(HEARTBEAT_KEY, peek=True)


@task()
def echo(value):
    """Round-trip probe: returns what it was given (used by health checks and tests)."""
    return value
