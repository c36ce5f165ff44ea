"""Background jobs of publishing (huey): thin wrappers around ``publishing.connect``,
``publishing.proof`` and ``publishing.takedown``."""

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


@db_task()
def proof_run(publication_pk: int):
    """Fetch one published page and compare it with the approved text."""
    from publishing.proof import proof_check

    snapshot = proof_check(publication_pk)
    return snapshot.pk if snapshot else None


@db_periodic_task(crontab(minute="17"))
def proof_recheck():
    """Every hour: live pieces whose last check is older than
    ``PUBLISHING_PROOF_RECHECK_HOURS`` (default a day) are fetched again."""
    from publishing.proof import recheck_live

    return recheck_live()


@db_task()
def takedown_run(evidence_pk: int):
    """Take one piece down through its connector and fetch its page afterwards."""
    from publishing.takedown import takedown_execute

    takedown_execute(evidence_pk)


@db_task()
def takedown_snapshot(evidence_pk: int):
    """Fetch a manually taken-down piece's page as evidence."""
    from publishing.takedown import evidence_snapshot

    evidence_snapshot(evidence_pk)


@db_periodic_task(crontab(minute="*/5"))
def expiry_due():
    """Every five minutes: take down the pieces whose scheduled expiry has passed."""
    from publishing.takedown import expire_due

    return expire_due()
