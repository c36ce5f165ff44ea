"""Every plan service refuses an unauthorised person before it says anything about the plan."""

import pytest
from django.core.exceptions import PermissionDenied

from org.tests.factories import UserFactory
from plans import services
from plans.errors import PlanRefused
from plans.models import PlanState
from plans.tests.factories import PlanActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger():
    return UserFactory(roles=["requester"])


def test_submit_of_an_empty_plan_refuses_a_stranger_not_the_content(stranger):
    empty = PlanFactory()
    with pytest.raises(PermissionDenied):
        services.plan_submit(plan=empty, by=stranger)
    with pytest.raises(PlanRefused):  # the manager hears about the missing objective
        services.plan_submit(plan=empty, by=UserFactory(roles=["manager"]))


def test_return_and_revise_refuse_before_the_missing_reason(stranger):
    plan = PlanActionFactory().plan
    with pytest.raises(PermissionDenied):
        services.plan_return(plan=plan, by=stranger, note="")
    with pytest.raises(PermissionDenied):
        services.plan_revise(plan=plan, by=stranger, reason="")


@pytest.mark.parametrize("call", [
    lambda plan, by: services.plan_approve(plan=plan, by=by),
    lambda plan, by: services.plan_close(plan=plan, by=by),
    lambda plan, by: services.plan_return(plan=plan, by=by, note="x"),
    lambda plan, by: services.plan_revise(plan=plan, by=by, reason="x"),
])
def test_wrong_state_refuses_a_stranger_not_the_state(stranger, call):
    plan = PlanFactory()  # a draft: none of these is possible on it
    assert plan.state == PlanState.DRAFT
    with pytest.raises(PermissionDenied):
        call(plan, stranger)


def test_wrong_state_still_explains_itself_to_the_manager():
    plan = PlanFactory()
    with pytest.raises(PlanRefused):
        services.plan_close(plan=plan, by=UserFactory(roles=["manager"]))
