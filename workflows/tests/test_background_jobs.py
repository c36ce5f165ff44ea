"""The huey jobs drive the process: the periodic timer task escalates an overdue triage
(viewflow ``Timer``), and the periodic publication task completes the ``Handle`` node."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep
from approvals.services import step_decide
from audit.models import AuditEvent
from org.models import Secretariat
from pauta import clock
from plans.models import Channel
from workflows import services, tasks
from workflows.models import ContentRequest
from workflows.permissions import can_decide_step
from workflows.sla import sla_daily


def submitted(demo, title="Atrasado"):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title=title, brief="b", channels=Channel.objects.filter(code="portal"))
    return services.request_submit(request=request, by=demo["ana.saude"])


def test_triage_timer_waits_until_the_end_of_the_due_day(demo):
    request = submitted(demo)
    timer = Task.objects.get(process=request.process, flow_task_type="TIMER")
    end_of_due_day = timezone.make_aware(
        datetime.combine(request.due_date + timedelta(days=1), time.min),
        timezone.get_default_timezone())
    assert timer.scheduled == end_of_due_day  # due today is not overdue yet (workflows.sla)


def test_huey_timer_task_escalates_once_and_the_daily_job_does_not_repeat_it(demo):
    request = submitted(demo)
    yesterday = clock.today() - timedelta(days=1)
    ContentRequest.objects.filter(pk=request.pk).update(due_date=yesterday)
    Task.objects.filter(process=request.process, flow_task_type="TIMER").update(
        scheduled=timezone.now() - timedelta(minutes=5))
    escalations = AuditEvent.objects.filter(request=request, verb="escalate")
    assert not escalations.exists()
    # The periodic task as huey runs it (immediate mode; huey keeps no result of periodic ones).
    tasks.fire_workflow_timers()
    assert escalations.count() == 1
    assert escalations.get().payload["sla_day"] == clock.today().isoformat()
    tasks.fire_workflow_timers()
    assert escalations.count() == 1
    sla_daily(today=clock.today())  # same day: already escalated by the timer
    assert escalations.count() == 1
    triage = Task.objects.get(process=request.process, flow_task__endswith="triage")
    assert triage.status == STATUS.NEW  # non-interrupting: triage still waits


@pytest.fixture
def scheduled(demo):
    request = submitted(demo, title="Agendado")
    diego = demo["diego.editor"]
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego,
                              channel=Channel.objects.get(code="portal"), title="t", body="b")
    request = services.request_send_to_review(request=request, by=diego)
    while request.state == "in_review":
        step = ApprovalStep.objects.filter(request=request, status="pending").first()
        step_decide(step=step, by=next(u for u in demo.values() if can_decide_step(u, step)),
                    outcome="approve")
        request = ContentRequest.objects.get(pk=request.pk)
    # The compliance gate: an approver accepts the open warnings in writing before scheduling.
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    when = timezone.now() + timedelta(hours=2)
    return services.request_schedule(request=request, by=diego,
                                     when={p.pk: when for p in request.publications.all()})


def test_huey_publication_task_marks_due_not_confirmed_at_its_time(scheduled):
    """The timer alone never publishes: at its time the piece is due, not confirmed, the
    editor is told once, and the editor's record (with the address) completes the handle."""
    handle = Task.objects.get(process=scheduled.process, flow_task__endswith="publish")
    assert handle.status in (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
    tasks.publish_due()  # the periodic task as huey runs it: not yet
    assert not scheduled.publications.filter(due_unconfirmed_at__isnull=False).exists()
    with clock.travel(timezone.now() + timedelta(hours=3)):
        tasks.publish_due()
        tasks.publish_due()  # told once
    request = ContentRequest.objects.get(pk=scheduled.pk)
    assert request.state == "scheduled"
    assert all(p.due_unconfirmed_at and not p.published_at for p in request.publications.all())
    assert AuditEvent.objects.filter(request=request, verb="publication_unconfirmed").count() == 1
    handle.refresh_from_db()
    assert handle.status != STATUS.DONE
    request = services.request_publish(request=request, by=request.assignee, urls={
        p.pk: "https://valeverde.example/noticias/1" for p in request.publications.all()})
    handle.refresh_from_db()
    assert handle.status == STATUS.DONE
    assert request.process.status == STATUS.DONE
