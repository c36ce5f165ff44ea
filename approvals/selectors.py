"""Reads on approvals: which policies apply to an approvable object, who decides a step, and
the decisions waiting for a person (``pending_decisions``: "My tasks" and the home page)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

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


def _undecided_steps(user, approvable, memo: dict) -> QuerySet:
    """The pending steps of one approvable kind that ``user`` may decide now, as a query
    (``can_decide_step`` in the database: ``approvals.permissions.entitled_condition``)."""
    from approvals.permissions import entitled_condition

    field = approvable.step_field
    return (ApprovalStep.objects.filter(
        entitled_condition(user, field, memo),
        status=StepStatus.PENDING, **{f"{field}__state": approvable.deciding_state})
        .exclude(decisions__decided_by=user))


def decidable_steps(user, *, exclude: tuple[type, ...] = (), memo: dict | None = None,
                    limit: int | None = None) -> list[ApprovalStep]:
    """Pending steps of every approvable kind (but ``exclude``) that ``user`` may decide now:
    the decisions of "My tasks"; ``limit``: the oldest ``limit`` of each kind only. ``memo``:
    the user's secretariats, groups and heads, asked once for every step (and every call
    that passes the same one)."""
    from approvals.permissions import can_decide_step

    if not (user and user.is_authenticated and user.is_active):
        return []
    found = []
    memo = {} if memo is None else memo
    for approvable in registered():
        if approvable.model in exclude:
            continue
        field = approvable.step_field
        steps = (_undecided_steps(user, approvable, memo)
                 .select_related(field, f"{field}__secretariat").order_by("created_at", "pk"))
        # The database chose them; each is still checked here, the one rule for a step.
        found += [step for step in (steps if limit is None else steps[:limit])
                  if can_decide_step(user, step, memo=memo, undecided=True)]
    return found


class Decisions:
    """The decisions waiting for one person, read as the pages need them, whatever their
    number: the oldest few named (``oldest``), all of them counted (``count``) and, per
    kind, the objects they are on as a subquery (``targets``). One per HTTP request."""

    def __init__(self, user):
        self.user = user
        self._memo: dict = {}
        self._counts: dict | None = None
        self._oldest: dict[int, list] = {}

    def _active(self) -> bool:
        return bool(self.user and self.user.is_authenticated and self.user.is_active)

    def oldest(self, n: int) -> list["PendingDecision"]:
        """The ``n`` oldest, of every kind, as ``pending_decisions`` lists them (a query per
        kind)."""
        if n not in self._oldest:
            self._oldest[n] = _as_decisions(
                decidable_steps(self.user, memo=self._memo, limit=n))[:n]
        return self._oldest[n]

    def counts(self) -> dict[type, int]:
        """How many wait, per approvable model (one query, whatever their number)."""
        if self._counts is None:
            if not self._active():
                self._counts = {a.model: 0 for a in registered()}
            else:
                kinds = {a.model: _undecided_steps(self.user, a, self._memo)
                         for a in registered()}
                conditions = {f"n{i}": Count("pk", filter=Q(pk__in=query.values("pk")))
                              for i, query in enumerate(kinds.values())}
                # Every kind's steps are pending ones: counted among those (read by the
                # status index), not over every step the history holds.
                row = (ApprovalStep.objects.filter(status=StepStatus.PENDING).order_by()
                       .aggregate(**conditions))
                self._counts = {model: row[f"n{i}"] for i, model in enumerate(kinds)}
        return self._counts

    def count(self) -> int:
        return sum(self.counts().values())

    def targets(self, model) -> QuerySet:
        """The pks of the ``model`` objects (requests…) with a decision waiting, as a query."""
        approvable = next(a for a in registered() if a.model is model)
        if not self._active():
            return ApprovalStep.objects.none().values(f"{approvable.step_field}_id")
        return _undecided_steps(self.user, approvable, self._memo).values(
            f"{approvable.step_field}_id")


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
    first: the one source of the decisions in "My tasks" and on the home page (which read
    them through ``Decisions``: the oldest named, the rest counted)."""
    return _as_decisions(decidable_steps(user))


def _as_decisions(steps) -> list[PendingDecision]:
    steps = sorted(steps, key=lambda step: (step.created_at, step.pk))
    found = []
    for step in steps:
        approvable = approvable_of(step.target)
        url = approvable.decide_url(step) if approvable.decide_url else ""
        found.append(PendingDecision(step=step, target=step.target, url=url))
    return found

