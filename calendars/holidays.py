"""Keep workflows.Holiday (the SLA business-day clock) in step with the calendar's holidays."""

import datetime as dt

from django.utils import timezone

from calendars.models import Event, EventKind


def holiday_dates(event: Event) -> list[dt.date]:
    """Every local day a holiday event covers; yearly rules expanded for this year and next."""
    if event.kind != EventKind.HOLIDAY or event.is_cancelled:
        return []
    from calendars.selectors import occurrences

    year = timezone.localdate().year
    zone = timezone.get_current_timezone()
    if event.rrule:
        start = timezone.make_aware(dt.datetime(year, 1, 1), zone)
        spans = occurrences(event, start, timezone.make_aware(dt.datetime(year + 2, 1, 1), zone))
    else:
        spans = [(event.starts_at, event.ends_at)]
    days = set()
    for begin, end in spans:
        day = timezone.localtime(begin).date()
        last = max(day, timezone.localtime(end - dt.timedelta(microseconds=1)).date())
        while day <= last:
            days.add(day)
            day += dt.timedelta(days=1)
    return sorted(days)


def sync_holidays(event: Event) -> None:
    """Upsert this event's days as holidays; drop the days it no longer covers.

    A dropped day stays a holiday while another holiday event still claims it.
    """
    from workflows.models import Holiday

    new = holiday_dates(event)
    old = {dt.date.fromisoformat(d) for d in event.holiday_dates}
    gone = old - set(new)
    if gone:
        claimed = set()
        others = Event.objects.filter(kind=EventKind.HOLIDAY).exclude(pk=event.pk).values_list(
            "holiday_dates", flat=True)
        for dates in others:
            claimed.update(dt.date.fromisoformat(d) for d in dates)
        Holiday.objects.filter(date__in=gone - claimed).delete()
    for day in new:
        Holiday.objects.update_or_create(date=day, defaults={"name": event.title[:200]})
    stored = [d.isoformat() for d in new]
    if stored != event.holiday_dates:
        event.holiday_dates = stored
        Event.objects.filter(pk=event.pk).update(holiday_dates=stored)
