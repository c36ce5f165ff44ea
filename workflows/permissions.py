"""Who may see and do what on content requests. Views and services ask here, nowhere else."""

from django.db.models import Q, QuerySet

from approvals.permissions import can_decide_step  # noqa: F401  (one rule for every step)
from org.models import Membership
from org.permissions import (
    can_act_for,
    is_team,  # noqa: F401  (members of the team see internal comments)
    secretariat_ids_for_action,
)
from org.roles import DECIDE, DECIDE_LEGAL  # noqa: F401  (DECIDE: asked through this module)
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
        # A subquery, not a join: no request twice, so no DISTINCT over whole rows (which
        # made every count of the person's tabs sort all the requests they may read).
        scope |= Q(pk__in=ContentRequest.objects.filter(approval_steps__legal=True)
                   .values("pk"))
    return ContentRequest.objects.filter(scope)


def can_view(user, request: ContentRequest) -> bool:
    if not _active(user):
        return False
    if user.has_perm(VIEW_ALL) or request.assignee_id == user.pk:
        return True
    if can_act_for(user, request.secretariat):
        return True
    return user.has_perm(DECIDE_LEGAL) and request.approval_steps.filter(legal=True).exists()


def can_create_for(user, secretariat) -> bool:
    return _active(user) and can_act_for(user, secretariat)


def requester_for(secretariat, by=None):
    """Who files a request for ``secretariat`` that someone else starts (an event's coverage,
    an accepted staff idea): ``by`` if they may file for it, else its focal point, else its
    head (the first one who still may); a unit with neither, its parent's (who file for its
    units too). None when nobody can."""
    if secretariat is None or not secretariat.active:
        return None
    if by is not None and can_create_for(by, secretariat):
        return by
    for node in (secretariat, *secretariat.ancestors()):
        for role in (Membership.Role.FOCAL_POINT, Membership.Role.HEAD):
            for membership in (Membership.objects.filter(secretariat=node, role=role,
                                                         user__is_active=True)
                               .select_related("user").order_by("pk")):
                if can_create_for(membership.user, secretariat):
                    return membership.user
    return None


def is_worker(user, request=None) -> bool:
    """A member of the communication team (the role; the state is another question)."""
    return _active(user) and user.has_perm(WORK)


def is_requester_side(user, request: ContentRequest) -> bool:
    return _active(user) and can_act_for(user, request.secretariat)


def can_edit_brief(user, request: ContentRequest) -> bool:
    return is_requester_side(user, request) and request.state in (S.DRAFT, S.NEEDS_INFO)


def can_submit(user, request: ContentRequest) -> bool:
    """A draft leaves for the team; a campaign's piece only once the campaign is signed off."""
    return (is_requester_side(user, request) and request.state == S.DRAFT
            and (request.campaign_id is None or request.campaign.pieces_may_run))


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


# A request still in the making, with no date fixed yet: its desired date is a plan.
PLANNED_STATES = (S.SUBMITTED, S.NEEDS_INFO, S.IN_PRODUCTION, S.IN_REVIEW, S.APPROVED)


def proposable_states(user) -> tuple:
    """The states in which ``user`` may propose a new desired date: the team, while the
    request is planned work (the calendar asks once for all its pieces)."""
    return PLANNED_STATES if _active(user) and user.has_perm(WORK) else ()


def can_propose_date(user, request: ContentRequest) -> bool:
    """Propose a new desired date (the editorial calendar's drag of a planned piece)."""
    return request.state in proposable_states(user)


def can_view_workload(user) -> bool:
    """The team's workload page: the team itself, the head of communication (who decides)
    and those who read the KPIs (managers, auditors)."""
    return _active(user) and (user.has_perm(WORK) or user.has_perm(DECIDE)
                              or user.has_perm("reports.view_kpis"))


def can_produce(user, request: ContentRequest) -> bool:
    """Draft the final text, attach media, send to review: the assigned editor."""
    return (_active(user) and user.has_perm(WORK) and request.assignee_id == user.pk
            and request.state == S.IN_PRODUCTION)


def schedulable_states(user) -> tuple:
    """The states in which ``user`` may set or move a piece's date (asked once per calendar)."""
    return (S.APPROVED, S.SCHEDULED) if _active(user) and user.has_perm(WORK) else ()


def can_schedule(user, request: ContentRequest) -> bool:
    return request.state in schedulable_states(user)


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
