"""Who hears about request and campaign events (the ``recipients`` of their verbs).

Routed by permission and by the object's own people, never by group name.
"""

from notifications.recipients import active, with_permission
from org.models import User
from workflows import permissions as perms


def secretariat_side(secretariat_id, requester_id) -> list[User]:
    """The requester and every member of the requesting secretariat."""
    return [*User.objects.filter(is_active=True, memberships__secretariat_id=secretariat_id),
            *active(requester_id)]


def team() -> list[User]:
    """The communication team's queue: whoever may work on requests."""
    return with_permission(perms.WORK)


def approvers() -> list[User]:
    return with_permission(perms.DECIDE)


def step_deciders(steps) -> list[User]:
    """Everyone who can decide one of ``steps`` (pending steps of one round)."""
    from approvals.selectors import deciders_of

    return [user for step in steps for user in deciders_of(step)]


# Requests ----------------------------------------------------------------------------------

def requester_side(event) -> list[User]:
    request = event.request
    return secretariat_side(request.secretariat_id, request.requester_id)


def assignee(event) -> list[User]:
    return active(event.request.assignee_id)


def assignee_or_team(event) -> list[User]:
    """Whoever has the request; while nobody has it, the team queue."""
    return assignee(event) if event.request.assignee_id else team()


def request_deciders(event) -> list[User]:
    """Everyone who can decide one of the request's pending steps of this round."""
    from approvals.models import ApprovalStep

    request = event.request
    return step_deciders(ApprovalStep.objects.filter(
        request=request, review_round=request.review_round,
        status="pending").select_related("request"))


def approved(event) -> list[User]:
    return [*requester_side(event), *assignee(event)]


def comment_readers(event) -> list[User]:
    """The other side of the conversation; internal comments stay within the team."""
    team_side = [*assignee_or_team(event), *request_deciders(event)]
    if event.payload.get("internal"):
        return [u for u in team_side if perms.is_team(u)]
    if event.actor is not None and perms.is_team(event.actor):
        return [*requester_side(event), *assignee(event)]
    return team_side


def everyone_deciding(event) -> list[User]:
    return approvers()


def the_team(event) -> list[User]:
    return team()
