"""Campaign pages: list, form, the campaign page and its actions, decisions, yearly spend.

Thin: the campaign services decide, ``workflows.permissions`` answers who may do what.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from approvals.models import ApprovalStep
from pauta import clock
from workflows import forms as request_forms
from workflows import forms_campaigns as forms
from workflows import permissions as perms
from workflows import selectors_campaigns as selectors
from workflows import services_campaigns as services
from workflows.models import Campaign, CampaignState

PAGE_SIZE = 25


def _visible_or_404(user, pk) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("secretariat"), pk=pk)
    if not perms.can_view_campaign(user, campaign):
        raise Http404  # no hint that it exists
    return campaign


def _errors(request, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@login_required
def campaign_list(request):
    state = request.GET.get("state", "")
    if state not in CampaignState.values:
        state = ""
    page = Paginator(selectors.campaign_list(request.user, state), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "workflows/campaigns/list.html", {
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
        try:
            with transaction.atomic():
                campaign = services.campaign_create(by=request.user, pieces=rows,
                                                    **form.cleaned_data)
                if "submit" in request.POST:
                    services.campaign_submit(campaign=campaign, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Campaign submitted to the communication team.")
                             if "submit" in request.POST else _("Draft saved."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "workflows/campaigns/form.html", {"form": form, "pieces": pieces})


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
    return render(request, "workflows/campaigns/form.html", {"form": form, "object": campaign})


CHECKS = {
    "edit": perms.can_edit_campaign, "submit": perms.can_submit_campaign,
    "triage": perms.can_triage_campaign, "start": perms.can_run_campaign,
    "close": perms.can_close_campaign, "cancel": perms.can_cancel_campaign,
    "add_piece": perms.can_add_piece, "submit_pieces": perms.can_submit_pieces,
    "spend": perms.can_record_spend,
}


@login_required
def campaign_detail(request, pk):
    campaign = selectors.campaign_page(_visible_or_404(request.user, pk).pk)
    user = request.user
    pieces = selectors.pieces_timeline(campaign)
    steps = [s for s in campaign.approval_steps.all() if s.review_round == campaign.review_round]
    can = {name: check(user, campaign) for name, check in CHECKS.items()}
    return render(request, "workflows/campaigns/detail.html", {
        "object": campaign, "pieces": pieces, "progress": selectors.progress(pieces),
        "budget": selectors.budget(campaign), "spend": campaign.spend.all(),
        "limit_warnings": selectors.spend_limit_warnings(campaign),
        "compliance": selectors.compliance_findings(pieces),
        "steps": steps, "decidable": {s.pk for s in steps
                                      if perms.can_decide_campaign_step(user, s)},
        "events": selectors.campaign_events(campaign), "can": can,
        "draft_pieces": any(p.state == "draft" for p in pieces),
        "forms": {"piece": forms.PieceForm(prefix="piece"), "spend": forms.SpendForm(),
                  "cancel": forms.ReasonForm(), "return": forms.ReturnForm()},
    })


ACTIONS = {
    # name: (form class or None, service call, success message)
    "submit": (None, lambda c, u, d: services.campaign_submit(campaign=c, by=u),
               gettext_lazy("Campaign submitted to the communication team.")),
    "send_to_approval": (None, lambda c, u, d: services.campaign_send_to_approval(
        campaign=c, by=u), gettext_lazy("Approval opened.")),
    "return_to_draft": (forms.ReturnForm, lambda c, u, d: services.campaign_return_to_draft(
        campaign=c, by=u, comment=d["comment"]),
        gettext_lazy("Campaign returned to the requester.")),
    "start": (None, lambda c, u, d: services.campaign_start(campaign=c, by=u),
              gettext_lazy("The campaign is running.")),
    "close": (None, lambda c, u, d: services.campaign_close(campaign=c, by=u),
              gettext_lazy("Campaign closed.")),
    "cancel": (forms.ReasonForm, lambda c, u, d: services.campaign_cancel(
        campaign=c, by=u, reason=d["reason"]),
        gettext_lazy("Campaign cancelled; its unpublished pieces were withdrawn.")),
    "submit_pieces": (None, lambda c, u, d: services.campaign_submit_pieces(campaign=c, by=u),
                      gettext_lazy("The pieces were sent to the communication team.")),
    "add_piece": (None, lambda c, u, d: services.campaign_add_piece(
        campaign=c, by=u, **d), gettext_lazy("Piece added.")),
    "spend": (forms.SpendForm, lambda c, u, d: services.spend_record(campaign=c, by=u, **d),
              gettext_lazy("Spending recorded.")),
}


@login_required
@require_POST
def campaign_action(request, pk, action):
    campaign = _visible_or_404(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call, message = ACTIONS[action]
    data = {}
    form = (forms.PieceForm(request.POST, prefix="piece") if action == "add_piece"
            else form_class(request.POST) if form_class else None)
    if action == "add_piece":
        form.period = (campaign.start, campaign.end)
    if form is not None:
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("campaigns:detail", pk=campaign.pk)
        data = form.cleaned_data
    try:
        call(campaign, request.user, data)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, message)
        if action == "spend":
            for warning in selectors.spend_limit_warnings(Campaign.objects.get(pk=campaign.pk)):
                messages.warning(request, warning)
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
def step_decide(request, pk, step_pk):
    campaign = _visible_or_404(request.user, pk)
    step = get_object_or_404(ApprovalStep.objects.select_related("campaign"), pk=step_pk,
                             campaign=campaign)
    if not perms.can_decide_campaign_step(request.user, step):
        raise PermissionDenied
    form = request_forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.campaign_step_decide(step=step, by=request.user, outcome=data["outcome"],
                                          comment=data["comment"], reason=data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "workflows/campaigns/decide.html", {
        "form": form, "object": campaign, "step": step,
        "limit_warnings": selectors.spend_limit_warnings(campaign)})


@login_required
def year_spend(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    return render(request, "workflows/campaigns/spend.html",
                  {"data": selectors.year_spend(request.user, year)})
