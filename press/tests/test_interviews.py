"""Interview requests: the spokesperson proposed then confirmed, the time and place as an
event on the calendar (tentative, confirmed, cancelled with the request), briefing notes for
the spokesperson only, and the inquiry's own deadline clock and escalation."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from calendars.models import Event
from notifications.models import Notification
from org.models import Secretariat
from pauta import clock
from pauta.lifecycle import TransitionRefused
from press import interviews, services
from press.models import Inquiry, Journalist

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def errors_after(client, response) -> list[str]:
    assert response.status_code == 302, response.content[:300]
    page = client.get(response["Location"])
    return [str(m) for m in page.context["messages"] if m.level_tag == "error"]


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def interview(demo):
    desk = client_for(demo["elisa.editora"])
    journalist = Journalist.objects.filter(forgotten_at__isnull=True).first()
    response = desk.post(reverse("press:create"), {
        "kind": "interview", "journalist": journalist.pk, "outlet": journalist.outlet_id,
        "received_via": "phone", "secretariat": Secretariat.objects.get(acronym="SMS").pk,
        "theme": "Campanha de vacinação", "questions": "Entrevista ao vivo sobre a campanha.",
        "deadline": local(clock.now() + timedelta(hours=6))})
    assert response.status_code == 302
    inquiry = Inquiry.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert inquiry.kind == "interview"
    return inquiry


def propose(client, inquiry, spokesperson, *, at, minutes=45, place="Estúdio da Rádio Vale",
            briefing="Números da campanha: 12 mil doses."):
    return client.post(reverse("press:action", args=[inquiry.pk, "interview"]), {
        "interview-spokesperson": spokesperson.pk, "interview-starts_at": local(at),
        "interview-minutes": minutes, "interview-place": place, "interview-briefing": briefing})


def test_proposed_then_confirmed_by_the_spokesperson_with_its_calendar_event(
        demo, interview, django_capture_on_commit_callbacks):
    desk, ana = client_for(demo["elisa.editora"]), demo["ana.saude"]
    at = (clock.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert errors_after(desk, propose(desk, interview, ana, at=at)) == []
    inquiry = Inquiry.objects.get(pk=interview.pk)
    event = Event.objects.get(pk=inquiry.event_id)
    assert (event.kind, event.status, event.visibility) == ("press_interview", "tentative",
                                                           "internal")
    assert event.starts_at == at and event.ends_at == at + timedelta(minutes=45)
    assert event.location == "Estúdio da Rádio Vale" and event.secretariat.acronym == "SMS"
    assert "Números da campanha" not in event.description  # the briefing stays on the desk
    assert Notification.objects.filter(recipient=ana, event__verb="interview_propose").exists()
    # The spokesperson reads the briefing on the inquiry's page and confirms.
    spokesperson = client_for(ana)
    page = spokesperson.get(reverse("press:detail", args=[inquiry.pk]))
    assert page.status_code == 200 and "12 mil doses" in page.content.decode()
    assert page.context["can"]["confirm_interview"] and not page.context["can"]["interview"]
    with django_capture_on_commit_callbacks(execute=True):
        assert errors_after(spokesperson, spokesperson.post(
            reverse("press:action", args=[inquiry.pk, "confirm_interview"]))) == []
    inquiry.refresh_from_db()
    event.refresh_from_db()
    assert inquiry.spokesperson_confirmed_at and event.status == "confirmed"
    assert Notification.objects.filter(recipient=demo["elisa.editora"],
                                       event__verb="interview_confirm").exists()
    with pytest.raises(TransitionRefused, match="no proposed interview"):  # a second click
        interviews.interview_confirm(inquiry=inquiry, by=ana)
    # A new time: the same event moves (a higher SEQUENCE), tentative again until confirmed.
    sequence = event.sequence
    assert errors_after(desk, propose(desk, inquiry, ana, at=at + timedelta(hours=2))) == []
    inquiry.refresh_from_db()
    event.refresh_from_db()
    assert inquiry.event_id == event.pk and inquiry.spokesperson_confirmed_at is None
    assert event.status == "tentative" and event.sequence > sequence
    assert event.starts_at == at + timedelta(hours=2)
    # Declined: the event stays in the feeds as cancelled.
    services.inquiry_decline(inquiry=inquiry, by=demo["elisa.editora"], reason="Agenda cheia.")
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_who_may_propose_and_confirm(demo, interview):
    officer, ana = demo["elisa.editora"], demo["ana.saude"]
    at = clock.now() + timedelta(days=1)
    # Someone else's briefing is not theirs to read: an editor without the press role.
    other = client_for(demo["diego.editor"])
    assert other.get(reverse("press:detail", args=[interview.pk])).status_code == 404
    assert propose(other, interview, ana, at=at).status_code == 404
    interviews.interview_propose(inquiry=interview, by=officer, spokesperson=ana, starts_at=at,
                                 place="Gabinete")
    assert other.post(reverse("press:action", args=[interview.pk, "confirm_interview"])
                      ).status_code == 404
    # A head of communication reads every inquiry but is not the spokesperson: 403.
    head = client_for(demo["fernanda.chefe"])
    assert head.post(reverse("press:action", args=[interview.pk, "confirm_interview"])
                     ).status_code == 403
    assert Inquiry.objects.get(pk=interview.pk).spokesperson_confirmed_at is None


def test_bad_input_says_why_and_writes_nothing(demo, interview):
    desk, ana = client_for(demo["elisa.editora"]), demo["ana.saude"]
    at = clock.now() + timedelta(days=1)
    assert errors_after(desk, propose(desk, interview, ana, at=at, minutes=0))
    assert errors_after(desk, propose(desk, interview, ana, at=at, place=""))
    response = desk.post(reverse("press:action", args=[interview.pk, "interview"]), {
        "interview-spokesperson": ana.pk, "interview-starts_at": "99999-01-01T10:00",
        "interview-minutes": 30, "interview-place": "Sala"})
    assert errors_after(desk, response)
    assert not Inquiry.objects.get(pk=interview.pk).event_id
    assert not Event.objects.filter(kind="press_interview").exists()
    # An inquiry of questions has no spokesperson.
    questions = services.inquiry_register(
        by=demo["elisa.editora"], journalist=interview.journalist,
        secretariat=interview.secretariat, theme="Dengue", questions="Quantos casos?",
        deadline=clock.now() + timedelta(hours=3))
    with pytest.raises(TransitionRefused, match="Only an interview request"):
        interviews.interview_propose(inquiry=questions, by=demo["elisa.editora"],
                                     spokesperson=ana, starts_at=at, place="Sala")


def test_an_interview_request_keeps_the_deadline_clock_and_escalates(
        demo, interview, django_capture_on_commit_callbacks):
    interviews.interview_propose(inquiry=interview, by=demo["elisa.editora"],
                                 spokesperson=demo["ana.saude"],
                                 starts_at=clock.now() + timedelta(days=1), place="Gabinete")
    Inquiry.objects.filter(pk=interview.pk).update(deadline=clock.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inquiries_escalate() == 1
    told = set(Notification.objects.filter(event__verb="inquiry_overdue",
                                           event__target_id=str(interview.pk))
               .values_list("recipient__username", flat=True))
    assert {"elisa.editora", "fernanda.chefe", "ana.saude"} <= told


def test_no_longer_an_interview_request_cancels_its_event_and_proposing_again_restores_it(
        demo, interview, django_capture_on_commit_callbacks):
    desk, ana = client_for(demo["elisa.editora"]), demo["ana.saude"]
    at = (clock.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert errors_after(desk, propose(desk, interview, ana, at=at)) == []
    inquiry = Inquiry.objects.get(pk=interview.pk)
    event = Event.objects.get(pk=inquiry.event_id)
    assert event.status == "tentative"
    # The desk corrects the registration: it was questions by e-mail, not an interview.
    services.inquiry_update(inquiry=inquiry, by=demo["elisa.editora"], kind="questions")
    event.refresh_from_db()
    assert event.status == "cancelled"
    # Corrected back: proposing again brings the same event back, tentative.
    inquiry = services.inquiry_update(inquiry=Inquiry.objects.get(pk=inquiry.pk),
                                      by=demo["elisa.editora"], kind="interview")
    assert errors_after(desk, propose(desk, inquiry, ana, at=at)) == []
    inquiry.refresh_from_db()
    event.refresh_from_db()
    assert inquiry.event_id == event.pk and event.status == "tentative"
