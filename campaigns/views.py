"""Campaign pages: list, form, the campaign page and its actions, decisions, yearly spend.

Thin: the campaign services decide, ``campaigns.permissions`` answers who may do what and
``campaigns.actions`` lists the buttons.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.models import ApprovalStep
from approvals.views import decide_page
from campaigns import forms, selectors, services
from campaigns import permissions as perms
from campaigns.actions import ACTIONS
from campaigns.models import Campaign, CampaignState
from pauta import clock
from pauta.action_views import run_action

PAGE_SIZE = 25


def _visible_or_404(user, pk) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("secretariat"), pk=pk)
    if not perms.can_view_campaign(user, campaign):
        raise Http404  # no hint that it exists
    return campaign


@login_required
def campaign_list(request):
    state = request.GET.get("state", "")
    if state not in CampaignState.values:
        state = ""
    page = Paginator(selectors.campaign_list(request.user, state), PAGE_SIZE).get_page(
        request.GET.get("page"))
    page.object_list = selectors.with_totals(page.object_list)
    return render(request, "campaigns/list.html", {
        "page": page, "state": state, "states": CampaignState.choices,
        "year": clock.today().year})


@login_required
def campaign_create(request):
    form = forms.CampaignForm(request.POST or None, user=request.user)
    pieces = forms.PieceFormSet(request.POST or None, prefix="pieces")
    if request.method == "POST" and form.is_valid():
        for piece in pieces:
            piece.period = (form.cleaned_data["start"], form.cleaned_data["end"])
        if not pieces.is_valid() and any("desired_date" in e for e in pieces.errors):
            # Said at the top too: the pieces are further down the page.
            form.add_error(None, _("The piece's date must fall within the campaign period."))
    if request.method == "POST" and form.is_valid() and pieces.is_valid():
        rows = [row for row in pieces.cleaned_data if row.get("title")]
        try:  # one transaction: a refused submission leaves no draft behind
            campaign = services.campaign_create(by=request.user, pieces=rows,
                                                submit="submit" in request.POST,
                                                **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign submitted to the communication team.")
                             if "submit" in request.POST else _("Draft saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "pieces": pieces})


@login_required
def campaign_edit(request, pk):
    campaign = _visible_or_404(request.user, pk)
    if not perms.can_edit_campaign(request.user, campaign):
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "secretariat"}
        try:
            services.campaign_update(campaign=campaign, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "object": campaign})


@login_required
def campaign_detail(request, pk):
    campaign = selectors.campaign_page(_visible_or_404(request.user, pk).pk)
    user = request.user
    pieces = selectors.pieces_timeline(campaign)
    steps = [s for s in campaign.approval_steps.all() if s.review_round == campaign.review_round]
    can = ACTIONS.can(user, campaign)
    return render(request, "campaigns/detail.html", {
        "object": campaign, "pieces": pieces, "progress": selectors.progress(pieces),
        "budget": selectors.budget(campaign), "spend": campaign.spend.all(),
        "limit_warnings": selectors.spend_limit_warnings(campaign),
        "compliance": selectors.compliance_findings(pieces),
        "steps": steps, "decidable": {s.pk for s in steps
                                      if perms.can_decide_step(user, s)},
        "events": selectors.campaign_events(campaign), "can": can,
        "draft_pieces": any(p.state == "draft" for p in pieces),
        "forms": {"piece": forms.PieceForm(prefix="piece"), "spend": forms.SpendForm(),
                  "cancel": forms.ReasonForm(), "return": forms.ReturnForm()},
    })


@login_required
@require_POST
def campaign_action(request, pk, action):
    """Every button of the campaign page (``campaigns.actions``)."""
    campaign = _visible_or_404(request.user, pk)
    done = run_action(request, registry=ACTIONS, obj=campaign, verb=action)
    if done and action == "spend":
        for warning in selectors.spend_limit_warnings(Campaign.objects.get(pk=campaign.pk)):
            messages.warning(request, warning)
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
def step_decide(request, pk, step_pk):
    campaign = _visible_or_404(request.user, pk)
    step = get_object_or_404(ApprovalStep.objects.select_related("campaign"), pk=step_pk,
                             campaign=campaign)
    return decide_page(request, obj=campaign, step=step,
                       back_url=reverse("campaigns:detail", args=[campaign.pk]),
                       warnings=selectors.spend_limit_warnings(campaign))


@login_required
def year_spend(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    return render(request, "campaigns/spend.html",
                  {"data": selectors.year_spend(request.user, year)})
