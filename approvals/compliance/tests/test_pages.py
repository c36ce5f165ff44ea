"""Pages and the command: the check button, findings on the request page, the blackout view."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from approvals.compliance.models import CheckRun, Takedown
from approvals.compliance.tests.conftest import aware
from audit.models import AuditEvent
from calendars.models import Event
from pauta import clock


@pytest.fixture
def en(settings):
    settings.LANGUAGE_CODE = "en"


def test_check_button_and_findings_next_to_the_text(client, demo, make, en):
    request = make("Atendimento para a terceira idade. CPF 529.982.247-25", assignee=None)
    client.force_login(demo["diego.editor"])
    page = client.get(f"/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Brand and legal compliance" in page and "CPF in the text" in page
    response = client.post(f"/compliance/requests/{request.pk}/check/",
                           {"next": f"/requests/{request.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/requests/{request.pk}/"
    run = CheckRun.objects.get(request=request)
    assert run.blockers == 1 and run.warnings >= 1
    assert AuditEvent.objects.filter(request=request, verb="compliance_check").exists()


def test_requester_cannot_run_the_check_and_outsiders_see_nothing(client, demo, make):
    request = make("Texto.")
    client.force_login(demo["ana.saude"])
    client.post(f"/compliance/requests/{request.pk}/check/")
    assert not CheckRun.objects.filter(request=request).exists()
    client.force_login(demo["bruno.educacao"])
    assert client.get(f"/compliance/requests/{request.pk}/").status_code == 404


def test_legal_reviewer_overrides_from_the_findings_page(client, demo, make):
    from approvals.compliance.models import PublicOfficial
    from approvals.compliance.selectors import findings_for

    PublicOfficial.objects.create(name="Marta Ribeiro Lins", variants="Vice Marta")
    request = make("A Vice Marta visitou a escola.")
    client.force_login(demo["gustavo.juridico"])
    assert client.get(f"/compliance/requests/{request.pk}/").status_code == 200
    finding = next(f for f in findings_for(request) if f.rule == "impessoalidade.officials")
    client.post(f"/compliance/requests/{request.pk}/override/",
                {"fingerprint": finding.fingerprint, "reason": "Agenda oficial."})
    assert request.compliance_overrides.get().by == demo["gustavo.juridico"]


def test_blackout_view_lists_live_and_scheduled_and_takes_down(client, demo, make,
                                                               django_assert_max_num_queries):
    day = clock.today() + dt.timedelta(days=20)
    window = Event.objects.create(kind="blackout", title="Eleições municipais", all_day=True,
                                  starts_at=aware(day, 0), ends_at=aware(day + dt.timedelta(9), 0))
    live = make("Publicada antes", state="published").publications.get()
    live.published_at = clock.now() - dt.timedelta(days=30)
    live.save()
    planned = make("Agendada", state="scheduled",
                   scheduled_at=aware(day + dt.timedelta(2), 10)).publications.get()
    outside = make("Depois", state="scheduled",
                   scheduled_at=aware(day + dt.timedelta(30), 10)).publications.get()
    client.force_login(demo["diego.editor"])
    with django_assert_max_num_queries(12):
        page = client.get(f"/compliance/blackout/?window={window.pk}")
    body = page.content.decode()
    assert f'value="{live.pk}"' in body and f'value="{planned.pk}"' in body
    assert f'value="{outside.pk}"' not in body
    client.post("/compliance/blackout/", {"window": window.pk, "reason": "Defeso eleitoral.",
                                          "publications": [live.pk, planned.pk]})
    assert Takedown.objects.filter(window=window).count() == 2
    assert Takedown.objects.get(publication=live).was_live
    live.refresh_from_db()
    assert live.cancelled_at is not None
    client.force_login(demo["ana.saude"])
    assert client.get("/compliance/blackout/").status_code == 403


def test_check_compliance_command(make, capsys):
    request = make("Beneficiária: CPF 529.982.247-25.")
    call_command("check_compliance", str(request.pk), "--json", "--language", "en")
    data = json.loads(capsys.readouterr().out)
    assert {"personal_data.cpf"} <= {row["rule"] for row in data["findings"]}
    with pytest.raises(SystemExit):
        call_command("check_compliance", str(request.pk), "--fail-on", "blocker")
    assert "personal_data.cpf" in capsys.readouterr().out
