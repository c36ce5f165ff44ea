"""Reads on requests: the inbox views, one request's page data."""

from django.db.models import Prefetch, Q, QuerySet

from audit.selectors import events_for
from org.permissions import secretariat_ids_for_action
from workflows import permissions as perms
from workflows.models import Comment, ContentRequest, RequestState

S = RequestState
VIEWS = ("mine", "queue", "secretariat", "all")


def request_list(user, view: str) -> QuerySet:
    """The rows of one inbox tab, with what the list shows loaded in a fixed number of queries."""
    base = perms.visible_requests(user)
    if view == "mine":
        # The viewflow inbox: tasks assigned to the person, and review tasks they may take.
        from workflows.process import inbox_tasks

        assigned, claimable = inbox_tasks(user)
        request_ids = assigned.values("process__contentrequestprocess__request_id")
        claim_ids = claimable.exclude(flow_task__in=_team_queue_nodes()).values(
            "process__contentrequestprocess__request_id")
        base = base.filter(Q(pk__in=request_ids) | Q(pk__in=claim_ids)
                           | Q(requester=user, state=S.DRAFT))
    elif view == "queue":
        from workflows.process import inbox_tasks

        _assigned, claimable = inbox_tasks(user)
        base = base.filter(pk__in=claimable.filter(flow_task__in=_team_queue_nodes()).values(
            "process__contentrequestprocess__request_id"))
    elif view == "secretariat":
        base = base.filter(secretariat_id__in=secretariat_ids_for_action(user))
    return (base.select_related("secretariat", "assignee", "requester")
            .prefetch_related("channels").order_by("-created_at"))


def _team_queue_nodes():
    from workflows.flows import ContentRequestFlow

    return [ContentRequestFlow.triage]


def default_view(user) -> str:
    if user.has_perm(perms.WORK) or user.has_perm(perms.DECIDE) or user.has_perm(
            perms.DECIDE_LEGAL):
        return "mine"
    if secretariat_ids_for_action(user):
        return "secretariat"
    return "all"


def timeline(user, request: ContentRequest) -> list:
    """Audit events and comments of the request, oldest first; internal ones for the team only."""
    events = list(events_for(request).exclude(verb="comment"))
    comments = Comment.objects.filter(request=request).select_related("author")
    if not perms.is_team(user):
        comments = comments.filter(internal=False)
    rows = [{"kind": "event", "at": e.created_at, "actor": e.actor, "event": e} for e in events]
    rows += [{"kind": "comment", "at": c.created_at, "actor": c.author, "comment": c}
             for c in comments]
    return sorted(rows, key=lambda row: row["at"])


def request_page(request_pk: int) -> ContentRequest:
    from approvals.models import ApprovalStep

    return (ContentRequest.objects.select_related("secretariat", "requester", "assignee",
                                                  "plan_action")
            .prefetch_related("channels", "audiences", "attachments",
                              Prefetch("publications__channel"),
                              Prefetch("approval_steps",
                                       queryset=ApprovalStep.objects.select_related("group")
                                       .prefetch_related("decisions__decided_by"))
                              ).get(pk=request_pk))
