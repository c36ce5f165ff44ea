"""The raw sheets: one row per request, decision, publication, rating; read in chunks.

Each sheet declares its columns (header, width, type) and yields plain tuples from
``values_list(...).iterator(chunk_size)``, so memory stays flat whatever the row count.
The compliance sheet has one row per finding a kept check recorded, with its override.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.compliance.models import FindingRecord, Severity
from approvals.models import Decision
from pauta import clock
from workflows.models import Publication, RequestKind, RequestState
from workflows.sla import business_day_counter

CHUNK = 2000
TEXT, INT, NUM, DATE, DATETIME, BOOL = "text", "int", "num", "date", "datetime", "bool"


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    type: str = TEXT


@dataclass(frozen=True)
class RawSheet:
    title: str
    columns: tuple[Column, ...]
    queryset: Callable  # (Slice) -> QuerySet, used to count rows
    rows: Callable  # (Slice) -> Iterator[tuple]


def _local(moment):
    """Excel has no time zones: local wall-clock time, naive."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def requests_of(slice_) -> QuerySet:
    """Requests submitted or published in the period (the raw "Solicitações" sheet)."""
    low, high = slice_.bounds()
    return slice_.requests().filter(Q(submitted_at__gte=low, submitted_at__lt=high)
                                    | Q(published_at__gte=low, published_at__lt=high))


REQUEST_COLUMNS = (
    Column("ID", 8, INT), Column(_("Title"), 48), Column(_("Secretariat"), 12),
    Column(_("Kind"), 22), Column(_("State"), 16), Column(_("Priority"), 10),
    Column(_("Editor"), 20), Column(_("Submitted at"), 17, DATETIME),
    Column(_("Published at"), 17, DATETIME), Column(_("Due date"), 11, DATE),
    Column(_("Lead time (business days)"), 12, INT), Column(_("On time"), 9, BOOL),
    Column(_("Review rounds"), 9, INT), Column(_("Rating"), 8, INT),
    Column(_("Plan action"), 10), Column(_("Rejection reason"), 16),
)


def request_rows(slice_, queryset=None) -> Iterator[tuple]:
    """One tuple per request, in the order of REQUEST_COLUMNS (dates naive local)."""
    kinds, states = dict(RequestKind.choices), dict(RequestState.choices)
    kinds = {k: str(v) for k, v in kinds.items()}
    states = {k: str(v) for k, v in states.items()}
    # Wide enough for every submission and publication of the rows: outside it each pair
    # would fall back to a query of its own.
    between = business_day_counter(slice_.start - timedelta(days=800),
                                   max(slice_.end, clock.today()) + timedelta(days=400))
    localdate, local = timezone.localdate, _local
    qs = (queryset if queryset is not None else requests_of(slice_)).order_by("pk").values_list(
        "pk", "title", "secretariat__acronym", "kind", "state", "priority",
        "assignee__username", "submitted_at", "published_at", "due_date", "review_round",
        "rating", "plan_action__code", "rejection_reason")
    for (pk, title, acronym, kind, state, priority, editor, submitted, published, due,
         rounds, rating, action, reason) in qs.iterator(chunk_size=CHUNK):
        lead = on_time = None
        if published is not None:
            published_on = localdate(published)
            if submitted is not None:
                lead = between(localdate(submitted), published_on)
            if due is not None:
                on_time = published_on <= due
        yield (pk, title, acronym, kinds.get(kind, kind), states.get(state, state), priority,
               editor, local(submitted), local(published), due, lead, on_time, rounds, rating,
               action, reason or None)


def decisions_of(slice_) -> QuerySet:
    low, high = slice_.bounds()
    return Decision.objects.filter(step__request__in=slice_.requests(), created_at__gte=low,
                                   created_at__lt=high)


def decision_rows(slice_) -> Iterator[tuple]:
    outcomes = {k: str(v) for k, v in Decision.Outcome.choices}
    qs = decisions_of(slice_).order_by("pk").values_list(
        "step__request_id", "step__review_round", "step__name", "decided_by__username",
        "outcome", "reason__label", "comment", "created_at")
    for request_id, round_no, step, who, outcome, reason, comment, when in qs.iterator(
            chunk_size=CHUNK):
        yield (request_id, round_no, step, who, outcomes.get(outcome, outcome), reason,
               comment or None, _local(when))


