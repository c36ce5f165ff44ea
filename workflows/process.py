"""Keep each request's viewflow process in step with its state.

Services mark the request they touched (``touch``); the outermost service
(``pauta.lifecycle.service``) syncs each touched request once, just before its transaction
ends: ``process_sync`` completes the human tasks that waited for what happened and the
flow's routing nodes open the next ones. Who acts next is stated once, on the flow's
nodes (``workflows.flows``); ``expected_nodes`` says which tasks a state must show (read
from the action registry: each action names the node that waits for it), and the tests
hold the two together.
"""

import contextvars
from contextlib import contextmanager
from functools import cache

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from approvals.models import PolicyStep, StepStatus
from pauta.lifecycle import at_end

ACTIVE = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]

# The request a sync is following, by its process pk, and its pending branch kinds: the flow's
# nodes only read the request (they never change it or its steps), so they read this one.
_syncing: contextvars.ContextVar[dict | None] = contextvars.ContextVar("syncing", default=None)


# The tasks saved (created or changed) while a sync completes one round, by pk, as last saved
# (``_complete_done``): the active tasks after the round are the ones read before it that
# were not saved, and the saved ones now active, so the sync does not read them again.
_saved: contextvars.ContextVar[dict | None] = contextvars.ContextVar("saved_tasks",
                                                                     default=None)


def note_saved_task(sender, instance, **kwargs) -> None:
    """post_save of viewflow's ``Task`` (connected in ``WorkflowsConfig.ready``). viewflow
    writes its tasks with ``save()`` only (no ``QuerySet.update``, no bulk writes), and so does
    Pauta: the instance saved last is the row as it is."""
    saved = _saved.get()
    if saved is not None:
        saved[instance.pk] = instance


def _active_after(process_pk: int, before: list, saved: dict, done: set) -> list:
    """What ``active_tasks(request).exclude(pk__in=done)`` reads after a round, from the tasks
    read before it and the ones the round saved; ordered as ``Task`` is (newest first)."""
    kept = [task for task in before if task.pk not in saved]
    kept += [task for task in saved.values()
             if task.process_id == process_pk and task.status in ACTIVE
             and task.flow_task_type in ("HUMAN", "FUNCTION")]
    kept = [task for task in kept if task.pk not in done]
    return sorted(kept, key=lambda task: task.created, reverse=True)


def known_request(process_pk):
    """The request whose process (``process_pk``) is being synced now, or None."""
    syncing = _syncing.get()
    if syncing is None or syncing["process"] != process_pk:
        return None
    return syncing["request"]


@cache
def expected_by_state() -> dict[str, set[str]]:
    """What each state waits for, from the action registry (``Action.node`` of the actions
    that leave it). In review the branches are the pending approval steps' instead."""
    from pauta.actions import nodes_by_state
    from workflows.actions import ACTIONS
    from workflows.models import ContentRequest

    return nodes_by_state(ACTIONS, ContentRequest)


def touch(request, by) -> None:
    """Sync ``request``'s process once, at the end of the outermost service."""
    pk = request.pk
    at_end(("process", pk), lambda: process_sync(pk, by))


def _flow():
    from workflows.flows import ContentRequestFlow

    return ContentRequestFlow


def human_nodes() -> set[str]:
    """The nodes where a person acts: read from the flow, where they are stated."""
    from viewflow.workflow import flow as nodes

    return {node.name for node in _flow().instance.nodes() if isinstance(node, nodes.View)}


def branch_kind(step) -> str:
    if step.approvers == PolicyStep.Approvers.SECRETARIAT:
        return "validation"
    return "legal" if step.legal else "approval"


def pending_branch_kinds(request) -> set[str]:
    syncing = _syncing.get()
    if syncing is not None and syncing["request"] is request:
        if syncing["kinds"] is None:
            syncing["kinds"] = _pending_branch_kinds(request)
        return syncing["kinds"]
    return _pending_branch_kinds(request)


def _pending_branch_kinds(request) -> set[str]:
    steps = request.approval_steps.filter(review_round=request.review_round,
                                          status=StepStatus.PENDING)
    return {branch_kind(step) for step in steps}


def expected_nodes(request) -> set[str]:
    if request.state == "in_review":
        return pending_branch_kinds(request)
    return expected_by_state().get(request.state, set())


def active_tasks(request):
    process = getattr(request, "process", None) if request.pk else None
    if process is None:
        return Task.objects.none()
    # Human tasks, and the publication Handle ("FUNCTION"); not timers, gateways or joins.
    return Task.objects.filter(process=process, status__in=ACTIVE,
                               flow_task_type__in=["HUMAN", "FUNCTION"])


def _node_name(task) -> str:
    return task.flow_task.name


@contextmanager
def _activation(task, process):
    """``task.activation()`` for a task the sync read with the process locked already: no
    re-read of the task, and the process the sync holds (``refresh_from_db`` forgets it)."""
    with task.flow_task.flow_class.lock(task.process_id):
        task.process = process
        yield task.flow_task.activation_class(task)


