"""Published means evidence: an address or an offline reason; the timer alone only says
"due, not confirmed"; the feed and the news page link to where pieces went out."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from notifications.models import Notification
from publishing.selectors import without_evidence
from publishing.tests.helpers import approved, when
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest, Publication


@pytest.fixture
def scheduled(demo):
    request = approved(demo)
    return services.request_schedule(request=request, by=demo["diego.editor"],
                                     when={p.pk: when() for p in request.publications.all()})


def test_publication_without_evidence_is_refused_and_changes_nothing(demo, scheduled):
    with pytest.raises(TransitionRefused, match="Portal"):
        services.request_publish(request=scheduled, by=demo["diego.editor"])
    request = ContentRequest.objects.get(pk=scheduled.pk)
    assert request.state == "scheduled"
    assert not request.publications.filter(published_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(request=request, verb="publish").exists()


def test_offline_reason_is_evidence(demo, scheduled):
    pub = scheduled.publications.get()
    request = services.request_publish(request=scheduled, by=demo["diego.editor"],
                                       reasons={pub.pk: "printed"})
    pub.refresh_from_db()
    assert request.state == "published" and pub.offline_reason == "printed" and not pub.url


def test_publish_form_requires_address_or_reason(demo, scheduled, client):
    pub = scheduled.publications.get()
    client.force_login(demo["diego.editor"])
    url = f"/requests/{scheduled.pk}/do/publish/"
    client.post(url, {f"url_{pub.pk}": "", f"reason_{pub.pk}": ""})
    assert ContentRequest.objects.get(pk=scheduled.pk).state == "scheduled"
    client.post(url, {f"url_{pub.pk}": "javascript:alert(1)", f"reason_{pub.pk}": ""})
    assert ContentRequest.objects.get(pk=scheduled.pk).state == "scheduled"
    client.post(url, {f"url_{pub.pk}": "https://valeverde.example/noticias/1",
                      f"reason_{pub.pk}": ""})
    pub.refresh_from_db()
    assert pub.url == "https://valeverde.example/noticias/1"
    assert ContentRequest.objects.get(pk=scheduled.pk).state == "published"


def test_due_not_confirmed_tells_the_editor_once(demo, scheduled,
                                                 django_capture_on_commit_callbacks):
    Publication.objects.filter(request=scheduled).update(
        scheduled_at=timezone.now() - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.publish_due_requests() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.publish_due_requests() == 0
    request = ContentRequest.objects.get(pk=scheduled.pk)
    assert request.state == "scheduled" and request.published_at is None
    told = Notification.objects.filter(recipient=request.assignee,
                                       event__verb="publication_unconfirmed")
    assert told.count() == 1


def test_kpis_count_published_only_with_evidence(demo, scheduled):
    request = services.request_publish(request=scheduled, by=demo["diego.editor"], urls={
        p.pk: "https://valeverde.example/n/1" for p in scheduled.publications.all()})
    published = ContentRequest.objects.filter(pk=request.pk)
    assert without_evidence(published).count() == 1
    Publication.objects.filter(request=request).update(url="")  # a timer-only publication
    assert without_evidence(published).count() == 0


def test_feed_links_to_the_published_address_and_leaves_out_the_rest(demo, client):
    first = approved(demo)
    first = services.request_schedule(request=first, by=demo["diego.editor"],
                                      when={p.pk: when() for p in first.publications.all()})
    pub = first.publications.get()
    services.request_publish(request=first, by=demo["diego.editor"],
                             urls={pub.pk: f"http://testserver/news/{pub.pk}/"})
    second = approved(demo, body="Impresso.")
    second = services.request_schedule(request=second, by=demo["diego.editor"],
                                       when={p.pk: when() for p in second.publications.all()})
    printed = second.publications.get()
    services.request_publish(request=second, by=demo["diego.editor"],
                             reasons={printed.pk: "printed"})
    root = ET.fromstring(client.get("/news/feed.atom").content)
    links = [e.get("href") for e in root.iter("{http://www.w3.org/2005/Atom}link")
             if e.get("rel") == "alternate"]
    assert f"http://testserver/news/{pub.pk}/" in links
    assert not any(link.endswith(f"/news/{printed.pk}/") for link in links)
    assert not any("#" in link for link in links)
    page = client.get("/news/")  # public: nobody signed in
    assert page.status_code == 200
    assert f"http://testserver/news/{pub.pk}/" in page.content.decode()
    item = client.get(f"/news/{pub.pk}/")
    assert item.status_code == 200 and "Vacine-se" in item.content.decode()
    assert client.get(f"/news/{printed.pk}/").status_code == 200  # its page says why
    from publishing.tests.helpers import in_production, save_text

    draft = save_text(demo, in_production(demo), "Rascunho.")
    assert client.get(f"/news/{draft.pk}/").status_code == 404  # not published: not public
