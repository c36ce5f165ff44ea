import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from org.models import Secretariat
from plans.demo import seed_plan
from plans.models import Plan, PlanState
from plans.selectors import actions_open_for


def test_demo_has_an_approved_plan_for_the_current_year(demo):
    year = timezone.localdate().year
    plan = Plan.objects.get(year=year)
    assert plan.state == PlanState.APPROVED
    assert plan.approved_by.username == "fernanda.chefe"
    assert plan.objectives.count() >= 5 and plan.actions.count() >= 20
    assert plan.kpi_targets.count() >= 5
    owners = set(plan.actions.values_list("owner__acronym", flat=True))
    secretariats = set(Secretariat.objects.filter(
        kind=Secretariat.Kind.SECRETARIAT).values_list("acronym", flat=True))
    assert secretariats <= owners  # every secretariat owns at least one action
    assert not plan.actions.filter(channels__isnull=True).exists()
    from plans.selectors import plan_execution

    committed = plan_execution(plan).totals["budget_committed"]
    assert 0 < committed < plan_execution(plan).totals["budget_planned"]
    verbs = set(AuditEvent.objects.filter(target_id=str(plan.pk),
                                          target_type="plans.plan").values_list("verb", flat=True))
    assert {"plan_create", "plan_submit", "plan_approve"} <= verbs


def test_demo_plan_offers_actions_to_a_unit_through_its_parent(demo):
    unit = Secretariat.objects.get(acronym="SMS-VS")
    year = timezone.localdate().year
    codes = set(actions_open_for(unit, datetime.date(year, 4, 1)).values_list("code", flat=True))
    assert codes == {"A01", "A02", "A05"}  # SMS's (parent) and SMS-VS's own; not SMS-AB's A03


@pytest.mark.django_db
def test_seed_plan_is_idempotent(demo):
    year = timezone.localdate().year
    before = (Plan.objects.count(), Plan.objects.get(year=year).actions.count())
    lines = []
    seed_plan(lines.append)
    assert (Plan.objects.count(), Plan.objects.get(year=year).actions.count()) == before
    assert "already present" in lines[0]
