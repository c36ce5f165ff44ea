"""Approval rounds and decisions: open the steps a policy asks for, record decisions,
and move the request on when a stage (or the whole review) is decided."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from approvals.models import ApprovalStep, Decision, Quorum, RejectionReason, StepStatus
from approvals.selectors import deciders_of, policy_steps_for
from audit.services import record
from pauta import clock
from workflows import permissions as perms
from workflows.errors import TransitionRefused
from workflows.process import process_sync
from workflows.services import ensure, lock, transition

OPEN = (StepStatus.PENDING, StepStatus.WAITING)


def _internal(user, request) -> bool:
    return True  # the decision that triggers it was already checked


@transaction.atomic
def steps_open_round(*, request, by) -> list[ApprovalStep]:
    """Create this review round's steps from the policies; the first stage becomes pending."""
    ApprovalStep.objects.filter(request=request, status__in=OPEN).update(
        status=StepStatus.CANCELLED, closed_at=clock.now())
    policy_steps = policy_steps_for(request)
    if not policy_steps:  # nothing configured: the review is done at once
        transition(request, by=by, verb="approve", check=_internal,
                   payload={"reason": "no approval policy applies"})
        return []
    first_stage = min(s.stage for s in policy_steps)
    steps = ApprovalStep.objects.bulk_create([
        ApprovalStep(request=request, review_round=request.review_round, stage=s.stage,
                     name=s.name, approvers=s.approvers, group=s.group, quorum=s.quorum,
                     legal=s.legal,
                     status=StepStatus.PENDING if s.stage == first_stage else StepStatus.WAITING)
        for s in policy_steps
    ])
    return steps


def _closing(step, outcome) -> bool:
    if outcome != Decision.Outcome.APPROVE or step.quorum == Quorum.ANY:
        return True
    needed = set(deciders_of(step).values_list("pk", flat=True))
    approved = set(step.decisions.filter(outcome=Decision.Outcome.APPROVE)
                   .values_list("decided_by_id", flat=True))
    return needed <= approved


def decision_check(*, outcome: str, comment: str, reason) -> None:
    """Refuse a decision that is unknown, unexplained, or a rejection without a reason."""
    if outcome not in Decision.Outcome.values:
        raise TransitionRefused(_("Unknown decision."))
    if outcome != Decision.Outcome.APPROVE and not comment.strip():
        raise TransitionRefused(_("Explain what must change or why it is rejected."))
    if outcome == Decision.Outcome.REJECT and reason is None:
        raise TransitionRefused(_("Choose a reason for the rejection."))


@transaction.atomic
def step_decide(*, step: ApprovalStep, by, outcome: str, comment: str = "",
                reason: RejectionReason | None = None) -> Decision:
    """Record one person's decision on a step; the database allows one closing decision."""
    request = lock(step.request)
    # The request is locked above; "of" keeps PostgreSQL from locking the nullable join.
    step = (ApprovalStep.objects.select_for_update(of=("self",)).select_related("request")
            .get(pk=step.pk))
    ensure(perms.can_decide_step(by, step))
    decision_check(outcome=outcome, comment=comment, reason=reason)
    decision = Decision(step=step, decided_by=by, outcome=outcome, comment=comment,
                        reason=reason if outcome == Decision.Outcome.REJECT else None)
    decision.closes_step = False
    decision.save()
    if outcome == Decision.Outcome.APPROVE and not _closing(step, outcome):
        record(by=by, verb="decide", target=request,
               payload={"step_id": step.pk, "outcome": outcome, "comment": comment})
        return decision
    try:
        with transaction.atomic():
            Decision.objects.filter(pk=decision.pk).update(closes_step=True)
    except IntegrityError as exc:  # somebody closed it a moment earlier
        raise TransitionRefused(_("This step was already decided.")) from exc
    decision.closes_step = True
    step.status = {Decision.Outcome.APPROVE: StepStatus.APPROVED,
                   Decision.Outcome.REQUEST_CHANGES: StepStatus.CHANGES_REQUESTED,
                   Decision.Outcome.REJECT: StepStatus.REJECTED}[outcome]
    step.closed_at = clock.now()
    step.save(update_fields=["status", "closed_at"])
    record(by=by, verb="decide", target=request,
           payload={"step_id": step.pk, "outcome": outcome, "comment": comment,
                    "reason": reason.code if reason else ""})
    _advance(request, by=by, outcome=outcome, reason=reason)
    process_sync(request, by)  # a closed step ends its review branch even without a transition
    return decision


def stage_outcome(steps, outcome) -> tuple[str | None, int | None]:
    """After a closing decision on one of ``steps`` (a round's steps, of a request or a
    campaign): cancel or open steps, and say what follows — the lifecycle verb to run
    ("reject", "request_changes", "approve") or the stage just opened."""
    if outcome != Decision.Outcome.APPROVE:
        steps.filter(status__in=OPEN).update(status=StepStatus.CANCELLED,
                                             closed_at=clock.now())
        return ("reject" if outcome == Decision.Outcome.REJECT else "request_changes"), None
    if steps.filter(status=StepStatus.PENDING).exists():
        return None, None  # a parallel step of this stage is still open
    waiting = steps.filter(status=StepStatus.WAITING)
    if waiting.exists():
        next_stage = min(waiting.values_list("stage", flat=True))
        waiting.filter(stage=next_stage).update(status=StepStatus.PENDING)
        return None, next_stage
    return "approve", None


def _advance(request, *, by, outcome, reason):
    steps = ApprovalStep.objects.filter(request=request, review_round=request.review_round)
    verb, opened = stage_outcome(steps, outcome)
    if opened is not None:
        record(by=by, verb="open_stage", target=request, payload={"stage": opened})
    elif verb == "reject":
        transition(request, by=by, verb="reject", check=_internal, args=(reason.code,),
                   payload={"reason": reason.code})
    elif verb:
        transition(request, by=by, verb=verb, check=_internal)
