"""Approval rounds and decisions over any approvable object (``approvals.approvable``).

``steps_open_round`` opens the steps the policies ask for; ``step_decide`` is the one
step-decision service: it records a person's decision, closes the step when its quorum is
reached, opens the next stage, and hands the outcome back to the object's lifecycle.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _

from approvals.approvable import approvable_of
from approvals.models import ApprovalStep, Decision, Quorum, RejectionReason, StepStatus
from approvals.permissions import can_decide_step
from approvals.selectors import deciders_of, policy_steps_for, steps_of
from audit.services import record
from pauta import clock, lifecycle
from pauta.lifecycle import TransitionRefused, ensure

OPEN = (StepStatus.PENDING, StepStatus.WAITING)
CLOSED_BY = {Decision.Outcome.APPROVE: StepStatus.APPROVED,
             Decision.Outcome.REQUEST_CHANGES: StepStatus.CHANGES_REQUESTED,
             Decision.Outcome.REJECT: StepStatus.REJECTED}


def steps_cancel(*, target) -> int:
    """Cancel the open steps of ``target`` (a new round, or the object was cancelled)."""
    return steps_of(target).filter(status__in=OPEN).update(status=StepStatus.CANCELLED,
                                                           closed_at=clock.now())


@lifecycle.service
def steps_open_round(*, target, by) -> list[ApprovalStep]:
    """Create this review round's steps from the policies; the first stage becomes pending.

    With no policy to apply, the lifecycle is told at once that the round is approved.
    """
    approvable = approvable_of(target)
    steps_cancel(target=target)
    policy_steps = policy_steps_for(target)
    if not policy_steps:
        approvable.conclude(target, by=by, verb="approve", reason=None,
                            payload={"reason": "no approval policy applies"})
        return []
    first = min(s.stage for s in policy_steps)
    return ApprovalStep.objects.bulk_create([
        ApprovalStep(**{approvable.step_field: target}, review_round=target.review_round,
                     stage=s.stage, name=s.name, approvers=s.approvers, group=s.group,
                     quorum=s.quorum, legal=s.legal,
                     status=StepStatus.PENDING if s.stage == first else StepStatus.WAITING)
        for s in policy_steps])


def _closes(step, outcome, by) -> bool:
    """Whether this decision closes the step (any refusal does; approvals by quorum)."""
    if outcome != Decision.Outcome.APPROVE or step.quorum == Quorum.ANY:
        return True
    needed = set(deciders_of(step).values_list("pk", flat=True))
    approved = set(step.decisions.filter(outcome=Decision.Outcome.APPROVE)
                   .values_list("decided_by_id", flat=True)) | {by.pk}
    return needed <= approved


def decision_check(*, outcome: str, comment: str, reason) -> None:
    """Refuse a decision that is unknown, unexplained, or a rejection without a reason."""
    if outcome not in Decision.Outcome.values:
        raise TransitionRefused(_("Unknown decision."))
    if outcome != Decision.Outcome.APPROVE and not comment.strip():
        raise TransitionRefused(_("Explain what must change or why it is rejected."))
    if outcome == Decision.Outcome.REJECT and reason is None:
        raise TransitionRefused(_("Choose a reason for the rejection."))


def _read_with(model) -> tuple[str, ...]:
    """The secretariat the permission reads, joined to the lock where it is required (a
    nullable one would be an outer join, which PostgreSQL does not lock)."""
    names = {f.name: f for f in model._meta.get_fields()}
    field = names.get("secretariat")
    return ("secretariat",) if field is not None and field.many_to_one and not field.null else ()


@lifecycle.service
def step_decide(*, step: ApprovalStep, by, outcome: str, comment: str = "",
                reason: RejectionReason | None = None) -> Decision:
    """Record one person's decision on a step of any approvable object.

    The object is locked first; the database allows one closing decision per step, and a
    decision is written once, never changed.
    """
    target = step.target
    target = lifecycle.lock(target, *_read_with(type(target)))
    approvable = approvable_of(target)
    # The object is locked above; "of" keeps PostgreSQL from locking the nullable joins.
    step = ApprovalStep.objects.select_for_update(of=("self",)).get(pk=step.pk)
    setattr(step, approvable.step_field, target)  # the row just locked, not read again
    ensure(can_decide_step(by, step))
    decision_check(outcome=outcome, comment=comment, reason=reason)
    reason = reason if outcome == Decision.Outcome.REJECT else None
    closes = _closes(step, outcome, by)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(step=step, decided_by=by, outcome=outcome,
                                               comment=comment, reason=reason,
                                               closes_step=closes)
    except IntegrityError as exc:  # somebody closed it (or this person decided) a moment ago
        raise TransitionRefused(_("This step was already decided.")) from exc
    if closes:
        step.status, step.closed_at = CLOSED_BY[outcome], clock.now()
        step.save(update_fields=["status", "closed_at"])
    record(by=by, verb=approvable.verb("decide"), target=target,
           payload={"step_id": step.pk, "outcome": outcome, "comment": comment,
                    "reason": reason.code if reason else ""})
    if closes:
        _advance(target, approvable, by=by, outcome=outcome, reason=reason)
    if approvable.after_decision is not None:
        approvable.after_decision(target, by)
    return decision


def stage_outcome(steps, outcome) -> tuple[str | None, int | None]:
    """After a closing decision on one of ``steps`` (a round's steps): cancel or open
    steps, and say what follows — the lifecycle verb to run ("reject", "request_changes",
    "approve") or the stage just opened."""
    if outcome != Decision.Outcome.APPROVE:
        steps.filter(status__in=OPEN).update(status=StepStatus.CANCELLED,
                                             closed_at=clock.now())
        return ("reject" if outcome == Decision.Outcome.REJECT else "request_changes"), None
    # One read: is a step of this stage still pending, and which is the next waiting stage.
    still = steps.filter(status__in=OPEN).order_by().aggregate(
        pending=Count("pk", filter=Q(status=StepStatus.PENDING)),
        next_stage=Min("stage", filter=Q(status=StepStatus.WAITING)))
    if still["pending"]:
        return None, None  # a parallel step of this stage is still open
    if still["next_stage"] is not None:
        steps.filter(status=StepStatus.WAITING, stage=still["next_stage"]).update(
            status=StepStatus.PENDING)
        return None, still["next_stage"]
    return "approve", None


def _advance(target, approvable, *, by, outcome, reason):
    verb, opened = stage_outcome(steps_of(target, target.review_round), outcome)
    if opened is not None:
        record(by=by, verb=approvable.verb("open_stage"), target=target,
               payload={"stage": opened})
    elif verb:
        approvable.conclude(target, by=by, verb=verb, reason=reason)
