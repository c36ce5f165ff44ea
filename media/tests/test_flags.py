"""Withdrawal or expiry of a consent flags every live publication using the asset: the daily
job (under the clock's travel), the flag on the request page, the notice to the editor and to
who approved, and the take-down path (the channel's connector unpublishes; without one the
text is listed as "take-down needed" by hand), then the flag resolved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from approvals.compliance.services import warnings_override_all
from audit.models import AuditEvent
from media import services, tasks
from media.models import Asset, GivenBy, Purpose, UseFlag
from media.tests.images import jpeg, upload
from notifications.models import Notification
from pauta import clock
from pauta.lifecycle import NotAllowed, TransitionRefused
from publishing.models import RemotePost
from publishing.tests.helpers import decide_all, in_production, save_text, when
from publishing.tests.test_webhook_connector import Receiver, _connect, receiver  # noqa: F401
from workflows import services as ws
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def live_with_photo(demo, capture, *, expires_in=20):
    """A request scheduled on the portal whose photo shows an adult with a consent that
    ends in ``expires_in`` days."""
    editor = demo["diego.editor"]
    with capture(execute=True):
        asset = services.asset_create(by=editor, uploaded=upload(jpeg(5)), title="Feira livre")
    asset = Asset.objects.get(pk=asset.pk)
    person = services.person_create(by=editor, name="Rita Moraes")
    services.asset_tag(asset=asset, person=person, by=editor)
    consent = services.consent_record(
        person=person, by=editor, purposes=[Purpose.INSTITUTIONAL],
        given_on=clock.today() - timedelta(days=100),
        expires_on=clock.today() + timedelta(days=expires_in), given_by=GivenBy.PERSON)
    request = in_production(demo)
    services.asset_attach(asset=asset, request=request, by=editor)
    save_text(demo, request, "A feira volta ao centro no sábado.")
    request = ws.request_send_to_review(request=request, by=editor)
    request = decide_all(demo, request)
    assert request.state == "approved"
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    with capture(execute=True):
        request = ws.request_schedule(request=request, by=editor,
                                      when={p.pk: when() for p in request.publications.all()})
    assert request.state == "scheduled"
    return request, consent


def test_the_daily_job_flags_a_live_piece_when_its_consent_expires(
        demo, django_capture_on_commit_callbacks):
    request, consent = live_with_photo(demo, django_capture_on_commit_callbacks)
    tasks.consents_follow_expiry.call_local()  # huey's periodic task, as the consumer runs it
    assert not UseFlag.objects.exists()
    with clock.travel(timezone.now() + timedelta(days=19)):  # the last day: still in force
        tasks.consents_follow_expiry.call_local()
    assert not UseFlag.objects.exists()
    with clock.travel(timezone.now() + timedelta(days=22)):
        tasks.consents_follow_expiry.call_local()
        tasks.consents_follow_expiry.call_local()  # once
    flag = UseFlag.objects.get()
    assert flag.use.request == request and flag.consent == consent
    assert flag.reason == UseFlag.Reason.EXPIRED and flag.is_open
    assert AuditEvent.objects.filter(verb="media_use_flagged", request=request).count() == 1


def test_withdrawal_tells_the_editor_and_the_approvers_and_the_page_shows_it(
        demo, client, django_capture_on_commit_callbacks):
    request, consent = live_with_photo(demo, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_withdraw(consent=consent, by=demo["diego.editor"], note="Pediu.")
    event = AuditEvent.objects.get(verb="media_use_flagged", request=request)
    told = set(Notification.objects.filter(event=event)
               .values_list("recipient__username", flat=True))
    # whoever approved it (the secretariat, the head); the editor acted, is not told
    assert {"fernanda.chefe", "ana.saude"} <= told and "diego.editor" not in told
    assert "igor.auditor" not in told
    client.force_login(demo["diego.editor"])
    with translation.override("en"):
        page = client.get(reverse("workflows:detail", args=[request.pk])).content.decode()
    assert "Image consent no longer holds." in page
    assert reverse("media:take_down", args=[request.pk]) in page


def test_take_down_through_the_connector(demo, client, receiver,  # noqa: F811
                                         django_capture_on_commit_callbacks):
    _connect(receiver)
    request, consent = live_with_photo(demo, django_capture_on_commit_callbacks)
    assert [c["action"] for c in Receiver.calls] == ["schedule"]
    services.consent_withdraw(consent=consent, by=demo["diego.editor"])
    url = reverse("media:take_down", args=[request.pk])
    client.force_login(demo["ana.saude"])  # the requester sees the request, takes nothing down
    assert client.post(url).status_code == 403
    client.force_login(demo["fernanda.chefe"])  # reads the library, does not produce
    assert client.post(url).status_code == 403
    assert not UseFlag.objects.filter(takedown_at__isnull=False).exists()
    client.force_login(demo["diego.editor"])
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        response = client.post(url, follow=True)
    assert "connector was asked" in response.content.decode()
    assert [c["action"] for c in Receiver.calls] == ["schedule", "unpublish"]
    assert RemotePost.objects.get(publication__request=request).status == "unpublished"
    flag = UseFlag.objects.get()
    assert flag.takedown_by == demo["diego.editor"]
    assert [row["via"] for row in flag.takedown] == ["connector"]
    assert AuditEvent.objects.filter(verb="media_take_down", request=request).exists()
    with pytest.raises(TransitionRefused):  # asked once; the flag waits to be resolved
        services.flags_take_down(request=request, by=demo["diego.editor"])


def test_take_down_by_hand_then_resolved(demo, client, django_capture_on_commit_callbacks):
    request, consent = live_with_photo(demo, django_capture_on_commit_callbacks)
    publication = request.publications.get()
    ContentRequest.objects.filter(pk=request.pk).update(state="published")
    type(publication).objects.filter(pk=publication.pk).update(
        published_at=timezone.now(), url="https://valeverde.example/feira")
    services.consent_withdraw(consent=consent, by=demo["diego.editor"])
    rows = services.flags_take_down(request=request, by=demo["diego.editor"])
    assert rows == [{"publication": publication.pk, "channel": publication.channel.name,
                     "url": "https://valeverde.example/feira", "via": "manual"}]
    flag = UseFlag.objects.get()
    assert flag.manual_takedowns == rows
    client.force_login(demo["diego.editor"])
    detail = reverse("workflows:detail", args=[request.pk])
    with translation.override("en"):
        page = client.get(detail).content.decode()
    assert "take-down needed by hand" in page and "valeverde.example/feira" in page
    resolve = reverse("media:flag_resolve", args=[flag.pk])
    client.post(resolve, {"note": "  "})
    flag.refresh_from_db()
    assert flag.is_open  # nothing said, nothing resolved
    with pytest.raises(NotAllowed):
        services.flag_resolve(flag=flag, by=demo["ana.saude"], note="Feito.")
    client.post(resolve, {"note": "Foto trocada no portal."})
    flag.refresh_from_db()
    assert not flag.is_open and flag.resolution == "Foto trocada no portal."
    with translation.override("en"):
        page = client.get(detail).content.decode()
    assert "Image consent no longer holds." not in page and "resolved" in page
    assert AuditEvent.objects.filter(verb="media_flag_resolve", request=request).exists()


def test_expiry_found_by_the_job_tells_the_editor_too(demo, django_capture_on_commit_callbacks):
    request, consent = live_with_photo(demo, django_capture_on_commit_callbacks)
    type(consent).objects.filter(pk=consent.pk).update(
        expires_on=clock.today() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.consents_follow_expiry.call_local()
    event = AuditEvent.objects.get(verb="media_use_flagged", request=request)
    assert event.actor is None
    told = set(Notification.objects.filter(event=event)
               .values_list("recipient__username", flat=True))
    assert {request.assignee.username, "fernanda.chefe", "ana.saude"} <= told
