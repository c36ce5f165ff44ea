"""Take-downs executed: through the connector (the answer and a snapshot of the page gone
kept as evidence), or as a manual checklist until a person confirms; scheduled expiry."""

from datetime import timedelta

import pytest

from approvals.compliance.checkable import Piece
from approvals.compliance.services import publications_take_down
from audit.models import AuditEvent
from notifications.models import Notification
from pauta import clock
from pauta.lifecycle import NotAllowed
from plans.models import Channel
from publishing.admin import ConnectorForm
from publishing.connect import follow
from publishing.models import Expiry, Snapshot, TakedownEvidence, Verdict
from publishing.proof import proof_check
from publishing.takedown import checklist, expire_due, expiry_set, takedown_confirm
from publishing.tests.conftest import SECRET, Site, page
from publishing.tests.helpers import TITLE, approved, when
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest

BODY = "Vacine-se nas unidades de saúde."


@pytest.fixture(autouse=True)
def _english(english_messages):
    pass


def connect(site):
    form = ConnectorForm(data={"channel": Channel.objects.get(code="portal").pk,
                               "kind": "webhook", "active": "on", "secret": SECRET,
                               "endpoint": f"{site.base}/hook"})
    assert form.is_valid(), form.errors
    return form.save()


def published_by_connector(demo, site, capture):
    connect(site)
    request = approved(demo, body=BODY)
    with capture(execute=True):
        request = services.request_schedule(
            request=request, by=demo["diego.editor"],
            when={p.pk: when() for p in request.publications.all()})
    with clock.travel(when(3)), capture(execute=True):
        assert follow() == 1
    return ContentRequest.objects.get(pk=request.pk)


def published_by_hand(demo, site, capture):
    request = approved(demo, body=BODY)
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    Site.pages["/noticia"] = (200, page(TITLE, BODY))
    pub = request.publications.get()
    with capture(execute=True):
        services.request_publish(request=request, by=demo["diego.editor"],
                                 urls={pub.pk: f"{site.base}/noticia"})
    return ContentRequest.objects.get(pk=request.pk)


def take_down(demo, request, capture):
    pub = request.publications.get()
    piece = Piece(pk=pub.pk, channel=pub.channel, subject=request, title=request.title, url="",
                  secretariat=request.secretariat, scheduled_at=pub.scheduled_at,
                  published_at=pub.published_at)
    with capture(execute=True):
        assert publications_take_down(publications=[piece], by=demo["diego.editor"],
                                      reason="Período eleitoral.") == 1
    return TakedownEvidence.objects.get(publication=pub)


def test_blackout_take_down_through_the_webhook_with_evidence(
        demo, site, client, django_capture_on_commit_callbacks):
    request = published_by_connector(demo, site, django_capture_on_commit_callbacks)
    pub = request.publications.get()
    assert pub.url == f"{site.base}/posts/{pub.pk}"
    # Published inside clock.travel (history: not fetched by itself); the proof by hand.
    assert not Snapshot.objects.filter(publication=pub).exists()
    assert proof_check(pub.pk).verdict == Verdict.MATCH
    evidence = take_down(demo, request, django_capture_on_commit_callbacks)
    assert Site.calls[-1]["action"] == "unpublish"
    assert Site.calls[-1]["remote_id"] == f"post-{pub.pk}"
    evidence.refresh_from_db()
    assert evidence.mode == "connector" and evidence.status == "done"
    assert evidence.cause == "blackout" and evidence.by == demo["diego.editor"]
    assert evidence.answer["status"] == "unpublished" and evidence.done_at is not None
    assert evidence.takedown.reason == "Período eleitoral."
    assert evidence.snapshot.purpose == "takedown"
    assert evidence.snapshot.verdict == Verdict.GONE and evidence.snapshot.status_code == 404
    assert AuditEvent.objects.filter(request=request, verb="takedown_done").exists()
    assert not AuditEvent.objects.filter(request=request, verb="takedown_still_online").exists()
    client.force_login(demo["fernanda.chefe"])
    html = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Taken down on" in html and "by the connector" in html and "page gone" in html


def test_connector_failure_becomes_a_manual_item(demo, site,
                                                 django_capture_on_commit_callbacks):
    request = published_by_connector(demo, site, django_capture_on_commit_callbacks)
    connector = Channel.objects.get(code="portal").connector
    connector.endpoint = f"{site.base.replace('127.0.0.1', '127.0.0.2')}/nada"  # unreachable
    connector.save()
    evidence = take_down(demo, request, django_capture_on_commit_callbacks)
    evidence.refresh_from_db()
    assert evidence.status == "failed" and evidence.error
    assert evidence in list(checklist())


