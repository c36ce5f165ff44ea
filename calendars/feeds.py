"""Building a feed's body from cached fragments, and caching the whole body per feed state.

An event's fragment lives in ``Event.ics_fragment`` (cleared by every service that changes
the event); a publication's in ``PublicationFragment`` (valid while its stamp matches).
The body of an unchanged feed is served from Django's cache, keyed by the feed's ETag.
"""

from django.core.cache import cache

from calendars import ics
from calendars.models import Event, PublicationFragment
from calendars.selectors import feed_events, feed_publications, feed_state

BODY_TTL = 60 * 60 * 24


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


def _publication_fragments(feed, now) -> list[str]:
    publications = list(feed_publications(feed, now).select_related("request", "channel")
                        .order_by("pk"))
    if not publications:
        return []
    cached = {f.publication_id: f for f in
              PublicationFragment.objects.filter(publication__in=[p.pk for p in publications])}
    texts, fresh, stale = [], [], []
    for publication in publications:
        stamp = ics.publication_stamp(publication)
        known = cached.get(publication.pk)
        if known is not None and known.stamp == stamp:
            texts.append(known.text)
            continue
        text = ics.publication_fragment(publication)
        texts.append(text)
        if known is None:
            fresh.append(PublicationFragment(publication=publication, stamp=stamp, text=text))
        else:
            known.stamp, known.text = stamp, text
            stale.append(known)
    PublicationFragment.objects.bulk_create(fresh, batch_size=500, ignore_conflicts=True)
    PublicationFragment.objects.bulk_update(stale, ["stamp", "text"], batch_size=500)
    return texts


def build_body(feed, now=None) -> bytes:
    """The whole VCALENDAR of a feed, assembled from fragments (no METHOD property)."""
    parts = [ics.envelope_head(feed.name), *_event_fragments(feed, now),
             *_publication_fragments(feed, now), ics.ENVELOPE_TAIL]
    return "".join(parts).encode("utf-8")


def _key(feed, etag: str) -> str:
    return f"calendars:feed:{feed.pk}:{etag.strip(chr(34))}"


def feed_response_parts(feed, now=None) -> tuple[str, object, callable]:
    """(etag, last_modified, body getter): the getter builds or reads the cached body."""
    etag, last_modified = feed_state(feed, now)

    def body() -> bytes:
        key = _key(feed, etag)
        cached = cache.get(key)
        if cached is None:
            cached = build_body(feed, now)
            cache.set(key, cached, BODY_TTL)
        return cached

    return etag, last_modified, body
