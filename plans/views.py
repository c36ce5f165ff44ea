"""Pages of the Communication Plan: list, detail with execution, lifecycle actions.

Views are thin: they ask plans.permissions, call plans.services, render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pauta.action_views import run_action
from plans import permissions as perms
from plans import services
from plans.actions import ACTIONS
from plans.forms import CommitmentForm, NoteForm, PlanCopyForm, PlanCreateForm
from plans.models import BudgetCommitment, Plan
from plans.selectors import plan_execution, unlinked_requests


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def plan_list(request):
    _require(perms.can_view_plans(request.user))
    return render(request, "plans/plan_list.html", {
        "plans": Plan.objects.all(),
        "can_create": perms.can_create_plan(request.user),
        "create_form": PlanCreateForm(), "copy_form": PlanCopyForm(),
        "can_import": perms.can_import(request.user),
    })


@login_required
@require_POST
def plan_create(request):
    _require(perms.can_create_plan(request.user))
    copying = "source" in request.POST
    form = (PlanCopyForm if copying else PlanCreateForm)(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if copying:
                plan = services.plan_copy(source=data["source"], year=data["year"],
                                          title=data["title"], by=request.user)
            else:
                plan = services.plan_create(year=data["year"], title=data["title"],
                                            by=request.user)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The draft plan was created."))
            return redirect("plans:detail", pk=plan.pk)
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect("plans:list")


@login_required
def plan_detail(request, pk):
    _require(perms.can_view_plans(request.user))
    plan = get_object_or_404(Plan.objects.select_related("approved_by", "copied_from"), pk=pk)
    user = request.user
    return render(request, "plans/plan_detail.html", {
        "plan": plan,
        "execution": plan_execution(plan),
        "kpis": plan.kpi_targets.select_related("objective"),
        "revisions": plan.revisions.select_related("opened_by"),
        "can_edit": perms.can_edit_plan(user, plan),
        "can": ACTIONS.can(user, plan),  # the lifecycle's buttons (plans.actions)
        "can_export": perms.can_export(user),
        "can_commit": perms.can_record_commitment(user, plan),
        "commitment_form": CommitmentForm(plan=plan),
        "commitments": BudgetCommitment.objects.filter(action__plan=plan).select_related(
            "action", "recorded_by").order_by("-committed_on", "-pk")[:50],
        "unlinked": unlinked_requests(plan).count(),
        "note_form": NoteForm(),
    })


@login_required
@require_POST
def plan_transition(request, pk, verb):
    """Every lifecycle button of the plan page: the registry (``plans.actions``) runs it."""
    plan = get_object_or_404(Plan, pk=pk)
    if verb not in ACTIONS:
        raise PermissionDenied
    run_action(request, registry=ACTIONS, obj=plan, verb=verb)
    return redirect("plans:detail", pk=plan.pk)
