"""What several indicators share, computed once per slice (aggregates read with values_list)."""

from collections import Counter
from datetime import date, timedelta
from functools import cached_property

from django.db.models import BooleanField, Case, Count, F, IntegerField, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from reports.facts.calendar import ordinal_at
from reports.facts.models import DailyCount
from reports.facts.read import FactsState, ensure_current
from reports.slices import Slice


def months(start: date, end: date) -> list[tuple[date, date]]:
    """(first day, last day) of every calendar month touching [start, end], clipped to it."""
    out, cursor = [], start.replace(day=1)
    while cursor <= end:
        following = (cursor + timedelta(days=32)).replace(day=1)
        out.append((max(cursor, start), min(following - timedelta(days=1), end)))
        cursor = following
    return out


class Context:
    """One slice and the aggregates its indicators read; build one per dashboard or workbook.

    Nothing here walks rows: the database groups the published requests by (lead time in
    business days, on time or not, rating) and Python reads the few groups.
    """

    def __init__(self, slice_: Slice, facts: FactsState | None = None):
        self.slice = slice_
        if facts is not None:
            self.__dict__["facts"] = facts

    @cached_property
    def facts(self) -> FactsState:
        """The facts brought up to date once per Context (the dashboard passes its own)."""
        return ensure_current()

    @cached_property
    def published_groups(self) -> list[tuple]:
        """(lead business days, on time, rating, n) over the requests published in the slice.

        One query: local days by the database (``TruncDate`` in the installation's zone), the
        lead time as the difference of two business-day ordinals (``reports.facts.calendar``),
        on time when published on or before the due date (None: no due date), without the
        model's default ordering.
        """
        self.facts  # noqa: B018  (the calendar must match the holidays)
        tz = timezone.get_current_timezone()
        on_time = Case(When(due_date=None, then=Value(None)),
                       When(published_on__lte=F("due_date"), then=Value(True)),
                       default=Value(False), output_field=BooleanField(null=True))
        lead = Case(When(submitted_at=None, then=Value(None)),
                    default=ordinal_at("published_on") - ordinal_at("submitted_on"),
                    output_field=IntegerField(null=True))
        return list(self.slice.published().order_by().annotate(
            submitted_on=TruncDate("submitted_at", tzinfo=tz),
            published_on=TruncDate("published_at", tzinfo=tz))
            .annotate(lead=lead, on_time=on_time)
            .values("lead", "on_time", "rating").annotate(n=Count("pk"))
            .values_list("lead", "on_time", "rating", "n"))

    @cached_property
    def lead_times(self) -> dict[int, int]:
        """{business days from the submission day to the publication day: requests}."""
        counts: Counter = Counter()
        for lead, _on_time, _rating, n in self.published_groups:
            if lead is not None:
                counts[lead] += n
        return dict(counts)

    @cached_property
    def sla_counts(self) -> tuple[int, int]:
        """(met, missed) among the published requests that have a due date."""
        met = sum(n for _lead, on_time, _r, n in self.published_groups if on_time is True)
        missed = sum(n for _lead, on_time, _r, n in self.published_groups if on_time is False)
        return met, missed

    @cached_property
    def ratings(self) -> dict[int, int]:
        counts: Counter = Counter()
        for _lead, _on_time, rating, n in self.published_groups:
            if rating is not None:
                counts[rating] += n
        return dict(counts)

    def counts(self, *, per_channel: bool = False):
        """The per-day counts (``reports.facts.counts``) of the slice's period, secretariat,
        kind and scope: the rows of each request once (``channel`` empty), or with
        ``per_channel`` the rows of every channel; a slice filtered by a channel reads that
        channel's rows (the requests that list it). Callers sum them in SQL."""
        self.facts  # noqa: B018  (folded up to the newest audit event)
        rows = DailyCount.objects.filter(day__gte=self.slice.start, day__lte=self.slice.end)
        if self.slice.scope is not None:
            rows = rows.filter(secretariat_id__in=self.slice.scope)
        if self.slice.secretariat_id:
            rows = rows.filter(secretariat_id=self.slice.secretariat_id)
        if self.slice.kind:
            rows = rows.filter(kind=self.slice.kind)
        if self.slice.channel_id:
            return rows.filter(channel_id=self.slice.channel_id)
        return rows.filter(channel__isnull=not per_channel)

    def period_months(self) -> list[tuple[date, date]]:
        return months(self.slice.start, self.slice.end)
