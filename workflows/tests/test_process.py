"""The viewflow process follows the request: the open tasks are what its state waits for."""

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS
from viewflow.workflow.timers import fire_due_timers

from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, RejectionReason
from approvals.services import step_decide
from audit.models import AuditEvent
from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.models import ContentRequest
from workflows.permissions import can_decide_step
from workflows.process import active_tasks, expected_nodes, inbox_tasks


def names(request):
    return {t.flow_task.name for t in active_tasks(ContentRequest.objects.get(pk=request.pk))}


def check(request):
    request = ContentRequest.objects.get(pk=request.pk)
    assert names(request) == expected_nodes(request), request.state
    return request


def decide(people, request, outcome="approve", **kw):
    for step in ApprovalStep.objects.filter(request=request, status="pending"):
        for user in people.values():
            if can_decide_step(user, step):
                return step_decide(step=step, by=user, outcome=outcome, **kw)
    raise AssertionError("nobody can decide")


@pytest.fixture
def produced(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Vacinação", brief="b", channels=Channel.objects.filter(code="portal"),
        sensitive=True)
    assert not active_tasks(request).exists()  # a draft has no process yet
    request = check(services.request_submit(request=request, by=demo["ana.saude"]))
    request = check(services.request_return_for_info(request=request, by=demo["diego.editor"],
                                                     question="Onde?"))
    info = active_tasks(request).get()
    assert info.owner == demo["ana.saude"] and info.status == STATUS.ASSIGNED
    request = check(services.request_answer_info(request=request, by=demo["ana.saude"],
                                                 answer="Na UBS"))
    request = check(services.request_accept(request=request, by=demo["diego.editor"]))
    assert active_tasks(request).get().owner == demo["diego.editor"]
    services.publication_save(request=request, by=demo["diego.editor"],
                              channel=Channel.objects.get(code="portal"), title="t", body="b")
    return request


def test_process_follows_the_whole_lifecycle(demo, produced):
    request = check(services.request_send_to_review(request=produced, by=demo["diego.editor"]))
    assert names(request) == {"validation", "approval"}  # stage 1 runs in parallel
    decide(demo, request)
    request = check(request)
    decide(demo, request)
    request = check(request)
    assert names(request) == {"legal"}  # sensitive: legal review after the first stage
    decide(demo, request)
    request = check(request)
    assert request.state == "approved"
    when = timezone.now() + timezone.timedelta(days=1)
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    request = check(services.request_schedule(
        request=request, by=demo["diego.editor"],
        when={p.pk: when for p in request.publications.all()}))
    request = check(services.request_publish(
        request=request, by=demo["diego.editor"], system=True,
        urls={p.pk: f"https://valeverde.example/n/{p.pk}" for p in request.publications.all()}))
    assert request.process.status == "DONE"


def test_changes_requested_cancels_the_parallel_branch(demo, produced):
    request = check(services.request_send_to_review(request=produced, by=demo["diego.editor"]))
    decide(demo, request, outcome="request_changes", comment="Corrigir")
    request = check(request)
    assert request.state == "in_production"
    assert Task.objects.filter(process=request.process, status=STATUS.CANCELED).exists()
    request = check(services.request_send_to_review(request=request, by=demo["diego.editor"]))
    decide(demo, request, outcome="reject", comment="Não",
           reason=RejectionReason.objects.get(code="promotion"))
    request = check(request)
    assert request.state == "rejected"


def test_withdraw_closes_the_process(demo, produced):
    request = check(services.request_withdraw(request=produced, by=demo["ana.saude"]))
    assert not active_tasks(request).exists()


def test_inbox_shows_assigned_and_claimable_tasks(demo, produced):
    from org.models import User

    assigned, _queue = inbox_tasks(User.objects.get(username="diego.editor"))
    assert [t.flow_task.name for t in assigned] == ["production"]


def test_overdue_triage_is_escalated_by_the_timer(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Atrasado", brief="b")
    request = services.request_submit(request=request, by=demo["ana.saude"])
    timer = Task.objects.get(process=request.process, flow_task_type="TIMER")
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now() - timezone.timedelta(1))
    assert fire_due_timers() == 1
    assert AuditEvent.objects.filter(request=request, verb="escalate").count() == 1
    assert names(request) == {"triage"}  # non-interrupting: triage still waits
