"""Keep each request's viewflow process in step with its state.

After every service, ``process_sync`` completes the human task that waited for what just
happened; the flow's routing nodes then open the next task. It is idempotent: running it
again with nothing new does nothing. ``expected_nodes`` says which tasks a state must show,
and the tests hold the two together.
"""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from approvals.models import PolicyStep, StepStatus

ACTIVE = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
HUMAN_NODES = {"triage", "info", "production", "validation", "approval", "legal", "schedule"}
# What each state waits for; review branches depend on the pending approval steps.
EXPECTED = {
    "submitted": {"triage"}, "needs_info": {"info"}, "in_production": {"production"},
    "approved": {"schedule"}, "scheduled": {"publish"},
}


def _flow():
    from workflows.flows import ContentRequestFlow

    return ContentRequestFlow


def branch_kind(step) -> str:
    if step.approvers == PolicyStep.Approvers.SECRETARIAT:
        return "validation"
    return "legal" if step.legal else "approval"


def pending_branch_kinds(request) -> set[str]:
    steps = request.approval_steps.filter(review_round=request.review_round,
                                          status=StepStatus.PENDING)
    return {branch_kind(step) for step in steps}


def expected_nodes(request) -> set[str]:
    if request.state == "in_review":
        return pending_branch_kinds(request)
    return EXPECTED.get(request.state, set())


def active_tasks(request):
    process = getattr(request, "process", None) if request.pk else None
    if process is None:
        return Task.objects.none()
    # Human tasks, and the publication Handle ("FUNCTION"); not timers, gateways or joins.
    return Task.objects.filter(process=process, status__in=ACTIVE,
                               flow_task_type__in=["HUMAN", "FUNCTION"])


def _node_name(task) -> str:
    return task.flow_task.name


def _complete_human(task, by) -> None:
    with task.activation() as activation:
        if activation.status == STATUS.ASSIGNED and task.owner_id != getattr(by, "pk", None):
            activation.unassign()
        if activation.status == STATUS.NEW:
            activation.assign(by)
        activation.start(None)
        activation.execute()


def _done_waiting(request, name: str) -> bool:
    """Whether the task ``name`` has nothing left to wait for in the current state."""
    if name in ("validation", "approval", "legal"):
        return request.state != "in_review" or name not in pending_branch_kinds(request)
    return name not in expected_nodes(request)


def process_sync(request, by) -> None:
    """Start the process at the first submission, then complete what the last action ended."""
    from workflows.models import ContentRequest, ContentRequestProcess

    request = ContentRequest.objects.get(pk=request.pk)
    flow = _flow()
    if not ContentRequestProcess.objects.filter(request=request).exists():
        if request.state in ("draft", "withdrawn"):
            return
        flow.start.run(content_request=request)
        request = ContentRequest.objects.get(pk=request.pk)
    for _round in range(10):  # each pass moves one node; a transition needs at most a few
        tasks = [t for t in active_tasks(request) if _done_waiting(request, _node_name(t))]
        if not tasks:
            break
        for task in tasks:
            task.refresh_from_db()
            if task.status not in ACTIVE:
                continue  # cancelled by a join a moment ago
            if _node_name(task) == "publish":
                flow.publish.run(task)
            elif _node_name(task) in HUMAN_NODES:
                _complete_human(task, by or request.assignee or request.requester)
        request = ContentRequest.objects.get(pk=request.pk)
    if request.state == "withdrawn":
        _cancel(request)
    _follow_assignee(request)


def _follow_assignee(request) -> None:
    """The editor's own tasks go to whoever the request is assigned to now."""
    if request.assignee_id is None:
        return
    for task in active_tasks(request).filter(flow_task__in=[_flow().production,
                                                             _flow().schedule]):
        if task.owner_id == request.assignee_id:
            continue
        with task.activation() as activation:
            if activation.status == STATUS.ASSIGNED:
                activation.unassign()
            activation.assign(request.assignee)


def _cancel(request) -> None:
    process = request.process
    if process.status not in ("DONE", "CANCELED"):
        _flow().instance.cancel(process)


def escalate(request) -> None:
    """Triage overdue: record it, so the approvers are told (notifications route 'escalate')."""
    from audit.services import record
    from pauta import clock
    from workflows.sla import business_days_between

    if request.state == "submitted":
        payload = {"node": "triage"}
        if request.due_date:
            # Keyed like the daily SLA job's escalation, so that job does not repeat it today.
            today = clock.today()
            payload.update(sla_day=today.isoformat(), due_date=request.due_date.isoformat(),
                           business_days_late=business_days_between(request.due_date, today))
        record(by=None, verb="escalate", target=request, payload=payload)


def inbox_tasks(user):
    """Human tasks assigned to the user, and the unassigned ones they may take.

    Viewflow matches a task's permission against guardian grants on the exact object, but
    acting for a secretariat covers its units (``org.permissions``): a request filed for a
    unit has its validation task on the unit while the grant is on the parent. So the
    validation tasks come from ``org.permissions.secretariat_ids_for_action`` (the tree),
    not from viewflow's object-permission match.
    """
    from org.permissions import secretariat_ids_for_action

    flow = _flow()
    validation = flow.validation
    assigned = Task.objects.filter(process__flow_class=flow, owner=user, status=STATUS.ASSIGNED)
    others = Task.objects.queue([flow], user).exclude(flow_task=validation)
    validations = Task.objects.filter(
        process__flow_class=flow, flow_task=validation, status=STATUS.NEW,
        process__contentrequestprocess__request__secretariat_id__in=(
            secretariat_ids_for_action(user)))
    return assigned, others | validations
