"""Reads of the calendar: what the compliance rules ask, the editorial calendar, feed contents."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from calendars import permissions as perms
from calendars import recurrence
from calendars.models import Event, EventKind, EventStatus, Feed, Visibility

# Cancelled or withdrawn items stay in feeds (as STATUS:CANCELLED) this long.
CANCELLED_RETENTION = dt.timedelta(days=getattr(settings, "CALENDAR_CANCELLED_RETENTION_DAYS", 60))
# Past one-off events older than this leave the feeds.
FEED_PAST = dt.timedelta(days=getattr(settings, "CALENDAR_FEED_PAST_DAYS", 400))
LIVE_PUBLICATION_STATES = ("approved", "scheduled", "published", "archived")
GONE_PUBLICATION_STATES = ("withdrawn", "rejected")


def _effective(qs: QuerySet) -> QuerySet:
    return qs.filter(removed=False).exclude(status=EventStatus.CANCELLED)


def occurrences(event: Event, start: dt.datetime, end: dt.datetime) -> list[tuple]:
    """(start, end) of each occurrence of ``event`` overlapping [start, end), at most
    ``recurrence.MAX_OCCURRENCES`` of them."""
    length = event.ends_at - event.starts_at
    if not event.rrule:
        overlaps = event.starts_at < end and event.ends_at > start
        return [(event.starts_at, event.ends_at)] if overlaps else []
    local_start = timezone.localtime(event.starts_at).replace(tzinfo=None)
    zone = timezone.get_current_timezone()
    window_from = timezone.localtime(start - length).replace(tzinfo=None)
    window_to = timezone.localtime(end).replace(tzinfo=None)
    moments = recurrence.expand(event.rrule, local_start, window_from, window_to)
    if moments is None:  # a rule that cannot be expanded safely: the event counts once
        overlaps = event.starts_at < end and event.ends_at > start
        return [(event.starts_at, event.ends_at)] if overlaps else []
    found = []
    for moment in moments:
        aware = timezone.make_aware(moment, zone)
        if aware < end and aware + length > start:
            found.append((aware, aware + length))
    return found


def _covering(kind: str, moment: dt.datetime) -> list[Event]:
    candidates = _effective(Event.objects.filter(kind=kind)).filter(
        Q(rrule="", starts_at__lte=moment, ends_at__gt=moment)
        | (~Q(rrule="") & Q(starts_at__lte=moment)))
    return [e for e in candidates if occurrences(e, moment, moment + dt.timedelta(microseconds=1))]


def blackout_windows_covering(moment: dt.datetime) -> list[Event]:
    """The electoral blackout windows (confirmed or tentative) in force at ``moment``."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return _covering(EventKind.BLACKOUT, moment)


def is_in_blackout(moment: dt.datetime) -> bool:
    return bool(blackout_windows_covering(moment))


def overlaps_blackout(start: dt.date, end: dt.date) -> bool:
    """Whether a blackout window covers any part of the days ``start`` to ``end`` (local)."""
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    finish = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    windows = _effective(Event.objects.filter(kind=EventKind.BLACKOUT, starts_at__lt=finish))
    return any(occurrences(window, begin, finish) for window in windows)


