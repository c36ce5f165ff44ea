"""Ideas pages: the list, the proposal form, an idea's page and its actions, and turning an
accepted idea into a content request. Thin: the services decide, ``ideas.permissions``
answers who may do what and ``ideas.actions`` lists the buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.selectors import events_for
from ideas import forms, selectors, services
from ideas import permissions as perms
from ideas.actions import ACTIONS
from ideas.models import Attachment, Idea, IdeaState
from pauta.action_views import run_action
from pauta.lifecycle import NotAllowed

PAGE_SIZE = 25


def _visible_or_404(user, pk) -> Idea:
    idea = get_object_or_404(Idea, pk=pk)
    if not perms.can_view_idea(user, idea):
        raise PermissionDenied
    return idea


@login_required
def idea_list(request):
    state = request.GET.get("state", "")
    if state not in IdeaState.values:
        state = ""
    sort = request.GET.get("sort", "recent")
    if sort not in selectors.SORTS:
        sort = "recent"
    mine = request.GET.get("mine") == "1"
    page = Paginator(selectors.idea_list(request.user, state=state, sort=sort, mine=mine),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.state_counts()
    tabs = [("", _("All"), counts[""])] + [
        (value, label, counts[value]) for value, label in IdeaState.choices]
    return render(request, "ideas/list.html", {
        "page": page, "state": state, "sort": sort, "mine": mine, "tabs": tabs})


@login_required
def idea_create(request):
    if not perms.can_propose(request.user):
        raise PermissionDenied
    form = forms.IdeaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_propose(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your idea was sent to the communication "
                                        "team."))
            if idea.anonymous:
                return redirect("ideas:list")
            return redirect("ideas:detail", pk=idea.pk)
    return render(request, "ideas/form.html", {"form": form})


@login_required
def idea_detail(request, pk):
    idea = selectors.idea_page(_visible_or_404(request.user, pk).pk)
    return render(request, "ideas/detail.html", {
        "object": idea, "can": ACTIONS.can(request.user, idea),
        "show_author": perms.can_see_author(request.user, idea),
        "triager": perms.is_triager(request.user, idea),
        "request_blocked": perms.request_blocked(request.user, idea),
        "events": events_for(idea),
        "forms": {"comment": forms.CommentForm(), "decline": forms.DeclineForm()}})


@login_required
def idea_attachment(request, pk, attachment_pk):
    """The file of an idea, to whoever may read the idea (served as a download unless it is
    an image; its type is the one read from its content)."""
    idea = _visible_or_404(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, idea=idea)
    response = FileResponse(attachment.file.open("rb"), as_attachment=not attachment.is_image,
                            filename=attachment.original_name,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def idea_action(request, pk, action):
    """Every button of the idea page (``ideas.actions``)."""
    idea = _visible_or_404(request.user, pk)
    run_action(request, registry=ACTIONS, obj=idea, verb=action)
    return redirect("ideas:detail", pk=idea.pk)


@login_required
def idea_make_campaign(request, pk):
    idea = _visible_or_404(request.user, pk)
    if not perms.can_make_campaign(request.user, idea):
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None, user=request.user, idea=idea)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.idea_make_campaign(idea=idea, by=request.user,
                                                   **form.cleaned_data)
        except NotAllowed as refusal:
            raise PermissionDenied(refusal.messages[0]) from refusal
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft campaign created from the idea: complete it "
                                        "and submit it to the team."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "ideas/make_campaign.html", {"form": form, "object": idea})


@login_required
def idea_make_plan_action(request, pk):
    """The plan's own action form, filled from the idea, for the plan in draft."""
    from plans.forms import PlanActionForm
    from plans.models import PlanAction

    idea = _visible_or_404(request.user, pk)
    if not perms.can_make_plan_action(request.user, idea):
        raise PermissionDenied
    plan = perms.draft_plan_for(request.user)
    form = PlanActionForm(request.POST or None, instance=PlanAction(plan=plan), initial={
        "title": idea.title[:200], "owner": idea.secretariat_id})
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        action.form_channels = form.cleaned_data["channels"]
        action.form_audiences = form.cleaned_data["audiences"]
        try:
            services.idea_make_plan_action(idea=idea, by=request.user, action=action)
        except NotAllowed as refusal:
            raise PermissionDenied(refusal.messages[0]) from refusal
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The idea is now an action of the plan."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "ideas/make_plan_action.html", {"form": form, "object": idea,
                                                           "plan": plan})


@login_required
def idea_make_request(request, pk):
    idea = _visible_or_404(request.user, pk)
    if not perms.can_make_request(request.user, idea):
        raise PermissionDenied
    form = forms.RequestForm(request.POST or None, user=request.user, idea=idea)
    if request.method == "POST" and form.is_valid():
        try:
            content_request = services.idea_make_request(idea=idea, by=request.user,
                                                         **form.cleaned_data)
        except NotAllowed as refusal:
            raise PermissionDenied(refusal.messages[0]) from refusal
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft request created from the idea: complete it "
                                        "and submit it to the team."))
            return redirect("workflows:detail", pk=content_request.pk)
    on_behalf = None
    if idea.secretariat_id and not perms.can_create_for(request.user, idea.secretariat):
        on_behalf = perms.on_behalf_requester(request.user, idea)
    return render(request, "ideas/make_request.html", {"form": form, "object": idea,
                                                       "on_behalf": on_behalf})
