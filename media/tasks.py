"""Background jobs of the media bank (huey): thin wrappers that call the services."""

from huey.contrib.djhuey import db_periodic_task, db_task

from workflows.tasks import local_crontab


@db_task(retries=2, retry_delay=30)
def derive_asset(asset_pk: int):
    """Thumbnail and web size of one asset (Pillow; a poster frame with ffmpeg)."""
    from media.services import derive

    derive(asset_pk)


@db_task(retries=2, retry_delay=30)
def process_batch(batch_pk: int):
    """File the files of an upload batch, one by one, counting progress."""
    from media.services import batch_process

    batch_process(batch_pk)


@db_periodic_task(local_crontab(hour="0", minute="20"))
def consents_follow_expiry():
    """Just after midnight local time: expired consents flag the live uses they covered."""
    from media.services import consents_follow_expiry as run

    return run()
