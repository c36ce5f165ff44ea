"""How the facts hear of new audit events and holiday changes (connected in
``reports.apps``). No query is added to the writing transaction: one huey task is enqueued
after it commits, however many events it wrote."""

from django.db import transaction

from pauta import clock


def enqueue_catch_up() -> None:
    from reports.tasks import facts_catch_up

    facts_catch_up()


def audit_event_saved(sender, instance, created, raw=False, **_kwargs) -> None:
    """post_save of an AuditEvent: schedule one catch-up for when the transaction commits."""
    # Generated history (the demo's seeding, inside ``clock.travel``) enqueues nothing: the
    # periodic job or the next dashboard folds it in bulk.
    if not created or raw or not clock.is_news():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        enqueue_catch_up()
        return
    # Once per transaction: Django drops the pending callbacks of a rolled-back block.
    if any(func is enqueue_catch_up for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(enqueue_catch_up)


def holiday_changed(sender, **_kwargs) -> None:
    """post_save / post_delete of a Holiday: the business-day calendar is rebuilt on next read."""
    from reports.facts.calendar import forget_calendar

    forget_calendar()
