import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from org.tests.factories import UserFactory
from plans import services
from plans.errors import PlanRefused
from plans.models import Objective, PlanRevision, PlanState
from plans.tests.factories import ObjectiveFactory, PlanActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return UserFactory(roles=["manager"])


@pytest.fixture
def approver():
    return UserFactory(roles=["approver"])


@pytest.fixture
def plan():
    action = PlanActionFactory()
    return action.plan


def test_full_lifecycle_is_audited(plan, manager, approver):
    plan = services.plan_submit(plan=plan, by=manager)
    assert plan.state == PlanState.IN_APPROVAL
    plan = services.plan_approve(plan=plan, by=approver, note="ok")
    assert plan.state == PlanState.APPROVED
    assert plan.approved_by == approver and plan.approved_at is not None
    plan = services.plan_close(plan=plan, by=manager)
    assert plan.state == PlanState.CLOSED
    verbs = list(AuditEvent.objects.filter(target_type="plans.plan", target_id=str(plan.pk))
                 .values_list("verb", "from_state", "to_state"))
    assert verbs == [("plan_submit", "draft", "in_approval"),
                     ("plan_approve", "in_approval", "approved"),
                     ("plan_close", "approved", "closed")]


def test_state_is_protected(plan):
    with pytest.raises(AttributeError):
        plan.state = PlanState.APPROVED


def test_refresh_from_db_works_with_protected_state(plan, manager):
    services.plan_submit(plan=plan, by=manager)
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_APPROVAL


def test_manager_cannot_approve_and_approver_cannot_submit(plan, manager, approver):
    with pytest.raises(PermissionDenied):
        services.plan_submit(plan=plan, by=approver)
    services.plan_submit(plan=plan, by=manager)
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, by=manager)
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_APPROVAL


@pytest.mark.parametrize("role", ["editor", "requester", "auditor", "legal_reviewer"])
def test_other_roles_cannot_submit_or_create(plan, role):
    user = UserFactory(roles=[role])
    with pytest.raises(PermissionDenied):
        services.plan_submit(plan=plan, by=user)
    with pytest.raises(PermissionDenied):
        services.plan_create(year=2099, title="x", by=user)


def test_return_needs_a_note_and_goes_back_to_draft(plan, manager, approver):
    services.plan_submit(plan=plan, by=manager)
    with pytest.raises(PlanRefused):
        services.plan_return(plan=plan, by=approver, note="  ")
    plan = services.plan_return(plan=plan, by=approver, note="Faltam metas")
    assert plan.state == PlanState.DRAFT and plan.decision_note == "Faltam metas"


def test_empty_plan_cannot_be_submitted(manager):
    plan = PlanFactory()
    with pytest.raises(PlanRefused):
        services.plan_submit(plan=plan, by=manager)


def test_approved_plan_is_frozen_until_a_recorded_revision(plan, manager, approver):
    services.plan_submit(plan=plan, by=manager)
    plan = services.plan_approve(plan=plan, by=approver)
    objective = Objective(plan=plan, code="NEW", title="Novo")
    with pytest.raises(PermissionDenied):
        services.plan_entity_save(instance=objective, by=manager)
    assert not Objective.objects.filter(code="NEW").exists()
    with pytest.raises(PlanRefused):
        services.plan_revise(plan=plan, by=manager, reason="")
    plan = services.plan_revise(plan=plan, by=manager, reason="Nova secretaria")
    assert plan.state == PlanState.DRAFT and plan.revision == 1
    services.plan_entity_save(instance=objective, by=manager)
    services.plan_submit(plan=plan, by=manager)
    services.plan_approve(plan=plan, by=approver)
    revision = PlanRevision.objects.get(plan=plan)
    assert revision.number == 1 and revision.opened_by == manager
    assert revision.approved_at is not None


def test_transition_from_wrong_state_is_refused(plan, manager):
    with pytest.raises(PlanRefused):
        services.plan_close(plan=plan, by=manager)


def test_copy_shifts_dates_and_keeps_entities(manager):
    action = PlanActionFactory(objective=ObjectiveFactory(plan=PlanFactory(year=2024)))
    action.start = action.start.replace(month=2, day=29)
    action.save()
    copy = services.plan_copy(source=action.plan, year=2025, by=manager)
    assert copy.state == PlanState.DRAFT and copy.copied_from == action.plan
    copied = copy.actions.get()
    assert (copied.code, copied.start.isoformat()) == (action.code, "2025-02-28")
    assert copied.objective.plan == copy
    assert copy.objectives.count() == 1


def test_deleting_an_action_with_requests_is_refused(plan, manager):
    from workflows.models import ContentRequest

    action = plan.actions.get()
    ContentRequest.objects.create(secretariat=action.owner, requester=manager, kind="news",
                                  title="t", brief="b", plan_action=action)
    with pytest.raises(PlanRefused):
        services.plan_entity_delete(instance=action, by=manager)
