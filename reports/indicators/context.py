"""What several indicators share, computed once per slice (aggregates read with values_list)."""

from collections import Counter
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Count, QuerySet

from reports.facts.counts import Listed
from reports.facts.models import AssignedFact, DailyCount, PublishedFact
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

    Nothing here walks rows: the database groups the published requests' facts by (lead
    time in business days, on time or not, rating) and Python reads the few groups.
    """

    def __init__(self, slice_: Slice, facts: FactsState | None = None, links: bool = True):
        self.slice = slice_
        # False where no page address is shown (the workbook): the indicators then build
        # none, and a command never loads the URLconf for them (~1 s of a cold process).
        self.links = links
        if facts is not None:
            self.__dict__["facts"] = facts

    @cached_property
    def facts(self) -> FactsState:
        """The facts brought up to date once per Context (the dashboard passes its own)."""
        return ensure_current()

    def _of_slice(self, rows: QuerySet, day: str) -> QuerySet:
        """Per-request facts (``request``, ``secretariat``, ``kind`` and a local ``day``
        column) of the slice's period, secretariat, kind and scope, and with a channel those
        of the requests that list it: what ``Slice.requests()`` keeps, on one table."""
        rows = self._in_slice(rows, day)
        if self.slice.channel_id:
            rows = rows.filter(request_id__in=Listed.objects.filter(
                channel_id=self.slice.channel_id).values("contentrequest_id"))
        return rows

    def _in_slice(self, rows: QuerySet, day: str) -> QuerySet:
        """Fact rows (``secretariat``, ``kind`` and a local ``day`` column) of the slice's
        period, scope, secretariat and kind, without the model's ordering; the channel is the
        caller's (a column of the per-day counts, the listed channels of a request's facts)."""
        self.facts  # noqa: B018  (folded up to the newest audit event, the calendar current)
        rows = rows.filter(**{f"{day}__gte": self.slice.start,
                              f"{day}__lte": self.slice.end}).order_by()
        if self.slice.scope is not None:
            rows = rows.filter(secretariat_id__in=self.slice.scope)
        if self.slice.secretariat_id:
            rows = rows.filter(secretariat_id=self.slice.secretariat_id)
        if self.slice.kind:
            rows = rows.filter(kind=self.slice.kind)
        return rows

    def published(self) -> QuerySet:
        """The slice's published requests as facts (``reports.facts.published``): the rows of
        the period's local publication days — the requests ``Slice.published()`` gives, read
        from one indexed table (its primary key is the request's)."""
        return self._of_slice(PublishedFact.objects.all(), "published_on")

    def assigned(self) -> QuerySet:
        """The assignments of the slice's requests made in its period, as facts
        (``reports.facts.assigned``, with their local day and week)."""
        return self._of_slice(AssignedFact.objects.all(), "day")

    @cached_property
    def published_groups(self) -> list[tuple]:
        """(lead business days, on time, rating, n) over the requests published in the slice.

        One ``GROUP BY`` over the published requests' facts: the lead time (the difference of
        two business-day ordinals, ``reports.facts.calendar``), on time when published on or
        before the due date (None: no due date) and the rating were written when the request
        was folded.
        """
        return list(self.published().values("lead", "on_time", "rating")
                    .annotate(n=Count("pk")).values_list("lead", "on_time", "rating", "n"))

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
        rows = self._in_slice(DailyCount.objects.all(), "day")
        if self.slice.channel_id:
            return rows.filter(channel_id=self.slice.channel_id)
        return rows.filter(channel__isnull=not per_channel)

    def period_months(self) -> list[tuple[date, date]]:
        return months(self.slice.start, self.slice.end)
