"""The verbs of the Communication Plan and of the shared catalogue in the audit registry."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill, money

PLAN = "plans.plan"

# (entity, what happened) → the sentence; one whole sentence each (Portuguese nouns agree).
_ENTITY = {
    ("objective", "create"): _("%(actor)s added the objective %(code)s."),
    ("objective", "change"): _("%(actor)s changed the objective %(code)s."),
    ("objective", "delete"): _("%(actor)s deleted the objective %(code)s."),
    ("planaction", "create"): _("%(actor)s added the action %(code)s."),
    ("planaction", "change"): _("%(actor)s changed the action %(code)s."),
    ("planaction", "delete"): _("%(actor)s deleted the action %(code)s."),
    ("kpitarget", "create"): _("%(actor)s added the KPI target %(code)s."),
    ("kpitarget", "change"): _("%(actor)s changed the KPI target %(code)s."),
    ("kpitarget", "delete"): _("%(actor)s deleted the KPI target %(code)s."),
}
_CATALOGUE = {
    ("channel", "create"): _("%(actor)s added the channel “%(name)s”."),
    ("channel", "change"): _("%(actor)s changed the channel “%(name)s”."),
    ("channel", "activate"): _("%(actor)s reactivated the channel “%(name)s”."),
    ("channel", "deactivate"): _("%(actor)s deactivated the channel “%(name)s”."),
    ("channel", "delete"): _("%(actor)s deleted the channel “%(name)s”."),
    ("audience", "create"): _("%(actor)s added the audience “%(name)s”."),
    ("audience", "change"): _("%(actor)s changed the audience “%(name)s”."),
    ("audience", "activate"): _("%(actor)s reactivated the audience “%(name)s”."),
    ("audience", "deactivate"): _("%(actor)s deactivated the audience “%(name)s”."),
    ("audience", "delete"): _("%(actor)s deleted the audience “%(name)s”."),
}


def _entity(what):
    def describe(event) -> str:
        text = _ENTITY.get((event.payload.get("entity"), what))
        if text is None:
            return fill(_("%(actor)s changed the plan."), event)
        return fill(text, event, code=event.payload.get("code", ""))

    return describe


def _catalogue(model, what):
    def describe(event) -> str:
        from django.apps import apps

        name = event.payload.get("name")
        if not name:
            row = apps.get_model("plans", model).objects.filter(pk=event.target_id).first()
            name = row.name if row else event.payload.get("code", "")
        return fill(_CATALOGUE[(model, what)], event, name=name)

    return describe


def _import(event) -> str:
    return fill(_("%(actor)s imported the plan: %(objectives)s objectives, %(actions)s "
                  "actions, %(kpis)s KPI targets."), event,
                objectives=event.payload.get("objectives", 0),
                actions=event.payload.get("actions", 0),
                kpis=event.payload.get("kpi_targets", 0))


def _commitment(text):
    return lambda e: fill(text, e, amount=money(e.payload.get("amount")),
                          action=e.payload.get("action", ""))


def register_verbs() -> None:
    register_subject(Subject(PLAN, lambda pk: reverse("plans:detail", args=[pk]),
                             open_label=_("Open the plan:")))

    def plan(code, label, describe, **options):
        register(Verb(code, label, describe, subject_kind=PLAN, **options))

    plan("plan_create", _("Create"), said(_("%(actor)s created the plan.")))
    plan("plan_copy", _("Copy"), said(_("%(actor)s created the plan as a copy of another.")))
    plan("plan_submit", _("Submit"), said(_("%(actor)s submitted the plan for approval.")))
    plan("plan_approve", _("Approve"), said(_("%(actor)s approved the plan.")))
    plan("plan_return_to_draft", _("Return to draft"),
         said(_("%(actor)s returned the plan to draft.")))
    plan("plan_revise", _("Revise"), said(_("%(actor)s opened a revision of the plan.")))
    plan("plan_close", _("Close"), said(_("%(actor)s closed the plan.")))
    plan("plan_import_create", _("Import"), _import)
    plan("plan_import_update", _("Import"), _import)
    for what in ("create", "change", "delete"):
        plan(f"plan_entity_{what}", _("Edit the plan"), _entity(what))
    plan("plan_commitment_record", _("Record a commitment"), _commitment(
        _("%(actor)s recorded a budget commitment of %(amount)s for the action %(action)s.")))
    plan("plan_commitment_remove", _("Remove a commitment"), _commitment(
        _("%(actor)s removed a budget commitment of %(amount)s from the action %(action)s.")))
    for model in ("channel", "audience"):
        for what in ("create", "change", "activate", "deactivate", "delete"):
            register(Verb(f"{model}_{what}", _("Edit the catalogue"), _catalogue(model, what),
                          subject_kind=f"plans.{model}"))
