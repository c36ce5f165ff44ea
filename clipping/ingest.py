"""From a fetched body to clips: parse a feed (feedparser) or an article page (trafilatura),
drop what is already a clip (canonical URL, then text fingerprint), keep what the search
terms match, with an excerpt and the suggestions for triage."""

import calendar
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
import trafilatura
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.services import record
from clipping.fetch import FetchError
from clipping.matching import Matcher, suggest_tone
from clipping.models import Clip, ClipState, medium_of
from clipping.suggest import suggest_links
from clipping.text import canonical_url, excerpt, fingerprint, html_text
from pauta import clock


@dataclass
class Item:
    url: str
    headline: str
    text: str
    guid: str = ""
    published_at: datetime | None = None
    links: list = field(default_factory=list)
    canonical: str = ""  # the page's own canonical link, when it states one


@dataclass
class Outcome:
    new: int = 0
    duplicates: int = 0
    unmatched: int = 0
    clips: list = field(default_factory=list)


def _when(struct) -> datetime | None:
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC) if struct else None


def parse_feed(body: bytes, content_type: str = "") -> tuple[list[Item], str]:
    """The items of an RSS/Atom body and, if it is broken, the sentence saying so.

    feedparser reads the encoding from the HTTP header and the XML declaration (ISO-8859-1
    feeds included). Items it could still recover from a broken feed are returned with it.
    """
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers)
    problem = ""
    if parsed.bozo and not isinstance(parsed.bozo_exception,
                                      feedparser.CharacterEncodingOverride):
        problem = _("The feed is not valid RSS or Atom (broken XML); items that could be read "
                    "were kept.")
    if not parsed.entries and not parsed.get("version"):
        problem = _("The feed is not valid RSS or Atom and no item could be read.")
    items = []
    for entry in parsed.entries:
        link, title = entry.get("link", ""), (entry.get("title") or "").strip()
        if not link or not title:
            continue
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text, links = html_text(html)
        items.append(Item(url=link, headline=title[:500], text=text, guid=entry.get("id", ""),
                          published_at=_when(entry.get("published_parsed")
                                             or entry.get("updated_parsed")),
                          links=links))
    return items, problem


def parse_page(body: bytes, url: str) -> Item:
    """The article of a page (trafilatura): headline, text, date, canonical link."""
    html = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    raw = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not raw:
        raise FetchError(_("No article text could be found on this page."))
    data = json.loads(raw)
    _text, links = html_text(html)
    published = None
    if data.get("date"):
        try:
            published = datetime.fromisoformat(data["date"]).replace(tzinfo=UTC)
        except ValueError:
            published = None
    return Item(url=url, headline=(data.get("title") or url)[:500], text=data.get("text") or "",
                published_at=published, links=links, canonical=data.get("source") or "")


def existing(canonical: str, fp: str) -> Clip | None:
    """The clip this article already is (same canonical URL or same text), if any."""
    query = Q(canonical_url=canonical) if canonical else Q(pk__in=[])
    if fp:
        query |= Q(fingerprint=fp)
    return Clip.objects.filter(query).first()


def take(items: list[Item], *, outlet, source=None, matcher: Matcher | None = None) -> Outcome:
    """Store the new, matched items as clips in triage; count the rest."""
    matcher = matcher or Matcher()
    outcome = Outcome()
    for item in items:
        canonical = canonical_url(item.canonical or item.url)
        fp = fingerprint(item.text) if item.text else ""
        if existing(canonical, fp) or (item.url and existing(canonical_url(item.url), "")):
            outcome.duplicates += 1
            continue
        match = matcher.match(item.headline, item.text)
        if not match.matched:
            outcome.unmatched += 1
            continue
        suggestions = suggest_links(text=f"{item.headline}\n{item.text}", links=item.links,
                                    terms=match.terms, outlet=outlet,
                                    published_at=item.published_at)
        clip = Clip(outlet=outlet, source=source, medium=medium_of(outlet), url=item.url[:1000],
                    canonical_url=canonical[:1000], fingerprint=fp, guid=item.guid[:1000],
                    headline=item.headline, excerpt=excerpt(item.text, match.terms[0].text),
                    published_at=item.published_at or clock.now(), matched_terms=match.label,
                    suggested_tone=suggest_tone(item.headline, item.text),
                    suggestions=suggestions, state=ClipState.TRIAGE)
        try:
            with transaction.atomic():  # two workers on the same article: one clip
                clip.save()
                clip.secretariats.set({t.secretariat_id for t in match.terms if t.secretariat_id})
                record(by=None, verb="clip_collect", target=clip,
                       payload={"source": source.pk if source else None})
        except IntegrityError:
            outcome.duplicates += 1
            continue
        outcome.new += 1
        outcome.clips.append(clip)
    return outcome
