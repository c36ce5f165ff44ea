"""Editing the objectives, actions and KPI targets of a draft plan (ModelForms + services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import permissions as perms
from plans import services
from plans.forms import ENTITY_FORMS
from plans.models import Plan


def _form_class(kind: str):
    if kind not in ENTITY_FORMS:
        raise Http404
    return ENTITY_FORMS[kind]


@login_required
def entity_edit(request, pk, kind, entity_pk=None):
    """Create (no ``entity_pk``) or change one entity of a draft plan."""
    plan = get_object_or_404(Plan, pk=pk)
    if not perms.can_edit_plan(request.user, plan):
        raise PermissionDenied
    form_class = _form_class(kind)
    model = form_class._meta.model
    instance = (get_object_or_404(model, plan=plan, pk=entity_pk) if entity_pk
                else model(plan=plan))
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        extra = ({"channels": form.cleaned_data["channels"],
                  "audiences": form.cleaned_data["audiences"]} if kind == "action" else {})
        try:
            services.plan_entity_save(instance=obj, by=request.user, **extra)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/entity_form.html", {
        "plan": plan, "form": form, "kind": kind, "instance": instance,
        "title": model._meta.verbose_name})


@login_required
@require_POST
def entity_delete(request, pk, kind, entity_pk):
    plan = get_object_or_404(Plan, pk=pk)
    if not perms.can_edit_plan(request.user, plan):
        raise PermissionDenied
    instance = get_object_or_404(_form_class(kind)._meta.model, plan=plan, pk=entity_pk)
    try:
        services.plan_entity_delete(instance=instance, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Deleted."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def commitment_create(request, pk):
    """Record a budget commitment against an action of an approved plan."""
    from plans.commitments import commitment_record
    from plans.forms import CommitmentForm

    plan = get_object_or_404(Plan, pk=pk)
    if not perms.can_record_commitment(request.user, plan):
        raise PermissionDenied
    form = CommitmentForm(request.POST, plan=plan)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in errors:
                messages.error(request, f"{label}: {message}" if label else message)
        return redirect("plans:detail", pk=plan.pk)
    try:
        commitment_record(by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The commitment was recorded."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def commitment_delete(request, pk, commitment_pk):
    from plans.commitments import commitment_remove
    from plans.models import BudgetCommitment

    plan = get_object_or_404(Plan, pk=pk)
    commitment = get_object_or_404(BudgetCommitment, pk=commitment_pk, action__plan=plan)
    if not perms.can_record_commitment(request.user, plan):
        raise PermissionDenied
    commitment_remove(commitment=commitment, by=request.user)
    messages.success(request, _("The commitment was removed."))
    return redirect("plans:detail", pk=plan.pk)