def _complete_human(task, by) -> None:
    with _activation(task, task.process) as activation:
        if activation.status == STATUS.ASSIGNED and task.owner_id != getattr(by, "pk", None):
            activation.unassign()
        if activation.status == STATUS.NEW:
            activation.assign(by)
        activation.start(None)
        activation.execute()


def _run_handle(task, func) -> None:
    """``Handle.run(task)`` (the publication's node) through ``_activation``: viewflow's own
    re-reads the task and its process."""
    with _activation(task, task.process) as activation:
        activation.run(func)
        activation.execute()


def _done_waiting(request, name: str) -> bool:
    """Whether the task ``name`` has nothing left to wait for in the current state."""
    if name in ("validation", "approval", "legal"):
        return request.state != "in_review" or name not in pending_branch_kinds(request)
    return name not in expected_nodes(request)


def process_sync(request_pk: int, by) -> None:
    """Start the process at the first submission, then complete what the last action ended.

    The request is read once: the flow's nodes only read it, they never change it. The
    active tasks are read once per round of completions, and the last round's list is the
    one the assignee's tasks follow.
    """
    from workflows.models import ContentRequest

    # With what the flow's nodes read of it: its secretariat and assignee.
    related = ("process", "secretariat", "assignee")
    request = ContentRequest.objects.select_related(*related).get(pk=request_pk)
    flow = _flow()
    if getattr(request, "process", None) is None:  # select_related knows: no query
        if request.state in ("draft", "withdrawn"):
            return
        flow.start.run(content_request=request)
        request = ContentRequest.objects.select_related(*related).get(pk=request_pk)
    token = _syncing.set({"process": request.process.pk, "request": request, "kinds": None})
    try:
        # Locked first (once per transaction: ``flows.ProcessLock``), so the tasks read next
        # are read under the lock and each activation can use them as read.
        with flow.lock(request.process.pk):
            _complete_done(request, by, flow)
    finally:
        _syncing.reset(token)


def _complete_done(request, by, flow) -> None:
    actor = by or request.assignee or request.requester
    done: set[int] = set()
    human = human_nodes()
    active = list(active_tasks(request))
    while True:  # completing a task may open the next one, which may be done already
        for task in active:
            # The process read with the request (already the flow's own class): each
            # activation would read it again, and its subclass row, per task.
            task.process = request.process
        tasks = [t for t in active if _done_waiting(request, _node_name(t))]
        if not tasks:
            break
        saved: dict = {}
        token = _saved.set(saved)
        try:
            for n, task in enumerate(tasks):
                done.add(task.pk)
                if n:  # the first was read just now; completing it may have cancelled the next
                    task.refresh_from_db()
                    task.process = request.process
                if task.status not in ACTIVE:
                    continue  # cancelled by a join a moment ago
                if _node_name(task) == "publish":
                    _run_handle(task, flow.instance.mark_published)
                elif _node_name(task) in human:
                    _complete_human(task, actor)
        finally:
            _saved.reset(token)
        active = _active_after(request.process.pk, active, saved, done)
    if request.state == "withdrawn":
        _cancel(request)
        return
    _follow_assignee(request, active)


def _follow_assignee(request, active: list) -> None:
    """The editor's own tasks (among the ``active`` ones) go to whoever the request is
    assigned to now."""
    if request.assignee_id is None:
        return
    mine = {_flow().production.name, _flow().schedule.name}
    for task in active:
        if _node_name(task) not in mine or task.owner_id == request.assignee_id:
            continue
        with task.activation() as activation:
            if activation.status == STATUS.ASSIGNED:
                activation.unassign()
            activation.assign(request.assignee)


def _cancel(request) -> None:
    process = request.process
    if process.status not in ("DONE", "CANCELED"):
        _flow().instance.cancel(process)


def decision_nodes() -> list:
    """The review branches: their tasks mirror approval steps, whose decisions "My tasks"
    reads from the approvals engine (``approvals.selectors.pending_decisions``)."""
    flow = _flow()
    return [flow.validation, flow.approval, flow.legal]


def inbox_tasks(user):
    """Work tasks (triage, answer, draft, schedule) assigned to the user, and the unassigned
    ones they may take. Decisions are not here: the process keeps a task per review branch
    as its record, but who decides what comes from the one approvals selector."""
    flow = _flow()
    decisions = decision_nodes()
    # A request's tasks are named by the process's own row (the flow has one process class),
    # not by ``process.flow_class``: filtered on the flow, SQLite (after ANALYZE) walks every
    # process of the flow and their tasks; this way it starts from the person's active tasks
    # (indexes of workflows 0010 and 0012; plans in docs/performance.md).
    tasks = Task.objects.filter(process__contentrequestprocess__isnull=False)
    assigned = (tasks.filter(owner=user, status=STATUS.ASSIGNED)
                .exclude(flow_task__in=decisions))
    queue = tasks if flow.instance.has_view_permission(user) else Task.objects.none()
    others = (queue.user_queue(user).filter(status=STATUS.NEW)
              .exclude(flow_task__in=decisions))
    return assigned, others
