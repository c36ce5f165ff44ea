"""Who may decide an approval step, for any approvable object."""

from django.db.models import Q

from approvals.approvable import approvable_of
from approvals.models import PolicyStep, StepStatus
from org.permissions import can_act_for, secretariat_ids_for_action
from org.roles import DECIDE, DECIDE_LEGAL
from org.selectors import NearestHeads, heads_of


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _memo(memo: dict | None, key, load):
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def is_entitled(user, step, memo: dict | None = None) -> bool:
    """Whether the user is among the step's deciders (whatever the step's status).

    ``memo``: a dict shared over many steps of one user (an inbox), so what does not depend
    on the step (secretariats acted for, groups, heads of a secretariat) is asked once."""
    secretariat = step.target.secretariat
    if step.approvers == PolicyStep.Approvers.SECRETARIAT:
        if memo is None:
            return can_act_for(user, secretariat)
        return secretariat.active and secretariat.pk in _memo(
            memo, "acting", lambda: secretariat_ids_for_action(user))
    if step.approvers == PolicyStep.Approvers.SECRETARIAT_HEAD:
        if memo is None:
            return user.pk in set(heads_of(secretariat).values_list("pk", flat=True))
        # Every secretariat's heads in two queries, whatever the number of steps.
        return user.pk in _memo(memo, "heads", NearestHeads)(secretariat.pk)
    needed = DECIDE_LEGAL if step.legal else DECIDE
    return user.has_perm(needed) and step.group_id in _memo(
        memo, "groups", lambda: set(user.groups.values_list("pk", flat=True)))


def entitled_condition(user, field: str, memo: dict | None = None) -> Q:
    """The steps (on the approvable named by ``field``: "request", "campaign"…) whose deciders
    include ``user``, as a filter: ``is_entitled`` in the database, so an inbox reads only
    the steps the person may decide and ``is_entitled`` still answers for each of them
    (the same steps: ``tests/test_entitled_condition.py``).

    ``memo``: as ``is_entitled``'s (the heads of every secretariat are read once)."""
    if not _active(user):
        return Q(pk__in=[])
    kinds = [legal for legal, needed in ((True, DECIDE_LEGAL), (False, DECIDE))
             if user.has_perm(needed)]
    return (Q(approvers=PolicyStep.Approvers.SECRETARIAT,
              **{f"{field}__secretariat_id__in": secretariat_ids_for_action(user),
                 f"{field}__secretariat__active": True})
            | Q(approvers=PolicyStep.Approvers.SECRETARIAT_HEAD,
                **{f"{field}__secretariat_id__in": _memo(memo, "heads", NearestHeads)
                   .headed_by(user.pk)})
            | (~Q(approvers__in=[PolicyStep.Approvers.SECRETARIAT,
                                 PolicyStep.Approvers.SECRETARIAT_HEAD])
               & Q(legal__in=kinds, group_id__in=user.groups.values("pk"))))


def can_decide_step(user, step, memo: dict | None = None, undecided: bool = False) -> bool:
    """A pending step of an object under approval that the user may decide and has not yet
    (``undecided``: the caller's query already left out the steps the user decided)."""
    if not _active(user) or step.status != StepStatus.PENDING:
        return False
    target = step.target
    if target.state != approvable_of(target).deciding_state:
        return False
    return is_entitled(user, step, memo) and (
        undecided or not step.decisions.filter(decided_by=user).exists())
