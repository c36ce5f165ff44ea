"""Reads on requests: the inbox views, one request's page data."""

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from audit.selectors import events_for
from org.permissions import secretariat_ids_for_action
from workflows import permissions as perms
from workflows.models import Comment, ContentRequest, RequestState

S = RequestState
VIEWS = ("mine", "queue", "secretariat", "all")


def request_list(user, view: str, *, decisions=None) -> QuerySet:
    """The rows of one inbox tab, with what the list shows loaded in a fixed number of queries.
    ``decisions``: the person's ``pending_decisions`` when the page has them already."""
    base = perms.visible_requests(user)
    condition = _view_condition(user, view, decisions)
    if condition is not None:
        base = base.filter(condition)
    return (base.select_related("secretariat", "assignee", "requester")
            .prefetch_related("channels").order_by("-created_at"))


def _view_condition(user, view: str, decisions=None) -> Q | None:
    """Which of the visible requests one tab holds (None: all of them)."""
    if view in ("mine", "queue"):
        # Work: the process's tasks assigned to the person, and those they may take.
        # Decisions: the one approvals selector, for requests as for every approvable.
        from approvals.selectors import pending_decisions
        from workflows.process import inbox_tasks

        assigned, claimable = inbox_tasks(user)
        column = "process__contentrequestprocess__request_id"
        if view == "queue":
            return Q(pk__in=claimable.filter(flow_task__in=_team_queue_nodes()).values(column))
        claim_ids = claimable.exclude(flow_task__in=_team_queue_nodes()).values(column)
        return (Q(pk__in=assigned.values(column)) | Q(pk__in=claim_ids)
                | Q(pk__in=_decided_here(decisions if decisions is not None
                                         else pending_decisions(user)))
                | Q(requester=user, state=S.DRAFT))
    if view == "secretariat":
        return Q(secretariat_id__in=secretariat_ids_for_action(user))
    return None


# The orders a list can be sorted by (``?sort=``): the key people pick and the columns.
SORTS = {
    "-created": ("-created_at",),
    "created": ("created_at",),
    "due": (F("due_date").asc(nulls_last=True), "-created_at"),
    "-due": (F("due_date").desc(nulls_last=True), "-created_at"),
    "priority": ("-priority_rank", F("due_date").asc(nulls_last=True)),
}
_PRIORITY_RANK = Case(When(priority="urgent", then=Value(2)), When(priority="high", then=Value(1)),
                      default=Value(0), output_field=IntegerField())


def sort_requests(queryset: QuerySet, key: str) -> tuple[QuerySet, str]:
    """The list in the order asked for (unknown keys: newest first), and the key applied."""
    if key not in SORTS:
        key = "-created"
    return queryset.annotate(priority_rank=_PRIORITY_RANK).order_by(*SORTS[key]), key


def _decided_here(decisions):
    """The requests among the pending decisions (they are rows of "My tasks"): a subquery
    for ``approvals.selectors.Decisions``, the pks for a list of them."""
    from approvals.selectors import Decisions

    if isinstance(decisions, Decisions):
        return decisions.targets(ContentRequest)
    return sorted({d.target.pk for d in decisions if isinstance(d.target, ContentRequest)})


def tab_counts(user, views, *, decisions=None) -> dict[str, int]:
    """How many requests each of the given inbox tabs holds, all counted in one query.

    "mine", "queue" and "secretariat" need the person's tasks and secretariats (the guardian
    look-ups, about eight queries); the list asks for them only on a page that loads them.
    """
    counts = {}
    for view in views:
        condition = _view_condition(user, view, decisions)
        counts[view] = Count("pk", filter=condition) if condition is not None else Count("pk")
    return perms.visible_requests(user).order_by().aggregate(**counts)


def mine_beyond_requests(decisions, sections) -> int:
    """What "My tasks" lists besides its request rows: decisions on other kinds (campaigns,
    plans, surveys…: those on requests are rows already) and the tasks of the sections other
    lifecycles add (``pauta.inbox``: event production tasks, press questions)."""
    from approvals.selectors import Decisions
    from pauta import inbox

    if isinstance(decisions, Decisions):
        others = sum(n for model, n in decisions.counts().items() if model is not ContentRequest)
    else:
        others = sum(1 for d in decisions or () if not isinstance(d.target, ContentRequest))
    return others + inbox.count(sections or [])


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
