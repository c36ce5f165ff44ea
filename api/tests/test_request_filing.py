"""Filing a request: the date rules live in the service, so the form and the API say the same
sentence; creating and submitting is one transaction (a refused submission leaves no draft)."""

from unittest import mock

import pytest
from django.utils import timezone, translation

from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest, LeadTimeStandard
from workflows.sla import add_business_days
from workflows.tests.test_http_flow import as_user

pytestmark = pytest.mark.django_db


def _body(**extra):
    lead = LeadTimeStandard.objects.get(kind="video").business_days
    too_soon = add_business_days(timezone.localdate(), lead - 1)
    return {"secretariat": Secretariat.objects.get(acronym="SMS").pk, "kind": "video",
            "title": "Vídeo urgente", "brief": "b", "desired_date": too_soon.isoformat(),
            "priority": "high", "channels": [Channel.objects.get(code="portal").pk], **extra}


def test_the_lead_time_sentence_is_the_same_in_the_form_the_api_and_the_service(
        client, demo, api_as):
    as_user(client, demo["ana.saude"])
    with translation.override("en"):
        page = client.post("/requests/new/", _body(), HTTP_ACCEPT_LANGUAGE="en")
        form_errors = page.context["form"].errors["priority_justification"]
    answer = api_as("ana.saude", language="en").post("/api/v1/requests/", _body(),
                                                     format="json")
    assert answer.status_code == 400
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        services.request_create(by=demo["ana.saude"], **{
            **_body(), "secretariat": Secretariat.objects.get(acronym="SMS"),
            "channels": Channel.objects.filter(code="portal"),
            "desired_date": timezone.localdate() + timezone.timedelta(days=1)})
    service_errors = refused.value.message_dict["priority_justification"]
    assert "business days" in service_errors[0]
    assert list(form_errors) == answer.json()["fields"]["priority_justification"]
    assert list(form_errors) == service_errors
    assert not ContentRequest.objects.filter(title="Vídeo urgente").exists()
    # With a justification all three accept it.
    ok = api_as("ana.saude").post("/api/v1/requests/",
                                  _body(priority_justification="Evento amanhã."), format="json")
    assert ok.status_code == 201


def test_a_refused_submission_leaves_no_draft_behind(client, demo):
    as_user(client, demo["ana.saude"])
    body = _body(priority_justification="Evento amanhã.", submit="1")
    with mock.patch("workflows.services.request_submit",
                    side_effect=TransitionRefused("Submission refused.")):
        page = client.post("/requests/new/", body)
    assert page.status_code == 200 and "Submission refused." in page.content.decode()
    assert not ContentRequest.objects.filter(title="Vídeo urgente").exists()
    response = client.post("/requests/new/", body)  # and without the failure it goes through
    assert response.status_code == 302
    assert ContentRequest.objects.get(title="Vídeo urgente").state == "submitted"


def test_a_campaign_refused_at_submission_leaves_nothing(client, demo):
    from campaigns.models import Campaign
    from campaigns.tests.test_http import _form

    as_user(client, demo["ana.saude"])
    start = timezone.localdate() + timezone.timedelta(days=20)
    data = _form(start, submit="1", **{"pieces-0-title": "", "pieces-1-title": ""})
    with translation.override("en"):
        page = client.post("/campaigns/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Add at least one piece" in page.content.decode()
    assert not Campaign.objects.filter(title="Campanha de vacinação contra a gripe").exists()


def test_the_update_allow_list(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="T", brief="b")
    with pytest.raises(TypeError):
        services.request_update(request=request, by=demo["ana.saude"], state="published")
    with pytest.raises(TypeError):
        services.request_update(request=request, by=demo["ana.saude"], requester_id=1)
    services.request_update(request=request, by=demo["ana.saude"], title="T2")
    assert ContentRequest.objects.get(pk=request.pk).title == "T2"


def test_a_condition_is_explained_in_the_language_of_whoever_is_refused(demo):
    """The condition sentences are lazy: translated when shown, not at import."""
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Sem texto", brief="b", channels=Channel.objects.filter(code="portal"))
    request = services.request_submit(request=request, by=demo["ana.saude"])
    request = services.request_accept(request=request, by=demo["diego.editor"])
    said = {}
    for language in ("en", "pt-br"):
        with translation.override(language):
            with pytest.raises(TransitionRefused) as refused:
                services.request_send_to_review(request=request, by=demo["diego.editor"])
            said[language] = refused.value.messages[0]
    assert said["en"].startswith("Write the final text of at least one channel")
    assert said["pt-br"] != said["en"]
