"""Editorial calendar (FullCalendar page + JSON), drag-to-reschedule, and event pages."""

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calendars import permissions as perms
from calendars import services
from calendars.colours import channel_classes, legend
from calendars.editorial import ABSENCES, calendar_items, layers_for
from calendars.forms import CalendarFilterForm, CoverageForm, EventForm, ImportForm
from calendars.imports import ImportRejected, import_ics
from pauta import concurrency, inputs


def _ensure(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _message(error) -> str:
    return " ".join(error.messages) if hasattr(error, "messages") else str(error)


@login_required
def calendar_view(request):
    _ensure(perms.can_view_calendar(request.user))
    form = CalendarFilterForm(request.GET or None, user=request.user)
    config = {"dataUrl": reverse("calendars:data"), "locale": request.LANGUAGE_CODE,
              "moveUrl": reverse("calendars:move", args=[0]),
              "proposeUrl": reverse("calendars:propose_date", args=[0]),
              "shown": form.cleaned_data.get("show") or [] if form.is_valid() else [],
              "inView": _("%(count)s in view"), "hidden": _("not shown (filter)"),
              "query": request.GET.urlencode(),
              "refused": _("The piece was not moved.")}
    return render(request, "calendars/calendar.html", {
        "filter_form": form, "config": config, "legend": legend(channel_classes()),
        "layers": layers_for(request.user),
        "show_absences": any(code == ABSENCES for code, _label in layers_for(request.user))})


def _form_error(form) -> str:
    return " ".join(str(m) for errors in form.errors.values() for m in errors)


@login_required
def calendar_data(request):
    """Events (recurrences expanded) and pieces in [start, end), as FullCalendar JSON."""
    _ensure(perms.can_view_calendar(request.user))
    start, end = inputs.query_moment(request.GET, "start"), inputs.query_moment(request.GET, "end")
    if end - start > dt.timedelta(days=400):
        end = start + dt.timedelta(days=400)
    form = CalendarFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return JsonResponse({"error": _form_error(form)}, status=400)
    items = calendar_items(request.user, start, end, form.cleaned_data)
    return JsonResponse(items, safe=False)


def _move_target(request):
    """The ``start`` of a JSON object body (or of the form), as an aware moment, or None."""
    if (request.content_type or "").startswith("application/json"):
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            return None
        value = payload.get("start") if isinstance(payload, dict) else None
    else:
        value = request.POST.get("start")
    return inputs.to_moment(value) if isinstance(value, str) else None


@login_required
@require_POST
def publication_move(request, pk):
    """Drag-and-drop: the same service (and permission) as the scheduling form."""
    from workflows.models import Publication
    from workflows.permissions import visible_requests
    from workflows.services import publication_reschedule

    publication = get_object_or_404(Publication.objects.select_related("request", "channel"),
                                    pk=pk, request__in=visible_requests(request.user))
    moment = _move_target(request)
    if moment is None:
        return JsonResponse({"error": _("Give the new date and time (between the years "
                                        "%(first)s and %(last)s).")
                             % {"first": inputs.MIN_YEAR, "last": inputs.MAX_YEAR}}, status=400)
    try:
        publication = publication_reschedule(publication=publication, scheduled_at=moment,
                                             by=request.user)
    except PermissionDenied:
        return JsonResponse({"error": _("You are not allowed to reschedule this piece.")},
                            status=403)
    except ValidationError as error:
        return JsonResponse({"error": _message(error)}, status=400)
    return JsonResponse({"ok": True, "start": publication.scheduled_at.isoformat(),
                         "message": _("Rescheduled.")})


def _move_day(request):
    """``start`` (and the ``from`` day it was dragged from) of a JSON object body or a form,
    as dates within 1900–2999; (None, None) when ``start`` is not one."""
    if (request.content_type or "").startswith("application/json"):
        try:
            payload = json.loads(request.body or b"{}")
        except ValueError:
            return None, None
        payload = payload if isinstance(payload, dict) else {}
    else:
        payload = request.POST
    value, seen = payload.get("start"), payload.get("from")
    day = inputs.to_date(value[:10]) if isinstance(value, str) else None
    return day, inputs.to_date(seen[:10]) if isinstance(seen, str) and day else None


@login_required
@require_POST
def planned_propose_date(request, pk):
    """Drag of a planned piece: the team proposes a new desired date; the requester is told."""
    from workflows.models import ContentRequest
    from workflows.permissions import visible_requests
    from workflows.services_planning import request_propose_date

    target = get_object_or_404(ContentRequest.objects.filter(
        pk__in=visible_requests(request.user).values("pk")), pk=pk)
    day, seen = _move_day(request)
    if day is None:
        return JsonResponse({"error": _("Give the new date (between the years %(first)s and "
                                        "%(last)s).") % {"first": inputs.MIN_YEAR,
                                                         "last": inputs.MAX_YEAR}}, status=400)
    try:
        proposal = request_propose_date(request=target, by=request.user, desired_date=day,
                                        seen=seen)
    except PermissionDenied:
        return JsonResponse({"error": _("You are not allowed to change the date of this "
                                        "request.")}, status=403)
    except ValidationError as error:
        return JsonResponse({"error": _message(error)}, status=400)
    message = _("New desired date proposed; the requester was told.")
    return JsonResponse({"ok": True, "date": proposal.request.desired_date.isoformat(),
                         "message": f"{message} {proposal.warning}".strip(),
                         "warning": proposal.warning})


@login_required
def event_list(request):
    _ensure(perms.can_view_calendar(request.user))
    since = timezone.now() - dt.timedelta(days=7)
    events = perms.visible_events(request.user).select_related("secretariat").filter(
        ends_at__gte=since).order_by("starts_at")[:300]
    return render(request, "calendars/event_list.html", {
        "events": events, "can_manage": perms.can_manage_events(request.user)})


@login_required
def event_detail(request, pk):
    from workflows.permissions import visible_requests

    event = get_object_or_404(perms.visible_events(request.user), pk=pk)
    visible = event.coverage_requests.filter(pk__in=visible_requests(request.user).values("pk"))
    from calendars.views_guests import guest_context

    tasks = task_context(request.user, event)
    spawned = [t.request_id for t, _f, _c in tasks["tasks"] if t.request_id]
    tasks["visible_requests"] = set(visible_requests(request.user).filter(
        pk__in=spawned).values_list("pk", flat=True)) if spawned else set()
    return render(request, "calendars/event_detail.html", {
        "event": event, "coverage": visible, "can_manage": perms.can_manage_events(request.user),
        "can_cover": perms.can_request_coverage(request.user, event),
        **tasks, **guest_context(request.user, event)})


def task_context(user, event) -> dict:
    """The event's production tasks and the forms to add, assign and tick them off."""
    from calendars.forms import TaskAssignForm, TaskForm
    from calendars.models import ChecklistItem

    manage = perms.can_manage_events(user)
    tasks = list(event.tasks.select_related("owner", "done_by", "source", "request"))
    rows = [(task, TaskAssignForm(prefix=f"task-{task.pk}", initial={
        "owner": task.owner_id, "due_date": task.due_date}) if manage else None,
        perms.can_tick_task(user, task)) for task in tasks]
    return {"tasks": rows, "today": timezone.localdate(),
            "task_form": TaskForm(prefix="new-task") if manage else None,
            "has_checklist": manage and ChecklistItem.objects.filter(
                kind=event.kind, active=True).exclude(
                pk__in=[t.source_id for t in tasks if t.source_id]).exists()}


@login_required
def event_form(request, pk=None):
    _ensure(perms.can_manage_events(request.user))
    event = get_object_or_404(perms.visible_events(request.user), pk=pk) if pk else None
    form = _event_form(request.POST or None, event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versions = concurrency.pop(data)
        try:
            if event:
                event = services.event_update(event=event, by=request.user, **versions, **data)
            else:
                event = services.event_create(by=request.user, **data)
            messages.success(request, _("Event saved."))
            return redirect("calendars:event_detail", pk=event.pk)
        except concurrency.EditConflict as conflict:
            event.refresh_from_db()  # the form had set its input on the instance
            form = _event_form(concurrency.refreshed(form, conflict, event,
                                                     services.FORM_FIELDS), event)
            form.add_error(None, conflict)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "calendars/event_form.html", {"form": form, "event": event})


def _event_form(data, event):
    form = EventForm(data, instance=event)
    if event is not None:
        concurrency.add_fields(form, event, services.FORM_FIELDS)
    return form


@login_required
@require_POST
def event_remove(request, pk):
    event = get_object_or_404(perms.visible_events(request.user), pk=pk)
    services.event_remove(event=event, by=request.user)
    messages.success(request, _("Event removed; subscribers see it as cancelled."))
    return redirect("calendars:event_list")


@login_required
def event_coverage(request, pk):
    """"Request coverage of this event": a content request pre-filled from the event."""
    event = get_object_or_404(perms.visible_events(request.user), pk=pk)
    _ensure(perms.can_request_coverage(request.user, event))
    local = timezone.localtime(event.starts_at)
    initial = {"brief": _("Coverage of “%(title)s” on %(date)s at %(location)s.") % {
        "title": event.title, "date": local.strftime("%d/%m/%Y %H:%M"),
        "location": event.location or "—"}, "secretariat": event.secretariat_id}
    form = CoverageForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        created = services.event_request_coverage(event=event, by=request.user,
                                                  **form.cleaned_data)
        messages.success(request, _("Coverage request created as a draft."))
        return redirect("workflows:detail", pk=created.pk)
    return render(request, "calendars/coverage_form.html", {"form": form, "event": event})


@login_required
def event_import(request):
    _ensure(perms.can_import(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_ics(data=upload.read(), kind=form.cleaned_data["kind"],
                                by=request.user, source=upload.name,
                                visibility=form.cleaned_data["visibility"])
            messages.success(request, _("%(created)s created, %(updated)s updated, "
                                        "%(unchanged)s unchanged.") % vars(result))
            for line, title, reason in result.refused:
                messages.warning(request, _("Line %(line)s: “%(title)s” was not imported: "
                                            "%(reason)s") % {"line": line, "title": title,
                                                             "reason": reason})
            return redirect("calendars:event_list")
        except ImportRejected as error:
            problems = error.problems
    return render(request, "calendars/import.html", {"form": form, "problems": problems})
