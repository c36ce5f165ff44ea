"""Background jobs of notifications (huey): thin wrappers that call the services."""

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task


@db_task(retries=3, retry_delay=30)
def notify_event(event_id: int):
    """Tell the people concerned about one audit event (idempotent: safe to retry)."""
    from notifications.services import notify_event as deliver

    return deliver(event_id)


@db_task(retries=3, retry_delay=30)
def email_notification(notification_id: int):
    """E-mail one notification; only the run that claims the row sends it (safe to retry)."""
    from notifications.emails import email_notification as send

    return send(notification_id)


@db_periodic_task(crontab(minute="*"))
def sweep_notification_emails():
    """Every minute: re-queue notification e-mails whose task was lost or killed."""
    from notifications.emails import sweep_stuck_emails

    return sweep_stuck_emails()


@HUEY.on_startup()
def sweep_on_start():
    """A consumer that starts picks up at once what a dead one left (rows past the timeout)."""
    from django.db import close_old_connections

    from notifications.emails import sweep_stuck_emails

    try:
        sweep_stuck_emails()
    finally:
        close_old_connections()
