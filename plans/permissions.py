"""Who may see, edit, decide, import and export Communication Plans. Views and services ask here.

The manager drafts, edits, submits, revises and closes; the approver (head of
communication) approves or returns; every team role reads.
"""

from plans.models import Plan, PlanState

VIEW = "plans.view_plan"
ADD = "plans.add_plan"
CHANGE = "plans.change_plan"
APPROVE = "plans.approve_plan"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _has(user, perm: str) -> bool:
    return _active(user) and user.has_perm(perm)


def can_view_plans(user) -> bool:
    return _has(user, VIEW)


def can_manage_plans(user) -> bool:
    """The manager's role: draft, edit, submit, revise and close plans (in the right state)."""
    return _has(user, CHANGE)


def can_approve_plans(user) -> bool:
    """The approver's role: approve or return plans waiting for approval."""
    return _has(user, APPROVE)


def can_create_plan(user) -> bool:
    return _has(user, ADD) and _has(user, CHANGE)


def can_edit_plan(user, plan: Plan) -> bool:
    """Edit the plan and its objectives, actions and KPI targets: only while a draft."""
    return _has(user, CHANGE) and plan.state == PlanState.DRAFT


def can_submit(user, plan: Plan) -> bool:
    return _has(user, CHANGE) and plan.state == PlanState.DRAFT


def can_decide(user, plan: Plan) -> bool:
    """Approve or return a plan waiting for approval."""
    return _has(user, APPROVE) and plan.state == PlanState.IN_APPROVAL


def can_revise(user, plan: Plan) -> bool:
    return _has(user, CHANGE) and plan.state == PlanState.APPROVED


def can_close(user, plan: Plan) -> bool:
    return _has(user, CHANGE) and plan.state == PlanState.APPROVED


def can_import(user) -> bool:
    return can_create_plan(user)


def can_export(user) -> bool:
    return can_view_plans(user)


def can_record_commitment(user, plan: Plan) -> bool:
    """Record or remove budget commitments: execution of an approved plan, by its manager."""
    return _has(user, CHANGE) and plan.state == PlanState.APPROVED


def can_view_catalogue(user) -> bool:
    """The lists of channels and audiences: every team role that reads plans."""
    return can_view_plans(user)


def _catalogue_perm(user, action: str, model) -> bool:
    return _has(user, f"plans.{action}_{model._meta.model_name}")


def can_add_to_catalogue(user, model) -> bool:
    """Create a channel or an audience (``model`` is the class)."""
    return _catalogue_perm(user, "add", model)


def can_change_in_catalogue(user, model) -> bool:
    """Edit, deactivate or reactivate a channel or an audience."""
    return _catalogue_perm(user, "change", model)


def can_delete_from_catalogue(user, model) -> bool:
    """Delete a channel or an audience (the service also refuses one that is in use)."""
    return _catalogue_perm(user, "delete", model)