def mourning_days_on(day: dt.date) -> list[Event]:
    """The official mourning events that cover any part of ``day`` (local time)."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()), zone)
    end = start + dt.timedelta(days=1)
    candidates = _effective(Event.objects.filter(kind=EventKind.MOURNING)).filter(
        Q(rrule="", starts_at__lt=end, ends_at__gt=start) | (~Q(rrule="") & Q(starts_at__lt=end)))
    return [e for e in candidates if occurrences(e, start, end)]


def events_between(user, start: dt.datetime, end: dt.datetime, *, secretariat=None,
                   kinds=()) -> list[tuple[Event, dt.datetime, dt.datetime]]:
    """(event, start, end) occurrences the user may see in [start, end), recurrences expanded."""
    qs = perms.visible_events(user).select_related("secretariat").filter(
        Q(rrule="", starts_at__lt=end, ends_at__gt=start) | (~Q(rrule="") & Q(starts_at__lt=end)))
    if secretariat:
        qs = qs.filter(secretariat=secretariat)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return [(e, s, f) for e in qs for (s, f) in occurrences(e, start, end)]


def _visible(qs: QuerySet, user, field: str) -> QuerySet:
    """``qs`` narrowed to the requests ``user`` may see (no subquery for the team roles)."""
    from workflows.permissions import VIEW_ALL, visible_requests

    if user.has_perm(VIEW_ALL):
        return qs
    return qs.filter(**{f"{field}__in": visible_requests(user).values("pk")})


# What ``publications_between`` reads of each piece (one narrow query, no model instances).
PUBLICATION_FIELDS = ("pk", "request_id", "channel_id", "title", "request__title",
                      "scheduled_at", "published_at", "request__state")


def publications_between(user, start, end, *, secretariat=None, channel=None,
                         scheduled=True, published=True) -> list[tuple]:
    """Scheduled and published pieces the user may see, whose date falls in [start, end), as
    ``PUBLICATION_FIELDS`` tuples; ``scheduled``/``published`` choose which of the two."""
    from workflows.models import Publication

    moment = Q()
    if scheduled:
        moment |= Q(published_at__isnull=True, scheduled_at__gte=start, scheduled_at__lt=end)
    if published:
        moment |= Q(published_at__gte=start, published_at__lt=end)
    if not (scheduled or published):
        return []
    qs = _visible(Publication.objects.filter(
        scheduled_at__isnull=False, cancelled_at__isnull=True,
        request__state__in=LIVE_PUBLICATION_STATES).filter(moment), user, "request")
    if secretariat:
        qs = qs.filter(request__secretariat=secretariat)
    if channel:
        qs = qs.filter(channel=channel)
    # In the order the calendar has always had them (the request's state, the request, the
    # piece), sorted here so that it does not depend on the plan: the one through the window's
    # index (``workflows_pub_out``) reads them by moment.
    return sorted(qs.order_by().values_list(*PUBLICATION_FIELDS),
                  key=lambda row: (row[7], row[1], row[0]))


# Feeds -------------------------------------------------------------------------------------


def feed_by_token(token: str) -> Feed | None:
    """The live feed whose token hashes to the stored hash (compared in constant time).

    The database only narrows the search to the hashes sharing the first 64 bits (an index
    range, not an equality on the secret); ``hmac.compare_digest`` makes the decision.
    """
    import hmac

    digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
    prefix = digest[:16]
    candidates = Feed.objects.select_related("owner").filter(
        token_hash__gte=prefix, token_hash__lt=prefix + "~", revoked_at__isnull=True)
    feed = next((f for f in candidates if hmac.compare_digest(f.token_hash, digest)), None)
    if feed is None:
        return None
    if not feed.public and not (feed.owner.is_active):
        return None
    return feed


def feed_events(feed: Feed, now=None) -> QuerySet:
    """Events of a feed: its filters, its owner's sight, cancelled ones for a while."""
    now = now or timezone.now()
    qs = Event.objects.filter(
        Q(rrule="", ends_at__gte=now - FEED_PAST) | ~Q(rrule=""),
        Q(removed=False, cancelled_at__isnull=True)
        | Q(cancelled_at__gte=now - CANCELLED_RETENTION))
    if feed.public:
        qs = qs.filter(visibility=Visibility.PUBLIC)
    else:
        scope = perms.feed_event_scope(feed.owner)
        if scope is not None:
            qs = qs.filter(scope)
    if feed.kinds:
        qs = qs.filter(kind__in=feed.kinds)
    secretariat_ids = [s.pk for s in feed.secretariats.all()]
    if secretariat_ids:
        qs = qs.filter(Q(secretariat_id__in=secretariat_ids) | Q(secretariat__isnull=True))
    return qs


