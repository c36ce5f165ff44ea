"""Every write on a Communication Plan: lifecycle, copying and editing its entities.

Each service locks the plan row, asks plans.permissions, changes it and writes
the audit event. Views, the admin, the import and the commands call these.
"""

import calendar
import datetime

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from audit.services import record
from plans import permissions as perms
from plans.errors import PlanRefused
from plans.models import KPITarget, Objective, Plan, PlanAction, PlanRevision


def ensure(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def lock(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().get(pk=plan.pk)


def _transition(plan: Plan, *, by, verb: str, role, check, args=(), payload=None) -> Plan:
    """Permission first: who lacks ``role`` is refused before anything about the plan is said."""
    ensure(role(by))
    plan = lock(plan)
    method = getattr(plan, verb)
    if not can_proceed(method):
        raise PlanRefused(_("This action is not possible while the plan is “%(state)s”.")
                          % {"state": plan.get_state_display()})
    ensure(check(by, plan))
    before = plan.state
    method(*args)
    plan.save()
    record(by=by, verb=f"plan_{verb}", target=plan, from_state=before,
           to_state=plan.state, payload=payload or {})
    return plan


@transaction.atomic
def plan_create(*, year: int, title: str, by) -> Plan:
    """Start the draft plan of a year."""
    ensure(perms.can_create_plan(by))
    if Plan.objects.filter(year=year).exists():
        raise PlanRefused(_("There is already a plan for %(year)s.") % {"year": year})
    plan = Plan.objects.create(year=year, title=title)
    record(by=by, verb="plan_create", target=plan, to_state=plan.state,
           payload={"year": year})
    return plan


def _shift(day: datetime.date, years: int) -> datetime.date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


@transaction.atomic
def plan_copy(*, source: Plan, year: int, by, title: str = "") -> Plan:
    """A new draft plan for ``year`` with the objectives, actions and KPI targets of ``source``.

    Dates move by the difference of years; nothing is linked to requests yet.
    """
    plan = plan_create(year=year, title=title or source.title.replace(
        str(source.year), str(year)), by=by)
    plan.copied_from = source
    plan.save(update_fields=["copied_from"])
    delta = year - source.year
    objectives = {}
    for objective in source.objectives.all():
        objectives[objective.pk] = Objective.objects.create(
            plan=plan, code=objective.code, title=objective.title,
            description=objective.description)
    for action in source.actions.prefetch_related("channels", "audiences"):
        copy = PlanAction.objects.create(
            plan=plan, objective=objectives[action.objective_id], code=action.code,
            title=action.title, owner_id=action.owner_id, start=_shift(action.start, delta),
            end=_shift(action.end, delta), planned_pieces=action.planned_pieces,
            budget=action.budget)
        copy.channels.set(action.channels.all())
        copy.audiences.set(action.audiences.all())
    for kpi in source.kpi_targets.all():
        KPITarget.objects.create(
            plan=plan, code=kpi.code, indicator=kpi.indicator,
            objective=objectives.get(kpi.objective_id), start=_shift(kpi.start, delta),
            end=_shift(kpi.end, delta), target=kpi.target, unit=kpi.unit)
    record(by=by, verb="plan_copy", target=plan, payload={"from": source.pk})
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan, by) -> Plan:
    """Send a draft plan for approval; it must have at least one objective and one action."""
    ensure(perms.can_manage_plans(by))
    if not plan.actions.exists() or not plan.objectives.exists():
        raise PlanRefused(_("A plan needs at least one objective and one action to be submitted."))
    return _transition(plan, by=by, verb="submit", role=perms.can_manage_plans,
                       check=perms.can_submit)


@transaction.atomic
def plan_approve(*, plan: Plan, by, note: str = "") -> Plan:
    """Approve a plan waiting for approval (the decision); closes an open revision."""
    plan = _transition(plan, by=by, verb="approve", role=perms.can_approve_plans,
                       check=perms.can_decide, args=(by, note), payload={"note": note})
    plan.revisions.filter(approved_at__isnull=True).update(approved_at=plan.approved_at)
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, by, note: str) -> Plan:
    """Send a plan back to draft with the approver's reasons."""
    ensure(perms.can_approve_plans(by))
    if not note.strip():
        raise PlanRefused(_("Say what must change before the plan can be approved."))
    return _transition(plan, by=by, verb="return_to_draft", role=perms.can_approve_plans,
                       check=perms.can_decide,
                       args=(note,), payload={"note": note})


