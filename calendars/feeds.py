"""Building a feed's body from cached fragments, and caching the whole body per feed state.

An event's fragment lives in ``Event.ics_fragment`` (cleared by every service that changes
the event); a publication's in ``PublicationFragment`` (valid while its stamp matches).
The body of an unchanged feed is served from Django's cache, keyed by the feed's ETag, and
from a small in-process memo in front of it (no unpickling of megabytes per request).

The feed's state (ETag, Last-Modified) is itself cached per feed and per *calendar
generation*: a counter in the cache that every change of an event, a publication or a
request bumps (services and post_save signals). The state also expires after
``STATE_TTL`` seconds, so a change made behind the services' back (a raw ``update()``, a
changed membership of the owner, time passing the retention window) shows up within that.
"""

import collections
import threading
from types import SimpleNamespace

from django.core.cache import cache
from django.db import transaction

from calendars import ics
from calendars.models import Event, PublicationFragment
from calendars.selectors import feed_events, feed_publications, feed_state
from workflows.models import Publication

BODY_TTL = 60 * 60 * 24
STATE_TTL = 60
GENERATION_KEY = "calendars:generation"
MEMO_BYTES = 64 * 1024 * 1024


def _bump() -> None:
    if cache.add(GENERATION_KEY, 1, None):
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted between add and incr
        cache.add(GENERATION_KEY, 1, None)


def calendar_changed() -> None:
    """Tell the feeds that events, publications or requests changed: states are recomputed.

    Bumped at once (this process sees its own change) and again after commit, so a state
    computed by another request from the not-yet-committed data does not outlive the commit.
    """
    _bump()
    transaction.on_commit(_bump)


def _generation() -> int:
    return cache.get(GENERATION_KEY) or 0


def _event_fragments(feed, now) -> list[str]:
    rows = list(feed_events(feed, now).order_by("pk").values_list("pk", "ics_fragment"))
    missing = [pk for pk, text in rows if not text]
    if missing:
        built = {}
        stale = []
        for start in range(0, len(missing), 500):
            for event in Event.objects.filter(pk__in=missing[start:start + 500]):
                event.ics_fragment = built[event.pk] = ics.event_fragment(event)
                stale.append(event)
        # Only the fragment column: never overwrites a concurrent change of the event.
        Event.objects.bulk_update(stale, ["ics_fragment"], batch_size=500)
        used = {event.pk: event.updated_at for event in stale}
        changed = [pk for pk, moment in Event.objects.filter(pk__in=used)
                   .values_list("pk", "updated_at") if moment != used[pk]]
        # An event changed while we serialized it: drop what we wrote, rebuild next time.
        Event.objects.filter(pk__in=changed).update(ics_fragment="")
        rows = [(pk, text or built.get(pk, "")) for pk, text in rows]
    return [text for _pk, text in rows if text]


# What a publication's stamp reads (``ics.publication_stamp``): a narrow row, no texts.
STAMP_FIELDS = ("pk", "sequence", "updated_at", "cancelled_at", "request__state",
                "request__updated_at", "request__title")


def _stamp_of(row: tuple) -> str:
    pk, sequence, updated_at, cancelled_at, state, request_updated_at, title = row
    request = SimpleNamespace(state=state, updated_at=request_updated_at, title=title)
    return ics.publication_stamp(SimpleNamespace(
        pk=pk, sequence=sequence, updated_at=updated_at, cancelled_at=cancelled_at,
        request=request))


def _publication_fragments(feed, now) -> list[str]:
    """The pieces' VEVENTs: stamps from a narrow query of the feed's publications, the kept
    fragments of the same set, and full rows (texts, request, channel) loaded only for the
    publications whose fragment is missing or stale."""
    chosen = feed_publications(feed, now)
    rows = list(chosen.order_by("pk").values_list(*STAMP_FIELDS))
    if not rows:
        return []
    cached = {pk: (stamp, text) for pk, stamp, text in PublicationFragment.objects.filter(
        publication__in=chosen.values("pk")).values_list("publication_id", "stamp", "text")}
    stamps = {row[0]: _stamp_of(row) for row in rows}
    todo = [pk for pk, stamp in stamps.items() if cached.get(pk, ("",))[0] != stamp]
    built, fresh, stale = {}, [], []
    for start in range(0, len(todo), 500):
        for publication in (Publication.objects.filter(pk__in=todo[start:start + 500])
                            .select_related("request", "channel")):
            # The stamp of the row serialized: the same as above unless it changed meanwhile
            # (then the next build sees the new stamp and rebuilds it again).
            stamp = ics.publication_stamp(publication)
            text = built[publication.pk] = ics.publication_fragment(publication)
            fragment = PublicationFragment(publication_id=publication.pk, stamp=stamp, text=text)
            (stale if publication.pk in cached else fresh).append(fragment)
    PublicationFragment.objects.bulk_create(fresh, batch_size=500, ignore_conflicts=True)
    PublicationFragment.objects.bulk_update(stale, ["stamp", "text"], batch_size=500)
    return [built[pk] if pk in built else cached[pk][1] for pk in stamps]


def build_body(feed, now=None) -> bytes:
    """The whole VCALENDAR of a feed, assembled from fragments (no METHOD property)."""
    parts = [ics.envelope_head(feed.name), *_event_fragments(feed, now),
             *_publication_fragments(feed, now), ics.ENVELOPE_TAIL]
    return "".join(parts).encode("utf-8")


def _key(feed, etag: str) -> str:
    return f"calendars:feed:{feed.pk}:{etag.strip(chr(34))}"


class _Memo:
    """A bounded LRU of feed bodies by (feed, ETag) in this process: correct forever, since an
    ETag names one content; it only saves fetching and unpickling the body from the cache."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.items: collections.OrderedDict = collections.OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value: bytes) -> None:
        if len(value) > self.limit:
            return
        with self.lock:
            old = self.items.pop(key, None)
            self.size -= len(old) if old is not None else 0
            self.items[key] = value
            self.size += len(value)
            while self.size > self.limit:
                _key, dropped = self.items.popitem(last=False)
                self.size -= len(dropped)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


memo = _Memo(MEMO_BYTES)


def current_state(feed, now=None) -> tuple[str, object]:
    """(ETag, Last-Modified) of a feed: from the cache while the calendar generation holds."""
    if now is not None:
        return feed_state(feed, now)
    key = f"calendars:state:{feed.pk}:{feed.version}:{_generation()}"
    state = cache.get(key)
    if state is None:
        state = feed_state(feed)
        cache.set(key, state, STATE_TTL)
    return state


def feed_response_parts(feed, now=None) -> tuple[str, object, callable]:
    """(etag, last_modified, body getter): the getter builds or reads the cached body."""
    etag, last_modified = current_state(feed, now)

    def body() -> bytes:
        key = _key(feed, etag)
        cached = memo.get(key)
        if cached is None:
            cached = cache.get(key)
        if cached is None:
            cached = build_body(feed, now)
            cache.set(key, cached, BODY_TTL)
        memo.put(key, cached)
        return cached

    return etag, last_modified, body
