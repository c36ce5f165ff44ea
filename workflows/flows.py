"""The viewflow process of a content request: who must act next, as inbox tasks.

The request's ``state`` (django-fsm) is the truth; the services change it, and
``workflows.process.process_sync`` then completes the human task that was waiting for that
action, so the process moves to the next node. Routing nodes read the request's state.
Approval stages run as a Split of up to three parallel branches (secretariat validation,
communication approval, legal review) joined again; a later stage loops back to the Split.
"""

from contextlib import contextmanager
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.lock import select_for_update_lock
from viewflow.workflow.nodes.join import JoinActivation

from pauta import txmemo
from workflows.models import ContentRequestProcess

TRIAGE_ESCALATION = timedelta(days=2)


def task_view(request, **kwargs):
    """Tasks are done on the request page; the flow's own URLs are not mounted."""
    from django.http import Http404

    raise Http404


class ProcessLock:
    """viewflow's ``select_for_update_lock``, taken once per transaction and process.

    A sync completes several tasks of one process in one transaction; the row stays locked
    until the transaction ends, so a later activation finds it locked already and takes no
    savepoint or query of its own (``pauta.txmemo`` forgets the lock with the savepoint that
    took it, when that rolls back: then it is taken again)."""

    @contextmanager
    def __call__(self, flow_class, process_pk):
        key = ("viewflow.process.lock", process_pk)
        if txmemo.recall(key) is not txmemo.MISSING:
            yield
            return
        with select_for_update_lock(flow_class, process_pk):
            txmemo.remember(key, True)
            yield


process_lock = ProcessLock()


class _SyncedJoinActivation(JoinActivation):
    """viewflow's join activation, on the process the running sync holds: the join task it
    finds (or creates) comes without its process, which the activation would read again with
    its subclass row (two queries per branch that reaches the join). The split tokens of the
    incoming tasks are read once per activation (viewflow read them three times: the
    ``is_done`` condition twice, then ``complete``): they are linked in ``create``, before
    the activation exists, and nothing in between cancels one."""

    _prefixes: set | None = None

    def _join_token_prefixes(self):
        if self._prefixes is None:
            self._prefixes = super()._join_token_prefixes()
        return set(self._prefixes)

    def __init__(self, task):
        from viewflow.workflow.models import Task

        from workflows.process import known_request

        if not Task._meta.get_field("process").is_cached(task):
            known = known_request(task.process_id)
            if known is not None:
                task.process = known.process  # the flow's own class, locked by the sync
        super().__init__(task)


class Join(flow.Join):
    activation_class = _SyncedJoinActivation


def _request(activation):
    from workflows.process import known_request

    known = known_request(activation.process.pk)
    return known if known is not None else activation.process.coerced.request


def _pending_kinds(activation) -> set[str]:
    from workflows.process import pending_branch_kinds

    return pending_branch_kinds(_request(activation))


def state_is(state: str):
    return lambda activation: _request(activation).state == state


def _triage_due(activation):
    """When an untriaged request becomes overdue: the end of its due day (installation zone).

    Same rule as ``workflows.sla.is_overdue``: a request due today is not overdue yet.
    """
    due = _request(activation).due_date
    if due is None:
        return TRIAGE_ESCALATION
    moment = timezone.make_aware(datetime.combine(due + timedelta(days=1), time.min),
                                 timezone.get_default_timezone())
    return max(moment, timezone.now() + timedelta(minutes=1))


class ContentRequestFlow(flow.Flow):
    """Content request"""

    process_class = ContentRequestProcess
    lock_impl = process_lock
    process_title = _("Content request")

    start = flow.StartHandle(this.start_process).Next(this.triage)

    triage = (flow.View(task_view).Annotation(title=_("Triage"))
              .Permission("workflows.work_on_request")
              .OnTimeout(_triage_due, then=this.escalate, interrupting=False)
              .Next(this.after_triage))
    after_triage = (flow.Switch()
                    .Case(this.info, state_is("needs_info"))
                    .Case(this.production, state_is("in_production"))
                    .Default(this.end))
    info = (flow.View(task_view).Annotation(title=_("Answer the question"))
            .Assign(lambda act: _request(act).requester)
            .Next(this.after_info))
    after_info = flow.If(state_is("submitted")).Then(this.triage).Else(this.end)

    production = (flow.View(task_view).Annotation(title=_("Draft the final text"))
                  .Permission("workflows.work_on_request")
                  .Assign(lambda act: _request(act).assignee)
                  .Next(this.after_production))
    after_production = (flow.Switch()
                        .Case(this.review, state_is("in_review"))
                        .Case(this.schedule, state_is("approved"))  # no policy applied
                        .Default(this.end))

    review = (flow.Split()
              .Next(this.validation, case=lambda act: "validation" in _pending_kinds(act))
              .Next(this.approval, case=lambda act: "approval" in _pending_kinds(act))
              .Next(this.legal, case=lambda act: "legal" in _pending_kinds(act)))
    # The review branches are the process's record of the pending approval steps; who may
    # decide them ("My tasks") is the approvals engine's (approvals.selectors.
    # pending_decisions, through org.permissions: acting for a secretariat covers its
    # units). The permission here keeps the task out of everybody else's queue.
    validation = (flow.View(task_view).Annotation(title=_("Validate the content"))
                  .Permission("org.act_for_secretariat",
                              obj=lambda process: process.coerced.request.secretariat)
                  .Next(this.review_join))
    approval = (flow.View(task_view).Annotation(title=_("Approve"))
                .Permission("workflows.decide_request").Next(this.review_join))
    legal = (flow.View(task_view).Annotation(title=_("Legal review"))
             .Permission("workflows.decide_legal").Next(this.review_join))
    review_join = (Join(continue_on_condition=lambda act, active:
                        _request(act).state != "in_review")
                   .Next(this.after_review))
    after_review = (flow.Switch()
                    .Case(this.review, state_is("in_review"))
                    .Case(this.production, state_is("in_production"))
                    .Case(this.schedule, state_is("approved"))
                    .Default(this.end))

    schedule = (flow.View(task_view).Annotation(title=_("Schedule"))
                .Permission("workflows.work_on_request")
                .Assign(lambda act: _request(act).assignee)
                .Next(this.after_schedule))
    # A broken approval seal (``publishing.seal``) sends the request back to review.
    after_schedule = (flow.Switch()
                      .Case(this.publish, state_is("scheduled"))
                      .Case(this.review, state_is("in_review"))
                      .Default(this.end))
    publish = flow.Handle(this.mark_published).Next(this.after_publish)
    after_publish = (flow.Switch()
                     .Case(this.review, state_is("in_review"))
                     .Default(this.end))

    escalate = flow.Function(this.escalate_overdue).Next(this.escalated)
    escalated = flow.End()
    end = flow.End()

    def start_process(self, activation, content_request):
        activation.process.request = content_request
        activation.process.artifact = content_request
        return activation.process

    def mark_published(self, activation):
        """Completed when the request is published (by an editor or the scheduled job)."""

    def escalate_overdue(self, activation):
        from workflows.sla import escalate

        escalate(_request(activation), node="triage")
