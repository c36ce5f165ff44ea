"""Background jobs of publishing (huey): thin wrappers around ``publishing.connect``."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def connector_call(publication_pk: int, action: str):
    from publishing.connect import call

    remote = call(publication_pk, action)
    return remote.pk if remote else None


@db_periodic_task(crontab(minute="*/5"))
def connectors_follow():
    """Every five minutes: ask the channels whether scheduled posts went out."""
    from publishing.connect import follow

    return follow()