@transaction.atomic
def plan_revise(*, plan: Plan, by, reason: str) -> Plan:
    """Open a recorded revision of an approved plan: it goes back to draft until re-approved."""
    ensure(perms.can_manage_plans(by))
    if not reason.strip():
        raise PlanRefused(_("A revision needs a reason."))
    plan = _transition(plan, by=by, verb="revise", role=perms.can_manage_plans,
                       check=perms.can_revise,
                       payload={"reason": reason})
    PlanRevision.objects.create(plan=plan, number=plan.revision, reason=reason, opened_by=by)
    return plan


@transaction.atomic
def plan_close(*, plan: Plan, by) -> Plan:
    """Close the plan of a finished year."""
    return _transition(plan, by=by, verb="close", role=perms.can_manage_plans,
                       check=perms.can_close)


def _plan_of(instance: models.Model) -> Plan:
    return instance.plan


@transaction.atomic
def plan_entity_save(*, instance, by, channels=None, audiences=None):
    """Create or change an objective, action or KPI target of a draft plan."""
    plan = lock(_plan_of(instance))
    ensure(perms.can_edit_plan(by, plan))
    instance.full_clean()
    created = instance.pk is None
    instance.save()
    if channels is not None:
        instance.channels.set(channels)
    if audiences is not None:
        instance.audiences.set(audiences)
    record(by=by, verb="plan_entity_create" if created else "plan_entity_change",
           target=plan, payload={"entity": instance._meta.model_name, "code": instance.code})
    return instance


@transaction.atomic
def plan_entity_delete(*, instance, by) -> None:
    """Delete an objective, action or KPI target of a draft plan (if nothing depends on it)."""
    plan = lock(_plan_of(instance))
    ensure(perms.can_edit_plan(by, plan))
    if isinstance(instance, PlanAction) and instance.requests.exists():
        raise PlanRefused(_("This action has requests linked to it and cannot be deleted."))
    if isinstance(instance, PlanAction) and instance.commitments.exists():
        raise PlanRefused(_("This action has budget commitments and cannot be deleted."))
    if isinstance(instance, Objective) and (instance.actions.exists()
                                            or instance.kpi_targets.exists()):
        raise PlanRefused(_("This objective still has actions or KPI targets."))
    code, kind = instance.code, instance._meta.model_name
    instance.delete()
    record(by=by, verb="plan_entity_delete", target=plan,
           payload={"entity": kind, "code": code})


# The shared catalogue of channels and audiences. Their audit events target the row itself
# (``channel_create``, ``audience_deactivate``…); a channel's constraints are read live by the
# compliance engine, so a change applies to the next check.

def _catalogue_lock(instance):
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def _fields(instance) -> dict:
    return {f.name: getattr(instance, f.attname) for f in instance._meta.concrete_fields
            if f.name != "id"}


@transaction.atomic
def catalogue_save(*, instance, by):
    """Create or change a channel or an audience (validated: unique code, positive limit)."""
    model, verb = type(instance), instance._meta.model_name
    created = instance.pk is None
    if created:
        ensure(perms.can_add_to_catalogue(by, model))
        before = {}
    else:
        ensure(perms.can_change_in_catalogue(by, model))
        before = _fields(_catalogue_lock(instance))
    instance.full_clean()
    instance.save()
    after = _fields(instance)
    changes = {name: [before.get(name), value] for name, value in after.items()
               if before.get(name) != value}
    record(by=by, verb=f"{verb}_{'create' if created else 'change'}", target=instance,
           payload={"code": instance.code, "changes": changes})
    return instance


@transaction.atomic
def catalogue_set_active(*, instance, active: bool, by):
    """Deactivate (no longer offered on forms; history kept) or reactivate one."""
    ensure(perms.can_change_in_catalogue(by, type(instance)))
    instance = _catalogue_lock(instance)
    if instance.active != active:
        instance.active = active
        instance.save(update_fields=["active"])
        record(by=by, target=instance, payload={"code": instance.code},
               verb=f"{instance._meta.model_name}_{'activate' if active else 'deactivate'}")
    return instance


@transaction.atomic
def catalogue_delete(*, instance, by) -> None:
    """Delete a channel or audience that nothing refers to; one in use can only be deactivated."""
    from plans.selectors import catalogue_in_use

    ensure(perms.can_delete_from_catalogue(by, type(instance)))
    instance = _catalogue_lock(instance)
    if catalogue_in_use(instance):
        raise PlanRefused(_("“%(name)s” is in use (plans, requests or settings refer to it): "
                            "deactivate it instead.") % {"name": instance.name})
    record(by=by, verb=f"{instance._meta.model_name}_delete", target=instance,
           payload={"code": instance.code, "name": instance.name})
    instance.delete()
