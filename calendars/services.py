"""Every write on calendar events and feeds: check, validate, write, audit, invalidate caches."""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from calendars import permissions as perms
from calendars import recurrence
from calendars.holidays import sync_holidays
from calendars.models import Event, EventStatus, Feed
from calendars.spawn import open_action
from pauta import concurrency
from pauta.inputs import check_year

EVENT_FIELDS = ("kind", "title", "description", "location", "secretariat", "plan_action",
                "all_day", "starts_at", "ends_at", "rrule", "status", "visibility", "source")
FORM_FIELDS = EVENT_FIELDS[:-1]  # what the edit form shows (the source is the import's)


def ensure(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def _local_midnight(moment: dt.datetime | dt.date) -> dt.datetime:
    day = moment if not isinstance(moment, dt.datetime) else timezone.localtime(moment).date()
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def normalize(values: dict) -> dict:
    """Validate and normalize event fields (aware datetimes, all-day at local midnights)."""
    values = dict(values)
    for name in ("starts_at", "ends_at"):
        moment = values.get(name)
        if isinstance(moment, dt.datetime) and timezone.is_naive(moment):
            values[name] = timezone.make_aware(moment)
    if not values.get("ends_at"):
        values["ends_at"] = values["starts_at"]
    if values.get("all_day"):
        values["starts_at"] = _local_midnight(values["starts_at"])
        values["ends_at"] = max(_local_midnight(values["ends_at"]),
                                values["starts_at"] + dt.timedelta(days=1))
    for name in ("starts_at", "ends_at"):
        try:
            check_year(values[name])
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from error
    if values["ends_at"] < values["starts_at"]:
        raise ValidationError({"ends_at": _("The end must not be before the start.")})
    values["rrule"] = recurrence.clean_rule(values.get("rrule") or "", values["starts_at"])
    return values


def _changed(event: Event, values: dict) -> dict:
    return {k: v for k, v in values.items() if getattr(event, k) != v}


def _after_change(event: Event, *, by, verb: str, changed: dict) -> Event:
    from calendars.feeds import calendar_changed

    sync_holidays(event)
    calendar_changed()
    record(by=by, verb=verb, target=event,
           payload={k: getattr(v, "pk", v) for k, v in changed.items()})
    return event


def save_event(event: Event, values: dict, *, by, verb: str) -> tuple[Event, bool]:
    """Apply values; a real change bumps SEQUENCE, stamps LAST-MODIFIED and drops the fragment."""
    values = normalize(values)
    changed = _changed(event, values) if event.pk else values
    if event.pk and not changed:
        return event, False
    for name, value in values.items():
        setattr(event, name, value)
    now = timezone.now()
    if event.pk:
        event.sequence += 1
        event.version += 1  # optimistic concurrency of the edit form (pauta.concurrency)
    event.updated_at = now
    if event.status == EventStatus.CANCELLED and not event.cancelled_at:
        event.cancelled_at = now
    elif event.status != EventStatus.CANCELLED and not event.removed:
        event.cancelled_at = None
    event.ics_fragment = ""
    event.full_clean(exclude=["secretariat", "plan_action", "uid"])
    event.save()
    return _after_change(event, by=by, verb=verb, changed=changed), True


@transaction.atomic
def event_create(*, by, **fields) -> Event:
    """Add an event to the calendar (editors)."""
    ensure(perms.can_manage_events(by))
    event, _changed_flag = save_event(Event(), {k: fields[k] for k in fields if k in EVENT_FIELDS},
                                      by=by, verb="calendar_event_create")
    from calendars.checklists import checklist_apply

    checklist_apply(event=event, by=by)  # its production tasks, when the kind has a checklist
    return event


@transaction.atomic
def event_update(*, event: Event, by, version: int | None = None, seen: str = "",
                 **fields) -> Event:
    """Change an event; subscribers see a higher SEQUENCE.

    ``version``/``seen`` are what the editing person loaded: a save made from an older
    version raises ``pauta.concurrency.EditConflict`` instead of overwriting.
    """
    ensure(perms.can_manage_events(by))
    event = Event.objects.select_for_update().get(pk=event.pk)
    concurrency.check(event, version=version, seen=seen,
                      fields=concurrency.labels(Event, FORM_FIELDS))
    current = {k: getattr(event, k) for k in EVENT_FIELDS}
    current.update({k: v for k, v in fields.items() if k in EVENT_FIELDS})
    from calendars.checklists import event_day, follow_event_date

    day = event_day(event)
    event = save_event(event, current, by=by, verb="calendar_event_update")[0]
    follow_event_date(event, day)  # open checklist tasks keep their D-7, D-1
    return event


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    """Cancel an event: it stays in feeds as STATUS:CANCELLED."""
    return event_update(event=event, by=by, status=EventStatus.CANCELLED)


@transaction.atomic
def event_remove(*, event: Event, by) -> None:
    """Remove an event from the calendar; feeds keep it as cancelled for a while."""
    ensure(perms.can_manage_events(by))
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.removed:
        return
    now = timezone.now()
    event.removed = True
    event.sequence += 1
    event.updated_at = now
    event.cancelled_at = event.cancelled_at or now
    event.ics_fragment = ""
    event.save()
    # A removed event keeps no guests' personal data (its page is gone, so is the list).
    guests = event.guests.all().delete()[0]
    _after_change(event, by=by, verb="calendar_event_remove",
                  changed={"removed": True, **({"guests": guests} if guests else {})})


@transaction.atomic
def event_request_coverage(*, event: Event, by, secretariat, brief: str = ""):
    """File a coverage request pre-filled from the event, and link it to the event."""
    from workflows.models import RequestKind
    from workflows.services import request_create

    ensure(perms.can_request_coverage(by, event))
    local = timezone.localtime(event.starts_at)
    default_brief = _("Coverage of “%(title)s” on %(date)s at %(location)s.") % {
        "title": event.title, "date": local.strftime("%d/%m/%Y %H:%M"),
        "location": event.location or "—"}
    request = request_create(by=by, secretariat=secretariat, kind=RequestKind.COVERAGE,
                             title=(_("Coverage: %(title)s") % {"title": event.title})[:200],
                             brief=brief or default_brief, desired_date=local.date(),
                             plan_action=open_action(event, secretariat, local.date()))
    event.coverage_requests.add(request)
    record(by=by, verb="calendar_event_coverage", target=event,
           payload={"request": request.pk})
    return request


# Feeds -------------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)  # 256 random bits
    return token, _hash(token)


def _set_filters(feed: Feed, *, secretariats, kinds, channels) -> None:
    feed.secretariats.set(secretariats)
    feed.channels.set(channels)


@transaction.atomic
def feed_create(*, by, name: str, secretariats=(), kinds=(), channels=(),
                include_publications: bool = True, public: bool = False, system: bool = False,
                owner=None) -> tuple[Feed, str]:
    """Save a filter as a feed; returns the feed and its token (shown once, stored hashed).

    ``system=True`` (demo, commands) creates it for ``owner`` with no acting user.
    """
    if not system:
        ensure(perms.can_create_feed(by, public=public))
        owner = by
    token, digest = _new_token()
    feed = Feed.objects.create(owner=owner, name=name, token_hash=digest, kinds=list(kinds),
                               include_publications=include_publications and not public,
                               public=public)
    _set_filters(feed, secretariats=secretariats, kinds=kinds, channels=channels)
    record(by=by, verb="calendar_feed_create", target=feed, payload={"name": name})
    return feed, token


@transaction.atomic
def feed_update(*, feed: Feed, by, name: str, secretariats=(), kinds=(), channels=(),
                include_publications: bool = True) -> Feed:
    """Change a feed's filters (its link stays the same)."""
    feed = Feed.objects.select_for_update().get(pk=feed.pk)
    ensure(perms.can_manage_feed(by, feed))
    feed.name, feed.kinds = name, list(kinds)
    feed.include_publications = include_publications and not feed.public
    feed.version += 1
    feed.changed_at = timezone.now()
    feed.save()
    _set_filters(feed, secretariats=secretariats, kinds=kinds, channels=channels)
    record(by=by, verb="calendar_feed_update", target=feed, payload={"name": name})
    return feed


@transaction.atomic
def feed_rotate(*, feed: Feed, by) -> str:
    """Replace the token: the old link stops working at once. Returns the new token."""
    feed = Feed.objects.select_for_update().get(pk=feed.pk)
    ensure(perms.can_manage_feed(by, feed) and feed.revoked_at is None)
    token, feed.token_hash = _new_token()
    feed.save(update_fields=["token_hash"])
    record(by=by, verb="calendar_feed_rotate", target=feed)
    return token


@transaction.atomic
def feed_revoke(*, feed: Feed, by) -> Feed:
    """Revoke a feed for good: its link answers 404 like any unknown link."""
    feed = Feed.objects.select_for_update().get(pk=feed.pk)
    ensure(perms.can_manage_feed(by, feed))
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        record(by=by, verb="calendar_feed_revoke", target=feed)
    return feed
