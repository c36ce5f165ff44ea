"""Background jobs of requests (huey): thin wrappers that call the services."""

from datetime import UTC

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from notifications.tasks import notify_event  # noqa: F401  (its home is notifications/)


def local_crontab(**fields):
    """A huey crontab read in the installation's time zone (huey itself ticks in UTC)."""
    matches = crontab(**fields)

    def validate(moment):
        if HUEY.utc:  # huey passes a naive UTC datetime
            moment = moment.replace(tzinfo=UTC).astimezone(timezone.get_default_timezone())
        return matches(moment.replace(tzinfo=None))

    return validate


@db_periodic_task(local_crontab(hour="7", minute="0"))
def send_daily_digests():
    """At 07:00 local time: one digest e-mail per person who chose the daily digest."""
    from notifications.services import send_digests

    return send_digests()


@db_periodic_task(local_crontab(hour="6", minute="30"))
def sla_daily():
    """At 06:30 local time: remind what is due next business day, escalate what is overdue."""
    from workflows.sla import sla_daily as run

    return run()


@db_periodic_task(crontab(minute="*"))
def fire_workflow_timers():
    """Fire due viewflow timers (overdue triage escalation)."""
    from viewflow.workflow.timers import fire_due_timers

    return fire_due_timers()


@db_periodic_task(crontab(minute="*/5"))
def publish_due():
    """Record the publication of scheduled requests whose every channel's time has come."""
    from workflows.services import publish_due_requests

    return publish_due_requests()


@db_periodic_task(crontab(minute="17"))
def audit_checkpoint():
    """Hourly: verify the audit trail from its latest checkpoint and pin it with a new one."""
    from audit.anchor import verify_audit

    return verify_audit(source="task").ok
