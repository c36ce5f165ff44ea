"""Producing an event: its tasks, copied from the kind's checklist, owned and ticked off.

When an event of a kind with a checklist (``ChecklistItem`` rows, in the admin) is added, its
tasks are created with due dates relative to the event's day (D-7, D-1, D+1). A moved event
moves the due dates of its checklist tasks that are still open. Event managers add, assign
and re-date tasks; a task's owner or an event manager ticks it off. Every change is audited
on the event's timeline.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from calendars import permissions as perms
from calendars.models import ChecklistItem, Event, EventTask
from calendars.spawn import file_spawned
from pauta import clock
from pauta.lifecycle import TransitionRefused, ensure, service


def event_day(event: Event) -> dt.date:
    return timezone.localdate(event.starts_at)


def _due(event: Event, offset: int) -> dt.date:
    return event_day(event) + dt.timedelta(days=offset)


def _check_owner(owner) -> None:
    if owner is not None and not (owner.is_active and perms.can_own_tasks(owner)):
        raise TransitionRefused(_("%(name)s cannot own event tasks.") % {"name": owner})


@service
def checklist_apply(*, event: Event, by, system: bool = False) -> list[EventTask]:
    """Copy the kind's active checklist steps onto the event (those it does not have yet).
    ``system``: the demo's seeding or an import, with no person behind it."""
    if not system:
        ensure(perms.can_manage_events(by))
    have = set(event.tasks.filter(source__isnull=False).values_list("source_id", flat=True))
    steps = [s for s in ChecklistItem.objects.filter(kind=event.kind, active=True)
             if s.pk not in have]
    tasks = []
    for step in steps:
        try:
            with transaction.atomic():
                tasks.append(EventTask.objects.create(
                    event=event, title=step.title, due_date=_due(event, step.offset_days),
                    owner=step.owner if step.owner and step.owner.is_active else None,
                    source=step, position=step.position))
        except IntegrityError:  # another request copied the same step at the same moment
            continue
    if tasks:
        record(by=by, verb="calendar_checklist_apply", target=event,
               payload={"tasks": len(tasks)})
        file_spawned(tasks, by=by, system=system)
    return tasks


def follow_event_date(event: Event, previous_day: dt.date) -> int:
    """The event moved: its open checklist tasks move with it (hand-made dates stay)."""
    shift = event_day(event) - previous_day
    if not shift:
        return 0
    moved = 0
    for task in event.tasks.filter(done_at__isnull=True, source__isnull=False):
        task.due_date += shift
        task.save(update_fields=["due_date"])
        moved += 1
    return moved


@service
def task_add(*, event: Event, by, title: str, due_date: dt.date, owner=None) -> EventTask:
    ensure(perms.can_manage_events(by))
    title = (title or "").strip()
    if not title:
        raise TransitionRefused(_("Name the task."))
    _check_owner(owner)
    task = EventTask.objects.create(event=event, title=title[:200], due_date=due_date,
                                    owner=owner, position=999)
    record(by=by, verb="calendar_task_add", target=task,
           payload={"title": task.title, "owner": owner.pk if owner else None})
    return task


@service
def task_assign(*, task: EventTask, by, owner, due_date: dt.date) -> EventTask:
    ensure(perms.can_manage_events(by))
    task = EventTask.objects.select_for_update().get(pk=task.pk)
    _check_owner(owner)
    changed = {}
    if task.owner_id != (owner.pk if owner else None):
        changed["owner"] = owner.pk if owner else None
    if task.due_date != due_date:
        changed["due_date"] = due_date.isoformat()
    if changed:
        task.owner, task.due_date = owner, due_date
        task.save(update_fields=["owner", "due_date"])
        record(by=by, verb="calendar_task_assign", target=task,
               payload={"title": task.title, **changed})
    return task


@service
def task_done(*, task: EventTask, by, done: bool = True) -> EventTask:
    """Tick a task off (or open it again): its owner or an event manager."""
    task = EventTask.objects.select_for_update().select_related("event").get(pk=task.pk)
    ensure(perms.can_tick_task(by, task))
    if task.done == done:
        return task  # a second click, or two people at once: nothing to change
    task.done_at, task.done_by = (clock.now(), by) if done else (None, None)
    task.save(update_fields=["done_at", "done_by"])
    record(by=by, verb="calendar_task_done" if done else "calendar_task_reopen", target=task,
           payload={"title": task.title})
    return task


def my_open_tasks(user, *, days: int = 14):
    """The person's open event tasks due within ``days`` (or overdue), soonest first."""
    horizon = clock.today() + dt.timedelta(days=days)
    return (EventTask.objects.filter(owner=user, done_at__isnull=True, due_date__lte=horizon,
                                     event__removed=False)
            .exclude(event__status="cancelled").select_related("event")
            .order_by("due_date", "pk"))


INBOX_LIMIT = 20


def inbox_section(user) -> dict | None:
    """The calendar part of "My tasks" (``pauta.inbox``): the person's open event production
    tasks due within two weeks or overdue, soonest first, whatever their role (one query)."""
    if not getattr(user, "is_authenticated", False):
        return None
    tasks = list(my_open_tasks(user)[:INBOX_LIMIT + 1])
    if not tasks:
        return None
    more = len(tasks) > INBOX_LIMIT
    # The tab counts every open task due soon, those behind "more" too (a query only then).
    total = my_open_tasks(user).count() if more else len(tasks)
    return {"tasks": tasks[:INBOX_LIMIT], "more": more, "more_count": total - INBOX_LIMIT,
            "count": total, "today": clock.today()}
