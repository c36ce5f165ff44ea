"""Who may see and do what in clipping. Views and services ask here, nowhere else.

The team and the readers of reports see clips and sources (``clipping.view_clip``); the
clipping analyst (``clipping.triage_clip``) triages, enters manual clips, configures sources
and terms and sends the daily clipping.
"""

from clipping.models import ClipState
from org.roles import TRIAGE_CLIPS, VIEW_CLIPS


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view(user, obj=None) -> bool:
    return _active(user) and (user.has_perm(VIEW_CLIPS) or user.has_perm(TRIAGE_CLIPS))


def is_analyst(user, clip=None) -> bool:
    """The role (the kernel's ``actor``): the state is another question."""
    return _active(user) and user.has_perm(TRIAGE_CLIPS)


def can_keep(user, clip) -> bool:
    return is_analyst(user) and clip.state == ClipState.TRIAGE


def can_discard(user, clip) -> bool:
    return is_analyst(user) and clip.state == ClipState.TRIAGE


def can_reopen(user, clip) -> bool:
    return is_analyst(user) and clip.state in (ClipState.KEPT, ClipState.DISCARDED)


def can_triage(user) -> bool:
    return is_analyst(user)


def can_configure(user) -> bool:
    return is_analyst(user)


def can_send_digest(user) -> bool:
    return is_analyst(user)
