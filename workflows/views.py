"""Request pages: inbox tabs, the form, the request page and its actions. Thin: services decide."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.models import ApprovalStep
from approvals.selectors import Decisions
from approvals.views import decide_page
from org.permissions import visible_secretariats
from pauta import concurrency, inbox, inputs
from pauta.action_views import run_action
from plans.models import Channel
from workflows import forms, selectors, services
from workflows import permissions as perms
from workflows.actions import ACTIONS
from workflows.models import Attachment, ContentRequest
from workflows.uploads import name_for_type

PAGE_SIZE = 25
DECISIONS_LISTED = 25  # the oldest decisions the box above "My tasks" names (all are counted)


def _visible_or_404(user, pk) -> ContentRequest:
    request = get_object_or_404(ContentRequest.objects.select_related("secretariat"), pk=pk)
    if not perms.can_view(user, request):
        raise Http404  # no hint that it exists
    return request


@login_required
def request_list(request):
    view = request.GET.get("view") or selectors.default_view(request.user)
    if view not in selectors.VIEWS:
        view = "all"
    inputs.query_text(request.GET, "q")  # an overlong search answers 400 with a message
    can_work = request.user.has_perm(perms.WORK)
    tabs = [tab for tab in selectors.VIEWS if can_work or tab != "queue"]
    # Every decision waiting for the person, of every approvable kind (requests, campaigns…),
    # from the one approvals selector, asked once: the rows and counts of "My tasks" hold
    # the requests among them, the box above the list all of them.
    decisions = Decisions(request.user) if view in ("mine", "queue") else None
    listed = decisions.oldest(DECISIONS_LISTED) if view == "mine" else []
    queryset = selectors.request_list(request.user, view, decisions=decisions)
    filterset = forms.RequestFilter(request.GET or None, queryset=queryset)
    filterset.filters["secretariat"].queryset = visible_secretariats(request.user)
    rows, sort = selectors.sort_requests(filterset.qs, request.GET.get("sort", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    # The inbox tabs are counted together on an inbox page, where their look-ups are made
    # anyway; elsewhere "all" only (the list's query bound: workflows/tests/test_http_flow.py).
    counted = [tab for tab in tabs if tab == "all" or (
        view in ("mine", "queue") and tab in ("mine", "queue"))]
    counts = selectors.tab_counts(request.user, counted, decisions=decisions)
    filtered = any(value for key, value in request.GET.items()
                   if key not in ("view", "sort", "page"))
    if not filtered:
        counts[view] = page.paginator.count
    # "My tasks" counts every item it lists: the request rows, the decisions on other kinds
    # and the sections' tasks (event production, press questions); its tab says it on the
    # other inbox tab as well.
    sections = inbox.sections(request.user) if view in ("mine", "queue") else []
    if counts.get("mine") is not None:
        counts["mine"] += selectors.mine_beyond_requests(decisions, sections)
    return render(request, "workflows/request_list.html", {
        "view": view, "filter": filterset, "page": page, "sort": sort, "can_work": can_work,
        "filtered": filtered, "tabs": {tab: counts.get(tab) for tab in tabs},
        # The oldest decisions named in the box above the list, the others counted.
        "decisions": listed,
        "decisions_not_listed": max(decisions.count() - DECISIONS_LISTED, 0)
        if view == "mine" else 0,
        "sections": sections if view == "mine" else [],
        "can_view_workload": perms.can_view_workload(request.user)})


@login_required
def request_create(request):
    """The new-request form, with its files: saved (and submitted) together or not at all."""
    form = forms.RequestForm(request.POST or None, user=request.user)
    # A post without the file rows (a script, an older page) files the request without files.
    with_files = request.method == "POST" and "files-TOTAL_FORMS" in request.POST
    files = forms.AttachmentFormSet(request.POST if with_files else None,
                                    request.FILES if with_files else None, prefix="files")
    parts = forms.request_form_parts(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid() & (files.is_valid() or not with_files) \
            & all(part.is_valid() for part in parts):
        data = form.cleaned_data
        try:  # one transaction: a refused submission leaves no draft and no file behind
            created = services.request_create(
                by=request.user, submit="submit" in request.POST,
                attachments=files.attachments() if with_files else (),
                extras=[lambda obj, part=part: part.save(obj, request.user) for part in parts],
                **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Request submitted to the communication team.")
                             if "submit" in request.POST else _("Draft saved."))
            _part_notes(request, parts)
            return redirect("workflows:detail", pk=created.pk)
    return render(request, "workflows/request_form.html", {
        "form": form, "files": files, "lead_times": form.lead_times(), "parts": parts,
        "parts_errors": any(part.is_bound and part.errors for part in parts),
        "files_to_choose_again": files.files_chosen() if with_files else [],
        "upload_limit_bytes": settings.UPLOAD_MAX_REQUEST_BYTES,
        "upload_limit_mb": settings.UPLOAD_MAX_REQUEST_BYTES // (1024 * 1024)})


@login_required
def request_edit(request, pk):
    obj = _visible_or_404(request.user, pk)
    if not perms.can_edit_brief(request.user, obj):
        raise PermissionDenied
    form = _brief_form(request.POST or None, obj, request.user)
    parts = forms.request_form_parts(request.user, request.POST or None, obj)
    if request.method == "POST" and form.is_valid() & all(part.is_valid() for part in parts):
        data = {k: v for k, v in form.cleaned_data.items() if k != "secretariat"}
        try:
            with transaction.atomic():  # the brief and the parts together or not at all
                services.request_update(request=obj, by=request.user,
                                        **concurrency.pop(data), **data)
                for part in parts:
                    part.save(obj, request.user)
        except concurrency.EditConflict as conflict:
            obj = ContentRequest.objects.get(pk=obj.pk)
            form = _brief_form(concurrency.refreshed(form, conflict, obj, services.BRIEF_FIELDS),
                               obj, request.user)
            form.add_error(None, conflict)
        except ValidationError as error:  # the service's own rules (dates)
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            _part_notes(request, parts)
            return redirect("workflows:detail", pk=obj.pk)
    return render(request, "workflows/request_form.html", {"form": form, "object": obj,
                                                           "lead_times": form.lead_times(),
                                                           "parts": parts, "parts_errors": any(
                                                               part.is_bound and part.errors
                                                               for part in parts)})


def _part_notes(request, parts) -> None:
    for part in parts:
        for level, note in part.notes:  # ("success" | "warning", sentence)
            getattr(messages, level)(request, note)


def _brief_form(data, obj, user):
    form = forms.RequestForm(data, instance=obj, user=user)
    concurrency.add_fields(form, obj, services.BRIEF_FIELDS)
    return form


# The verbs the Actions card shows as buttons or forms (``_actions.html``), in its order.
PAGE_ACTIONS = ("submit", "answer_info", "accept", "take", "assign", "return_for_info",
                "reject", "send_to_review", "schedule", "publish", "archive", "rate",
                "withdraw")


@login_required
def request_detail(request, pk):
    obj = _visible_or_404(request.user, pk)
    obj = selectors.request_page(obj.pk)
    user = request.user
    steps = [s for s in obj.approval_steps.all() if s.review_round == obj.review_round]
    can = ACTIONS.can(user, obj)
    decidable = [s for s in steps if perms.can_decide_step(user, s)]
    publications = list(obj.publications.all())
    schedule = forms.ScheduleForm(publications=publications)
    context = {
        "object": obj, "timeline": selectors.timeline(user, obj), "steps": steps,
        "pending_steps": [s for s in steps if s.status == "pending"],
        "decidable": decidable, "can": can, "team": perms.is_team(user),
        # What this person can do now: the Actions card says "nothing" only when it is so.
        "has_actions": bool(decidable) or can["edit"] or can["produce"] or any(
            can[verb] for verb in PAGE_ACTIONS if verb != "schedule") or (
            can["schedule"] and bool(schedule.fields)),
        # Whose turn says "yours" for the work of the state, not for what is always possible
        # (reassigning, withdrawing).
        "your_turn": bool(decidable) or any(can[verb] for verb in PAGE_ACTIONS if verb not in (
            "take", "assign", "withdraw", "schedule")) or can["produce"] or (
            can["schedule"] and bool(schedule.fields)),
        "forms": {"question": forms.QuestionForm(), "answer": forms.AnswerForm(),
                  "reject": forms.RejectForm(), "comment": forms.CommentForm(),
                  "attachment": forms.AttachmentForm(), "rating": forms.RatingForm(),
                  "assign": forms.AssignForm(request=obj if can["assign"] else None),
                  "schedule": schedule,
                  "publish": forms.PublishForm(publications=publications)},
        "channels_without_text": [c for c in obj.channels.all()
                                  if c.pk not in {p.channel_id for p in publications}],
    }
    return render(request, "workflows/request_detail.html", context)


@login_required
@require_POST
def request_action(request, pk, action):
    """Every button of the request page (``workflows.actions``)."""
    obj = _visible_or_404(request.user, pk)
    run_action(request, registry=ACTIONS, obj=obj, verb=action)
    return redirect("workflows:detail", pk=obj.pk)


@login_required
def publication_edit(request, pk, channel_pk):
    obj = _visible_or_404(request.user, pk)
    if not perms.can_produce(request.user, obj):
        raise PermissionDenied
    channel = get_object_or_404(Channel, pk=channel_pk, requests=obj)
    current = obj.publications.filter(channel=channel).first()
    form = _text_form(request.POST or None, obj, current)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "attachments" in data:
            data["attachments"] = list(data["attachments"])
        try:
            services.publication_save(request=obj, by=request.user, channel=channel,
                                      **concurrency.pop(data), **data)
        except concurrency.EditConflict as conflict:
            current = obj.publications.filter(channel=channel).first()
            form = _text_form(concurrency.refreshed(form, conflict, current,
                                                    services.TEXT_FIELDS), obj, current)
            form.add_error(None, conflict)
        except ValidationError as refused:  # a file taken off the request meanwhile
            form.add_error(None, refused.messages)
        else:
            messages.success(request, _("Text saved."))
            return redirect("workflows:detail", pk=obj.pk)
    return render(request, "workflows/publication_form.html",
                  {"form": form, "object": obj, "channel": channel})


def _text_form(data, obj, current):
    initial = {"title": current.title, "body": current.body,
               "excerpt": current.excerpt} if current else {"title": obj.title}
    initial["attachments"] = list(current.files() if current else obj.attachments.all())
    form = forms.PublicationForm(data, initial=initial, request=obj)
    concurrency.add_fields(form, current, services.TEXT_FIELDS)
    return form


@login_required
@require_POST
def attachment_upload(request, pk):
    obj = _visible_or_404(request.user, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.attachment_add(request=obj, by=request.user, uploaded=data["file"],
                                    alt_text=data["alt_text"], shows_minors=data["shows_minors"],
                                    consent_recorded=data["consent_recorded"])
            messages.success(request, _("File attached."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("workflows:detail", pk=obj.pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    obj = _visible_or_404(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, request=obj)
    response = FileResponse(attachment.file.open("rb"), as_attachment=not attachment.is_image,
                            filename=name_for_type(attachment.original_name,
                                                   attachment.content_type),
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def step_decide_view(request, pk, step_pk):
    obj = _visible_or_404(request.user, pk)
    step = get_object_or_404(ApprovalStep.objects.select_related("request"), pk=step_pk,
                             request=obj)
    return decide_page(request, obj=obj, step=step,
                       back_url=reverse("workflows:detail", args=[obj.pk]))
