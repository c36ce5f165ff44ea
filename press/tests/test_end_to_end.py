"""An inquiry from the desk's phone call to the journalist's mailbox, through the pages:
registration → the secretariat's information → the answer → approval (head of
communication; legal for a sensitive theme) → e-mail before the deadline; and one that
misses its deadline and escalates."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approvals.models import ApprovalStep
from audit.chain import verify_chain
from notifications.models import Notification
from org.models import Secretariat
from pauta import clock
from press.models import AnswerMail, Inquiry, Journalist
from press.services import inquiries_escalate
from press.tasks import press_escalate_overdue

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_ok(client, url, data=None):
    response = client.post(url, data or {})
    assert response.status_code == 302, response.content[:500]
    page = client.get(response["Location"])
    assert page.status_code == 200
    errors = [str(m) for m in page.context["messages"] if m.level_tag == "error"]
    assert not errors, errors
    return page


def register(client, journalist, *, hours: float, sensitive=False) -> Inquiry:
    deadline = timezone.localtime(clock.now() + timedelta(hours=hours))
    response = client.post(reverse("press:create"), {
        "journalist": journalist.pk, "outlet": journalist.outlet_id, "received_via": "phone",
        "secretariat": Secretariat.objects.get(acronym="SMS").pk,
        "theme": "Fila de espera na UBS Central", "sensitive": "on" if sensitive else "",
        "questions": "Quantas pessoas esperam por consulta? Há previsão de novos médicos?",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Inquiry.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def decide_all(inquiry, people):
    """Each decider of the pending steps approves on the decision page."""
    for step in ApprovalStep.objects.filter(inquiry=inquiry, status="pending"):
        decider = people["gustavo.juridico"] if step.legal else people["fernanda.chefe"]
        page = client_for(decider).get(reverse("press:decide", args=[inquiry.pk, step.pk]))
        assert page.status_code == 200
        post_ok(client_for(decider), reverse("press:decide", args=[inquiry.pk, step.pk]),
                {"outcome": "approve", "comment": ""})


@pytest.mark.parametrize("sensitive", [False, True])
def test_inquiry_answered_and_emailed_before_its_deadline(demo, sensitive,
                                                          django_capture_on_commit_callbacks):
    officer, ana = demo["elisa.editora"], demo["ana.saude"]
    journalist = Journalist.objects.filter(forgotten_at__isnull=True,
                                           opted_out_at__isnull=True).first()
    desk = client_for(officer)
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = register(desk, journalist, hours=5, sensitive=sensitive)
        base = reverse("press:detail", args=[inquiry.pk])
        post_ok(desk, f"{base}do/forward/", {"note": "Precisamos dos números até as 15h."})
    # The secretariat's people are told and find the questions in "My tasks".
    assert Notification.objects.filter(recipient=ana, event__verb="inquiry_forward").exists()
    tasks = client_for(ana).get(reverse("workflows:list") + "?view=mine")
    assert f"Questions of inquiry #{inquiry.pk}".encode() in tasks.content or \
        f"inquiry #{inquiry.pk}".encode() in tasks.content
    post_ok(client_for(ana), f"{base}do/facts/", {"facts": "São 340 pessoas; 2 médicos chegam."})
    post_ok(desk, f"{base}do/draft/", {"answer": "A Secretaria de Saúde informa que 340 "
                                                  "pessoas aguardam e que dois médicos chegam."})
    with django_capture_on_commit_callbacks(execute=True):
        post_ok(desk, f"{base}do/send_to_approval/")
    inquiry.refresh_from_db()
    assert inquiry.state == "in_approval"
    steps = ApprovalStep.objects.filter(inquiry=inquiry)
    assert steps.filter(legal=True).exists() == sensitive
    # The head of communication finds the decision in "My tasks".
    tasks = client_for(demo["fernanda.chefe"]).get(reverse("workflows:list") + "?view=mine")
    assert reverse("press:decide", args=[inquiry.pk, steps.get(legal=False).pk]).encode() \
        in tasks.content
    decide_all(inquiry, demo)
    if sensitive:  # the legal stage opens after the head's approval
        decide_all(inquiry, demo)
    inquiry.refresh_from_db()
    assert inquiry.state == "approved"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_ok(desk, f"{base}do/send/")
    inquiry.refresh_from_db()
    assert inquiry.state == "sent" and inquiry.sent_at < inquiry.deadline and not inquiry.overdue
    [sent] = [m for m in mail.outbox if m.to == [journalist.email]]
    assert "340 pessoas" in sent.body and "Quantas pessoas" in sent.body
    copy = AnswerMail.objects.get(inquiry=inquiry)
    assert copy.status == "sent" and copy.body == sent.body and copy.subject == sent.subject
    assert sent.extra_headers["Message-ID"] == copy.message_id
    assert sent.reply_to
    post_ok(desk, f"{base}do/close/")
    assert Inquiry.objects.get(pk=inquiry.pk).state == "closed"
    assert verify_chain() is None


def test_inquiry_that_misses_its_deadline_escalates_once(demo, django_capture_on_commit_callbacks):
    officer, head = demo["elisa.editora"], demo["fernanda.chefe"]
    journalist = Journalist.objects.filter(forgotten_at__isnull=True).first()
    desk = client_for(officer)
    inquiry = register(desk, journalist, hours=2)
    post_ok(desk, reverse("press:action", args=[inquiry.pk, "forward"]), {"note": ""})
    assert inquiries_escalate(now=clock.now() + timedelta(hours=1)) == 0  # not yet due
    assert not Inquiry.objects.get(pk=inquiry.pk).overdue
    # Two hours pass with the inquiry still at the secretariat: the periodic job escalates.
    Inquiry.objects.filter(pk=inquiry.pk).update(deadline=clock.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert press_escalate_overdue.call_local() == 1
    assert inquiries_escalate() == 0  # escalated once
    inquiry.refresh_from_db()
    assert inquiry.escalated_at is not None and inquiry.overdue
    told = set(Notification.objects.filter(event__verb="inquiry_overdue",
                                           event__target_id=str(inquiry.pk))
               .values_list("recipient__username", flat=True))
    # The desk, the head of communication and the secretariat holding the inquiry.
    assert {"elisa.editora", "fernanda.chefe", "ana.saude"} <= told
    assert "diego.editor" not in told  # an editor without the press permission
    # The inbox lists the overdue inquiries, nearest deadline first, marked as overdue.
    page = client_for(head).get(reverse("press:inbox") + "?tab=overdue")
    assert page.status_code == 200 and b'class="overdue"' in page.content
    rows = list(page.context["page"])
    assert inquiry in rows
    assert [r.deadline for r in rows] == sorted(r.deadline for r in rows)
