"""The audit trail's hash chain: verify_audit passes on an intact chain and names the bad row."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AuditEvent
from org.models import Secretariat
from workflows import services


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"


@pytest.fixture
def events(demo):
    before = AuditEvent.objects.count()
    for n in range(3):
        services.request_create(by=demo["ana.saude"], kind="news", title=f"Pedido {n}",
                                brief="b", secretariat=Secretariat.objects.get(acronym="SMS"))
    events = list(AuditEvent.objects.order_by("pk"))
    assert len(events) == before + 3
    return events


def test_intact_chain_verifies(events, capsys):
    call_command("verify_audit")
    assert f"{len(events)} events" in capsys.readouterr().out
    assert events[-1].prev_hash == events[-2].hash


def test_edited_row_is_named(events):
    AuditEvent.objects.filter(pk=events[-2].pk).update(verb="approve")
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"#{events[-2].pk}" in str(error.value)
    assert "edited" in str(error.value)


def test_deleted_row_is_detected(events):
    AuditEvent.objects.filter(pk=events[-2].pk).delete()
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"#{events[-1].pk}" in str(error.value)


def test_verify_audit_exits_non_zero(events):
    AuditEvent.objects.filter(pk=events[0].pk).update(payload={"forged": True})
    # call_command raises; the command line must turn that into a non-zero exit status.
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "verify_audit"]).execute()
    assert exit_info.value.code == 1
