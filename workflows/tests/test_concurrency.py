"""Two people save the same brief or channel text at once: the later save is refused with
what the other changed, the person's input is kept, nothing is silently lost."""

import html

import pytest
from django.test import Client
from django.utils import timezone

from org.models import Secretariat
from pauta.concurrency import EditConflict
from pauta.tests.posting import posted_by_browser
from plans.models import Channel
from workflows import services
from workflows.models import ContentRequest, Publication

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _tab(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft(demo):
    return services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Vacinação", brief="Campanha nas unidades.",
        desired_date=timezone.localdate() + timezone.timedelta(days=20),
        channels=[Channel.objects.get(code="portal")], audiences=[], priority="normal")


def _load(client, url):
    return client.get(url, **EN).context["form"]


def test_second_save_of_a_brief_is_refused_with_what_changed(demo, draft):
    first, second = _tab(demo["ana.saude"]), _tab(demo["ana.saude"])
    url = f"/requests/{draft.pk}/edit/"
    form_one, form_two = _load(first, url), _load(second, url)
    assert form_one["version"].value() == 1
    saved = first.post(url, posted_by_browser(form_one, title="Vacinação de inverno"), **EN)
    assert saved.status_code == 302

    refused = second.post(url, posted_by_browser(form_two, brief="Texto da segunda aba."), **EN)
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "Someone else saved this while you were editing it." in page
    assert "Title: “Vacinação” → “Vacinação de inverno”" in page
    assert "Texto da segunda aba." in page  # the person's input is kept in the form
    draft.refresh_from_db()
    assert (draft.title, draft.brief, draft.version) == (
        "Vacinação de inverno", "Campanha nas unidades.", 2)

    # The form now carries the current version: saving again is a deliberate choice.
    again = refused.context["form"]
    assert again.data["version"] == "2"
    data = {k: again.data.getlist(k) if k in ("channels", "audiences") else again.data[k]
            for k in again.data}
    assert second.post(url, data, **EN).status_code == 302
    draft.refresh_from_db()
    assert draft.brief == "Texto da segunda aba." and draft.version == 3


def test_service_refuses_a_stale_version_and_writes_nothing(demo, draft):
    ana = demo["ana.saude"]
    services.request_update(request=draft, by=ana, version=1, title="Um")
    with pytest.raises(EditConflict) as raised:
        services.request_update(request=draft, by=ana, version=1, title="Dois")
    assert raised.value.version == 2
    draft.refresh_from_db()
    assert draft.title == "Um"
    services.request_update(request=draft, by=ana, title="Três")  # no version: internal call
    assert ContentRequest.objects.get(pk=draft.pk).version == 3


@pytest.fixture
def in_production(demo, draft):
    services.request_submit(request=draft, by=demo["ana.saude"])
    return services.request_accept(request=draft, by=demo["diego.editor"])


def test_second_save_of_a_channel_text_is_refused_with_what_changed(demo, in_production):
    portal = Channel.objects.get(code="portal")
    url = f"/requests/{in_production.pk}/text/{portal.pk}/"
    first, second = _tab(demo["diego.editor"]), _tab(demo["diego.editor"])
    form_one, form_two = _load(first, url), _load(second, url)
    assert form_one["version"].value() == 0  # no text yet
    assert first.post(url, posted_by_browser(form_one, body="Texto da primeira aba."),
                      **EN).status_code == 302
    refused = second.post(url, posted_by_browser(form_two, body="Texto da segunda aba."), **EN)
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "Someone else saved this while you were editing it." in page
    assert "Text: “—” → “Texto da primeira aba.”" in page
    assert "Texto da segunda aba." in page
    publication = Publication.objects.get(request=in_production, channel=portal)
    assert publication.body == "Texto da primeira aba." and publication.version == 1
