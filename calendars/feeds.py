"""Building a feed's body from cached fragments, and caching the whole body per feed state.

An event's fragment lives in ``Event.ics_fragment`` (cleared by every service that changes
the event); a publication's in ``PublicationFragment`` (valid while its stamp equals the
stamp the database computes for it now) and, in this process, in ``fragments``.
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

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, Func, TextField, Value, When
from django.db.models.functions import Cast, Coalesce

from calendars import ics
from calendars.models import Event, PublicationFragment
from calendars.selectors import GONE_PUBLICATION_STATES, feed_events, feed_publications, feed_state
from workflows.models import Publication

BODY_TTL = 60 * 60 * 24
STATE_TTL = 60
GENERATION_KEY = "calendars:generation"
MEMO_BYTES = 64 * 1024 * 1024
# Bumped when what a fragment holds changes shape: every kept fragment is rebuilt once.
STAMP_VERSION = 3


def installation() -> str:
    """What every fragment's text depends on besides its own rows: the format's version, the
    zone its times are written in, the address of its links and the language of its labels.
    Part of every kept fragment's stamp, so changing any of them rebuilds the fragments."""
    return (f"{STAMP_VERSION}:{settings.TIME_ZONE}:{settings.SITE_URL}:"
            f"{settings.LANGUAGE_CODE}")


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
    current = installation()
    rows = [(pk, text if stamp == current else "") for pk, text, stamp in
            feed_events(feed, now).order_by("pk").values_list("pk", "ics_fragment", "ics_stamp")]
    missing = [pk for pk, text in rows if not text]
    if missing:
        built = {}
        stale = []
        for start in range(0, len(missing), 500):
            for event in Event.objects.filter(pk__in=missing[start:start + 500]):
                event.ics_fragment = built[event.pk] = ics.event_fragment(event)
                event.ics_stamp = current
                stale.append(event)
        # Only the fragment's columns: never overwrites a concurrent change of the event.
        Event.objects.bulk_update(stale, ["ics_fragment", "ics_stamp"], batch_size=500)
        used = {event.pk: event.updated_at for event in stale}
        changed = [pk for pk, moment in Event.objects.filter(pk__in=used)
                   .values_list("pk", "updated_at") if moment != used[pk]]
        # An event changed while we serialized it: drop what we wrote, rebuild next time.
        Event.objects.filter(pk__in=changed).update(ics_fragment="")
        rows = [(pk, text or built.get(pk, "")) for pk, text in rows]
    return [text for _pk, text in rows if text]


class _Joined(Func):
    """``a || b || …``: SQLite's and PostgreSQL's concatenation, flat (``Concat`` nests two
    ``COALESCE`` per pair, which costs the database more per row than the rest of the query).
    Every argument must be text and never NULL."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = TextField()


def _stamp_sql() -> Func:
    """A publication's stamp, computed by the database from the columns its fragment changes
    with: no datetime converted nor any stamp formatted in Python per row.

    What ``ics.publication_fragment`` reads and may change without ``updated_at`` moving (the
    request's state, title and, once it is withdrawn or rejected, its ``updated_at``; a bulk
    ``cancelled_at``), ``sequence`` and ``updated_at`` for the rest of the piece's own row,
    and ``installation()``, what every fragment's text holds besides its rows. Datetimes
    read as the database writes them as text, so one installation always spells them alike.
    """
    text = TextField()

    def moment(expression):
        return Coalesce(Cast(expression, text), Value(""))

    gone = Case(When(request__state__in=GONE_PUBLICATION_STATES,
                     then=moment("request__updated_at")), default=Value(""), output_field=text)
    parts = [Cast("sequence", text), moment("updated_at"), moment("cancelled_at"),
             F("request__state"), gone, F("request__title")]
    joined = [Value(installation())]
    for part in parts:
        joined += [Value("|"), part]
    return _Joined(*joined)


class _Fragments:
    """The publications' fragments this process has read or built, by pk, each with its stamp
    and its text already encoded (a body is then one ``bytes.join``, not a join and an
    encoding of megabytes): valid for as long as the stamp is the database's (a stamp names
    one text, so an entry is never wrong, only unused). Cleared as a whole past ``limit``
    bytes."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.items: dict[int, tuple[str, bytes]] = {}
        self.lock = threading.Lock()

    def put_many(self, entries: dict[int, tuple[str, bytes]]) -> None:
        with self.lock:
            for pk, (stamp, text) in entries.items():
                old = self.items.get(pk)
                self.size += len(text) - (len(old[1]) if old else 0)
                self.items[pk] = (stamp, text)
            if self.size > self.limit:
                self.items.clear()
                self.size = 0

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


