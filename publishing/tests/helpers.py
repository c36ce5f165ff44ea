"""Shared steps of the publishing tests: a request driven to review and approval."""

from django.utils import timezone

from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, StepStatus
from approvals.services import step_decide
from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.permissions import can_decide_step

TITLE = "Campanha de vacinação contra a gripe"


def in_production(demo, channels=("portal",)):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title=TITLE, brief="Divulgar a campanha nas 12 unidades de saúde.",
        channels=Channel.objects.filter(code__in=channels))
    request = services.request_submit(request=request, by=demo["ana.saude"])
    return services.request_accept(request=request, by=demo["diego.editor"])


def save_text(demo, request, body, channel="portal", title=TITLE):
    return services.publication_save(request=request, by=demo["diego.editor"],
                                     channel=Channel.objects.get(code=channel), title=title,
                                     body=body)


def decide_all(demo, request, outcome="approve"):
    """Every pending step of the round decided (the secretariat, then the head)."""
    for name in ("ana.saude", "fernanda.chefe", "fernanda.chefe"):
        request.refresh_from_db()
        if request.state != "in_review":
            break
        steps = ApprovalStep.objects.filter(request=request, review_round=request.review_round,
                                            status=StepStatus.PENDING)
        step = next((s for s in steps if can_decide_step(demo[name], s)), None)
        if step is not None:
            step_decide(step=step, by=demo[name], outcome=outcome,
                        comment="" if outcome == "approve" else "Ajustar o texto.")
    request.refresh_from_db()
    return request


def approved(demo, body="Vacine-se nas unidades de saúde."):
    request = in_production(demo)
    save_text(demo, request, body)
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    request = decide_all(demo, request)
    assert request.state == "approved"
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    return request


def when(days=2):
    return timezone.now() + timezone.timedelta(days=days)
