"""Who is offered, and who must use, TOTP two-factor sign-in. Views and middleware ask here."""

from django.conf import settings

# Approvers decide requests; managers change the Communication Plan.
SENSITIVE_PERMISSIONS = ("workflows.decide_request", "plans.change_plan")


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_use_two_factor(user) -> bool:
    """Approvers and managers (and administrators) may protect their sign-in with TOTP."""
    return _active(user) and any(user.has_perm(p) for p in SENSITIVE_PERMISSIONS)


def must_use_two_factor(user) -> bool:
    """With ``TWO_FACTOR_REQUIRED`` on, those people cannot work before they enrol."""
    return bool(getattr(settings, "TWO_FACTOR_REQUIRED", False)) and can_use_two_factor(user)
