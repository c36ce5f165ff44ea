"""Background jobs of campaigns (huey): thin wrappers that call the services."""

from huey.contrib.djhuey import db_periodic_task

from workflows.tasks import local_crontab


@db_periodic_task(local_crontab(hour="0", minute="10"))
def campaigns_follow_dates():
    """Just after midnight local time: campaigns start and close on their dates."""
    from campaigns.services import campaigns_follow_dates as run

    return run()
