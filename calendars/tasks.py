"""Periodic jobs of the calendar: the holidays' rolling horizon and subscribed calendars."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="3", minute="17"))
def holiday_horizon():
    """Every night: keep the SLA clock's holidays expanded at least 24 months ahead."""
    from calendars.holidays import refresh_horizon

    return refresh_horizon().isoformat()


@db_periodic_task(crontab(minute="41"))
def subscribed_calendars():
    """Every hour: fetch the subscribed external calendars (ETag: unchanged ones cost a 304)."""
    from calendars.subscriptions import fetch_all

    return fetch_all()
