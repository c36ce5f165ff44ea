"""Reads on approvals: which policies apply to an approvable object, who decides a step, and
the decisions waiting for a person (``pending_decisions``: "My tasks" and the home page)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from approvals.approvable import Facts, approvable_of, registered
from approvals.models import ApprovalPolicy, ApprovalStep, PolicyStep, StepStatus
from org.models import User
from org.selectors import heads_of


def matches(policy: ApprovalPolicy, facts: Facts) -> bool:
    """Whether ``policy`` applies to an object with these facts (empty conditions: always)."""
    if policy.kinds and facts.kind is not None and facts.kind not in policy.kinds:
        return False
    policy_channels = {c.pk for c in policy.channels.all()}
    if policy_channels and not policy_channels & facts.channel_ids:
        return False
    conditions = []
    if policy.only_in_blackout:
        conditions.append(facts.blackout)
    if policy.only_when_sensitive and facts.sensitive is not None:
        conditions.append(facts.sensitive)
    if policy.only_with_paid_media and facts.paid_media is not None:
        conditions.append(facts.paid_media)
    return not conditions or (any(conditions) if policy.either_condition else all(conditions))


def policies_for(obj) -> list[ApprovalPolicy]:
    """The active policies of the object's kind (request, campaign…) whose conditions match."""
    approvable = approvable_of(obj)
    facts = approvable.facts(obj)
    return [policy for policy in ApprovalPolicy.objects.filter(
        active=True, applies_to=approvable.policy_target).prefetch_related("channels")
        if matches(policy, facts)]


def policy_steps_for(obj) -> list[PolicyStep]:
    return list(PolicyStep.objects.filter(policy__in=policies_for(obj)).select_related("group")
                .order_by("stage", "policy__name", "pk"))


def steps_of(obj, review_round: int | None = None) -> QuerySet:
    """The steps of ``obj`` (of one review round when given)."""
    steps = ApprovalStep.objects.filter(**{approvable_of(obj).step_field: obj})
    return steps if review_round is None else steps.filter(review_round=review_round)


def deciders_of(step) -> QuerySet:
    """Everyone who can decide a step (for notifications and the 'all' quorum)."""
    secretariat = step.target.secretariat
    if step.approvers == PolicyStep.Approvers.SECRETARIAT:
        return User.objects.filter(is_active=True,
                                   memberships__secretariat=secretariat).distinct()
    if step.approvers == PolicyStep.Approvers.SECRETARIAT_HEAD:
        return heads_of(secretariat)
    return User.objects.filter(is_active=True, groups=step.group_id).distinct()


def decidable_steps(user, *, exclude: tuple[type, ...] = ()) -> list[ApprovalStep]:
    """Pending steps of every approvable kind (but ``exclude``) that ``user`` may decide now:
    the decisions of "My tasks"."""
    from approvals.permissions import can_decide_step, entitled_condition

    if not (user and user.is_authenticated):
        return []
    found = []
    memo: dict = {}  # the user's secretariats, groups, heads: asked once for every step
    for approvable in registered():
        if approvable.model in exclude:
            continue
        field = approvable.step_field
        # Only the steps the person may be entitled to (read by the database); each is
        # still checked below, so the filter narrows the read, never the permission.
        steps = (ApprovalStep.objects.filter(
            entitled_condition(user, field, memo),
            status=StepStatus.PENDING, **{f"{field}__state": approvable.deciding_state})
            .exclude(decisions__decided_by=user).select_related(field, f"{field}__secretariat")
            .order_by("created_at", "pk"))
        found += [step for step in steps
                  if can_decide_step(user, step, memo=memo, undecided=True)]
    return found


@dataclass(frozen=True)
class PendingDecision:
    """A step waiting for one person's decision, with its object and its decision page."""

    step: ApprovalStep
    target: object
    url: str

    @property
    def since(self):
        return self.step.created_at


def pending_decisions(user) -> list[PendingDecision]:
    """Every decision waiting for ``user`` now, of every registered approvable kind, oldest
    first: the one source of the decisions in "My tasks" and on the home page."""
    steps = sorted(decidable_steps(user), key=lambda step: (step.created_at, step.pk))
    found = []
    for step in steps:
        approvable = approvable_of(step.target)
        url = approvable.decide_url(step) if approvable.decide_url else ""
        found.append(PendingDecision(step=step, target=step.target, url=url))
    return found

