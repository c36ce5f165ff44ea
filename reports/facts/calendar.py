"""The business-day calendar as a table (``BusinessDay``), so the database subtracts two
ordinals instead of Python counting days: business days in (a, b] = ordinal(b) − ordinal(a),
exactly ``workflows.sla.business_days_between(a, b)``.

The table covers every request's dates (first submission to last publication, a year of
margin ahead) and is rebuilt when the holidays change: their fingerprint (count, highest id,
first and last date) is kept on the cursor, and saving or deleting a ``Holiday`` clears it.
Dates from the first submission minus a day to a year past the last publication (or today).
"""

from datetime import UTC, date, timedelta

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Min, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pauta import clock
from reports.facts.models import BusinessDay, FactsCursor, PublishedFact
from workflows.models import ContentRequest, Holiday
from workflows.sla import _is_business_day

MARGIN = timedelta(days=400)


def holidays_key() -> str:
    """Fingerprint of the holidays (one aggregate query over a small table)."""
    row = Holiday.objects.order_by().aggregate(n=Count("pk"), top=Max("pk"), low=Min("date"),
                                               high=Max("date"))
    return key_of(row["n"], row["top"], row["low"], row["high"])


def key_of(count, top, low, high) -> str:
    return f"{count}:{top}:{low}:{high}"


def needed_range(low=None, high=None) -> tuple[date, date]:
    """The dates any lead time can touch: the first submission to the last publication
    (``low``/``high``: those two moments when the caller already read them)."""
    if low is None and high is None:
        row = ContentRequest.objects.order_by().aggregate(low=Min("submitted_at"),
                                                          high=Max("published_at"))
        low, high = row["low"], row["high"]
    today = clock.today()
    low = timezone.localdate(_aware(low)) if low else today
    high = timezone.localdate(_aware(high)) if high else today
    return min(low, today) - timedelta(days=1), max(high, today) + timedelta(days=1)


def _aware(moment):
    """A moment read by a raw subquery comes back as text on SQLite."""
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def build(cursor: FactsCursor, key: str, low: date, high: date) -> None:
    """Write the table for [low, high] (a few hundred rows a year), recompute the published
    requests' lead times from it and note it on the cursor (one transaction: the caller's)."""
    holidays = set(Holiday.objects.filter(date__range=(low, high)).values_list("date",
                                                                               flat=True))
    rows, ordinal, day = [], 0, low
    while day <= high:
        ordinal += _is_business_day(day, holidays)
        rows.append(BusinessDay(day=day, ordinal=ordinal))
        day += timedelta(days=1)
    BusinessDay.objects.all().delete()
    BusinessDay.objects.bulk_create(rows, batch_size=1000)
    relead()
    cursor.calendar_key, cursor.calendar_start, cursor.calendar_end = key, low, high
    cursor.save(update_fields=["calendar_key", "calendar_start", "calendar_end", "updated_at"])


def ensure_calendar(cursor: FactsCursor, key: str, low: date, high: date) -> str:
    """Rebuild the table when the holidays changed (``key``) or [low, high] falls outside it;
    returns ``key``. No query when nothing changed."""
    if (cursor.calendar_key != key or cursor.calendar_start is None
            or low < cursor.calendar_start or high > cursor.calendar_end):
        from reports.facts.fold import cursor_row

        with transaction.atomic():
            locked = cursor_row(lock=True)
            same = locked.calendar_key == key and locked.calendar_start is not None
            build(locked, key, min(low, locked.calendar_start) if same else low,
                  max(high + MARGIN, locked.calendar_end) if same else high + MARGIN)
        for name in ("calendar_key", "calendar_start", "calendar_end", "updated_at"):
            setattr(cursor, name, getattr(locked, name))
    return key


def refresh_calendar() -> str:
    """``ensure_calendar`` reading the holidays and the requests' range itself."""
    from reports.facts.fold import cursor_row

    return ensure_calendar(cursor_row(), holidays_key(), *needed_range())


def forget_calendar(**_kwargs) -> None:
    """Signal receiver (a Holiday saved or deleted): the next read rebuilds the calendar."""
    FactsCursor.objects.filter(name="audit").update(calendar_key="")


def ordinal_at(field: str) -> Subquery:
    """The business-day ordinal of the outer query's date ``field``."""
    return Subquery(BusinessDay.objects.filter(day=OuterRef(field)).values("ordinal")[:1])


def relead() -> int:
    """Every published request's lead time (``PublishedFact.lead``) from the table as it is
    now: one ``UPDATE`` with two ordinal lookups per row, run when the table is rebuilt."""
    lead = Case(When(submitted_on=None, then=Value(None)),
                default=ordinal_at("published_on") - ordinal_at("submitted_on"),
                output_field=IntegerField(null=True))
    return PublishedFact.objects.update(lead=lead)
