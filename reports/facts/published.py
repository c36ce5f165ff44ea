"""Per-request publication facts (``PublishedFact``): one row per request published with
evidence (``Slice.published``: a publication moment and no live channel published with
neither an address nor a reason), with its secretariat, kind, local submission and
publication days, lead time in business days, SLA outcome and rating.

A folded audit event that touches a request (published, unpublished, taken down, rated,
rescheduled, moved to another secretariat or kind) replaces that request's row from the raw
request and its publications, in the catch-up's transaction: folding twice, in any order or
after a rebuild leaves the same rows. The lead time reads the ``BusinessDay`` table as it is;
rebuilding that table recomputes every row's lead (``reports.facts.calendar.build``).
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from publishing.selectors import without_evidence
from reports.facts.models import BusinessDay, PublishedFact
from workflows.models import ContentRequest

FIELDS = ("pk", "secretariat_id", "kind", "submitted_at", "published_at", "due_date",
          "rating")


def facts_of(requests: QuerySet) -> list[PublishedFact]:
    """The rows ``requests`` give now (those published with evidence), two queries: the
    requests, the business-day ordinals of their days."""
    local = timezone.localdate
    found = [(pk, secretariat, kind, local(sub) if sub else None, local(pub), due, rating)
             for pk, secretariat, kind, sub, pub, due, rating in without_evidence(
                 requests.filter(published_at__isnull=False)).order_by().values_list(*FIELDS)]
    days = [day for row in found for day in row[3:5] if day is not None]
    ordinals = dict(BusinessDay.objects.filter(day__range=(min(days), max(days)))
                    .values_list("day", "ordinal")) if days else {}
    rows = []
    for pk, secretariat, kind, submitted_on, published_on, due, rating in found:
        lead = None
        if submitted_on in ordinals and published_on in ordinals:
            lead = ordinals[published_on] - ordinals[submitted_on]
        rows.append(PublishedFact(
            request_id=pk, secretariat_id=secretariat, kind=kind, submitted_on=submitted_on,
            published_on=published_on, lead=lead,
            on_time=None if due is None else published_on <= due, rating=rating))
    return rows


def replace(model, where: Q, rows: list) -> int:
    """Delete ``model``'s fact rows matching ``where`` and write ``rows`` (one request's or a
    rebuild chunk's facts); returns the rows written. In the caller's transaction."""
    model.objects.filter(where).delete()
    model.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def refresh(request_ids: Iterable[int]) -> int:
    """Replace the rows of these requests by those the raw rows give; returns the rows
    written. Runs inside the caller's transaction (the catch-up's, with the cursor locked)."""
    ids = sorted(set(request_ids))
    if not ids:
        return 0
    return replace(PublishedFact, Q(request_id__in=ids),
                   facts_of(ContentRequest.objects.filter(pk__in=ids)))


def refresh_range(low: int, high: int) -> int:
    """Rebuild: the rows of requests ``low`` < id ≤ ``high``, replaced (stale rows of that
    range go); returns the rows written."""
    return replace(PublishedFact, Q(request_id__gt=low, request_id__lte=high),
                   facts_of(ContentRequest.objects.filter(pk__gt=low, pk__lte=high)))
