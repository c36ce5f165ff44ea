"""Folding the audit trail into the facts: ``catch_up()`` (the events after the cursor) and
``rebuild()`` (everything, from the raw trail). Both recompute the stays of every request an
event touches from all of that request's state changes, so folding twice, in any order or
after a rebuild, leaves the same rows.

The cursor is safe because audit ids are committed in order: ``audit.chain.append`` holds the
chain's lock (an advisory transaction lock on PostgreSQL; SQLite runs one writer at a time)
until the writing transaction ends, so no event with a lower id can commit after a higher one.
Writers of facts take the cursor row ``FOR UPDATE`` (SQLite: the write lock), one at a time.
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Max

from audit.models import AuditEvent
from reports.facts import assigned, published
from reports.facts.counts import recount, remember_range, write_days
from reports.facts.models import DailyCount, FactsCursor, StateStay
from workflows.models import ContentRequest

BATCH = 2000  # audit events read per catch-up transaction
CHUNK = 500  # requests recomputed per rebuild transaction
DAYS = 31  # days of counts recomputed per rebuild transaction


def cursor_row(*, lock: bool = False) -> FactsCursor:
    rows = FactsCursor.objects.select_for_update() if lock else FactsCursor.objects
    cursor = rows.filter(name="audit").first()
    if cursor is None:
        cursor, _created = FactsCursor.objects.get_or_create(name="audit")
    return cursor


def head_id() -> int:
    """The id of the newest audit event (0: none), read from the primary key's index."""
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def refold(request_ids: Iterable[int]) -> int:
    """Replace the stays of these requests by those their state changes give; returns the
    number of stays written. Ordered by time, then id, as the trail is read everywhere."""
    ids = sorted(set(request_ids))
    if not ids:
        return 0
    events = (AuditEvent.objects.filter(request_id__in=ids).exclude(to_state="").order_by(
        "request_id", "created_at", "pk").values_list("pk", "request_id", "to_state",
                                                      "verb", "created_at"))
    rows, previous = [], None
    for pk, request_id, state, verb, moment in events.iterator(chunk_size=2000):
        if previous is not None and previous.request_id == request_id:
            previous.left_at = moment
            previous.days = (moment - previous.entered_at).total_seconds() / 86400
        previous = StateStay(event_id=pk, request_id=request_id, state=state, verb=verb,
                             entered_at=moment)
        rows.append(previous)
    StateStay.objects.filter(request_id__in=ids).delete()
    StateStay.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def catch_up(*, limit: int | None = None) -> int:
    """Fold the audit events after the cursor, ``BATCH`` at a time, each batch in its own
    transaction with the cursor locked; stop after ``limit`` events (None: all). Returns the
    number of events read."""
    done = 0
    while limit is None or done < limit:
        with transaction.atomic():
            cursor = cursor_row(lock=True)
            size = BATCH if limit is None else min(BATCH, limit - done)
            batch = list(AuditEvent.objects.filter(pk__gt=cursor.last_event_id)
                         .order_by("pk").values_list("pk", "request_id", "to_state")[:size])
            if not batch:
                return done
            refold(request_id for _pk, request_id, state in batch if request_id and state)
            # Any event of a request may change what it counts (an edit of its secretariat,
            # kind or channels has no state change).
            touched = {request_id for _pk, request_id, _state in batch if request_id}
            recount(touched)
            published.refresh(touched)  # published or not, lead time, SLA outcome, rating
            assigned.refresh(touched)  # its assignments (the editor workload)
            cursor.last_event_id = batch[-1][0]
            cursor.save(update_fields=["last_event_id", "updated_at"])
        done += len(batch)
        if len(batch) < size:  # the trail's end: no second transaction to find it empty
            return done
    return done


def rebuild(*, chunk: int = CHUNK, progress: Callable[..., None] | None = None) -> dict:
    """Recompute every stay from the raw audit trail, the days every request counts on and
    the published requests' and assignments' facts, ``chunk`` requests per transaction
    (constant memory), then the per-day counts ``DAYS`` days per transaction, then fold
    whatever was written meanwhile, then the calendar (which recomputes the lead times).
    Idempotent.
    ``progress(done, top, what)``: ``what`` is "requests" (ids) or "days" (days written)."""
    from reports.facts.calendar import refresh_calendar

    with transaction.atomic():
        cursor = cursor_row(lock=True)
        head = head_id()
        top = (AuditEvent.objects.exclude(request_id=None).order_by()
               .aggregate(top=Max("request_id"))["top"] or 0)
        # Stays of requests that no longer have state changes (none expected: the trail is
        # append-only) would survive the chunks below.
        StateStay.objects.filter(request_id__gt=top).delete()
        last = ContentRequest.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        cursor.last_event_id = head
        cursor.save(update_fields=["last_event_id", "updated_at"])
    stays, published_n, assigned_n, low, days = 0, 0, 0, 0, set()
    while low < max(top, last):
        high = low + chunk
        with transaction.atomic():
            cursor_row(lock=True)  # one writer at a time: a catch-up waits for this chunk
            ids = list(AuditEvent.objects.filter(request_id__gt=low, request_id__lte=high)
                       .exclude(to_state="").order_by().values_list("request_id", flat=True)
                       .distinct())
            StateStay.objects.filter(request_id__gt=low, request_id__lte=high).exclude(
                request_id__in=ids).delete()
            stays += refold(ids)
            days |= remember_range(low, high)
            published_n += published.refresh_range(low, high)
            assigned_n += assigned.refresh_range(low, high)
        low = high
        if progress:
            progress(min(low, max(top, last)), max(top, last), "requests")
    counts, days, after = 0, sorted(days), None
    for start in range(0, len(days) or 1, DAYS):
        part = days[start:start + DAYS]
        with transaction.atomic():
            cursor_row(lock=True)
            # Days no request counts on any more: before the first, between two parts'
            # days, after the last.
            stale = DailyCount.objects.exclude(day__in=part)
            if after is not None:
                stale = stale.filter(day__gt=after)
            if start + DAYS < len(days):
                stale = stale.filter(day__lte=part[-1])
            stale.delete()
            counts += write_days(part)
        after = part[-1] if part else None
        if progress and days:
            progress(min(start + DAYS, len(days)), len(days), "days")
    later = catch_up()
    FactsCursor.objects.filter(name="audit").update(calendar_key="")  # rebuilt just below
    refresh_calendar()
    return {"stays": stays, "published": published_n, "assigned": assigned_n,
            "counts": counts, "days": len(days), "head": head,
            "requests_up_to": max(top, last), "folded_after": later}