def test_manual_checklist_until_someone_confirms(demo, site, client,
                                                 django_capture_on_commit_callbacks):
    request = published_by_hand(demo, site, django_capture_on_commit_callbacks)
    evidence = take_down(demo, request, django_capture_on_commit_callbacks)
    assert evidence.mode == "manual" and evidence.status == "waiting"
    assert evidence.url == f"{site.base}/noticia"
    event = AuditEvent.objects.get(request=request, verb="takedown_checklist")
    told = Notification.objects.filter(event=event)  # the team, but not who took it down
    assert told.exists() and not told.filter(recipient=demo["diego.editor"]).exists()
    client.force_login(demo["diego.editor"])
    listing = client.get("/publishing/takedowns/").content.decode()
    assert evidence.url in listing
    # The requester may not confirm it; a forged POST is refused.
    client.force_login(demo["ana.saude"])
    assert client.post(f"/publishing/takedowns/{evidence.pk}/confirm/").status_code in (403, 404)
    with pytest.raises(NotAllowed):
        takedown_confirm(evidence=evidence, by=demo["ana.saude"])
    # Someone removes the page and confirms: audited, the page read as evidence.
    del Site.pages["/noticia"]
    client.force_login(demo["diego.editor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/publishing/takedowns/{evidence.pk}/confirm/",
                               {"next": f"/requests/{request.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/requests/{request.pk}/"
    evidence.refresh_from_db()
    assert evidence.status == "done" and evidence.confirmed_by == demo["diego.editor"]
    assert evidence.snapshot.verdict == Verdict.GONE
    assert AuditEvent.objects.filter(request=request, verb="takedown_confirm").count() == 1
    assert evidence not in list(checklist())
    # Twice: refused with a sentence, nothing written again.
    with pytest.raises(TransitionRefused, match="already confirmed"):
        takedown_confirm(evidence=evidence, by=demo["diego.editor"])
    assert AuditEvent.objects.filter(request=request, verb="takedown_confirm").count() == 1
    html = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Taken down on" in html and "confirmed by" in html


def test_page_still_online_after_confirmation_is_flagged(demo, site,
                                                        django_capture_on_commit_callbacks):
    request = published_by_hand(demo, site, django_capture_on_commit_callbacks)
    evidence = take_down(demo, request, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        takedown_confirm(evidence=evidence, by=demo["diego.editor"])
    evidence.refresh_from_db()
    assert evidence.snapshot.verdict == Verdict.MATCH
    assert AuditEvent.objects.filter(request=request, verb="takedown_still_online").exists()


def test_expiry_is_validated_and_takes_down_through_the_connector(
        demo, site, django_capture_on_commit_callbacks):
    request = published_by_connector(demo, site, django_capture_on_commit_callbacks)
    pub = request.publications.get()
    with pytest.raises(NotAllowed):
        expiry_set(publication=pub, by=demo["ana.saude"], unpublish_at=when(5))
    with pytest.raises(TransitionRefused, match="future"):
        expiry_set(publication=pub, by=demo["diego.editor"],
                   unpublish_at=clock.now() - timedelta(hours=1))
    other = approved(demo, body=BODY)
    other = services.request_schedule(request=other, by=demo["diego.editor"],
                                      when={p.pk: when(6) for p in other.publications.all()})
    with pytest.raises(TransitionRefused, match="after the publication"):
        expiry_set(publication=other.publications.get(), by=demo["diego.editor"],
                   unpublish_at=when(5))
    expiry = expiry_set(publication=pub, by=demo["diego.editor"], unpublish_at=when(10))
    assert AuditEvent.objects.filter(request=request, verb="expiry_set").exists()
    assert expire_due() == 0
    with clock.travel(when(11)), django_capture_on_commit_callbacks(execute=True):
        assert expire_due() == 1
        assert expire_due() == 0  # once
    pub.refresh_from_db()
    assert pub.cancelled_at is not None
    assert Expiry.objects.get(pk=expiry.pk).done_at is not None
    evidence = TakedownEvidence.objects.get(publication=pub)
    assert evidence.cause == "expiry" and evidence.status == "done"
    assert Site.calls[-1]["action"] == "unpublish"
    assert evidence.snapshot.verdict == Verdict.GONE
    assert AuditEvent.objects.filter(request=request, verb="expiry_take_down").exists()


def test_expiry_form_on_the_request_page(demo, site, client,
                                         django_capture_on_commit_callbacks):
    request = published_by_hand(demo, site, django_capture_on_commit_callbacks)
    pub = request.publications.get()
    client.force_login(demo["diego.editor"])
    html = client.get(f"/requests/{request.pk}/").content.decode()
    assert f"expiry-{pub.pk}-unpublish_at" in html
    moment = (clock.now() + timedelta(days=30)).astimezone().strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/publishing/publications/{pub.pk}/expiry/",
                           {f"expiry-{pub.pk}-unpublish_at": moment})
    assert response.status_code == 302
    assert Expiry.objects.filter(publication=pub).exists()
    bad = client.post(f"/publishing/publications/{pub.pk}/expiry/",
                      {f"expiry-{pub.pk}-unpublish_at": "amanhã"}, follow=True)
    assert b"Enter a valid date and time" in bad.content
    client.force_login(demo["ana.saude"])
    response = client.post(f"/publishing/publications/{pub.pk}/expiry/",
                           {f"expiry-{pub.pk}-unpublish_at": ""})
    assert response.status_code == 403
    assert Expiry.objects.filter(publication=pub).exists()
