"""Serializing events and publications to ICS: per-item VEVENT fragments and the feed envelope.

Fragments do not depend on who reads the feed, so one serialization serves every feed.
DTSTAMP equals LAST-MODIFIED: in a calendar without METHOD, RFC 5545 §3.8.7.2 defines
DTSTAMP as the time the information was last revised in the store.
"""

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Event as IEvent
from icalendar import Timezone as ITimezone
from icalendar.prop import vRecur

from calendars.models import Event, EventStatus, Visibility

REFRESH = "PT1H"
PUBLICATION_MINUTES = 30
CRLF = "\r\n"


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@functools.lru_cache(maxsize=4)
def vtimezone(tzid: str, year: int) -> str:
    """A compact VTIMEZONE: only the rules from last year to ten years ahead."""
    component = ITimezone.from_tzid(tzid, first_date=dt.date(year - 1, 1, 1),
                                    last_date=dt.date(year + 10, 12, 31))
    return component.to_ical().decode("utf-8")


def envelope_head(name: str) -> str:
    tzid = settings.TIME_ZONE
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pauta//Calendar feeds//PT",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_text(name)}", f"X-WR-TIMEZONE:{tzid}",
             f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}"]
    head = CRLF.join(_fold(line) for line in lines) + CRLF
    return head + vtimezone(tzid, timezone.localdate().year)


ENVELOPE_TAIL = "END:VCALENDAR" + CRLF


def _text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n").replace("\r", ""))


def _fold(line: str) -> str:
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return (CRLF + " ").join(parts)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


ICS_STATUS = {EventStatus.TENTATIVE: "TENTATIVE", EventStatus.CONFIRMED: "CONFIRMED",
              EventStatus.CANCELLED: "CANCELLED"}


def event_fragment(event: Event) -> str:
    """The VEVENT of one calendar event (all-day ones with DATE values)."""
    zone = local_zone()
    with translation.override(settings.LANGUAGE_CODE):
        category = str(event.get_kind_display())
    component = IEvent.new(
        uid=event.uid, summary=event.title, description=event.description or None,
        location=event.location or None, sequence=event.sequence,
        stamp=_utc(event.updated_at), last_modified=_utc(event.updated_at),
        created=_utc(event.created_at), categories=[category],
        status="CANCELLED" if event.is_cancelled else ICS_STATUS[event.status])
    if event.all_day:
        start = event.starts_at.astimezone(zone).date()
        end = max(event.ends_at.astimezone(zone).date(), start + dt.timedelta(days=1))
        component.start, component.end = start, end
        component.add("TRANSP", "TRANSPARENT")
    else:
        component.start = event.starts_at.astimezone(zone)
        component.end = event.ends_at.astimezone(zone)
    if event.rrule:
        component.add("RRULE", vRecur.from_ical(event.rrule))
    component.add("CLASS", "PUBLIC" if event.visibility == Visibility.PUBLIC else "PRIVATE")
    component.add("X-PAUTA-KIND", event.kind)
    return component.to_ical().decode("utf-8")


def publication_status(publication) -> str:
    if publication.cancelled_at or publication.request.state in ("withdrawn", "rejected"):
        return "CANCELLED"
    return "TENTATIVE" if publication.request.state == "approved" else "CONFIRMED"


def publication_modified(publication) -> dt.datetime:
    """When the piece last changed for a subscriber.

    A withdrawal is recorded on the request and the cancellation of its pieces is a bulk
    update of ``cancelled_at`` (``updated_at`` stays): both count as changes.
    """
    moments = [publication.updated_at]
    if publication.cancelled_at:
        moments.append(publication.cancelled_at)
    if publication.request.state in ("withdrawn", "rejected"):
        moments.append(publication.request.updated_at)
    return max(moments)


def publication_sequence(publication) -> int:
    # workflows bumps Publication.sequence when a piece moves or goes out, not when it is
    # cancelled (withdrawal, rejection): count the cancellation as one more revision.
    bump = publication_status(publication) == "CANCELLED"
    return publication.sequence + (1 if bump else 0)


def publication_fragment(publication) -> str:
    """The VEVENT of one scheduled (or published, or withdrawn) piece on one channel."""
    zone = local_zone()
    start = (publication.published_at or publication.scheduled_at).astimezone(zone)
    modified = _utc(publication_modified(publication))
    title = publication.title or publication.request.title
    link = settings.SITE_URL + reverse("workflows:detail", args=[publication.request_id])
    component = IEvent.new(
        uid=f"publication-{publication.pk}@pauta", summary=f"[{publication.channel.name}] {title}",
        description=f"{publication.request.title}\n{link}",
        sequence=publication_sequence(publication),
        stamp=modified, last_modified=modified, start=start,
        end=start + dt.timedelta(minutes=PUBLICATION_MINUTES), url=link,
        status=publication_status(publication), categories=[publication.channel.name])
    component.add("CLASS", "PRIVATE")
    component.add("X-PAUTA-KIND", "publication")
    return component.to_ical().decode("utf-8")
