"""Clipping services: fetching sources, triage moves (on the kernel), manual entries,
configuration (sources, terms, themes; the outlets are the press desk's, saved by
``press.contacts``) and subscriptions. Views, huey tasks and the demo all call these."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from clipping import ingest
from clipping import permissions as perms
from clipping.fetch import FetchError, fetch
from clipping.matching import Matcher, suggest_tone
from clipping.models import Clip, ClipState, Source, SourceKind, SourceStatus, Subscription
from clipping.text import excerpt, fingerprint
from pauta import clock, lifecycle
from pauta.lifecycle import TransitionRefused, service

logger = logging.getLogger(__name__)
STATE_MESSAGE = gettext_lazy("This is not possible while the clip is “%(state)s”.")
BACKOFF_MAX_MINUTES = 24 * 60


# --- Fetching ------------------------------------------------------------------------------

def _claim(source: Source, now) -> bool:
    """Take the source for this run (another worker that took it first wins)."""
    return bool(Source.objects.filter(pk=source.pk, next_check_at=source.next_check_at).update(
        next_check_at=now + timedelta(minutes=source.interval_minutes)))


def source_fetch(source: Source, *, matcher: Matcher | None = None) -> ingest.Outcome:
    """Fetch one source now; its status says how it went (nothing else is touched on error)."""
    now = clock.now()
    outcome, problem = ingest.Outcome(), ""
    try:
        got = fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        if not got.not_modified:
            if source.kind == SourceKind.FEED:
                items, problem = ingest.parse_feed(got.body, got.headers.get("Content-Type", ""))
            else:
                items = [ingest.parse_page(got.body, got.url)]
            with transaction.atomic():
                outcome = ingest.take(items, outlet=source.outlet, source=source,
                                      matcher=matcher)
    except FetchError as error:
        problem, got = str(error), None
    except Exception:  # a parser's own failure: this source is in error, the run goes on
        logger.exception("clipping source %s failed", source.pk)
        problem, got = _("The source's content could not be read."), None
    fields = {"last_checked_at": now}
    if problem:
        fields.update(status=SourceStatus.ERROR, last_error=problem[:500],
                      error_count=F("error_count") + 1)
        # Back off on repeated errors: interval × errors, at most a day.
        wait = min(source.interval_minutes * (source.error_count + 1), BACKOFF_MAX_MINUTES)
        fields["next_check_at"] = now + timedelta(minutes=wait)
    else:
        fields.update(status=SourceStatus.OK, last_error="", error_count=0, last_ok_at=now,
                      next_check_at=now + timedelta(minutes=source.interval_minutes))
    if got is not None and not problem:
        fields.update(etag=got.headers.get("ETag", "")[:300] if not got.not_modified
                      else source.etag,
                      last_modified=got.headers.get("Last-Modified", "")[:100]
                      if not got.not_modified else source.last_modified)
    Source.objects.filter(pk=source.pk).update(**fields)
    return outcome


def sources_fetch_due(now=None) -> dict:
    """The periodic job: every active source whose time has come, one after the other; one
    failing source never stops the others."""
    now = now or clock.now()
    matcher = Matcher()
    totals = {"sources": 0, "new": 0, "errors": 0}
    due = Source.objects.filter(active=True, next_check_at__lte=now).select_related("outlet")
    for source in due:
        if not _claim(source, now):
            continue
        outcome = source_fetch(source, matcher=matcher)
        totals["sources"] += 1
        totals["new"] += outcome.new
        source.refresh_from_db(fields=["status"])
        totals["errors"] += source.status == SourceStatus.ERROR
    return totals


@service
def source_save(*, by, source: Source | None = None, **fields) -> Source:
    lifecycle.ensure(perms.can_configure(by))
    created = source is None
    source = source or Source()
    for name, value in fields.items():
        setattr(source, name, value)
    if created or "url" in fields:
        source.etag = source.last_modified = ""
        source.next_check_at = clock.now()
    source.full_clean()
    source.save()
    record(by=by, verb="clip_source_save", target=source,
           payload={"url": source.url, "created": created})
    return source


@service
def theme_save(*, by, name: str):
    from clipping.models import Theme

    lifecycle.ensure(perms.can_configure(by))
    theme = Theme(name=name)
    theme.full_clean()
    theme.save()
    record(by=by, verb="clip_theme_save", target=theme, payload={"name": name})
    return theme


@service
def source_check_now(*, source: Source, by) -> Source:
    lifecycle.ensure(perms.can_configure(by))
    Source.objects.filter(pk=source.pk).update(next_check_at=clock.now())
    record(by=by, verb="clip_source_check", target=source, payload={"url": source.url})
    return source


# --- Manual entries (print, radio, TV) ------------------------------------------------------

@service
def clip_enter(*, by, outlet, medium, published_at, headline, page_or_programme="",
               summary="", full_text="", url="", file=None, **links) -> Clip:
    """A clip typed in by the analyst: full text (transcript) is kept, it goes to triage."""
    lifecycle.ensure(perms.can_triage(by))
    fp = fingerprint(full_text or summary) if (full_text or summary) else ""
    canonical = ingest.canonical_url(url) if url else ""
    if ingest.existing(canonical, fp):
        raise TransitionRefused(_("This clip is already recorded."))
    matcher = Matcher()
    match = matcher.match(headline, summary, full_text)
    clip = Clip(outlet=outlet, medium=medium, published_at=published_at, headline=headline,
                page_or_programme=page_or_programme, excerpt=summary or excerpt(full_text),
                full_text=full_text, url=url, canonical_url=canonical, fingerprint=fp,
                matched_terms=match.label, created_by=by,
                suggested_tone=suggest_tone(headline, summary, full_text),
                suggestions=ingest.suggest_links(text=f"{headline}\n{summary}\n{full_text}",
                                                 links=[url] if url else [], terms=match.terms,
                                                 outlet=outlet, published_at=published_at))
    if file:
        clip.file = file
    clip.save()
    record(by=by, verb="clip_enter", target=clip, payload={"medium": medium})
    return clip


# --- Triage (the clip lifecycle, through the kernel) ----------------------------------------

@service
def clip_keep(*, clip: Clip, by, tone: str, themes=(), secretariats=(), request=None,
              publication=None, campaign=None, plan_action=None, inquiry=None) -> Clip:
    """Keep a clip for the daily clipping, with its tone, themes and links."""
    def set_lists(obj, event):
        obj.themes.set(themes)
        obj.secretariats.set(secretariats)

    def validate(obj):
        if not tone:
            raise TransitionRefused(_("Choose the tone of the clip."))

    if publication is not None and request is None:
        request = publication.request
    links = {"request": request, "publication": publication, "campaign": campaign,
             "plan_action": plan_action, "inquiry": inquiry}
    return lifecycle.move(
        clip, by=by, verb="keep", allowed=perms.can_keep, actor=perms.is_analyst,
        args=(tone, links, by), audit_verb="clip_keep", state_message=STATE_MESSAGE,
        validate=validate, related=(), after=[set_lists],
        payload={"tone": tone, "suggested": clip.suggested_tone,
                 "request": getattr(request, "pk", None),
                 "campaign": getattr(campaign, "pk", None),
                 "inquiry": getattr(inquiry, "pk", None)})


@service
def clip_discard(*, clip: Clip, by) -> Clip:
    return lifecycle.move(clip, by=by, verb="discard", allowed=perms.can_discard,
                          actor=perms.is_analyst, audit_verb="clip_discard",
                          args=(by,), state_message=STATE_MESSAGE, related=())


@service
def clip_reopen(*, clip: Clip, by) -> Clip:
    return lifecycle.move(clip, by=by, verb="reopen", allowed=perms.can_reopen,
                          actor=perms.is_analyst, audit_verb="clip_reopen",
                          state_message=STATE_MESSAGE, related=())


# --- The daily clipping's subscribers ---------------------------------------------------------

@service
def subscription_add(*, by, name: str, email: str) -> Subscription:
    lifecycle.ensure(perms.can_send_digest(by))
    subscription, created = Subscription.objects.get_or_create(
        email=email.strip().lower(), defaults={"name": name})
    if not created and not subscription.active:
        subscription.active, subscription.name = True, name
        subscription.save(update_fields=["active", "name"])
    record(by=by, verb="clip_subscribe", target=subscription, payload={"email": email})
    return subscription


@service
def unsubscribe(*, token: str) -> Subscription | None:
    """The link in every e-mail: no sign-in, the token is the permission."""
    subscription = Subscription.objects.select_for_update().filter(token=token).first()
    if subscription is None or not subscription.active:
        return subscription
    subscription.active = False
    subscription.save(update_fields=["active"])
    record(by=None, verb="clip_unsubscribe", target=subscription,
           payload={"email": subscription.email})
    return subscription


def triage_queue():
    return Clip.objects.filter(state=ClipState.TRIAGE)


@service
def term_save(*, by, **fields):
    """A search term (or exclusion) the fetcher matches from its next run."""
    from clipping.models import SearchTerm

    lifecycle.ensure(perms.can_configure(by))
    term = SearchTerm(**fields)
    term.full_clean()
    term.save()
    record(by=by, verb="clip_term_save", target=term,
           payload={"text": term.text, "exclude": term.exclude})
    return term


def negative_spike_alerts() -> int:
    """Once a day: tell the clipping analysts about each theme whose negative mentions spike
    (``clipping.selectors.negative_spikes``), once per theme and day."""
    from audit.models import AuditEvent
    from clipping.models import Theme
    from clipping.selectors import negative_spikes

    today = clock.today().isoformat()
    told = 0
    for spike in negative_spikes():
        theme = Theme.objects.filter(name=spike.theme).first()
        if theme is None or AuditEvent.objects.filter(
                verb="clip_negative_spike", target_type="clipping.theme",
                target_id=str(theme.pk), payload__day=today).exists():
            continue
        with transaction.atomic():
            record(by=None, verb="clip_negative_spike", target=theme,
                   payload={"theme": spike.theme, "recent": spike.recent,
                            "baseline": spike.baseline, "day": today})
        told += 1
    return told
