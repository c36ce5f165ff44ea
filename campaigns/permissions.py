"""Who may see and do what on campaigns. Views and services ask here, nowhere else.

Same scope as requests: the requester side is the campaign's secretariat (and the nodes
above it); the communication team moves campaigns along; approvers decide their steps
(``approvals.permissions``).
"""

from django.db.models import Q, QuerySet

from approvals.permissions import can_decide_step  # noqa: F401  (one rule for every step)
from campaigns.models import CANCELLABLE, OPEN_FOR_PIECES, PIECES_MAY_RUN, Campaign
from org.permissions import can_act_for, secretariat_ids_for_action
from org.roles import DECIDE, DECIDE_LEGAL
from org.roles import VIEW_ALL_REQUESTS as VIEW_ALL
from org.roles import WORK_ON_REQUESTS as WORK


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def visible_campaigns(user) -> QuerySet:
    """Campaigns the user may read: all for team roles, own secretariats', routed to legal."""
    if not _active(user):
        return Campaign.objects.none()
    if user.has_perm(VIEW_ALL):
        return Campaign.objects.all()
    scope = Q(secretariat_id__in=secretariat_ids_for_action(user))
    if user.has_perm(DECIDE_LEGAL):
        scope |= Q(approval_steps__legal=True)
    return Campaign.objects.filter(scope).distinct()


def can_view_campaign(user, campaign) -> bool:
    if not _active(user):
        return False
    if user.has_perm(VIEW_ALL) or can_act_for(user, campaign.secretariat):
        return True
    return user.has_perm(DECIDE_LEGAL) and campaign.approval_steps.filter(legal=True).exists()


def is_worker(user, campaign=None) -> bool:
    """A member of the communication team (the role; the state is another question)."""
    return _active(user) and user.has_perm(WORK)


def is_campaign_requester_side(user, campaign) -> bool:
    return _active(user) and can_act_for(user, campaign.secretariat)


def can_create_campaign_for(user, secretariat) -> bool:
    return _active(user) and can_act_for(user, secretariat)


def can_edit_campaign(user, campaign) -> bool:
    return is_campaign_requester_side(user, campaign) and campaign.state == "draft"


def can_submit_campaign(user, campaign) -> bool:
    return is_campaign_requester_side(user, campaign) and campaign.state == "draft"


def can_triage_campaign(user, campaign) -> bool:
    """Open the approval or send the campaign back to draft: the communication team."""
    return _active(user) and user.has_perm(WORK) and campaign.state == "submitted"


def can_run_campaign(user, campaign) -> bool:
    return _active(user) and user.has_perm(WORK) and campaign.state == "approved"


def can_close_campaign(user, campaign) -> bool:
    return _active(user) and user.has_perm(WORK) and campaign.state == "running"


def can_cancel_campaign(user, campaign) -> bool:
    """The requesting side cancels; its pieces are withdrawn with the same right."""
    return is_campaign_requester_side(user, campaign) and campaign.state in CANCELLABLE


def can_add_piece(user, campaign) -> bool:
    return is_campaign_requester_side(user, campaign) and campaign.state in OPEN_FOR_PIECES


def can_submit_pieces(user, campaign) -> bool:
    return is_campaign_requester_side(user, campaign) and campaign.state in PIECES_MAY_RUN


def can_record_spend(user, campaign) -> bool:
    """Committed spend is recorded by the communication team or an approver."""
    return (_active(user) and (user.has_perm(WORK) or user.has_perm(DECIDE))
            and campaign.state in ("approved", "running", "closed"))
