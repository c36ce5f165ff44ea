"""Background jobs of notifications (huey): thin wrappers that call the services."""

from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=30)
def notify_event(event_id: int):
    """Tell the people concerned about one audit event (idempotent: safe to retry)."""
    from notifications.services import notify_event as deliver

    return deliver(event_id)
