"""Per-day counts (``DailyCount``): what the volume indicators count, one row per local day ×
secretariat × kind × channel, recomputed from the requests and publications by the database.

A request counts on the day it was submitted, the day it was published and the days its
publications were published. ``CountedDay`` remembers those days per request, so when a
folded audit event touches a request (submitted, published, cancelled, rescheduled, moved to
another secretariat or kind, its channels edited), the days it counted on before and the days
it counts on now are recomputed as a whole from the raw rows (``GROUP BY`` in SQL): folding
twice, in any order or after a rebuild leaves the same rows. Days are local days of the
installation's zone, bounded as ``Slice.bounds`` bounds a period.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from publishing.selectors import without_evidence
from reports.facts.models import CountedDay, DailyCount
from workflows.models import ContentRequest, Publication

Listed = ContentRequest.channels.through  # (contentrequest, channel): the channels a request lists
MEASURES = ("submitted", "published", "publications", "publications_listed")


def _midnight(day: date, tz) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), tz)


def _runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days as (first, last) runs."""
    runs: list[list[date]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(first, last) for first, last in runs]


def _within(field: str, runs, tz) -> Q:
    """``field`` falls on one of the days of ``runs`` (local days; ranges an index can read)."""
    found = Q(pk__in=[])
    for first, last in runs:
        found |= Q(**{f"{field}__gte": _midnight(first, tz),
                      f"{field}__lt": _midnight(last + timedelta(days=1), tz)})
    return found


def cells(days: Iterable[date]) -> dict[tuple, dict]:
    """{(day, secretariat, kind, channel or None): {measure: n}} over ``days``, from the raw
    requests and publications: one query, a ``UNION ALL`` of five grouped ones (requests
    submitted and published, each once and per listed channel; publications per channel)."""
    tz = timezone.get_current_timezone()
    runs = _runs(days)
    found: dict[tuple, dict] = {}
    if not runs:
        return found
    none = Value(None, output_field=IntegerField())
    parts = []
    requests = ContentRequest.objects.order_by()
    for measure, field, chosen in (
            ("submitted", "submitted_at",
             requests.filter(_within("submitted_at", runs, tz))),
            ("published", "published_at",
             without_evidence(requests.filter(_within("published_at", runs, tz))))):
        parts.append(chosen.annotate(
            measure=Value(measure), on=TruncDate(field, tzinfo=tz), channel=none,
            listed=Value(False)).values_list(
            "measure", "on", "secretariat_id", "kind", "channel", "listed")
            .annotate(n=Count("pk")))
        parts.append(Listed.objects.filter(contentrequest__in=chosen.values("pk")).order_by()
                     .annotate(measure=Value(measure),
                               on=TruncDate(f"contentrequest__{field}", tzinfo=tz),
                               listed=Value(False))
                     .values_list("measure", "on", "contentrequest__secretariat_id",
                                  "contentrequest__kind", "channel_id", "listed")
                     .annotate(n=Count("pk")))
    listed = Listed.objects.filter(contentrequest_id=OuterRef("request_id"),
                                   channel_id=OuterRef("channel_id"))
    parts.append(Publication.objects.filter(_within("published_at", runs, tz)).order_by()
                 .annotate(measure=Value("publications"),
                           on=TruncDate("published_at", tzinfo=tz), listed=Exists(listed))
                 .values_list("measure", "on", "request__secretariat_id", "request__kind",
                              "channel_id", "listed").annotate(n=Count("pk")))
    for measure, on, secretariat, kind, channel, is_listed, n in parts[0].union(
            *parts[1:], all=True):
        cell = found.setdefault((on, secretariat, kind, channel), dict.fromkeys(MEASURES, 0))
        cell[measure] += n
        if is_listed:  # a publication on a channel its request lists
            cell["publications_listed"] += n
    return found


def days_of(request_ids) -> set[tuple[int, date]]:
    """(request, day) of every day these requests count on now (``request_ids``: ids or a
    queryset of ids), one query (a ``UNION`` of the submission, publication and publications'
    days)."""
    tz = timezone.get_current_timezone()
    requests = ContentRequest.objects.filter(pk__in=request_ids).order_by()
    submitted, published = (
        requests.filter(**{f"{field}__isnull": False}).annotate(
            on=TruncDate(field, tzinfo=tz)).values_list("pk", "on")
        for field in ("submitted_at", "published_at"))
    publications = (Publication.objects.filter(request_id__in=request_ids,
                                               published_at__isnull=False).order_by()
                    .annotate(on=TruncDate("published_at", tzinfo=tz))
                    .values_list("request_id", "on"))
    return set(submitted.union(published, publications))


def write_days(days: Iterable[date]) -> int:
    """Replace the rows of ``days`` by those the raw rows give; returns the rows written."""
    days = sorted(set(days))
    if not days:
        return 0
    rows = [DailyCount(day=day, month=day.replace(day=1), secretariat_id=secretariat, kind=kind,
                       channel_id=channel, **counts)
            for (day, secretariat, kind, channel), counts in cells(days).items()
            if any(counts.values())]
    for start in range(0, len(days), 500):
        DailyCount.objects.filter(day__in=days[start:start + 500]).delete()
    DailyCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def recount(request_ids: Iterable[int]) -> int:
    """Recompute the days these requests counted on and count on now, and remember the days
    they count on now; returns the count rows written. Runs inside the caller's transaction
    (the catch-up's, with the cursor locked)."""
    ids = sorted(set(request_ids))
    if not ids:
        return 0
    before = set(CountedDay.objects.filter(request_id__in=ids).values_list("request_id", "day"))
    now = days_of(ids)
    if now != before:  # unchanged (most events): the remembered days stay as they are
        CountedDay.objects.filter(request_id__in=ids).delete()
        CountedDay.objects.bulk_create([CountedDay(request_id=pk, day=day) for pk, day in now],
                                       batch_size=1000)
    # The days' cells are recomputed even so: the event may have moved the request to
    # another secretariat or kind, or edited its channels.
    return write_days({day for _pk, day in before | now})


def remember_range(low: int, high: int) -> set[date]:
    """Rebuild: the days of requests ``low`` < id ≤ ``high``, remembered; returns them."""
    now = days_of(ContentRequest.objects.filter(pk__gt=low, pk__lte=high).values("pk"))
    CountedDay.objects.filter(request_id__gt=low, request_id__lte=high).delete()
    CountedDay.objects.bulk_create([CountedDay(request_id=pk, day=day) for pk, day in now],
                                   batch_size=1000)
    return {day for _pk, day in now}
