"""Who may decide an approval step, for any approvable object."""

from approvals.approvable import approvable_of
from approvals.models import PolicyStep, StepStatus
from org.permissions import can_act_for
from org.roles import DECIDE, DECIDE_LEGAL
from org.selectors import heads_of


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_entitled(user, step) -> bool:
    """Whether the user is among the step's deciders (whatever the step's status)."""
    secretariat = step.target.secretariat
    if step.approvers == PolicyStep.Approvers.SECRETARIAT:
        return can_act_for(user, secretariat)
    if step.approvers == PolicyStep.Approvers.SECRETARIAT_HEAD:
        return heads_of(secretariat).filter(pk=user.pk).exists()
    needed = DECIDE_LEGAL if step.legal else DECIDE
    return user.has_perm(needed) and user.groups.filter(pk=step.group_id).exists()


def can_decide_step(user, step) -> bool:
    """A pending step of an object under approval that the user may decide and has not yet."""
    if not _active(user) or step.status != StepStatus.PENDING:
        return False
    target = step.target
    if target.state != approvable_of(target).deciding_state:
        return False
    return is_entitled(user, step) and not step.decisions.filter(decided_by=user).exists()