fragments = _Fragments(MEMO_BYTES)


def feed_stamps(feed, now=None, stamp=None):
    """(pk, stamp) of the feed's pieces, unordered: the database reads the window from the
    index that covers it (``workflows_pub_feed_window``: no publication row read; ordered by
    pk it would scan every publication of the history)."""
    return (feed_publications(feed, now).annotate(ics_stamp=stamp or _stamp_sql()).order_by()
            .values_list("pk", "ics_stamp"))


def _publication_fragments(feed, now) -> list[bytes]:
    """The pieces' VEVENTs: one narrow query of the feed's pieces, (pk, stamp) with the stamp
    computed by the database; the fragments this process already holds under those stamps;
    the kept fragments (``PublicationFragment``) for the others whose stamp still matches;
    full rows (texts, request, channel) only for those missing or stale there too."""
    stamp = _stamp_sql()
    rows = sorted(feed_stamps(feed, now, stamp))
    held = fragments.items.get
    # One pass over the feed's pieces (tens of thousands at 50k requests): the texts held
    # under the stamps the database gave, in pk order; the misses' places and stamps.
    texts: list[bytes | None] = []
    wanted: dict[int, str] = {}
    places: list[tuple[int, int]] = []
    for pk, want in rows:
        entry = held(pk)
        if entry is not None and entry[0] == want:
            texts.append(entry[1])
        else:
            places.append((len(texts), pk))
            texts.append(None)
            wanted[pk] = want
    if not wanted:
        return texts
    read: dict[int, tuple[str, bytes]] = {}
    asked = list(wanted)
    for start in range(0, len(asked), 500):
        chunk = asked[start:start + 500]
        read.update((pk, (kept, text.encode("utf-8"))) for pk, kept, text in
                    PublicationFragment.objects.filter(publication_id__in=chunk)
                    .values_list("publication_id", "stamp", "text") if kept == wanted[pk])
    todo = [pk for pk in wanted if pk not in read]
    for start in range(0, len(todo), 500):
        built = []
        for publication in (Publication.objects.filter(pk__in=todo[start:start + 500])
                            .select_related("request", "channel").annotate(ics_stamp=stamp)):
            # The stamp of the row serialized, from the same read: if the piece changes
            # meanwhile, the next build sees a new stamp and rebuilds it again.
            text = ics.publication_fragment(publication)
            read[publication.pk] = (publication.ics_stamp, text.encode("utf-8"))
            built.append(PublicationFragment(publication_id=publication.pk,
                                             stamp=publication.ics_stamp, text=text))
        PublicationFragment.objects.bulk_create(
            built, update_conflicts=True, unique_fields=["publication"],
            update_fields=["stamp", "text"])
    fragments.put_many(read)
    gone = False
    for place, pk in places:
        entry = read.get(pk)
        texts[place] = entry[1] if entry is not None else None
        gone = gone or entry is None
    # A piece deleted between the reads has no fragment: it leaves the body.
    return [text for text in texts if text is not None] if gone else texts


def build_body(feed, now=None) -> bytes:
    """The whole VCALENDAR of a feed, assembled from fragments (no METHOD property)."""
    head = [ics.envelope_head(feed.name), *_event_fragments(feed, now)]
    return b"".join([text.encode("utf-8") for text in head] + _publication_fragments(feed, now)
                    + [ics.ENVELOPE_TAIL.encode("utf-8")])


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
