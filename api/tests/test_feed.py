"""The Atom feeds of published news: valid Atom, only published news, per secretariat."""

import xml.etree.ElementTree as ET

from django.utils import timezone

from org.models import Secretariat
from plans.models import Channel
from workflows import services

ATOM = "{http://www.w3.org/2005/Atom}"


def _published(demo, acronym, username, title, kind="news"):
    portal = Channel.objects.get(code="portal")
    request = services.request_create(
        by=demo[username], secretariat=Secretariat.objects.get(acronym=acronym), kind=kind,
        title=title, brief="Brief.", channels=[portal],
        desired_date=timezone.localdate() + timezone.timedelta(days=10))
    services.request_submit(request=request, by=demo[username])
    editor = demo["diego.editor"]
    services.request_accept(request=request, by=editor)
    services.publication_save(request=request, by=editor, channel=portal, title=title,
                              body=f"Corpo de {title}", excerpt=f"Resumo de {title}")
    from api.tests.test_webhooks import approve_and_publish

    approve_and_publish(demo, request)
    return request


def _entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
    return [e.find(f"{ATOM}title").text for e in entries]


def test_feeds_list_only_published_news(client, demo):
    _published(demo, "SMS", "ana.saude", "Vacinação nas escolas")
    _published(demo, "SEMED", "bruno.educacao", "Matrículas abertas")
    _published(demo, "SMS", "ana.saude", "Post de rede social", kind="social")
    services.request_create(by=demo["ana.saude"], kind="news", title="Rascunho",
                            secretariat=Secretariat.objects.get(acronym="SMS"), brief="x")
    titles = _entries(client, "/news/feed.atom")
    assert set(titles) == {"Vacinação nas escolas", "Matrículas abertas"}
    assert _entries(client, "/news/sms/feed.atom") == ["Vacinação nas escolas"]
    assert client.get("/news/NOPE/feed.atom").status_code == 404
