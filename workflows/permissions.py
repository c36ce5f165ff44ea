"""Who may see and do what on content requests. Views and services ask here, nowhere else."""

from django.db.models import Q, QuerySet

from approvals.permissions import can_decide_step  # noqa: F401  (one rule for every step)
from org.permissions import can_act_for, secretariat_ids_for_action
from org.roles import DECIDE, DECIDE_LEGAL
from org.roles import VIEW_ALL_REQUESTS as VIEW_ALL
from org.roles import WORK_ON_REQUESTS as WORK
from workflows.models import ContentRequest, RequestState

S = RequestState


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def visible_requests(user) -> QuerySet:
    """Requests the user may read: all for team roles, own secretariats', assigned, routed."""
    if not _active(user):
        return ContentRequest.objects.none()
    if user.has_perm(VIEW_ALL):
        return ContentRequest.objects.all()
    scope = Q(secretariat_id__in=secretariat_ids_for_action(user)) | Q(assignee=user)
    if user.has_perm(DECIDE_LEGAL):
        scope |= Q(approval_steps__legal=True)
    return ContentRequest.objects.filter(scope).distinct()


def can_view(user, request: ContentRequest) -> bool:
    if not _active(user):
        return False
    if user.has_perm(VIEW_ALL) or request.assignee_id == user.pk:
        return True
    if can_act_for(user, request.secretariat):
        return True
    return user.has_perm(DECIDE_LEGAL) and request.approval_steps.filter(legal=True).exists()


def is_team(user) -> bool:
    """Members of the communication team see internal comments."""
    return _active(user) and (user.has_perm(WORK) or user.has_perm(DECIDE)
                              or user.has_perm(DECIDE_LEGAL))


def can_create_for(user, secretariat) -> bool:
    return _active(user) and can_act_for(user, secretariat)


def is_requester_side(user, request: ContentRequest) -> bool:
    return _active(user) and can_act_for(user, request.secretariat)


def can_edit_brief(user, request: ContentRequest) -> bool:
    return is_requester_side(user, request) and request.state in (S.DRAFT, S.NEEDS_INFO)


def can_submit(user, request: ContentRequest) -> bool:
    """A draft leaves for the team; a campaign's piece only once the campaign is signed off."""
    from workflows.models.campaigns import PIECES_MAY_RUN

    return (is_requester_side(user, request) and request.state == S.DRAFT
            and (request.campaign_id is None or request.campaign.state in PIECES_MAY_RUN))


def can_answer_info(user, request: ContentRequest) -> bool:
    return is_requester_side(user, request) and request.state == S.NEEDS_INFO


def can_withdraw(user, request: ContentRequest) -> bool:
    return is_requester_side(user, request) and request.state in (
        S.DRAFT, S.SUBMITTED, S.NEEDS_INFO, S.IN_PRODUCTION, S.IN_REVIEW, S.APPROVED, S.SCHEDULED)


def can_rate(user, request: ContentRequest) -> bool:
    return (is_requester_side(user, request) and request.rating is None
            and request.state in (S.PUBLISHED, S.ARCHIVED))


def can_triage(user, request: ContentRequest) -> bool:
    """Accept, return for information, reject at triage, assign."""
    return _active(user) and user.has_perm(WORK) and request.state == S.SUBMITTED


def can_assign(user, request: ContentRequest) -> bool:
    return _active(user) and user.has_perm(WORK) and request.is_open and request.state != S.DRAFT


def assignable_people():
    """Active people who can be put on a request: those holding the team's work permission."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    app_label, codename = WORK.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label,
                                           codename=codename)
    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
                    | Q(is_superuser=True))
            .distinct().order_by("first_name", "username"))


def can_produce(user, request: ContentRequest) -> bool:
    """Draft the final text, attach media, send to review: the assigned editor."""
    return (_active(user) and user.has_perm(WORK) and request.assignee_id == user.pk
            and request.state == S.IN_PRODUCTION)


def can_schedule(user, request: ContentRequest) -> bool:
    return (_active(user) and user.has_perm(WORK)
            and request.state in (S.APPROVED, S.SCHEDULED))


def can_publish(user, request: ContentRequest) -> bool:
    return _active(user) and user.has_perm(WORK) and request.state == S.SCHEDULED


def can_archive(user, request: ContentRequest) -> bool:
    return _active(user) and user.has_perm(WORK) and request.state == S.PUBLISHED


def can_comment(user, request: ContentRequest, internal: bool = False) -> bool:
    if internal:
        return is_team(user) and can_view(user, request)
    return can_view(user, request) and (is_team(user) or is_requester_side(user, request))


def can_attach(user, request: ContentRequest) -> bool:
    return can_edit_brief(user, request) or can_produce(user, request)


# Campaigns ---------------------------------------------------------------------------------
# Same scope as requests: the requester side is the campaign's secretariat (and the nodes
# above it); the communication team moves campaigns along; approvers decide their steps.


def visible_campaigns(user) -> QuerySet:
    """Campaigns the user may read: all for team roles, own secretariats', routed to legal."""
    from workflows.models import Campaign

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


def is_campaign_requester_side(user, campaign) -> bool:
    return _active(user) and can_act_for(user, campaign.secretariat)


def can_create_campaign_for(user, secretariat) -> bool:
    return can_create_for(user, secretariat)


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
    from workflows.models.campaigns import CANCELLABLE

    return is_campaign_requester_side(user, campaign) and campaign.state in CANCELLABLE


def can_add_piece(user, campaign) -> bool:
    from workflows.models.campaigns import OPEN_FOR_PIECES

    return is_campaign_requester_side(user, campaign) and campaign.state in OPEN_FOR_PIECES


def can_submit_pieces(user, campaign) -> bool:
    from workflows.models.campaigns import PIECES_MAY_RUN

    return is_campaign_requester_side(user, campaign) and campaign.state in PIECES_MAY_RUN


def can_record_spend(user, campaign) -> bool:
    """Committed spend is recorded by the communication team or an approver."""
    return (_active(user) and (user.has_perm(WORK) or user.has_perm(DECIDE))
            and campaign.state in ("approved", "running", "closed"))
