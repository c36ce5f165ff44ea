"""The raw sheets: one row per request, decision, publication, rating; read in chunks.

Each sheet declares its columns (header, width, type) and yields plain tuples from
``values_list(...).iterator(chunk_size)``, so memory stays flat whatever the row count.
The compliance sheet has one row per finding a kept check recorded, with its override.
Names (secretariat, channel, user, reason, plan action) come from small dicts read once
(``_Labels``), not from a join a row; the slice's requests are joined only when the slice
filters them (an ``IN`` over every request made SQLite walk all of them first).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.compliance.models import FindingRecord, Severity
from approvals.models import Decision, RejectionReason
from org.models import Secretariat, User
from pauta import clock
from plans.models import Channel, PlanAction
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


def _localizer() -> Callable:
    """Excel has no time zones: ``local(moment)`` is its local wall-clock time, naive, with the
    current time zone looked up once (``timezone.localtime`` reads the active zone from a
    thread-local on every call: two thirds of the cost of a row)."""
    tz = timezone.get_current_timezone()

    def local(moment):
        return moment.astimezone(tz).replace(tzinfo=None) if moment else None

    return local


class _Labels:
    """The names a raw sheet shows for ids, each table read once when first needed."""

    SOURCES = {
        "secretariat": lambda: Secretariat.objects.values_list("pk", "acronym"),
        "user": lambda: User.objects.values_list("pk", "username"),
        "channel": lambda: Channel.objects.values_list("pk", "name"),
        "reason": lambda: RejectionReason.objects.values_list("pk", "label"),
        "plan_action": lambda: PlanAction.objects.values_list("pk", "code"),
    }

    def __init__(self, *names):
        self._maps = {name: dict(self.SOURCES[name]()) for name in names}

    def __getitem__(self, name) -> Callable:
        """``get(id)``: the label of ``id`` (None for None)."""
        return self._maps[name].get


def _of_slice(qs: QuerySet, slice_, field: str) -> QuerySet:
    """``qs`` restricted to the slice's requests through ``field``: when the slice keeps every
    request, only "has a request" (a campaign's decisions have none)."""
    if slice_.filters_requests:
        return qs.filter(**{f"{field}__in": slice_.requests()})
    return qs.filter(**{f"{field}__isnull": False})


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
    local = _localizer()
    tz = timezone.get_current_timezone()
    labels = _Labels("secretariat", "user", "plan_action")
    acronym_of, name_of, code_of = labels["secretariat"], labels["user"], labels["plan_action"]
    qs = (queryset if queryset is not None else requests_of(slice_)).order_by("pk").values_list(
        "pk", "title", "secretariat_id", "kind", "state", "priority",
        "assignee_id", "submitted_at", "published_at", "due_date", "review_round",
        "rating", "plan_action_id", "rejection_reason")
    for (pk, title, secretariat, kind, state, priority, editor, submitted, published, due,
         rounds, rating, action, reason) in qs.iterator(chunk_size=CHUNK):
        lead = on_time = None
        if published is not None:
            published_on = published.astimezone(tz).date()
            if submitted is not None:
                lead = between(submitted.astimezone(tz).date(), published_on)
            if due is not None:
                on_time = published_on <= due
        yield (pk, title, acronym_of(secretariat), kinds.get(kind, kind),
               states.get(state, state), priority, name_of(editor), local(submitted),
               local(published), due, lead, on_time, rounds, rating, code_of(action),
               reason or None)


def decisions_of(slice_) -> QuerySet:
    low, high = slice_.bounds()
    return _of_slice(Decision.objects.filter(created_at__gte=low, created_at__lt=high),
                     slice_, "step__request")


def decision_rows(slice_) -> Iterator[tuple]:
    outcomes = {k: str(v) for k, v in Decision.Outcome.choices}
    labels, local = _Labels("user", "reason"), _localizer()
    name_of, reason_of = labels["user"], labels["reason"]
    qs = decisions_of(slice_).order_by("pk").values_list(
        "step__request_id", "step__review_round", "step__name", "decided_by_id",
        "outcome", "reason_id", "comment", "created_at")
    for request_id, round_no, step, who, outcome, reason, comment, when in qs.iterator(
            chunk_size=CHUNK):
        yield (request_id, round_no, step, name_of(who), outcomes.get(outcome, outcome),
               reason_of(reason), comment or None, local(when))


def publications_of(slice_) -> QuerySet:
    low, high = slice_.bounds()
    qs = _of_slice(Publication.objects.filter(published_at__gte=low, published_at__lt=high),
                   slice_, "request")
    return qs.filter(channel_id=slice_.channel_id) if slice_.channel_id else qs


def publication_rows(slice_) -> Iterator[tuple]:
    channel_of, local = _Labels("channel")["channel"], _localizer()
    qs = publications_of(slice_).order_by("pk").values_list(
        "request_id", "channel_id", "title", "scheduled_at", "published_at", "url")
    for request_id, channel, title, scheduled, published, url in qs.iterator(chunk_size=CHUNK):
        yield (request_id, channel_of(channel), title or None, local(scheduled), local(published),
               url or None)


def ratings_of(slice_) -> QuerySet:
    return slice_.published().filter(rating__isnull=False)


def rating_rows(slice_) -> Iterator[tuple]:
    labels, local = _Labels("secretariat", "user"), _localizer()
    acronym_of, name_of = labels["secretariat"], labels["user"]
    qs = ratings_of(slice_).order_by("pk").values_list(
        "pk", "secretariat_id", "requester_id", "published_at", "rating", "rating_comment")
    for pk, secretariat, who, published, rating, comment in qs.iterator(chunk_size=CHUNK):
        yield (pk, acronym_of(secretariat), name_of(who), local(published), rating,
               comment or None)



def findings_of(slice_) -> QuerySet:
    """Findings recorded by the checks kept in the period on the slice's requests."""
    low, high = slice_.bounds()
    return _of_slice(FindingRecord.objects.filter(run__created_at__gte=low,
                                                  run__created_at__lt=high), slice_, "request")


def finding_rows(slice_) -> Iterator[tuple]:
    """One tuple per finding record with its override (same request and fingerprint; at most
    one, a unique constraint): one LEFT JOIN in the one query, not three subqueries a row.
    SQLite reads the period's runs by their date index, then each run's findings."""
    severities = {k: str(v) for k, v in Severity.choices}
    labels, local = _Labels("secretariat", "channel", "user"), _localizer()
    acronym_of, channel_of, name_of = labels["secretariat"], labels["channel"], labels["user"]
    qs = findings_of(slice_).alias(override=FilteredRelation(
        "request__compliance_overrides",
        condition=Q(request__compliance_overrides__fingerprint=F("fingerprint")))).order_by(
        "run__created_at", "pk").values_list(
        "request_id", "request__secretariat_id", "rule", "severity", "channel_id",
        "run__created_at", "override__by_id", "override__created_at", "override__reason")
    for (request_id, secretariat, rule, severity, channel, checked, by, when,
         reason) in qs.iterator(chunk_size=CHUNK):
        yield (request_id, acronym_of(secretariat), rule, severities.get(severity, severity),
               channel_of(channel), local(checked), name_of(by), local(when), reason)


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
