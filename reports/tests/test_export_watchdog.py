"""Export jobs whose worker died are failed by the sweeper, and the person is told once."""

from datetime import date, timedelta

import pytest

from audit.models import AuditEvent
from notifications.models import Notification
from pauta import clock
from reports import services
from reports.models import KPIExport
from reports.slices import Slice


@pytest.fixture
def running(demo, settings):
    """An export of January 2031 by a pt-BR manager, stuck 'running' (its worker SIGKILLed)."""
    settings.KPI_EXPORT_HEARTBEAT_TIMEOUT = 900
    person = demo["helena.gestora"]
    export = KPIExport.objects.create(
        requested_by=person, status=KPIExport.Status.RUNNING, progress=40,
        params=Slice(start=date(2031, 1, 1), end=date(2031, 1, 31)).as_params())
    return export


def _later(seconds):
    return clock.now() + timedelta(seconds=seconds)


def test_a_job_with_a_recent_heartbeat_is_left_alone(running):
    assert services.exports_fail_stalled(now=_later(899)) == 0
    running.refresh_from_db()
    assert running.status == KPIExport.Status.RUNNING


def test_a_job_without_heartbeat_is_failed_and_the_person_told_in_their_language(running):
    person = running.requested_by
    person.language = "en"
    person.save(update_fields=["language"])
    assert services.exports_fail_stalled(now=_later(901)) == 1
    running.refresh_from_db()
    assert running.status == KPIExport.Status.FAILED
    assert running.finished_at is not None and "worker lost" in running.error
    (note,) = Notification.objects.filter(recipient=person)
    assert note.message == (f"The KPI export #{running.pk} (01/01/2031 to 01/31/2031) failed: "
                            f"the server stopped while building it. Please generate it again.")
    assert note.email_state == "none"
    assert AuditEvent.objects.filter(verb="export_failed", target_id=str(running.pk)).count() == 1
    assert services.exports_fail_stalled(now=_later(5000)) == 0  # closed once
    assert Notification.objects.filter(recipient=person).count() == 1


def test_a_job_lost_before_it_started_is_failed_too(running):
    KPIExport.objects.filter(pk=running.pk).update(status=KPIExport.Status.PENDING)
    assert services.exports_fail_stalled(now=_later(901)) == 1


def test_the_message_is_in_the_persons_language(running):
    # pt-BR (the person's default): needs the compiled catalogue with locale/pending/h-huey.json.
    services.exports_fail_stalled(now=_later(901))
    (note,) = Notification.objects.filter(recipient=running.requested_by)
    assert note.message == (f"A exportação de indicadores nº {running.pk} (01/01/2031 a "
                            f"31/01/2031) falhou: o servidor parou durante a geração. "
                            f"Gere-a de novo.")


def test_a_late_worker_does_not_revive_a_failed_job(running, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    services.exports_fail_stalled(now=_later(901))
    again = services.export_run(export_id=running.pk)  # the re-queued task runs after all
    assert again.status == KPIExport.Status.FAILED
    assert not again.file


def test_the_heartbeat_moves_while_the_job_runs(running, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    before = running.heartbeat_at
    KPIExport.objects.filter(pk=running.pk).update(status=KPIExport.Status.PENDING)
    done = services.export_run(export_id=running.pk)
    assert done.status == KPIExport.Status.DONE and done.file
    assert done.heartbeat_at > before
    assert services.exports_fail_stalled(now=_later(5000)) == 0  # done jobs are never failed
