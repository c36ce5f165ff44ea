"""An event's production tasks: add, assign and re-date, tick off, copy the kind's checklist.
Each view posts and goes back to the event page, saying what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from calendars import checklists, spawn
from calendars import permissions as perms
from calendars.forms import TaskAssignForm, TaskForm
from calendars.models import EventTask


def _event(request, pk):
    return get_object_or_404(perms.visible_events(request.user), pk=pk)


def _task(request, pk, task_pk):
    return get_object_or_404(EventTask, pk=task_pk, event=_event(request, pk))


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _back(pk):
    return redirect(f"{_event_url(pk)}#tasks-h")


def _event_url(pk) -> str:
    from django.urls import reverse

    return reverse("calendars:event_detail", args=[pk])


def _run(request, work, done: str) -> None:
    try:
        work()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)


@login_required
@require_POST
def task_add(request, pk):
    event = _event(request, pk)
    if not perms.can_manage_events(request.user):
        raise PermissionDenied
    form = TaskForm(request.POST, prefix="new-task")
    if not form.is_valid():
        _errors(request, form)
        return _back(pk)
    _run(request, lambda: checklists.task_add(event=event, by=request.user, **form.cleaned_data),
         _("Task added."))
    return _back(pk)


@login_required
@require_POST
def task_assign(request, pk, task_pk):
    task = _task(request, pk, task_pk)
    if not perms.can_manage_events(request.user):
        raise PermissionDenied
    form = TaskAssignForm(request.POST, prefix=f"task-{task.pk}")
    if not form.is_valid():
        _errors(request, form)
        return _back(pk)
    _run(request, lambda: checklists.task_assign(task=task, by=request.user,
                                                 **form.cleaned_data), _("Task saved."))
    return _back(pk)


@login_required
@require_POST
def task_done(request, pk, task_pk):
    task = _task(request, pk, task_pk)
    if not perms.can_tick_task(request.user, task):
        raise PermissionDenied
    done = request.POST.get("done") != "0"
    _run(request, lambda: checklists.task_done(task=task, by=request.user, done=done),
         _("Task ticked off.") if done else _("Task reopened."))
    return _back(pk)


@login_required
@require_POST
def checklist_apply(request, pk):
    event = _event(request, pk)
    if not perms.can_manage_events(request.user):
        raise PermissionDenied
    tasks = checklists.checklist_apply(event=event, by=request.user)
    if tasks:
        messages.success(request, ngettext(
            "%(n)s task added from the checklist.", "%(n)s tasks added from the checklist.",
            len(tasks)) % {"n": len(tasks)})
    else:
        messages.info(request, _("The event already has every step of its checklist."))
    return _back(pk)


@login_required
@require_POST
def task_request(request, pk, task_pk):
    """File the content request a task's step asks for (a second click changes nothing)."""
    task = _task(request, pk, task_pk)
    if not perms.can_manage_events(request.user):
        raise PermissionDenied
    had = task.request_id
    try:
        filed = spawn.task_request_file(task=task, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        if had:
            messages.info(request, _("This task already has its content request."))
        else:
            messages.success(request, _("Draft content request #%(pk)s filed.")
                             % {"pk": filed.pk})
    return _back(pk)
