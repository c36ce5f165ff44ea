"""Policies are configured in the admin; the database keeps one closing decision per step."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from approvals.models import ApprovalPolicy, ApprovalStep, Decision, PolicyStep, StepStatus
from org.models import Secretariat
from plans.models import Channel
from workflows import services


@pytest.fixture
def in_review(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Constraint", brief="b", channels=Channel.objects.filter(code="portal"))
    request = services.request_submit(request=request, by=demo["ana.saude"])
    request = services.request_accept(request=request, by=demo["diego.editor"])
    services.publication_save(request=request, by=demo["diego.editor"],
                              channel=Channel.objects.get(code="portal"), title="t", body="b")
    return services.request_send_to_review(request=request, by=demo["diego.editor"])


def test_database_refuses_a_second_closing_decision(demo, in_review):
    step = ApprovalStep.objects.get(request=in_review, approvers="group")
    Decision.objects.create(step=step, decided_by=demo["fernanda.chefe"], outcome="approve",
                            closes_step=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(step=step, decided_by=demo["admin"], outcome="approve",
                                closes_step=True)
    assert Decision.objects.filter(step=step, closes_step=True).count() == 1


def test_decisions_are_immutable(demo, in_review):
    step = ApprovalStep.objects.get(request=in_review, approvers="group")
    decision = Decision.objects.create(step=step, decided_by=demo["fernanda.chefe"],
                                       outcome="approve")
    decision.outcome = "reject"
    with pytest.raises(ValueError):
        decision.save()
    assert Decision.objects.get(pk=decision.pk).outcome == "approve"


def test_admin_creates_a_policy_with_kinds_channels_and_parallel_steps(admin_client, demo):
    approver = Group.objects.get(name="Approver")
    legal = Group.objects.get(name="Legal reviewer")
    portal = Channel.objects.get(code="portal")
    prefix = "steps"
    response = admin_client.post("/admin/approvals/approvalpolicy/add/", {
        "name": "Vídeos no portal", "active": "on", "applies_to": "request",
        "kinds": ["video", "news"], "channels": [portal.pk],
        f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-stage": "1", f"{prefix}-0-name": "Chefia", f"{prefix}-0-approvers": "group",
        f"{prefix}-0-group": approver.pk, f"{prefix}-0-quorum": "any",
        f"{prefix}-1-stage": "2", f"{prefix}-1-name": "Jurídico",
        f"{prefix}-1-approvers": "group", f"{prefix}-1-group": legal.pk,
        f"{prefix}-1-quorum": "all", f"{prefix}-1-legal": "on",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    policy = ApprovalPolicy.objects.get(name="Vídeos no portal")
    assert policy.applies_to == "request" and not policy.only_with_paid_media
    assert sorted(policy.kinds) == ["news", "video"]
    assert list(policy.channels.all()) == [portal]
    assert [(s.stage, s.quorum, s.legal) for s in policy.steps.all()] == [
        (1, "any", False), (2, "all", True)]


def test_admin_refuses_a_group_step_without_group(admin_client, demo):
    response = admin_client.post("/admin/approvals/approvalpolicy/add/", {
        "name": "Sem grupo", "active": "on", "applies_to": "request",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0", "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000", "steps-0-stage": "1", "steps-0-name": "Chefia",
        "steps-0-approvers": "group", "steps-0-quorum": "any",
    })
    assert response.status_code == 200
    assert not response.context["adminform"].form.errors  # refused for the step, not the policy
    assert any(response.context["inline_admin_formsets"][0].formset.errors)
    assert not ApprovalPolicy.objects.filter(name="Sem grupo").exists()


def test_admin_pages_render_and_steps_are_read_only(admin_client, in_review):
    for url in ("/admin/approvals/approvalpolicy/", "/admin/approvals/rejectionreason/",
                "/admin/approvals/approvalstep/"):
        assert admin_client.get(url).status_code == 200, url
    policy = ApprovalPolicy.objects.first()
    assert admin_client.get(f"/admin/approvals/approvalpolicy/{policy.pk}/change/"
                            ).status_code == 200
    step = ApprovalStep.objects.filter(request=in_review).first()
    page = admin_client.get(f"/admin/approvals/approvalstep/{step.pk}/change/")
    assert page.status_code == 200
    assert admin_client.post(f"/admin/approvals/approvalstep/{step.pk}/delete/",
                             {"post": "yes"}).status_code == 403
    assert ApprovalStep.objects.filter(pk=step.pk, status=StepStatus.PENDING).exists()
    assert PolicyStep.objects.exists()
