"""Fault tests: a database error inside a transition leaves nothing behind.

A ``DatabaseError`` raised in the middle of a transition (after the state was saved and the
audit event written) leaves state, audit trail, approval steps, decisions and viewflow tasks
as before. (A huey consumer killed mid-task: ``test_consumer_faults.py``.)
"""

from unittest import mock

import pytest
from django.db import DatabaseError

# -- a database error in the middle of a transition -----------------------------------------

def _state(request):
    from approvals.models import ApprovalStep, Decision
    from audit.models import AuditEvent
    from workflows.models import ContentRequest
    from workflows.process import active_tasks

    request = ContentRequest.objects.get(pk=request.pk)
    return {
        "state": request.state, "round": request.review_round,
        "audit": list(AuditEvent.objects.values_list("pk", flat=True)),
        "steps": list(ApprovalStep.objects.filter(request=request)
                      .values_list("pk", "status")),
        "decisions": Decision.objects.filter(step__request=request).count(),
        "tasks": sorted((t.flow_task.name, t.status) for t in active_tasks(request)),
    }


@pytest.fixture
def produced(demo):
    from org.models import Secretariat
    from plans.models import Channel
    from workflows import services

    ana, diego = demo["ana.saude"], demo["diego.editor"]
    request = services.request_create(by=ana, secretariat=Secretariat.objects.get(acronym="SMS"),
                                      kind="news", title="t", brief="b",
                                      channels=Channel.objects.filter(code="portal"))
    request = services.request_submit(request=request, by=ana)
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego, channel=request.channels.get(),
                              title="t", body="Texto.")
    return request


def _boom(*args, **kwargs):
    raise DatabaseError("disk I/O error")


def test_database_error_while_opening_the_review_round_writes_nothing(demo, produced):
    from approvals.models import ApprovalStep
    from workflows import services

    before = _state(produced)
    with mock.patch.object(ApprovalStep.objects, "bulk_create", _boom), \
            pytest.raises(DatabaseError):
        services.request_send_to_review(request=produced, by=demo["diego.editor"])
    assert _state(produced) == before
    assert before["state"] == "in_production"


def test_database_error_in_the_process_after_a_decision_writes_nothing(demo, produced):
    from approvals.models import ApprovalStep
    from approvals.services import step_decide
    from workflows import services
    from workflows.permissions import can_decide_step

    request = services.request_send_to_review(request=produced, by=demo["diego.editor"])
    step = ApprovalStep.objects.filter(request=request, status="pending").first()
    decider = next(u for u in demo.values() if can_decide_step(u, step))
    before = _state(request)
    with mock.patch("approvals.services.process_sync", _boom), pytest.raises(DatabaseError):
        step_decide(step=step, by=decider, outcome="request_changes", comment="Ajustar.")
    assert _state(request) == before
    assert before["state"] == "in_review" and before["decisions"] == 0


def test_database_error_when_recording_the_audit_event_writes_nothing(demo, produced):
    from workflows import services

    before = _state(produced)
    with mock.patch("audit.chain.append", _boom), pytest.raises(DatabaseError):
        services.request_withdraw(request=produced, by=demo["ana.saude"])
    assert _state(produced) == before
