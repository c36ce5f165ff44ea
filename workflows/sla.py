"""Service levels: due dates on business days (weekends and holidays skipped), overdue flags."""

from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from pauta import clock
from workflows.models import ContentRequest, Holiday, LeadTimeStandard
from workflows.models.requests import OPEN_STATES


def _holidays(start: date, end: date) -> set[date]:
    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


def _is_business_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` business days after ``start`` (weekends and Holiday rows skipped).

    Holidays are loaded in bulk for a window that grows only if it runs out (one query for
    any realistic lead time, never one per day). ``days <= 0`` returns ``start``.
    """
    current, left = start, days
    # Every 5 business days take at most 7 calendar days; the margin covers holidays.
    window_end = start + timedelta(days=days * 2 + 30)
    holidays = _holidays(start, window_end)
    while left > 0:
        current += timedelta(days=1)
        if current > window_end:
            window_end = current + timedelta(days=left * 2 + 30)
            holidays |= _holidays(current, window_end)
        if _is_business_day(current, holidays):
            left -= 1
    return current


def business_days_between(a: date, b: date) -> int:
    """Business days after ``a`` up to and including ``b`` (negative when b is before a).

    The inverse of ``add_business_days``: ``business_days_between(d, add_business_days(d, n))
    == n``.
    """
    if b < a:
        return -business_days_between(b, a)
    holidays = _holidays(a, b)
    return sum(1 for n in range(1, (b - a).days + 1)
               if _is_business_day(a + timedelta(days=n), holidays))


def business_day_counter(start: date, end: date):
    """``business_days_between`` for many pairs of dates, with one holiday query.

    Returns ``between(a, b)``, exact for dates inside ``[start, end]`` (a prefix sum of the
    business days of the window) and falling back to ``business_days_between`` outside it.
    Reports use it to measure thousands of lead times at once.
    """
    holidays = _holidays(start, end)
    prefix = [0]
    for n in range(1, (end - start).days + 1):
        prefix.append(prefix[-1] + _is_business_day(start + timedelta(days=n), holidays))

    def between(a: date, b: date) -> int:
        if start <= a <= end and start <= b <= end:
            return prefix[(b - start).days] - prefix[(a - start).days]
        return business_days_between(a, b)

    return between


def due_date_for(request: ContentRequest) -> date | None:
    """Submission day (installation time zone) plus the kind's lead time in business days."""
    standard = LeadTimeStandard.objects.filter(kind=request.kind).first()
    if standard is None or request.submitted_at is None:
        return None
    # The installation's zone, not the active one: a due date must not depend on who looks.
    submitted_on = timezone.localdate(request.submitted_at, timezone.get_default_timezone())
    return add_business_days(submitted_on, standard.business_days)


def is_overdue(request: ContentRequest, today: date | None = None) -> bool:
    """Open and past its due date (a request due today is not overdue yet)."""
    today = today or clock.today()
    return bool(request.state in OPEN_STATES and request.due_date and request.due_date < today)


def overdue_requests(qs: QuerySet | None = None, today: date | None = None) -> QuerySet:
    """The open requests of ``qs`` (default: all) whose due date is before ``today``."""
    qs = ContentRequest.objects.all() if qs is None else qs
    return qs.filter(state__in=OPEN_STATES, due_date__lt=today or clock.today())


def sla_daily(today: date | None = None) -> dict:
    """Once a day: remind of requests due on the next business day, escalate overdue ones.

    Runs every day but acts on business days only (Monday's run catches up on the weekend).
    Idempotent per request, verb and day: an event already recorded for ``today`` is not recorded
    again (the day is kept in the event's payload as ``sla_day``).
    """
    from audit.models import AuditEvent
    from audit.services import record

    today = today or clock.today()
    counts = {"remind": 0, "escalate": 0}
    if not _is_business_day(today, _holidays(today, today)):
        return counts
    due_next = ContentRequest.objects.filter(state__in=OPEN_STATES,
                                             due_date=add_business_days(today, 1))
    for verb, queryset in (("remind", due_next), ("escalate", overdue_requests(today=today))):
        for request in queryset.order_by("pk"):
            # Keyed on the job's day (not the event's timestamp), so reruns find it in any zone.
            if AuditEvent.objects.filter(request=request, verb=verb,
                                         payload__sla_day=today.isoformat()).exists():
                continue
            payload = {"sla_day": today.isoformat(), "due_date": request.due_date.isoformat()}
            if verb == "escalate":
                payload["business_days_late"] = business_days_between(request.due_date, today)
            record(by=None, verb=verb, target=request, payload=payload)
            counts[verb] += 1
    return counts