def publications_of(slice_) -> QuerySet:
    low, high = slice_.bounds()
    qs = Publication.objects.filter(request__in=slice_.requests(), published_at__gte=low,
                                    published_at__lt=high)
    return qs.filter(channel_id=slice_.channel_id) if slice_.channel_id else qs


def publication_rows(slice_) -> Iterator[tuple]:
    qs = publications_of(slice_).order_by("pk").values_list(
        "request_id", "channel__name", "title", "scheduled_at", "published_at", "url")
    for request_id, channel, title, scheduled, published, url in qs.iterator(chunk_size=CHUNK):
        yield request_id, channel, title or None, _local(scheduled), _local(published), url or None


def ratings_of(slice_) -> QuerySet:
    return slice_.published().filter(rating__isnull=False)


def rating_rows(slice_) -> Iterator[tuple]:
    qs = ratings_of(slice_).order_by("pk").values_list(
        "pk", "secretariat__acronym", "requester__username", "published_at", "rating",
        "rating_comment")
    for pk, acronym, who, published, rating, comment in qs.iterator(chunk_size=CHUNK):
        yield pk, acronym, who, _local(published), rating, comment or None



def findings_of(slice_) -> QuerySet:
    """Findings recorded by the checks kept in the period on the slice's requests."""
    low, high = slice_.bounds()
    return FindingRecord.objects.filter(request__in=slice_.requests(), run__created_at__gte=low,
                                        run__created_at__lt=high)


def finding_rows(slice_) -> Iterator[tuple]:
    """One tuple per finding record with its override (same request and fingerprint; at most
    one, a unique constraint): one LEFT JOIN in the one query, not three subqueries a row."""
    severities = {k: str(v) for k, v in Severity.choices}
    qs = findings_of(slice_).alias(override=FilteredRelation(
        "request__compliance_overrides",
        condition=Q(request__compliance_overrides__fingerprint=F("fingerprint")))).order_by(
        "run__created_at", "pk").values_list(
        "request_id", "request__secretariat__acronym", "rule", "severity", "channel__name",
        "run__created_at", "override__by__username", "override__created_at",
        "override__reason")
    for (request_id, acronym, rule, severity, channel, checked, by, when,
         reason) in qs.iterator(chunk_size=CHUNK):
        yield (request_id, acronym, rule, severities.get(severity, severity), channel,
               _local(checked), by, _local(when), reason)


RAW_SHEETS = [
    RawSheet(_("Requests"), REQUEST_COLUMNS, requests_of, request_rows),
    RawSheet(_("Decisions"), (
        Column(_("Request"), 9, INT), Column(_("Round"), 7, INT), Column(_("Step"), 30),
        Column(_("Decided by"), 18), Column(_("Decision"), 18), Column(_("Reason"), 24),
        Column(_("Comment"), 48), Column(_("When"), 17, DATETIME)), decisions_of, decision_rows),
    RawSheet(_("Publications"), (
        Column(_("Request"), 9, INT), Column(_("Channel"), 24), Column(_("Title"), 48),
        Column(_("Scheduled for"), 17, DATETIME), Column(_("Published at"), 17, DATETIME),
        Column(_("URL"), 40)), publications_of, publication_rows),
    RawSheet(_("Satisfaction"), (
        Column(_("Request"), 9, INT), Column(_("Secretariat"), 12), Column(_("Requester"), 18),
        Column(_("Published at"), 17, DATETIME), Column(_("Rating"), 8, INT),
        Column(_("Comment"), 48)), ratings_of, rating_rows),
    RawSheet(_("Compliance findings"), (
        Column(_("Request"), 9, INT), Column(_("Secretariat"), 12), Column(_("Rule"), 26),
        Column(_("Severity"), 12), Column(_("Channel"), 20), Column(_("Checked at"), 17, DATETIME),
        Column(_("Overridden by"), 18), Column(_("Overridden at"), 17, DATETIME),
        Column(_("Justification"), 48)), findings_of, finding_rows),
]
