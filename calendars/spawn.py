"""A production step that files a content request: photo coverage, a video, the release.

A checklist step with a request kind (``ChecklistItem.request_kind``) files a draft content
request through ``workflows.services.request_create`` when it is copied onto an event (or
with the task's button): in the name of the person clicking when they may file for the
event's secretariat, else of that secretariat's focal point (then its head), with the
desired date relative to the event. The task keeps the request (``EventTask.request``) and
the event lists it among its coverage requests, so the request page names the event.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from calendars import permissions as perms
from calendars.models import Event, EventTask
from pauta import clock
from pauta.lifecycle import Refused, TransitionRefused, ensure, service


def open_action(event: Event, secretariat, day: dt.date):
    """The event's plan action, if the request form would offer it for that secretariat and day.

    A coverage request follows the same traceability rule as any request: only an action of the
    approved plan open for its secretariat on its date; otherwise it is filed unlinked (flagged).
    """
    from plans.selectors import actions_open_for

    if event.plan_action_id is None:
        return None
    return actions_open_for(secretariat, day).filter(pk=event.plan_action_id).first()


def requester_for(event: Event, by):
    """Who files the request: ``by`` if they may file for the event's secretariat, else its
    focal point, else its head (the first one who still may); None when nobody can."""
    from workflows.permissions import requester_for as secretariat_requester

    return secretariat_requester(event.secretariat, by)


def spawns(task: EventTask) -> bool:
    """The task's step files a content request (and the task has none yet)."""
    return bool(task.request_id is None and task.source_id and task.source.request_kind)


@service
def task_request_file(*, task: EventTask, by, system: bool = False):
    """File the draft content request of a production task whose step asks for one.

    Idempotent: a task that already has its request (a second click, two people at once)
    returns that one and writes nothing."""
    from workflows.services import request_create
    from workflows.sla import add_business_days, lead_time

    if not system:
        ensure(perms.can_manage_events(by))
    task = (EventTask.objects.select_for_update(of=("self",))
            .select_related("event__secretariat", "source__request_channel").get(pk=task.pk))
    if task.request_id:
        return task.request
    step, event = task.source, task.event
    if step is None or not step.request_kind:
        raise TransitionRefused(_("This task does not file a content request."))
    if event.is_cancelled:
        raise TransitionRefused(_("The event is cancelled: no request is filed for it."))
    requester = requester_for(event, by)
    if requester is None:
        raise TransitionRefused(_(
            "Nobody may file requests for the event's secretariat: give the event a "
            "secretariat with a focal point, or file the request yourself."))
    local = timezone.localtime(event.starts_at)
    day = local.date() + dt.timedelta(days=step.request_offset_days)
    today = clock.today()
    if day < today:
        raise TransitionRefused(_("The request's desired date (%(date)s) has passed.")
                                % {"date": day.strftime("%d/%m/%Y")})
    context = {"step": step.title, "title": event.title, "date": local.strftime("%d/%m/%Y"),
               "location": event.location or "—"}
    justification = ""
    if day < add_business_days(today, lead_time(step.request_kind)):
        justification = _("Production step “%(step)s” of the event “%(title)s” on "
                          "%(date)s.") % context
    request = request_create(
        by=requester, secretariat=event.secretariat, kind=step.request_kind,
        title=(_("%(step)s: %(title)s") % context)[:200],
        brief=_("%(step)s — event “%(title)s” on %(date)s at %(location)s.") % context,
        desired_date=day, channels=[step.request_channel] if step.request_channel else [],
        priority_justification=justification,
        plan_action=open_action(event, event.secretariat, day))
    task.request = request
    task.save(update_fields=["request"])
    event.coverage_requests.add(request)
    record(by=by, verb="calendar_task_request", target=task,
           payload={"title": task.title, "request": request.pk, "requester": requester.pk})
    return request


def file_spawned(tasks, *, by, system: bool = False) -> list:
    """After a checklist is copied: file the requests of its steps that ask for one. A step
    whose request cannot be filed now (no focal point, a date passed) keeps its button."""
    filed = []
    for task in tasks:
        if not spawns(task):
            continue
        try:
            filed.append(task_request_file(task=task, by=by, system=system))
        except Refused:
            continue
    return filed
