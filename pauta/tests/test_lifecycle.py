"""The one transition helper runs every move in the same order and writes nothing refused:

lock → permission → state → conditions (then the action's own ``validate``) → gates → move →
audit → effects after commit.
"""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from audit.models import AuditEvent
from org.tests.factories import UserFactory
from pauta import lifecycle
from pauta.lifecycle import NotAllowed, TransitionRefused
from plans.models import Plan, PlanState
from plans.tests.factories import PlanActionFactory, PlanFactory

pytestmark = pytest.mark.django_db
STATE = "Not while it is “%(state)s”."


def _written():
    return AuditEvent.objects.count()


def _move(plan, *, allowed=lambda u, p: True, verb="submit", **kwargs):
    return lifecycle.move(plan, by=UserFactory(), verb=verb, allowed=allowed,
                          state_message=STATE, audit_verb=f"test_{verb}", **kwargs)


@pytest.fixture
def ready():
    """A draft plan that may be submitted (one objective, one action)."""
    return PlanActionFactory().plan


@pytest.fixture
def gate():
    calls = []

    def refuse(*, obj, verb, by, context):
        calls.append(verb)
        raise TransitionRefused("The gate says no.")

    lifecycle.register_gate(Plan, refuse)
    yield calls
    lifecycle.GATES[Plan].remove(refuse)


def test_a_refused_permission_is_reported_before_a_wrong_state(ready):
    before = _written()
    with translation.override("en"), pytest.raises(NotAllowed) as refused:
        _move(ready, verb="close", allowed=lambda u, p: False)  # a draft: wrong state too
    assert isinstance(refused.value, PermissionDenied)
    assert isinstance(refused.value, lifecycle.Refused)
    assert refused.value.messages == ["You are not allowed to do this."]
    assert _written() == before and Plan.objects.get(pk=ready.pk).state == PlanState.DRAFT


def test_a_role_holder_in_the_wrong_state_hears_about_the_state(ready):
    """``allowed`` may depend on the state; ``actor`` says who holds the role at all."""
    with pytest.raises(TransitionRefused) as refused:
        _move(ready, verb="close", allowed=lambda u, p: False, actor=lambda u, p: True)
    assert refused.value.messages == [STATE % {"state": ready.get_state_display()}]
    with pytest.raises(NotAllowed):  # the state admits the move: the permission said no
        _move(ready, allowed=lambda u, p: False, actor=lambda u, p: True)


def test_a_wrong_state_is_reported_before_the_conditions(ready):
    empty = PlanFactory()  # the submit condition fails too, but the state comes first
    before = _written()
    with pytest.raises(TransitionRefused) as refused:
        _move(empty, verb="close", conditions={"close": "condition"})
    assert not isinstance(refused.value, NotAllowed)
    assert refused.value.messages == [STATE % {"state": empty.get_state_display()}]
    assert _written() == before


def _conditions_unmet(transition, check_conditions=True):
    return not check_conditions  # the state admits it; its conditions are not met


def test_unmet_conditions_then_validate_then_gates(ready, gate):
    seen = []
    with mock.patch.object(lifecycle, "can_proceed", _conditions_unmet), \
            pytest.raises(TransitionRefused) as refused:
        _move(ready, conditions={"submit": "Needs content."},
              validate=lambda p: seen.append("validate"))
    assert refused.value.messages == ["Needs content."] and seen == [] and gate == []
    with pytest.raises(TransitionRefused) as refused:
        _move(ready, validate=lifecycle.required("", "Write a reason."))
    assert refused.value.messages == ["Write a reason."] and gate == []
    before = _written()
    with pytest.raises(TransitionRefused) as refused:
        _move(ready)
    assert refused.value.messages == ["The gate says no."] and gate == ["submit"]
    assert _written() == before and Plan.objects.get(pk=ready.pk).state == PlanState.DRAFT


def test_the_order_of_a_move_that_goes_through(ready, django_capture_on_commit_callbacks):
    order = []
    real_lock, real_record = lifecycle.lock, lifecycle.record

    def lock(obj, *related):
        order.append("lock")
        return real_lock(obj, *related)

    def record(**kwargs):
        order.append(f"audit:{kwargs['from_state']}->{kwargs['to_state']}")
        return real_record(**kwargs)

    def gate(*, obj, verb, by, context):
        order.append("gate")

    def allowed(user, plan):
        order.append("permission")
        return True

    lifecycle.register_gate(Plan, gate)
    try:
        with mock.patch.object(lifecycle, "lock", lock), \
                mock.patch.object(lifecycle, "record", record), \
                django_capture_on_commit_callbacks(execute=True) as callbacks:
            moved = _move(ready, allowed=allowed, validate=lambda p: order.append("validate"),
                          after=[lambda obj, event: order.append("after")],
                          effects=[lambda obj: order.append(f"effect:{obj.state}")])
            order.append("committing")
    finally:
        lifecycle.GATES[Plan].remove(gate)
    assert moved.state == PlanState.IN_APPROVAL and callbacks
    assert order == ["lock", "permission", "validate", "gate", "audit:draft->in_approval",
                     "after", "committing", "effect:in_approval"]
    assert AuditEvent.objects.filter(verb="test_submit", target_id=str(ready.pk)).count() == 1


def test_the_at_end_work_runs_once_for_the_outermost_service():
    runs = []

    @lifecycle.service
    def inner():
        lifecycle.at_end("key", lambda: runs.append("inner"))

    @lifecycle.service
    def outer():
        inner()
        inner()
        assert runs == []  # nothing yet: the outer service has not finished
        lifecycle.at_end("key", lambda: runs.append("outer"))

    outer()
    assert runs == ["outer"]
    inner()  # outermost itself: runs at its end
    assert runs == ["outer", "inner"]
