"""What several indicators share, computed once per slice (rows read with values_list)."""

from datetime import date, timedelta
from functools import cached_property

from django.db.models.functions import TruncDate
from django.utils import timezone

from reports.slices import Slice
from workflows.sla import business_day_counter


def months(start: date, end: date) -> list[tuple[date, date]]:
    """(first day, last day) of every calendar month touching [start, end], clipped to it."""
    out, cursor = [], start.replace(day=1)
    while cursor <= end:
        following = (cursor + timedelta(days=32)).replace(day=1)
        out.append((max(cursor, start), min(following - timedelta(days=1), end)))
        cursor = following
    return out


class Context:
    """One slice and the rows its indicators read; build one per dashboard or workbook."""

    def __init__(self, slice_: Slice):
        self.slice = slice_

    @cached_property
    def published_rows(self) -> list[tuple]:
        """(pk, submitted day, published day, due_date, review_round, rating) published in it.

        Days are local dates computed by the database (``TruncDate`` in the installation's
        zone), without the model's default ordering (nobody reads these rows in order).
        """
        tz = timezone.get_current_timezone()
        return list(self.slice.published().order_by().annotate(
            submitted_on=TruncDate("submitted_at", tzinfo=tz),
            published_on=TruncDate("published_at", tzinfo=tz)).values_list(
            "pk", "submitted_on", "published_on", "due_date", "review_round", "rating"))

    @cached_property
    def lead_times(self) -> list[int]:
        """Business days from the submission day to the publication day (local dates)."""
        pairs = [(sub, pub) for _pk, sub, pub, *_rest in self.published_rows if sub and pub]
        if not pairs:
            return []
        between = business_day_counter(min(a for a, _ in pairs), max(b for _, b in pairs))
        return [between(a, b) for a, b in pairs]

    @cached_property
    def sla_pairs(self) -> list[tuple[date, date]]:
        """(publication day, due date) of the published requests that have a due date."""
        return [(pub, due) for _pk, _sub, pub, due, *_ in self.published_rows
                if due is not None]

    def period_months(self) -> list[tuple[date, date]]:
        return months(self.slice.start, self.slice.end)
