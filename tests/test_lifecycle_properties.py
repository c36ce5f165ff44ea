"""Property-based lifecycle test: random actions by random demo people against the services.

A hypothesis ``RuleBasedStateMachine`` starts each sequence from a set of requests already
in every state (built once per test, each sequence runs in a savepoint rolled back at its
end, so a sequence costs only its own actions) and applies random actions of random people
of every role. After every step it checks the invariants:

- the service refuses with ``PermissionDenied`` exactly when ``workflows.permissions``
  says no, and a refused action leaves nothing behind (state, audit trail);
- a successful transition lands in the FSM's target state and is in the audit trail;
- no request gets past review (approved, scheduled, published, archived) without every step
  its policies required, each closed by an approval;
- blockers always block: a blocker put in the text (a CPF with valid check digits) makes
  ``send_to_review`` and ``schedule`` refuse, naming the blocker, with nothing written; every
  gated transition that goes through has no open blocker, and ``schedule`` only passes
  warnings an approver overrode in writing;
- the audit chain verifies;
- the request's state and its open viewflow tasks agree (``workflows.process``).

How many sequences: the ``HYPOTHESIS_PROFILE`` variable, else ``ci`` (2,000) when
``CI=true``, else ``dev`` (150). See docs/quality.md.
"""

import os

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_fsm import can_proceed
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from approvals.models import ApprovalStep, Decision
from approvals.services import step_decide
from audit.chain import compute_hash, verify_chain
from audit.models import AuditEvent
from org.models import Secretariat
from pauta import txmemo
from plans.models import Channel
from tests.lifecycle_actions import (
    ACTION_BY_NAME,
    ACTIONS,
    NEXT,
    TARGETS,
    assert_fully_decided,
    assert_gate_passed,
    decide_kwargs,
    override_warnings,
    put_blocker,
    refused_for_blocker,
    required_steps,
)
from workflows import permissions as perms
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest
from workflows.process import active_tasks, expected_nodes

