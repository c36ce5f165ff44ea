"""Who may run the checks, override which finding, see the blackout view and take pieces down.

The object's own visibility comes from its ``Checkable``; roles are asked through the
codenames of ``org.roles``."""

from approvals.compliance.checkable import checkable_of
from approvals.compliance.models import Severity
from org.permissions import is_team
from org.roles import DECIDE, DECIDE_LEGAL, VIEW_ALL_REQUESTS, WORK_ON_REQUESTS


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_see_findings(user, obj) -> bool:
    """Whoever sees the object; legal reviewers too, as they may be the ones to override."""
    return checkable_of(obj).can_view(user, obj) or (_active(user)
                                                     and user.has_perm(DECIDE_LEGAL))


def can_check(user, obj) -> bool:
    return is_team(user) and can_see_findings(user, obj)


def can_override(user, obj, finding) -> bool:
    """Warnings: approvers. Legal rules (impessoalidade, electoral): legal reviewers only.
    Other blockers: nobody — the text must change."""
    if not _active(user) or not checkable_of(obj).is_open(obj) or not finding.is_open:
        return False
    if not can_see_findings(user, obj):
        return False
    if finding.legal_override:
        return user.has_perm(DECIDE_LEGAL)
    if finding.severity == Severity.BLOCKER:
        return False
    return user.has_perm(DECIDE)


def can_override_some(user, obj) -> bool:
    """May the user override any kind of finding on this object (asked before the form)?"""
    return (_active(user) and checkable_of(obj).is_open(obj) and can_see_findings(user, obj)
            and (user.has_perm(DECIDE) or user.has_perm(DECIDE_LEGAL)))


def can_see_blackout_view(user) -> bool:
    return is_team(user) and user.has_perm(VIEW_ALL_REQUESTS) or (
        _active(user) and user.has_perm(DECIDE_LEGAL))


def can_take_down(user) -> bool:
    return _active(user) and user.has_perm(WORK_ON_REQUESTS)