def feed_publications(feed: Feed, now=None) -> QuerySet:
    """Pieces of a feed: scheduled/published ones, withdrawn or cancelled ones for a while."""
    from workflows.models import Publication
    from workflows.permissions import VIEW_ALL, visible_requests

    if feed.public or not feed.include_publications:
        return Publication.objects.none()
    now = now or timezone.now()
    since = now - CANCELLED_RETENTION
    qs = Publication.objects.filter(scheduled_at__isnull=False).filter(
        Q(cancelled_at__isnull=True, request__state__in=LIVE_PUBLICATION_STATES)
        | Q(cancelled_at__gte=since)
        | Q(cancelled_at__isnull=True, request__state__in=GONE_PUBLICATION_STATES,
            request__updated_at__gte=since)).filter(scheduled_at__gte=now - FEED_PAST)
    if not feed.owner.has_perm(VIEW_ALL):
        qs = qs.filter(request__in=visible_requests(feed.owner).values("pk"))
    channel_ids = [c.pk for c in feed.channels.all()]
    if channel_ids:
        qs = qs.filter(channel_id__in=channel_ids)
    secretariat_ids = [s.pk for s in feed.secretariats.all()]
    if secretariat_ids:
        qs = qs.filter(request__secretariat_id__in=secretariat_ids)
    return qs


def feed_state(feed: Feed, now=None) -> tuple[str, dt.datetime]:
    """(ETag, Last-Modified) of a feed from two aggregate queries, without building anything."""
    events = feed_events(feed, now).aggregate(n=Count("pk"), last=Max("updated_at"))
    pubs = {"n": 0, "last": None, "req": None, "gone": None}
    if feed.include_publications and not feed.public:
        pubs = feed_publications(feed, now).aggregate(
            n=Count("pk"), last=Max("updated_at"), req=Max("request__updated_at"),
            gone=Max("cancelled_at"))
    stamp = (f"{feed.pk}:{feed.version}:{settings.TIME_ZONE}:{events['n']}:{events['last']}:"
             f"{pubs['n']}:{pubs['last']}:{pubs['req']}:{pubs['gone']}")
    etag = '"' + hashlib.sha256(stamp.encode()).hexdigest()[:32] + '"'
    moments = [m for m in (events["last"], pubs["last"], pubs["req"], pubs["gone"],
                           feed.changed_at) if m]
    return etag, max(moments)


# Requests still in the making, with a desired date: the calendar shows them as "planned".
PLANNED_REQUEST_STATES = ("submitted", "needs_info", "in_production", "in_review", "approved")


def planned_pieces_between(user, start: dt.date, end: dt.date, *, secretariat=None,
                           channel=None) -> list[tuple]:
    """(request pk, title, desired date, state, channel id or None) for each channel of a request
    the user may see whose desired date falls in [start, end) and that has no date scheduled on
    that channel yet (a request with no channel counts once, with None).

    Three narrow queries whatever the number of pieces: the requests, their channels, the
    channels already scheduled.
    """
    from workflows.models import ContentRequest, Publication

    qs = _visible(ContentRequest.objects.filter(
        state__in=PLANNED_REQUEST_STATES, desired_date__gte=start, desired_date__lt=end),
        user, "pk")
    if secretariat:
        qs = qs.filter(secretariat=secretariat)
    if channel:
        qs = qs.filter(channels=channel)
    # By state and request, as they have always come (not by the plan: the one through
    # ``workflows_request_desired`` reads them by date).
    rows = sorted(qs.order_by().values_list("pk", "title", "desired_date", "state"),
                  key=lambda row: (row[3], row[0]))
    if not rows:
        return []
    ids = qs.order_by().values("pk")
    channels: dict[int, list[int]] = {}
    links = ContentRequest.channels.through.objects.filter(contentrequest_id__in=ids)
    if channel:
        links = links.filter(channel_id=channel.pk)
    for request_id, channel_id in links.values_list("contentrequest_id", "channel_id"):
        channels.setdefault(request_id, []).append(channel_id)
    scheduled = set(Publication.objects.filter(
        request_id__in=ids, scheduled_at__isnull=False, cancelled_at__isnull=True)
        .order_by().values_list("request_id", "channel_id"))
    found = []
    for pk, title, desired, state in rows:
        mine = channels.get(pk)
        if not mine:
            found.append((pk, title, desired, state, None))
            continue
        found += [(pk, title, desired, state, c) for c in sorted(mine)
                  if (pk, c) not in scheduled]
    return found
