"""Who may run the checks, override which finding, see the blackout view and take pieces down."""

from approvals.compliance.models import Severity
from workflows import permissions as wperms


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_see_findings(user, request) -> bool:
    """Whoever sees the request; legal reviewers too, as they may be the ones to override."""
    return wperms.can_view(user, request) or (_active(user) and user.has_perm(wperms.DECIDE_LEGAL))


def can_check(user, request) -> bool:
    return wperms.is_team(user) and can_see_findings(user, request)


def can_override(user, request, finding) -> bool:
    """Warnings: approvers. Legal rules (impessoalidade, electoral): legal reviewers only.
    Other blockers: nobody — the text must change."""
    if not _active(user) or not request.is_open or not finding.is_open:
        return False
    if not can_see_findings(user, request):
        return False
    if finding.legal_override:
        return user.has_perm(wperms.DECIDE_LEGAL)
    if finding.severity == Severity.BLOCKER:
        return False
    return user.has_perm(wperms.DECIDE)


def can_override_some(user, request) -> bool:
    """May the user override any kind of finding on this request (asked before the form)?"""
    return (_active(user) and request.is_open and can_see_findings(user, request)
            and (user.has_perm(wperms.DECIDE) or user.has_perm(wperms.DECIDE_LEGAL)))


def can_see_blackout_view(user) -> bool:
    return wperms.is_team(user) and user.has_perm(wperms.VIEW_ALL) or (
        _active(user) and user.has_perm(wperms.DECIDE_LEGAL))


def can_take_down(user) -> bool:
    return _active(user) and user.has_perm(wperms.WORK)
