"""Jobs of the calendar: the holidays' rolling horizon, subscribed calendars, invitations."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


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


@db_task()
def send_invitations(event_pk: int):
    """E-mail the event's invitations with their RSVP links (each guest once)."""
    from calendars.guests import invitations_send

    return invitations_send(event_pk)
