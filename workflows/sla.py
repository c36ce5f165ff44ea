"""Service levels: due dates on business days (weekends and holidays skipped), overdue flags."""

from datetime import date, datetime, time, timedelta

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


def working_hours_counter(start: date, end: date, *, opens: time, closes: time):
    """``between(a, b)``: the working hours from the aware datetime ``a`` to ``b`` — office
    hours ``opens``–``closes`` (installation time zone) of business days only, weekends and
    Holiday rows skipped — with one holiday query for the dates ``[start, end]`` (dates
    outside it ask again). Used for response times counted the way an office works."""
    holidays = _holidays(start, end)

    def between(a: datetime, b: datetime) -> float:
        if b <= a:
            return 0.0
        a, b = timezone.localtime(a), timezone.localtime(b)
        known = holidays if start <= a.date() and b.date() <= end else _holidays(
            a.date(), b.date())
        seconds, day = 0.0, a.date()
        while day <= b.date():
            if _is_business_day(day, known):
                tz = a.tzinfo
                low = max(a, datetime.combine(day, opens, tzinfo=tz))
                high = min(b, datetime.combine(day, closes, tzinfo=tz))
                seconds += max(0.0, (high - low).total_seconds())
            day += timedelta(days=1)
        return seconds / 3600

    return between


MIN_LEAD_DAYS = 3


def lead_time(kind) -> int:
    """The kind's lead-time standard in business days (admin), else ``MIN_LEAD_DAYS``."""
    standard = LeadTimeStandard.objects.filter(kind=kind).first() if kind else None
    return standard.business_days if standard else MIN_LEAD_DAYS


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
    """
    today = today or clock.today()
    counts = {"remind": 0, "escalate": 0}
    if not _is_business_day(today, _holidays(today, today)):
        return counts
    due_next = ContentRequest.objects.filter(state__in=OPEN_STATES,
                                             due_date=add_business_days(today, 1))
    for verb, queryset in (("remind", due_next), ("escalate", overdue_requests(today=today))):
        for request in queryset.order_by("pk"):
            counts[verb] += sla_event(request, verb=verb, today=today)
    return counts


def escalate(request: ContentRequest, node: str = "") -> bool:
    """The one escalation: the triage timer (``workflows.flows``) and the daily job call it."""
    if node and request.state != "submitted":
        return False  # triaged in the meantime
    return sla_event(request, verb="escalate", today=clock.today(), node=node)


def sla_event(request: ContentRequest, *, verb: str, today: date, node: str = "") -> bool:
    """Record ``remind``/``escalate`` once per request and day (the day is the payload's
    ``sla_day``, so reruns find it in any zone); notifications route the verb."""
    from audit.models import AuditEvent
    from audit.services import record

    if AuditEvent.objects.filter(request=request, verb=verb,
                                 payload__sla_day=today.isoformat()).exists():
        return False
    payload = {"sla_day": today.isoformat()}
    if node:
        payload["node"] = node
    if request.due_date:
        payload["due_date"] = request.due_date.isoformat()
        if verb == "escalate":
            payload["business_days_late"] = business_days_between(request.due_date, today)
    record(by=None, verb=verb, target=request, payload=payload)
    return True
