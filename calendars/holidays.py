"""Keep workflows.Holiday (the SLA business-day clock) in step with the calendar's holidays.

A day's Holiday row is rebuilt from everything that claims it: the built-in calendar
(``calendars.movable``), holiday events and — when ``HOLIDAYS_OPTIONAL_STOP_SLA`` is on —
optional days off (ponto facultativo). Two holidays on one day keep both names. Yearly rules
are expanded on a rolling horizon, from 1 January of this year to 31 December of the year after
next (always at least 24 months ahead); ``refresh_horizon`` (a daily job) moves it forward.
"""

import datetime as dt
import unicodedata

from django.conf import settings
from django.utils import timezone

from calendars.models import Event, EventKind
from calendars.movable import built_in
from pauta import clock

DAY_OFF_KINDS = (EventKind.HOLIDAY, EventKind.OPTIONAL)
SEPARATOR = " / "


def horizon(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day on which yearly holidays are expanded."""
    today = today or clock.today()
    return dt.date(today.year, 1, 1), dt.date(today.year + 2, 12, 31)


def holiday_dates(event: Event, today: dt.date | None = None) -> list[dt.date]:
    """Every local day a holiday or optional-day event covers, yearly rules up to the horizon."""
    if event.kind not in DAY_OFF_KINDS or event.is_cancelled:
        return []
    from calendars.selectors import occurrences

    first, last = horizon(today)
    zone = timezone.get_current_timezone()
    if event.rrule:
        start = timezone.make_aware(dt.datetime.combine(first, dt.time()), zone)
        end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()),
                                  zone)
        spans = occurrences(event, start, end)
    else:
        spans = [(event.starts_at, event.ends_at)]
    days = set()
    for begin, end in spans:
        day = timezone.localtime(begin).date()
        last_day = max(day, timezone.localtime(end - dt.timedelta(microseconds=1)).date())
        while day <= last_day:
            days.add(day)
            day += dt.timedelta(days=1)
    return sorted(days)


def _counts(optional: bool) -> bool:
    return not optional or settings.HOLIDAYS_OPTIONAL_STOP_SLA


def _names_by_day(days: set[dt.date]) -> dict[dt.date, list[str]]:
    """The names of what stops the clock on each of ``days``: built-in first, then events."""
    names: dict[dt.date, list[str]] = {}

    def claim(day, name):
        if day in days and name.casefold() not in (n.casefold() for n in names.get(day, [])):
            names.setdefault(day, []).append(name)

    for year in sorted({day.year for day in days}):
        for off in built_in(year):
            if _counts(off.optional):
                claim(off.date, off.name)
    events = Event.objects.filter(kind__in=DAY_OFF_KINDS, removed=False).order_by(
        "starts_at", "title").values_list("kind", "title", "holiday_dates")
    for kind, title, dates in events:
        if _counts(kind == EventKind.OPTIONAL):
            for iso in dates:
                claim(dt.date.fromisoformat(iso), title)
    return names


def _rebuild(days: set[dt.date]) -> None:
    from workflows.models import Holiday

    names = _names_by_day(days)
    Holiday.objects.filter(date__in=days - set(names)).delete()
    for day, day_names in sorted(names.items()):
        Holiday.objects.update_or_create(date=day,
                                         defaults={"name": SEPARATOR.join(day_names)[:200]})


def _store(event: Event, today: dt.date | None = None) -> set[dt.date]:
    """Recompute the event's days; return the old and new ones (the days to rebuild).

    Days of past years stay: the horizon moving on must not change yesterday's due dates.
    """
    first = horizon(today)[0]
    old = {dt.date.fromisoformat(d) for d in event.holiday_dates}
    kept = {day for day in old if day < first} if not event.is_cancelled else set()
    new = sorted(kept | set(holiday_dates(event, today)))
    stored = [d.isoformat() for d in new]
    if stored != event.holiday_dates:
        event.holiday_dates = stored
        Event.objects.filter(pk=event.pk).update(holiday_dates=stored)
    return old | set(new)


def sync_holidays(event: Event) -> None:
    """Put this event's days on the SLA clock and rebuild the days it no longer covers.

    A dropped day stays a holiday while something else (another event, the built-in calendar)
    still claims it.
    """
    _rebuild(_store(event))


def refresh_horizon(today: dt.date | None = None) -> dt.date:
    """Expand every holiday source up to the horizon of ``today``; return the horizon's end.

    Idempotent; run daily by ``calendars.tasks.holiday_horizon``. Holiday rows entered by hand
    on days nothing else claims are left alone.
    """
    first, last = horizon(today)
    days: set[dt.date] = set()
    for year in range(first.year, last.year + 1):
        days.update(off.date for off in built_in(year))
    for event in Event.objects.filter(kind__in=DAY_OFF_KINDS):
        days |= _store(event, today)
    _rebuild(days)
    return last


# ICS import: which imported events are days off ------------------------------------------


OPTIONAL_WORDS = ("ponto facultativo", "pontos facultativos", "tolerancia de ponto")
HOLIDAY_WORDS = ("feriado", "holiday")


def _plain(text: str) -> str:
    """Lower case without accents, for matching words of any calendar."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def day_off_marks(component) -> dict:
    """What the file says about a day off: TRANSP, CATEGORIES and the words it uses."""
    categories = [_plain(str(category)) for category in component.categories]
    words = _plain(" ".join([str(component.get("SUMMARY", "")),
                             str(component.get("DESCRIPTION", "")), *categories]))
    return {"opaque": str(component.get("TRANSP", "")).upper() == "OPAQUE",
            "says_holiday": any(word in category for category in categories
                                for word in HOLIDAY_WORDS),
            "says_optional": any(word in words for word in OPTIONAL_WORDS)}


def imported_kind(item: dict, chosen: str) -> str:
    """The kind of one imported event: a holiday import keeps only all-day days off.

    A timed event (a parade at 09:00) or an all-day busy one (TRANSP:OPAQUE, not categorised
    as a holiday) becomes a public event; a "ponto facultativo" becomes an optional day off.
    """
    opaque, says_holiday, says_optional = (item.pop(key) for key in (
        "opaque", "says_holiday", "says_optional"))
    if chosen not in DAY_OFF_KINDS:
        return chosen
    if not item["all_day"] or (opaque and not says_holiday and not says_optional):
        return EventKind.PUBLIC_EVENT
    return EventKind.OPTIONAL if says_optional else chosen


def holidays_until() -> dt.date | None:
    """The last day the SLA clock knows a holiday on (what ``/health/`` reports)."""
    from workflows.models import Holiday

    return Holiday.objects.order_by("-date").values_list("date", flat=True).first()
