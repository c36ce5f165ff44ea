"""The lifecycle driven through the services, as the four roles."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, Decision, RejectionReason, StepStatus
from approvals.services import step_decide
from audit.chain import verify_chain
from audit.models import AuditEvent
from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest


@pytest.fixture
def people(demo):
    return demo


def new_request(people, **extra):
    return services.request_create(
        by=people["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Campanha de vacinação contra a gripe",
        brief="Divulgar a campanha nas 12 unidades de saúde.",
        channels=Channel.objects.filter(code__in=["portal", "facebook"]), **extra)


def to_review(people, **extra):
    request = new_request(people, **extra)
    request = services.request_submit(request=request, by=people["ana.saude"])
    request = services.request_accept(request=request, by=people["diego.editor"])
    for channel in request.channels.all():
        services.publication_save(request=request, by=people["diego.editor"], channel=channel,
                                  title=request.title, body="Texto final.")
    return services.request_send_to_review(request=request, by=people["diego.editor"])


def decide(people, request, username, outcome="approve", **kw):
    steps = ApprovalStep.objects.filter(request=request, status=StepStatus.PENDING)
    user = people[username]
    from workflows.permissions import can_decide_step

    step = next(s for s in steps if can_decide_step(user, s))
    return step_decide(step=step, by=user, outcome=outcome, **kw)


def test_draft_to_published(people):
    request = to_review(people)
    assert request.state == "in_review"
    assert ApprovalStep.objects.filter(request=request, status="pending").count() == 2
    decide(people, request, "ana.saude")  # content validation by the secretariat
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"
    decide(people, request, "fernanda.chefe")
    request.refresh_from_db()
    assert request.state == "approved"
    when = timezone.now() + timezone.timedelta(days=2)
    warnings_override_all(request=request, by=people["fernanda.chefe"], reason="Ciente.")
    request = services.request_schedule(
        request=request, by=people["diego.editor"],
        when={p.pk: when for p in request.publications.all()})
    assert request.state == "scheduled"
    request = services.request_publish(request=request, by=people["diego.editor"], urls={
        p.pk: f"https://valeverde.example/n/{p.pk}" for p in request.publications.all()})
    assert request.state == "published"
    assert all(p.published_at for p in request.publications.all())
    services.request_rate(request=request, by=people["ana.saude"], rating=5, comment="Ótimo")
    verbs = list(AuditEvent.objects.filter(request=request).values_list("verb", flat=True))
    assert verbs[:4] == ["create", "submit", "accept", "assign"]
    assert verbs[-3:] == ["schedule", "publish", "rate"]
    assert "approve" in verbs
    assert verify_chain() is None


def test_sensitive_request_adds_legal_stage_after_first(people):
    request = to_review(people, sensitive=True)
    assert ApprovalStep.objects.filter(request=request, status="waiting", legal=True).count() == 1
    decide(people, request, "ana.saude")
    decide(people, request, "fernanda.chefe")
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"
    assert ApprovalStep.objects.get(request=request, legal=True).status == "pending"
    decide(people, request, "gustavo.juridico")
    assert ContentRequest.objects.get(pk=request.pk).state == "approved"


def test_request_changes_loop_and_rejection(people):
    request = to_review(people)
    with pytest.raises(TransitionRefused):
        decide(people, request, "fernanda.chefe", outcome="request_changes")
    decide(people, request, "fernanda.chefe", outcome="request_changes", comment="Ajustar título")
    request.refresh_from_db()
    assert request.state == "in_production"
    assert not ApprovalStep.objects.filter(request=request,
                                           status__in=["pending", "waiting"]).exists()
    request = services.request_send_to_review(request=request, by=people["diego.editor"])
    assert request.review_round == 2
    decide(people, request, "fernanda.chefe", outcome="reject", comment="Promoção pessoal",
           reason=RejectionReason.objects.get(code="promotion"))
    request.refresh_from_db()
    assert request.state == "rejected"
    assert Decision.objects.filter(step__request=request).count() == 2


def test_needs_info_and_withdraw(people):
    request = services.request_submit(request=new_request(people), by=people["ana.saude"])
    request = services.request_return_for_info(request=request, by=people["diego.editor"],
                                               question="Qual o horário da vacinação?")
    assert request.state == "needs_info"
    request = services.request_answer_info(request=request, by=people["ana.saude"],
                                           answer="Das 8h às 17h.")
    assert request.state == "submitted"
    request = services.request_withdraw(request=request, by=people["ana.saude"])
    assert request.state == "withdrawn"
    with pytest.raises(TransitionRefused):
        services.request_withdraw(request=request, by=people["ana.saude"])


def test_nobody_acts_outside_their_role(people):
    request = new_request(people)
    with pytest.raises(PermissionDenied):
        services.request_submit(request=request, by=people["bruno.educacao"])
    request = services.request_submit(request=request, by=people["ana.saude"])
    with pytest.raises(PermissionDenied):
        services.request_accept(request=request, by=people["ana.saude"])
    with pytest.raises(PermissionDenied):
        services.request_create(by=people["ana.saude"], kind="news", title="x", brief="y",
                                secretariat=Secretariat.objects.get(acronym="SEMED"))
    request = to_review(people)
    editor = people["diego.editor"]
    step = ApprovalStep.objects.filter(request=request, approvers="group").first()
    with pytest.raises(PermissionDenied):
        step_decide(step=step, by=editor, outcome="approve")
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"


def test_state_cannot_be_skipped(people):
    request = new_request(people)
    with pytest.raises(TransitionRefused):
        services.request_publish(request=request, by=people["diego.editor"], system=True)
    with pytest.raises(AttributeError):
        request.state = "published"  # protected field


def test_demo_history_is_consistent(demo):
    from workflows.demo import seed_requests

    seed_requests(lambda line: None, total=40)
    states = set(ContentRequest.objects.values_list("state", flat=True))
    assert "published" in states and len(states) >= 6
    for request in ContentRequest.objects.filter(state="published"):
        assert request.published_at and request.submitted_at
        assert request.submitted_at <= request.published_at
        assert AuditEvent.objects.filter(request=request, verb="publish").exists()
        assert not request.approval_steps.filter(status__in=["pending", "waiting"]).exists()
    assert verify_chain() is None
    assert ContentRequest.objects.filter(plan_action__isnull=False).count() > 20
    before = ContentRequest.objects.count()
    seed_requests(lambda line: None, total=40)
    assert ContentRequest.objects.count() == before
