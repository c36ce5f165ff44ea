import datetime

import pytest

from org.tests.factories import SecretariatFactory, UserFactory
from plans.selectors import actions_open_for, plan_execution
from plans.tests.factories import ObjectiveFactory, PlanActionFactory, PlanFactory, approve
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def tree():
    sms = SecretariatFactory(acronym="SMS")
    unit = SecretariatFactory(acronym="SMS-VS", parent=sms)
    other = SecretariatFactory(acronym="SEMED")
    return sms, unit, other


def _action(plan, owner, start, end, code):
    return PlanActionFactory(objective=ObjectiveFactory(plan=plan), owner=owner, start=start,
                             end=end, code=code)


def test_actions_open_for_filters_by_state_owner_ancestor_and_period(tree):
    sms, unit, other = tree
    plan = PlanFactory(year=2031)
    own = _action(plan, sms, D(2031, 3, 1), D(2031, 5, 31), "A1")
    unit_own = _action(plan, unit, D(2031, 1, 1), D(2031, 12, 31), "A2")
    _action(plan, other, D(2031, 1, 1), D(2031, 12, 31), "A3")       # other secretariat
    _action(plan, sms, D(2031, 6, 1), D(2031, 6, 30), "A4")          # outside the date
    approve(plan)
    draft = PlanFactory(year=2032)
    _action(draft, sms, D(2032, 1, 1), D(2032, 12, 31), "B1")        # plan not approved

    assert list(actions_open_for(unit, D(2031, 4, 10))) == [own, unit_own]
    assert list(actions_open_for(sms, D(2031, 4, 10))) == [own]      # no descendants
    assert list(actions_open_for(sms, D(2031, 5, 31))) == [own]      # end is inclusive
    assert list(actions_open_for(sms, D(2032, 4, 10))) == []
    assert len(actions_open_for(other, D(2031, 4, 10))) == 1


def test_actions_of_a_closed_plan_are_not_offered(tree):
    sms, _unit, _other = tree
    plan = PlanFactory(year=2033)
    _action(plan, sms, D(2033, 1, 1), D(2033, 12, 31), "A1")
    approve(plan)
    assert actions_open_for(sms, D(2033, 2, 2)).count() == 1
    plan.close()
    plan.save()
    assert actions_open_for(sms, D(2033, 2, 2)).count() == 0


def _request(action, user, state):
    return ContentRequest.objects.create(secretariat=action.owner, requester=user, kind="news",
                                         title="t", brief="b", plan_action=action, state=state)


def test_execution_figures_come_from_real_requests(django_assert_max_num_queries):
    user = UserFactory()
    plan = PlanFactory(year=2034)
    objective = ObjectiveFactory(plan=plan, code="OE1")
    busy = PlanActionFactory(objective=objective, code="A1", planned_pieces=4)
    idle = PlanActionFactory(objective=objective, code="A2", planned_pieces=2)
    empty_objective = ObjectiveFactory(plan=plan, code="OE2")
    for state in ["draft", "withdrawn", "submitted", "in_review", "published", "archived"]:
        _request(busy, user, state)
    for n in range(20):  # many more actions must not add queries
        PlanActionFactory(objective=ObjectiveFactory(plan=plan, code=f"X{n}"), code=f"X{n}")

    with django_assert_max_num_queries(2):
        execution = plan_execution(plan)
        rows = {row.action.code: row for row in execution.actions}
        coverage = {row.objective.code: row.coverage for row in execution.objectives}
        idle_codes = [row.action.code for row in execution.idle_actions]
        owners = [row.action.owner.acronym for row in execution.actions]

    assert (rows["A1"].planned, rows["A1"].requested, rows["A1"].published) == (4, 4, 2)
    assert rows["A1"].percent_published == 50
    assert (rows["A2"].requested, rows["A2"].published) == (0, 0)
    assert coverage["OE1"] == 50 and coverage[empty_objective.code] is None
    assert idle_codes[:1] == [idle.code] and "A1" not in idle_codes
    assert len(owners) == 22
    assert execution.totals["requested"] == 4
