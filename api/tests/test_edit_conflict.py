"""The API's text endpoint takes the version it edited: a stale one answers 409, nothing written."""

import pytest
from django.utils import timezone

from org.models import Secretariat
from plans.models import Channel
from workflows import services


@pytest.fixture
def in_production(demo):
    draft = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Vacinação", brief="Campanha nas unidades.",
        desired_date=timezone.localdate() + timezone.timedelta(days=20),
        channels=[Channel.objects.get(code="portal")], audiences=[], priority="normal")
    services.request_submit(request=draft, by=demo["ana.saude"])
    return services.request_accept(request=draft, by=demo["diego.editor"])


def test_api_text_with_a_stale_version_answers_409(demo, in_production, api_as):
    diego = api_as("diego.editor")
    base = f"/api/v1/requests/{in_production.pk}/texts/"
    body = {"channel": "portal", "title": "Vacinação", "body": "Primeiro.", "version": 0}
    assert diego.post(base, body, format="json").status_code == 200
    stale = diego.post(base, {**body, "body": "Segundo."}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "edit_conflict"
    assert "Someone else saved this" in stale.json()["detail"]
    current = diego.get(f"/api/v1/requests/{in_production.pk}/").json()["publications"][0]
    assert current["body"] == "Primeiro." and current["version"] == 1
    fresh = diego.post(base, {**body, "body": "Segundo.", "version": 1}, format="json")
    assert fresh.status_code == 200
