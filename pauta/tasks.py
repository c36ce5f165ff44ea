"""Heartbeat (a periodic task whose last run shows the consumer is alive), the round-trip
probe, and re-queuing of tasks interrupted by a non-graceful stop."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, periodic_task, task
from huey.signals import SIGNAL_INTERRUPTED

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


@HUEY.signal(SIGNAL_INTERRUPTED)
def requeue_interrupted(signal, task):
    """A task cut off by a non-graceful stop (SIGTERM) goes back to the queue.

    Only tasks that declare retries: declaring them says running the task again is safe
    (e.g. ``notifications.tasks.notify_event``, which dedupes per event and person, and
    ``email_notification``, which sends only a row it claims). The restarted consumer runs
    it. With thread workers huey cannot stop a running task: the process exits under it, so
    a copy may also have finished — which is why those tasks must be idempotent. A SIGKILL
    gives no signal at all: the sweepers (``sweep_notification_emails``,
    ``fail_stalled_exports``, also run when a consumer starts) cover that. See
    docs/quality.md, "Fault tests".
    """
    if type(task).default_retries > 0:
        HUEY.enqueue(task)
