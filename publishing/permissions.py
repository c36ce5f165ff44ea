"""Who may read revisions and seals, restore a revision, confirm a take-down and schedule a
piece's expiry (built on the request's and the compliance engine's own permissions)."""

from approvals.compliance import permissions as compliance_perms
from workflows import permissions as request_perms


def can_view_history(user, request) -> bool:
    """Whoever sees the request sees how its texts changed (the texts are on its page)."""
    return request_perms.can_view(user, request)


def can_restore(user, request) -> bool:
    """The assigned editor, while the text may be edited."""
    return request_perms.can_produce(user, request)


def can_see_checklist(user) -> bool:
    """Whoever may take pieces down sees the pieces waiting to be taken down by hand."""
    return compliance_perms.can_take_down(user)


def can_confirm_takedown(user, evidence) -> bool:
    """Whoever may take pieces down, on a request they see."""
    return (compliance_perms.can_take_down(user)
            and request_perms.can_view(user, evidence.publication.request))


def can_set_expiry(user, publication) -> bool:
    """The communication team (who schedules), while the piece is approved, scheduled or
    live, on a request they see."""
    return (publication.cancelled_at is None
            and publication.request.state in ("approved", "scheduled", "published")
            and request_perms.is_worker(user)
            and request_perms.can_view(user, publication.request))
