"""Fault tests: a huey consumer killed mid-task, and a database error inside a transition.

1. A real SqliteHuey consumer (a subprocess, in a temporary directory with its own SQLite
   database) is stopped with SIGTERM while it is sending the first e-mail of a
   notification task. The task goes back to the queue (``pauta.tasks.requeue_interrupted``);
   the restarted consumer runs it again and every editor gets the notification and its
   e-mail exactly once. Every wait is bounded.
2. A ``DatabaseError`` raised in the middle of a transition (after the state was saved and
   the audit event written) leaves nothing behind: state, audit trail, approval steps,
   decisions and viewflow tasks are as before.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EDITORS = ["diego.editor", "elisa.editora", "joana.lisboa"]


def _wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def fault_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update({
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DATA_DIR": str(tmp_path),
        "HUEY_IMMEDIATE": "false", "DEMO_MODE": "true", "DEBUG": "false",
        "SECRET_KEY": "fault-test", "FAULT_OUTBOX": str(tmp_path / "outbox.txt"),
    })
    return env


def _queued(tmp_path) -> list[str]:
    """Names of the tasks waiting in the temporary SqliteHuey queue."""
    from huey import SqliteHuey

    huey = SqliteHuey("pauta", filename=str(tmp_path / "huey.sqlite3"))
    return [huey.serializer.deserialize(item).name.split(".")[-1]
            for item in huey.storage.enqueued_items()]


def _consumer(env, **extra):
    return subprocess.Popen([sys.executable, str(HERE / "huey_consumer.py")], cwd=ROOT,
                            env={**env, **extra}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _stop(process, sig):
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        raise


def test_killed_consumer_retries_and_sends_exactly_once(fault_env, tmp_path):
    setup = subprocess.run([sys.executable, str(HERE / "setup_db.py")], cwd=ROOT, env=fault_env,
                           capture_output=True, text=True, timeout=300)
    assert setup.returncode == 0, setup.stderr[-2000:]
    event_id = int(setup.stdout.split()[-1])
    # Two waiting: the creation's (nobody to tell) and the submission's (the editors).
    assert _queued(tmp_path) == ["notify_event", "notify_event"]

    stall = tmp_path / "stalled"
    first = _consumer(fault_env, FAULT_STALL=str(stall))
    try:
        _wait(stall.exists, 120, "the first e-mail to be under way")
    finally:
        _stop(first, signal.SIGTERM)  # non-graceful: the worker is cut off mid-task
    outbox = Path(fault_env["FAULT_OUTBOX"])
    assert not outbox.exists()  # nothing went out
    assert _queued(tmp_path) == ["notify_event"], "the interrupted task is back in the queue"

    second = _consumer(fault_env)
    try:
        _wait(lambda: outbox.exists() and len(outbox.read_text().split()) >= 3
              and not _queued(tmp_path), 120, "the retried task to finish")
    finally:
        _stop(second, signal.SIGINT)  # graceful

    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        rows = db.execute(
            "SELECT u.email, n.emailed_at IS NOT NULL FROM workflows_notification n "
            "JOIN org_user u ON u.id = n.recipient_id WHERE n.event_id = ?",
            [event_id]).fetchall()
    expected = sorted(f"{name}@valeverde.example.gov.br" for name in EDITORS)
    assert sorted(email for email, _sent in rows) == expected  # one notification each
    assert all(sent for _email, sent in rows)
    assert sorted(outbox.read_text().split()) == expected  # one e-mail each


# -- a database error in the middle of a transition -----------------------------------------

def _state(request):
    from approvals.models import ApprovalStep, Decision
    from workflows.models import AuditEvent, ContentRequest
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
    with mock.patch("workflows.process.process_sync", _boom), pytest.raises(DatabaseError):
        step_decide(step=step, by=decider, outcome="request_changes", comment="Ajustar.")
    assert _state(request) == before
    assert before["state"] == "in_review" and before["decisions"] == 0


def test_database_error_when_recording_the_audit_event_writes_nothing(demo, produced):
    from workflows import services

    before = _state(produced)
    with mock.patch("workflows.services.audit_record", _boom), pytest.raises(DatabaseError):
        services.request_withdraw(request=produced, by=demo["ana.saude"])
    assert _state(produced) == before