_COMMON = {"deadline": None, "database": None, "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much]}
settings.register_profile("ci", max_examples=2000, stateful_step_count=6, **_COMMON)
settings.register_profile("dev", max_examples=150, stateful_step_count=6, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev")

PAST_REVIEW = {"approved", "scheduled", "published", "archived"}
SECRETARIATS = ["SMS", "SEMED", "SEMOB", "COMDEC", "DICOM"]


def _fresh(pk) -> ContentRequest:
    return ContentRequest.objects.select_related("secretariat").get(pk=pk)


class World:
    """What every sequence shares: the demo people and requests in every state."""

    def __init__(self, demo):
        self.users = sorted(demo.values(), key=lambda u: u.username)
        self.by_name = {u.username: u for u in self.users}
        self.editors = [self.by_name[n] for n in ("diego.editor", "elisa.editora")]
        self.secretariats = list(Secretariat.objects.filter(acronym__in=SECRETARIATS))
        self.required = {}
        self.seeds = [self._build(path, sensitive) for path, sensitive in [
            ([], False), (["submit"], False), (["submit", "return_for_info"], False),
            (["submit", "accept"], False), (["submit", "accept", "save_text"], False),
            (["submit", "accept", "save_text", "send_to_review"], False),
            (["submit", "accept", "save_text", "send_to_review"], True),
            (["submit", "accept", "save_text", "send_to_review", "*approve"], False),
            (["submit", "accept", "save_text", "send_to_review", "*approve", "schedule"], False),
            (["submit", "accept", "save_text", "send_to_review", "*approve", "schedule",
              "publish"], False),
        ]]

    def _build(self, path, sensitive) -> int:
        ana, diego = self.by_name["ana.saude"], self.by_name["diego.editor"]
        request = services.request_create(
            by=ana, secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
            title="Vacinação", brief="b", sensitive=sensitive,
            channels=Channel.objects.filter(code__in=["portal", "facebook"]))
        for verb in path:
            request = _fresh(request.pk)
            if verb == "*approve":
                while _fresh(request.pk).state == "in_review":
                    step = ApprovalStep.objects.filter(request=request, status="pending").first()
                    user = next(u for u in self.users if perms.can_decide_step(u, step))
                    step_decide(step=step, by=user, outcome="approve")
                continue
            actor = ana if verb in ("submit", "answer_info") else diego
            if verb == "send_to_review":
                self.required[request.pk] = required_steps(request)
            if verb == "schedule":  # the warnings (no image, no plan action) need an approver
                override_warnings(request, self.by_name["fernanda.chefe"])
            ACTION_BY_NAME[verb].run(actor, request, {})
        return request.pk


class Lifecycle(RuleBasedStateMachine):
    world: World  # set by the test before running
    requests = Bundle("requests")

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.required = dict(self.world.required)
        self.touched = set()
        self.last_event = AuditEvent.objects.order_by("-pk").first()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)
        txmemo.forget_all()  # a hand-made savepoint: see pauta.txmemo

    @initialize(target=requests)
    def seeds(self):  # checked once when built; a sequence checks what it touches
        return multiple(*self.world.seeds)

    # -- rules ---------------------------------------------------------------------------

    @rule(target=requests, user=st.integers(0, 13), where=st.integers(0, 4))
    def create(self, user, where):
        user = self.world.users[user % len(self.world.users)]
        secretariat = self.world.secretariats[where % len(self.world.secretariats)]
        allowed = perms.can_create_for(user, secretariat)
        try:
            request = services.request_create(
                by=user, secretariat=secretariat, kind="social", title="Post", brief="b",
                channels=Channel.objects.filter(code="instagram"))
        except PermissionDenied:
            assert not allowed, user
            return multiple()
        assert allowed, user
        self.touched.add(request.pk)
        return request.pk

    @rule(request=requests, user=st.integers(0, 13),
          action=st.sampled_from([a.name for a in ACTIONS]), internal=st.booleans(),
          editor=st.integers(0, 1))
    def act(self, request, user, action, internal, editor):
        """Anyone tries anything: the permission module predicts the outcome."""
        user = self.world.users[user % len(self.world.users)]
        self._attempt(user, ACTION_BY_NAME[action], request,
                      {"internal": internal, "editor": self.world.editors[editor]})

    @rule(request=requests, pick=st.integers(0, 20), which=st.integers(0, 5))
    def advance(self, request, pick, which):
        """Somebody entitled moves the request on (so sequences reach the late states)."""
        current = _fresh(request)
        if current.state == "in_review":
            step = ApprovalStep.objects.filter(request=current, status="pending").first()
            deciders = [u for u in self.world.users if step and perms.can_decide_step(u, step)]
            if deciders:
                self._decide(deciders[pick % len(deciders)], step.pk, "approve")
            return
        names = NEXT.get(current.state, [])
        if not names:
            return
        action = ACTION_BY_NAME[names[which % len(names)]]
        extra = {"internal": False, "editor": self.world.editors[0]}
        able = [u for u in self.world.users if action.allowed(u, current, extra)]
        if able:
            if action.verb == "schedule":  # the approver's overrides come first
                override_warnings(current, self.world.by_name["fernanda.chefe"])
            self._attempt(able[pick % len(able)], action, request, extra)

    @rule(request=requests, pick=st.integers(0, 20))
    def blocker_blocks(self, request, pick):
        """A blocker in the text stops send_to_review / schedule, whoever is entitled tries."""
        current = _fresh(request)
        verb = {"in_production": "send_to_review", "approved": "schedule"}.get(current.state)
        if verb is None:
            return
        action, extra = ACTION_BY_NAME[verb], {"internal": False, "editor": None}
        able = [u for u in self.world.users if action.allowed(u, current, extra)]
        if not able:
            return
        user = able[pick % len(able)]
        if verb == "schedule":  # warnings out of the way: only the blocker may stop it
            override_warnings(current, self.world.by_name["fernanda.chefe"])
        put_blocker(current, user)
        self.touched.add(request)
        if verb == "schedule" and current.seals.exists():
            # The text changed under a sealed approval: the seal stops it first and sends the
            # request back to review (publishing.seal), before any compliance gate.
            with pytest.raises(TransitionRefused):
                action.run(user, _fresh(request), extra)
            assert _fresh(request).state == "in_review", verb
            return
        before = self._snapshot(request)
        assert refused_for_blocker(lambda: action.run(user, _fresh(request), extra)), verb
        assert self._snapshot(request) == before, "a blocked transition left something behind"

    @rule(request=requests, user=st.integers(0, 13),
          outcome=st.sampled_from(Decision.Outcome.values), any_step=st.booleans())
    def decide(self, request, user, outcome, any_step):
        """Anyone decides a step of the request (usually a pending one)."""
        steps = ApprovalStep.objects.filter(request_id=request).order_by("-pk")
        step = (steps.first() if any_step else steps.filter(status="pending").first())
        if step is not None:
            self._decide(self.world.users[user % len(self.world.users)], step.pk, outcome)

    # -- checking one attempt ------------------------------------------------------------

    def _snapshot(self, pk):
        return _fresh(pk).state, AuditEvent.objects.order_by("-pk").values_list(
            "pk", flat=True).first()

    def _attempt(self, user, action, pk, extra):
        request = _fresh(pk)
        allowed = action.allowed(user, request, extra)
        admits = bool(action.verb) and can_proceed(getattr(request, action.verb),
                                                   check_conditions=False)
        if action.verb == "send_to_review":
            required = required_steps(request)
        before = self._snapshot(pk)
        last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.touched.add(pk)
        try:
            action.run(user, request, extra)
        except PermissionDenied:
            assert not allowed, (action.name, user.username, request.state)
            assert self._snapshot(pk) == before, "a refused action left something behind"
            return
        except TransitionRefused:
            # Refused for the state (not a permission question) or an unmet condition.
            assert allowed or (action.verb and not admits), (action.name, user.username,
                                                             request.state)
            assert self._snapshot(pk) == before, "a refused action left something behind"
            return
        assert allowed, f"{user.username} did {action.name} on a {request.state} request"
        after = _fresh(pk)
        if action.verb == "schedule" and request.state == "scheduled":
            # Scheduling a scheduled request moves its dates (through the same gate).
            assert after.state == "scheduled"
            assert_gate_passed(after, action.verb)
            assert AuditEvent.objects.filter(pk__gt=last_event or 0, verb="reschedule").exists()
            return
        if action.verb:
            assert_gate_passed(after, action.verb)
            if action.verb == "send_to_review":
                self.required[pk] = required
            else:
                assert after.state == TARGETS[action.verb], (action.verb, after.state)
            assert after.events.filter(verb=action.verb, from_state=request.state).exists()

    def _decide(self, user, step_pk, outcome):
        step = ApprovalStep.objects.select_related("request").get(pk=step_pk)
        allowed = perms.can_decide_step(user, step)
        before = self._snapshot(step.request_id)
        self.touched.add(step.request_id)
        try:
            step_decide(step=step, by=user, outcome=outcome, **decide_kwargs(outcome))
        except PermissionDenied:
            assert not allowed, (user.username, step.status, step.request.state)
            assert self._snapshot(step.request_id) == before
            return
        assert allowed, f"{user.username} decided step {step.name} ({step.status})"
        state = _fresh(step.request_id).state
        if outcome == "reject":
            assert state == "rejected"
        elif outcome == "request_changes":
            assert state == "in_production"
        else:
            assert state in ("in_review", "approved")

    # -- invariants ----------------------------------------------------------------------

    @invariant()
    def audit_chain_verifies(self):
        """The events written since the last check extend the chain correctly."""
        new = AuditEvent.objects.order_by("pk")
        if self.last_event is not None:
            new = new.filter(pk__gt=self.last_event.pk)
        previous = self.last_event
        for event in new:
            assert event.prev_hash == (previous.hash if previous else event.prev_hash)
            assert compute_hash(event) == event.hash, event.pk
            previous = event
        self.last_event = previous

    @invariant()
    def touched_requests_are_consistent(self):
        for pk in self.touched:
            request = _fresh(pk)
            names = {t.flow_task.name for t in active_tasks(request)}
            assert names == expected_nodes(request), (request.state, names)
            if request.state in PAST_REVIEW:
                assert_fully_decided(request, self.required[pk])
        self.touched.clear()


@pytest.mark.django_db
def test_random_lifecycles_keep_the_invariants(demo):
    world = Lifecycle.world = World(demo)
    assert [_fresh(pk).state for pk in world.seeds] == [
        "draft", "submitted", "needs_info", "in_production", "in_production", "in_review",
        "in_review", "approved", "scheduled", "published"]
    assert verify_chain() is None
    for pk in world.seeds:
        request = _fresh(pk)
        assert {t.flow_task.name for t in active_tasks(request)} == expected_nodes(request)
    profile = settings.get_profile(PROFILE)
    if os.environ.get("LIFECYCLE_EXAMPLES"):  # a one-off count, e.g. to measure the cost
        profile = settings(profile, max_examples=int(os.environ["LIFECYCLE_EXAMPLES"]))
    run_state_machine_as_test(Lifecycle, settings=profile)
