"""Importing a Communication Plan from XLSX: validate everything, then write it all or nothing.

The plan of the file's year is created as a draft, or the existing draft is
updated by code (rows missing from the file are deleted), so request links
survive a revise → import → approve cycle.
"""

from collections.abc import Callable

from django.db import transaction

from audit.services import record
from org.models import Secretariat
from plans import permissions as perms
from plans.models import Audience, Channel, KPITarget, Objective, Plan, PlanAction
from plans.services import ensure, lock
from plans.xlsx_import import ImportRejected, read_plan


def _upsert(model, plan, code, values):
    obj, _created = model.objects.update_or_create(plan=plan, code=code, defaults=values)
    return obj


def _write(parsed, *, by, progress) -> Plan:
    head = parsed.rows["plan"][0]
    plan = Plan.objects.filter(year=head["year"]).first()
    if plan is None:
        ensure(perms.can_create_plan(by))
        plan = Plan.objects.create(year=head["year"], title=head["title"])
        verb = "plan_import_create"
    else:
        plan = lock(plan)
        ensure(perms.can_edit_plan(by, plan))
        plan.title = head["title"]
        plan.save(update_fields=["title"])
        verb = "plan_import_update"
    for row in parsed.rows["audiences"]:
        Audience.objects.get_or_create(code=row["code"], defaults={"name": row["name"]})
    for row in parsed.rows["channels"]:
        Channel.objects.get_or_create(code=row["code"], defaults={
            key: row[key] for key in ("name", "max_text_length", "signature_required")
        } | {key: bool(row[key]) for key in ("image_required", "captions_required")})
    channels = {c.code: c for c in Channel.objects.all()}
    audiences = {a.code: a for a in Audience.objects.all()}
    objectives = {row["code"]: _upsert(Objective, plan, row["code"], {
        "title": row["title"], "description": row["description"]})
        for row in parsed.rows["objectives"]}
    owners = dict(Secretariat.objects.values_list("acronym", "pk"))
    total, done = len(parsed.rows["actions"]) + len(parsed.rows["kpi_targets"]), 0
    for row in parsed.rows["actions"]:
        action = _upsert(PlanAction, plan, row["code"], {
            "title": row["title"], "objective": objectives[row["objective"]],
            "owner_id": owners[row["owner"]], "start": row["start"], "end": row["end"],
            "planned_pieces": row["planned_pieces"], "budget": row["budget"]})
        action.channels.set([channels[code] for code in row["channels"] or []])
        action.audiences.set([audiences[code] for code in row["audiences"] or []])
        done += 1
        if progress:
            progress(done, total)
    for row in parsed.rows["kpi_targets"]:
        _upsert(KPITarget, plan, row["code"], {
            "indicator": row["indicator"], "objective": objectives.get(row["objective"]),
            "start": row["start"], "end": row["end"], "target": row["target"],
            "unit": row["unit"]})
        done += 1
        if progress:
            progress(done, total)
    plan.kpi_targets.exclude(code__in=[r["code"] for r in parsed.rows["kpi_targets"]]).delete()
    plan.actions.exclude(code__in=[r["code"] for r in parsed.rows["actions"]]).delete()
    plan.objectives.exclude(code__in=list(objectives)).delete()
    record(by=by, verb=verb, target=plan, to_state=plan.state, payload={
        "objectives": len(objectives), "actions": len(parsed.rows["actions"]),
        "kpi_targets": len(parsed.rows["kpi_targets"])})
    return plan


def plan_import(*, source, by, progress: Callable | None = None) -> Plan:
    """Import a plan file; raises ImportRejected with every problem, writing nothing."""
    ensure(perms.can_import(by))
    parsed = read_plan(source)
    if parsed.problems:
        raise ImportRejected(parsed.problems)
    with transaction.atomic():
        return _write(parsed, by=by, progress=progress)
