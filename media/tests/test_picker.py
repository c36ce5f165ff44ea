"""The asset picker of the request form: a plain multiple select without JavaScript, a search
with thumbnails for the script; the chosen assets are attached through the consent gate, in
the request's transaction; forged ids (another secretariat's asset, an unknown one) are form
errors and nothing is saved."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from media import services
from media.models import Asset, AssetUse, Purpose
from media.tests.images import jpeg, upload
from org.models import Secretariat
from plans.models import Channel
from workflows import services as ws
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_FROM_ATTACHMENTS = True


@pytest.fixture
def assets(demo, django_capture_on_commit_callbacks):
    editor = demo["diego.editor"]
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        for key, acronym, seed in (("sms", "SMS", 21), ("semed", "SEMED", 22)):
            made[key] = services.asset_create(
                by=editor, uploaded=upload(jpeg(seed)), title=f"Quermesse {acronym}",
                tags="quermesse, junina",
                secretariat=Secretariat.objects.get(acronym=acronym))
    person = services.person_create(by=editor, name="Joana Prado")
    services.asset_tag(asset=made["sms"], person=person, by=editor)
    return {k: Asset.objects.get(pk=v.pk) for k, v in made.items()}


def brief(**extra):
    return {"secretariat": Secretariat.objects.get(acronym="SMS").pk, "kind": "news",
            "title": "Vacinação nas escolas", "brief": "Divulgar a campanha.",
            "desired_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "priority": "normal", "channels": [Channel.objects.get(code="portal").pk],
            "media-purpose": "institutional", **extra}


def test_the_plain_select_lists_only_the_assets_the_person_may_choose(client, demo, assets):
    client.force_login(demo["ana.saude"])  # SMS requester: no library, her secretariat's assets
    page = client.get(reverse("workflows:create")).content.decode()
    assert 'name="media-assets"' in page and "multiple" in page
    assert f'value="{assets["sms"].pk}"' in page and "Quermesse SMS" in page
    assert "Quermesse SEMED" not in page
    assert "media/picker.js" in page
    client.force_login(demo["igor.auditor"])  # reads the library, files no request
    assert client.get(reverse("media:picker_search")).status_code == 200


def test_chosen_assets_are_attached_through_the_gate(client, demo, assets):
    client.force_login(demo["ana.saude"])
    with translation.override("en"):
        response = client.post(reverse("workflows:create"),
                               brief(draft="1", **{"media-assets": [assets["sms"].pk]}),
                               follow=True)
    request = ContentRequest.objects.get(title="Vacinação nas escolas")
    use = AssetUse.objects.get(request=request)
    assert use.asset == assets["sms"] and use.purpose == Purpose.INSTITUTIONAL
    assert use.attached_by == demo["ana.saude"]
    page = response.content.decode()
    assert "1 asset attached from the media bank." in page
    assert "Joana Prado" in page  # the gate's finding: no consent for her


def test_forged_and_unknown_ids_are_refused_and_nothing_is_saved(client, demo, assets):
    client.force_login(demo["ana.saude"])
    before = ContentRequest.objects.count()
    for forged in ([assets["semed"].pk], [assets["sms"].pk, 999999], ["x"]):
        with translation.override("en"):
            response = client.post(reverse("workflows:create"),
                                   brief(submit="1", **{"media-assets": forged}))
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert ContentRequest.objects.count() == before
    assert not AssetUse.objects.exists()
    response = client.post(reverse("workflows:create"),
                           brief(draft="1", **{"media-purpose": "billboard",
                                               "media-assets": [assets["sms"].pk]}))
    assert response.status_code == 200 and ContentRequest.objects.count() == before


def test_a_submitted_request_gets_its_assets_before_it_leaves(client, demo, assets):
    client.force_login(demo["ana.saude"])
    client.post(reverse("workflows:create"), brief(submit="1", **{
        "media-assets": [assets["sms"].pk], "media-purpose": "social"}))
    request = ContentRequest.objects.get(title="Vacinação nas escolas")
    assert request.state == "submitted"
    assert request.media_uses.get().purpose == Purpose.SOCIAL


def test_the_edit_form_adds_assets_and_keeps_the_brief_and_picks_together(client, demo,
                                                                         assets):
    request = ws.request_create(by=demo["ana.saude"],
                                secretariat=Secretariat.objects.get(acronym="SMS"),
                                kind="news", title="Rascunho", brief="b",
                                desired_date=timezone.localdate() + timedelta(days=30),
                                channels=Channel.objects.filter(code="portal"))
    client.force_login(demo["ana.saude"])
    url = reverse("workflows:edit", args=[request.pk])
    data = {**brief(title="Rascunho editado"), "version": request.version}
    data.pop("secretariat")
    page = client.get(url).content.decode()
    assert f'value="{assets["sms"].pk}"' in page
    response = client.post(url, {**data, "media-assets": [assets["semed"].pk]})
    assert response.status_code == 200  # refused: the brief is not saved either
    assert ContentRequest.objects.get(pk=request.pk).title == "Rascunho"
    response = client.post(url, {**data, "media-assets": [assets["sms"].pk]})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Rascunho editado"
    assert list(request.media_uses.values_list("asset", flat=True)) == [assets["sms"].pk]
    # attached already: no longer offered
    assert f'value="{assets["sms"].pk}"' not in client.get(url).content.decode()


def test_search_and_thumbnails_answer_only_what_the_person_may_choose(client, demo, assets):
    client.force_login(demo["ana.saude"])
    found = json.loads(client.get(reverse("media:picker_search"), {"q": "quermesse"}).content)
    assert [r["id"] for r in found["results"]] == [assets["sms"].pk]
    assert found["results"][0]["tags"] == "quermesse, junina"
    thumb = found["results"][0]["thumb"]
    assert client.get(thumb).status_code == 200
    assert client.get(reverse("media:picker_thumb", args=[assets["semed"].pk])
                      ).status_code == 404
    assert client.get(reverse("media:asset", args=[assets["sms"].pk])).status_code == 404
    client.force_login(demo["diego.editor"])  # the library: every asset
    found = json.loads(client.get(reverse("media:picker_search"), {"q": "junina"}).content)
    assert {r["id"] for r in found["results"]} == {assets["sms"].pk, assets["semed"].pk}
    client.logout()
    assert client.get(reverse("media:picker_search")).status_code == 302
