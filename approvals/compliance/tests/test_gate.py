"""The engine as a lifecycle gate: refusals leave the state untouched and explain why;
overrides are recorded, audited and limited to the right role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from approvals.compliance import services as compliance
from approvals.compliance.models import CheckRun, FindingOverride, PublicOfficial
from approvals.compliance.selectors import findings_for, open_findings, summary_by_rule
from approvals.models import ApprovalStep, StepStatus
from approvals.services import step_decide
from audit.models import AuditEvent
from org.models import Secretariat
from pauta import clock
from plans.models import Channel, PlanAction
from workflows import services
from workflows.errors import TransitionRefused
from workflows.permissions import can_decide_step


def produced(demo, body, channel="x", **extra):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Vacinação", brief="b", channels=Channel.objects.filter(code=channel),
        plan_action=PlanAction.objects.filter(plan__state="approved").first(), **extra)
    request = services.request_submit(request=request, by=demo["ana.saude"])
    request = services.request_accept(request=request, by=demo["diego.editor"])
    services.publication_save(request=request, by=demo["diego.editor"],
                              channel=request.channels.get(), title="Vacinação", body=body)
    return request


def approve_all(demo, request):
    while True:
        request.refresh_from_db()
        if request.state != "in_review":
            return request
        step = ApprovalStep.objects.filter(request=request, status=StepStatus.PENDING).first()
        decider = next(u for u in demo.values() if can_decide_step(u, step))
        step_decide(step=step, by=decider, outcome="approve")


def test_blocker_refuses_send_to_review_and_leaves_state_untouched(demo):
    request = produced(demo, "Beneficiária: CPF 529.982.247-25.")
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        services.request_send_to_review(request=request, by=demo["diego.editor"])
    text = " ".join(refused.value.messages)
    assert "1 blocker" in text and "CPF in the text" in text and "Remove the CPF" in text
    request.refresh_from_db()
    assert request.state == "in_production" and request.review_round == 0
    assert not ApprovalStep.objects.filter(request=request).exists()
    assert not AuditEvent.objects.filter(request=request, verb="send_to_review").exists()


def test_warnings_pass_review_but_need_an_approver_override_to_schedule(demo):
    request = produced(demo, "Vacinação da terceira idade no posto.", channel="portal")
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    assert request.state == "in_review"
    run = CheckRun.objects.get(request=request, trigger="send_to_review")
    assert run.warnings >= 2 and run.blockers == 0
    request = approve_all(demo, request)
    pub = request.publications.get()
    when = clock.now() + dt.timedelta(days=3)
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        services.request_schedule(request=request, by=demo["diego.editor"], when={pub.pk: when})
    assert "need an approver's written override" in " ".join(refused.value.messages)
    request.refresh_from_db()
    pub.refresh_from_db()
    assert request.state == "approved" and pub.scheduled_at is None  # all rolled back

    warning = open_findings(request, "schedule")[0]
    with pytest.raises(PermissionDenied):  # the editor cannot override
        compliance.finding_override(request=request, by=demo["diego.editor"],
                                    fingerprint=warning.fingerprint, reason="Pode.")
    with pytest.raises(TransitionRefused):  # a written reason is required
        compliance.finding_override(request=request, by=demo["fernanda.chefe"],
                                    fingerprint=warning.fingerprint, reason="  ")
    done = compliance.warnings_override_all(request=request, by=demo["fernanda.chefe"],
                                            reason="Imagem enviada por e-mail; termo aceito.")
    assert len(done) == len(open_findings(request, "schedule")) + len(done)
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={pub.pk: when})
    assert request.state == "scheduled"
    verbs = list(AuditEvent.objects.filter(request=request).values_list("verb", flat=True))
    assert verbs.count("compliance_override") == len(done)
    rows = {r["rule"]: r for r in summary_by_rule()}
    assert rows["vocabulary.terms"]["overrides"] == 1
    assert rows["vocabulary.terms"]["findings"] >= 1 and rows["vocabulary.terms"]["requests"] >= 1


def test_impessoalidade_only_a_legal_reviewer_overrides(demo):
    PublicOfficial.objects.create(name="Joaquim Albuquerque Neto", variants="Prefeito Joaquim")
    request = produced(demo, "O Prefeito Joaquim visitou o posto.")
    finding = next(f for f in findings_for(request) if f.rule == "impessoalidade.officials")
    with pytest.raises(PermissionDenied):
        compliance.finding_override(request=request, by=demo["fernanda.chefe"],
                                    fingerprint=finding.fingerprint, reason="Autorizo.")
    override = compliance.finding_override(
        request=request, by=demo["gustavo.juridico"], fingerprint=finding.fingerprint,
        reason="Menção em ato oficial, sem caráter promocional (parecer 12/2026).")
    assert override.severity == "blocker" and override.by == demo["gustavo.juridico"]
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    assert request.state == "in_review"
    event = AuditEvent.objects.get(request=request, verb="compliance_override")
    assert event.payload["rule"] == "impessoalidade.officials"


def test_electoral_override_needs_a_legal_exception(demo):
    from approvals.compliance.tests.conftest import aware
    from calendars.models import Event

    day = clock.today() + dt.timedelta(days=30)
    Event.objects.create(kind="blackout", title="Eleições", all_day=True,
                         starts_at=aware(day, 0), ends_at=aware(day + dt.timedelta(5), 0))
    request = produced(demo, "Campanha de vacinação.", desired_date=day)
    with pytest.raises(TransitionRefused):
        services.request_send_to_review(request=request, by=demo["diego.editor"])
    finding = next(f for f in findings_for(request) if f.rule == "electoral.blackout")
    with pytest.raises(TransitionRefused):
        compliance.finding_override(request=request, by=demo["gustavo.juridico"],
                                    fingerprint=finding.fingerprint, reason="Urgência.")
    compliance.finding_override(request=request, by=demo["gustavo.juridico"],
                                fingerprint=finding.fingerprint, reason="Surto de gripe.",
                                legal_exception="grave_urgent_need")
    assert FindingOverride.objects.get(request=request).legal_exception == "grave_urgent_need"
    assert services.request_send_to_review(request=request,
                                           by=demo["diego.editor"]).state == "in_review"
