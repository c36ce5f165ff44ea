"""Who may read the whole audit trail (its page and exports). Views ask here.

The auditor role carries ``audit.view_auditevent`` (``org/roles.py``); timelines of single
requests, campaigns and plans are shown by their own pages under their own permissions.
"""

from org.roles import VIEW_AUDIT_TRAIL


def can_view_trail(user) -> bool:
    """The trail of every object, its chain status and its exports."""
    return bool(user and user.is_authenticated and user.is_active
                and user.has_perm(VIEW_AUDIT_TRAIL))
