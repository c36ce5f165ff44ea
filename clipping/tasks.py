"""Background jobs of clipping (huey): thin wrappers that call the services."""

from django.conf import settings
from huey.contrib.djhuey import db_periodic_task

from workflows.tasks import local_crontab


@db_periodic_task(local_crontab(minute="*/5"))
def clipping_fetch_sources():
    """Every five minutes: fetch the sources whose polling interval has elapsed."""
    from clipping.services import sources_fetch_due

    return sources_fetch_due()


@db_periodic_task(local_crontab(hour=str(settings.CLIPPING_DIGEST_HOUR), minute="0"))
def clipping_daily():
    """Every morning at CLIPPING_DIGEST_HOUR: the daily clipping (working days only)."""
    from clipping.digest import daily_clipping

    digest = daily_clipping()
    return digest.pk if digest else None


@db_periodic_task(local_crontab(hour="8", minute="30"))
def clipping_negative_spikes():
    """Every morning: alert the analysts when negative mentions of a theme spike."""
    from clipping.services import negative_spike_alerts

    return negative_spike_alerts()
