"""How the facts hear of new audit events and holiday changes (connected in
``reports.apps``). No query is added to the writing transaction: after it commits, audit's
own ``event_recorded`` broadcast (one per event, sent only for news) enqueues one huey
catch-up for the burst — the first event of a transaction enqueues, the rest within a second
are covered (every event of that transaction is committed before the first broadcast)."""

from django.core.cache import cache

QUEUED_KEY = "kpi:facts:catch-up-queued"
BURST_SECONDS = 1  # events broadcast within this window share one catch-up


def enqueue_catch_up() -> None:
    from reports.tasks import facts_catch_up

    facts_catch_up()


def audit_event_recorded(sender, event, **_kwargs) -> None:
    """``audit.signals.event_recorded`` (after commit): one catch-up per burst of events.
    A later burst skipped by the window is folded by the periodic job, or by the next
    dashboard read."""
    if cache.add(QUEUED_KEY, event.pk, timeout=BURST_SECONDS):
        enqueue_catch_up()


def holiday_changed(sender, **_kwargs) -> None:
    """post_save / post_delete of a Holiday: the business-day calendar is rebuilt on next read."""
    from reports.facts.calendar import forget_calendar

    forget_calendar()
