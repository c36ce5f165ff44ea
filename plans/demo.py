"""Demo channels and audiences (fixtures/channels.json) and the approved plan of the current
year (fixtures/plan.json: periods are month-day, the year is filled in)."""

import datetime
from decimal import Decimal

from pauta.demo import load_fixture
from plans.models import Audience, Channel


def seed_channels(out) -> None:
    data = load_fixture("channels.json")
    for row in data["channels"]:
        code = row.pop("code")
        Channel.objects.update_or_create(code=code, defaults=row)
    for row in data["audiences"]:
        Audience.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
    out(f"{len(data['channels'])} channels, {len(data['audiences'])} audiences")


def _day(year: int, month_day: str) -> datetime.date:
    month, day = (int(part) for part in month_day.split("-"))
    return datetime.date(year, month, day)


def seed_plan(out) -> None:
    """The approved plan of the current year (fixtures/plan.json); skipped if it exists."""
    from django.utils import timezone

    from org.models import Secretariat, User
    from plans import services
    from plans.models import KPITarget, Objective, Plan, PlanAction

    year = timezone.localdate().year
    if Plan.objects.filter(year=year).exists():
        out(f"plan {year} already present")
        return
    data = load_fixture("plan.json")
    manager = User.objects.get(username="helena.gestora")
    approver = User.objects.get(username="fernanda.chefe")
    plan = services.plan_create(year=year, title=data["title"].format(year=year), by=manager)
    objectives = {row["code"]: Objective.objects.create(plan=plan, **row)
                  for row in data["objectives"]}
    owners = dict(Secretariat.objects.values_list("acronym", "pk"))
    channels = {c.code: c for c in Channel.objects.all()}
    audiences = {a.code: a for a in Audience.objects.all()}
    for row in data["actions"]:
        action = PlanAction.objects.create(
            plan=plan, objective=objectives[row["objective"]], code=row["code"],
            title=row["title"], owner_id=owners[row["owner"]], start=_day(year, row["start"]),
            end=_day(year, row["end"]), planned_pieces=row["planned_pieces"],
            budget=Decimal(row["budget"]))
        action.channels.set([channels[code] for code in row["channels"]])
        action.audiences.set([audiences[code] for code in row["audiences"]])
    for row in data["kpi_targets"]:
        KPITarget.objects.create(
            plan=plan, code=row["code"], indicator=row["indicator"],
            objective=objectives.get(row["objective"]), start=_day(year, row["start"]),
            end=_day(year, row["end"]), target=Decimal(row["target"]), unit=row["unit"])
    services.plan_submit(plan=plan, by=manager)
    services.plan_approve(plan=plan, by=approver, note="Aprovado para o exercício.")
    _commitments(plan, manager, data.get("commitments", []))
    out(f"plan {year}: {len(objectives)} objectives, {len(data['actions'])} actions, "
        f"{len(data['kpi_targets'])} KPI targets, approved")


def _commitments(plan, manager, rows) -> None:
    """Budget already committed to some actions (fixtures/plan.json, "commitments")."""
    from plans.commitments import commitment_record

    for row in rows:
        commitment_record(action=plan.actions.get(code=row["action"]),
                          amount=Decimal(row["amount"]),
                          committed_on=_day(plan.year, row["date"]),
                          reference=row["reference"], description=row["description"],
                          by=manager)
