"""Reads of the facts for the indicators: bring them up to date (bounded), medians by state
picked by the database."""

from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from audit.models import AuditEvent
from reports.facts.calendar import ensure_calendar, key_of, needed_range
from reports.facts.fold import catch_up, cursor_row
from reports.facts.models import FactsCursor, StateStay
from workflows.models import ContentRequest, Holiday

# At read time a dashboard folds at most this many audit events itself (a few hundred
# milliseconds); further behind, it shows the facts as far as they go and the periodic job
# finishes the fold.
READ_LIMIT = 20_000


@dataclass(frozen=True)
class FactsState:
    cursor: int  # last audit event folded in
    head: int  # newest audit event when read
    calendar: str  # the holidays' fingerprint the calendar was built with
    stamp: str = ""  # when the cursor row last changed (a rebuilt or restored database differs)
    # Reads that do not depend on a slice, kept for the Contexts that share this state (a
    # dashboard's own and its targets'): e.g. the plan's execution, read once per page.
    shared: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    @property
    def behind(self) -> int:
        return max(0, self.head - self.cursor)


def _probe() -> FactsCursor | None:
    """The cursor row with what decides whether anything must be done, in one query: the
    newest audit event, the holidays' fingerprint and the first submission and last
    publication (each read from an index)."""
    newest = AuditEvent.objects.order_by("-pk").values("pk")[:1]
    first = (ContentRequest.objects.filter(submitted_at__isnull=False)
             .order_by("submitted_at").values("submitted_at")[:1])
    last = (ContentRequest.objects.filter(published_at__isnull=False)
            .order_by("-published_at").values("published_at")[:1])
    holidays = Holiday.objects.order_by()
    count = (holidays.annotate(whole=Value(1)).values("whole").annotate(n=Count("pk"))
             .values("n"))
    return FactsCursor.objects.filter(name="audit").annotate(
        head=Subquery(newest), first_submitted=Subquery(first),
        last_published=Subquery(last),
        holidays_n=Coalesce(Subquery(count), 0),
        holidays_top=Subquery(holidays.order_by("-pk").values("pk")[:1]),
        holidays_low=Subquery(holidays.order_by("date").values("date")[:1]),
        holidays_high=Subquery(holidays.order_by("-date").values("date")[:1])).first()


def ensure_current(*, limit: int = READ_LIMIT) -> FactsState:
    """Fold what the after-commit task has not folded yet (at most ``limit`` events) and make
    sure the business-day calendar matches the holidays and covers every request's dates.
    One query when the facts are current."""
    probe = _probe()
    if probe is None:
        cursor_row()
        probe = _probe()
    if (probe.head or 0) > probe.last_event_id:
        catch_up(limit=limit)
        folded = cursor_row()
        probe.last_event_id, probe.updated_at = folded.last_event_id, folded.updated_at
        probe.calendar_key = folded.calendar_key
    calendar = ensure_calendar(
        probe, key_of(probe.holidays_n, probe.holidays_top, probe.holidays_low,
                      probe.holidays_high),
        *needed_range(probe.first_submitted, probe.last_published))
    return FactsState(cursor=probe.last_event_id, head=probe.head or 0, calendar=calendar,
                      stamp=probe.updated_at.isoformat() if probe.updated_at else "")


def middle_stays(requests: QuerySet, leave_out) -> dict[str, list[float]]:
    """Per state, the one or two middle stays (in days) of the finished stays of
    ``requests`` outside the states ``leave_out``: what a median needs, the database sorting
    and numbering them (one query; rows of ranks ⌊(n+1)/2⌋ and ⌊n/2⌋+1)."""
    stays = (StateStay.objects.filter(request_id__in=requests.values("pk"),
                                      days__isnull=False)
             .exclude(state__in=leave_out).order_by()
             .annotate(rank=Window(RowNumber(), partition_by=[F("state")],
                                   order_by=[F("days").asc(), F("event_id").asc()]),
                       n=Window(Count("event_id"), partition_by=[F("state")]))
             .filter(rank__gte=(F("n") + 1) / 2, rank__lte=F("n") / 2 + 1)
             .values_list("state", "days"))
    middle: dict[str, list[float]] = {}
    for state, days in stays:
        middle.setdefault(state, []).append(days)
    return middle
