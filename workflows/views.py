"""Request pages: inbox tabs, the form, the request page and its actions. Thin: services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from approvals.models import ApprovalStep
from approvals.services import step_decide
from org.permissions import visible_secretariats
from pauta import concurrency, inputs
from plans.models import Channel
from workflows import forms, selectors, services
from workflows import permissions as perms
from workflows.models import Attachment, ContentRequest
from workflows.uploads import name_for_type

PAGE_SIZE = 25


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
    queryset = selectors.request_list(request.user, view)
    filterset = forms.RequestFilter(request.GET or None, queryset=queryset)
    filterset.filters["secretariat"].queryset = visible_secretariats(request.user)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    from workflows.selectors_campaigns import campaign_steps_waiting_for

    return render(request, "workflows/request_list.html", {
        "view": view, "filter": filterset, "page": page,
        "can_work": request.user.has_perm(perms.WORK),
        # Campaign decisions share the inbox; they are listed from the steps (no process).
        "campaign_steps": campaign_steps_waiting_for(request.user) if view == "mine" else []})


@login_required
def request_create(request):
    form = forms.RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.request_create(by=request.user, **data)
            if "submit" in request.POST:
                services.request_submit(request=created, by=request.user)
                messages.success(request, _("Request submitted to the communication team."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect("workflows:detail", pk=created.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "workflows/request_form.html", {"form": form})


@login_required
def request_edit(request, pk):
    obj = _visible_or_404(request.user, pk)
    if not perms.can_edit_brief(request.user, obj):
        raise PermissionDenied
    form = _brief_form(request.POST or None, obj, request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "secretariat"}
        try:
            services.request_update(request=obj, by=request.user, **concurrency.pop(data),
                                    **data)
        except concurrency.EditConflict as conflict:
            obj = ContentRequest.objects.get(pk=obj.pk)
            form = _brief_form(concurrency.refreshed(form, conflict, obj, services.BRIEF_FIELDS),
                               obj, request.user)
            form.add_error(None, conflict)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("workflows:detail", pk=obj.pk)
    return render(request, "workflows/request_form.html", {"form": form, "object": obj})


def _brief_form(data, obj, user):
    form = forms.RequestForm(data, instance=obj, user=user)
    concurrency.add_fields(form, obj, services.BRIEF_FIELDS)
    return form


@login_required
def request_detail(request, pk):
    obj = _visible_or_404(request.user, pk)
    obj = selectors.request_page(obj.pk)
    user = request.user
    steps = [s for s in obj.approval_steps.all() if s.review_round == obj.review_round]
    context = {
        "object": obj, "timeline": selectors.timeline(user, obj), "steps": steps,
        "decidable": [s for s in steps if perms.can_decide_step(user, s)],
        "can": {name: check(user, obj) for name, check in ACTION_CHECKS.items()},
        "team": perms.is_team(user),
        "forms": {"question": forms.QuestionForm(), "answer": forms.AnswerForm(),
                  "reject": forms.RejectForm(), "comment": forms.CommentForm(),
                  "attachment": forms.AttachmentForm(), "decision": forms.DecisionForm(),
                  "rating": forms.RatingForm(), "assign": forms.AssignForm(),
                  "schedule": forms.ScheduleForm(publications=obj.publications.all()),
                  "publish": forms.PublishForm(publications=obj.publications.all())},
        "channels_without_text": [c for c in obj.channels.all()
                                  if c.pk not in {p.channel_id for p in obj.publications.all()}],
    }
    return render(request, "workflows/request_detail.html", context)


def _submit(req, user, data):
    return services.request_submit(request=req, by=user)


ACTIONS = {
    # name: (form class or None, service call, success message marked for extraction)
    "submit": (None, _submit, gettext_noop("Request submitted.")),
    "accept": (None, lambda r, u, d: services.request_accept(request=r, by=u),
               gettext_noop("Request accepted and assigned to you.")),
    "take": (None, lambda r, u, d: services.request_assign(request=r, by=u, assignee=u),
             gettext_noop("The request is now assigned to you.")),
    "assign": (forms.AssignForm, lambda r, u, d: services.request_assign(
        request=r, by=u, assignee=d["assignee"]), gettext_noop("Request assigned.")),
    "return_for_info": (forms.QuestionForm, lambda r, u, d: services.request_return_for_info(
        request=r, by=u, question=d["question"]), gettext_noop("Question sent to the requester.")),
    "answer_info": (forms.AnswerForm, lambda r, u, d: services.request_answer_info(
        request=r, by=u, answer=d["answer"]), gettext_noop("Answer sent.")),
    "reject": (forms.RejectForm, lambda r, u, d: services.request_reject_at_triage(
        request=r, by=u, reason=d["reason"].code, comment=d["comment"]),
        gettext_noop("Request rejected.")),
    "withdraw": (None, lambda r, u, d: services.request_withdraw(request=r, by=u),
                 gettext_noop("Request withdrawn.")),
    "send_to_review": (None, lambda r, u, d: services.request_send_to_review(request=r, by=u),
                       gettext_noop("Sent for approval.")),
    "schedule": (None, None, gettext_noop("Scheduled.")),
    "publish": (None, None, gettext_noop("Publication recorded.")),
    "archive": (None, lambda r, u, d: services.request_archive(request=r, by=u),
                gettext_noop("Archived.")),
    "rate": (forms.RatingForm, lambda r, u, d: services.request_rate(
        request=r, by=u, rating=d["rating"], comment=d["comment"]),
        gettext_noop("Thank you for rating.")),
    "comment": (forms.CommentForm, lambda r, u, d: services.comment_add(
        request=r, by=u, body=d["body"], internal=d["internal"]), gettext_noop("Comment added.")),
}
ACTION_CHECKS = {
    "edit": perms.can_edit_brief, "submit": perms.can_submit, "accept": perms.can_triage,
    "take": lambda u, r: perms.can_assign(u, r) and r.assignee_id != u.pk,
    "assign": perms.can_assign,
    "return_for_info": perms.can_triage, "answer_info": perms.can_answer_info,
    "reject": perms.can_triage, "withdraw": perms.can_withdraw,
    "produce": perms.can_produce, "send_to_review": perms.can_produce,
    "schedule": perms.can_schedule, "publish": perms.can_publish, "archive": perms.can_archive,
    "rate": perms.can_rate, "comment": perms.can_comment, "attach": perms.can_attach,
}


@login_required
@require_POST
def request_action(request, pk, action):
    obj = _visible_or_404(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call, message = ACTIONS[action]
    data = {}
    if action == "schedule":
        form = forms.ScheduleForm(request.POST, publications=obj.publications.all())
        if not form.is_valid():
            messages.error(request, _("Fill in a valid date and time for every channel."))
            return redirect("workflows:detail", pk=obj.pk)
        call = lambda r, u, d: services.request_schedule(request=r, by=u, when=form.when())  # noqa: E731
    elif action == "publish":
        form = forms.PublishForm(request.POST, publications=obj.publications.all())
        if not form.is_valid():
            messages.error(request, _("Enter a valid web address for each channel, or leave it "
                                      "empty."))
            return redirect("workflows:detail", pk=obj.pk)
        call = lambda r, u, d: services.request_publish(request=r, by=u, urls=form.urls())  # noqa: E731
    elif form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("workflows:detail", pk=obj.pk)
        data = form.cleaned_data
    try:
        call(obj, request.user, data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _(message))
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
        try:
            services.publication_save(request=obj, by=request.user, channel=channel,
                                      **concurrency.pop(data), **data)
        except concurrency.EditConflict as conflict:
            current = obj.publications.filter(channel=channel).first()
            form = _text_form(concurrency.refreshed(form, conflict, current,
                                                    services.TEXT_FIELDS), obj, current)
            form.add_error(None, conflict)
        else:
            messages.success(request, _("Text saved."))
            return redirect("workflows:detail", pk=obj.pk)
    return render(request, "workflows/publication_form.html",
                  {"form": form, "object": obj, "channel": channel})


def _text_form(data, obj, current):
    initial = {"title": current.title, "body": current.body,
               "excerpt": current.excerpt} if current else {"title": obj.title}
    form = forms.PublicationForm(data, initial=initial)
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
    if not perms.can_decide_step(request.user, step):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            step_decide(step=step, by=request.user, outcome=data["outcome"],
                        comment=data["comment"], reason=data["reason"])
            messages.success(request, _("Decision recorded."))
            return redirect("workflows:detail", pk=obj.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "workflows/decide.html", {"form": form, "object": obj, "step": step})
