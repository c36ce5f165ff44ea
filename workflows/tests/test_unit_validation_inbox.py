"""A request filed for a unit puts its validation task in "My tasks" of the parent's members.

Acting for a secretariat covers its units (org.permissions); the guardian grant is on the
secretariat, the request on the unit (SMS-AB under SMS).
"""

import pytest
from django.test import Client
from django.urls import reverse

from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.models import ContentRequest
from workflows.process import active_tasks
from workflows.selectors import request_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_review(demo):
    requester, editor = demo["ana.saude"], demo["diego.editor"]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(
        by=requester, secretariat=Secretariat.objects.get(acronym="SMS-AB"), kind="news",
        title="Campanha da unidade", brief="b", channels=[portal])
    request = services.request_submit(request=request, by=requester)
    request = services.request_accept(request=request, by=editor)
    services.publication_save(request=request, by=editor, channel=portal, title="t", body="b")
    request = services.request_send_to_review(request=request, by=editor)
    request = ContentRequest.objects.get(pk=request.pk)
    assert "validation" in {t.flow_task.name for t in active_tasks(request)}
    return request


def test_parent_secretariat_requester_sees_the_units_validation_task(demo, unit_review):
    assert unit_review.secretariat.parent.acronym == "SMS"
    assert unit_review in request_list(demo["ana.saude"], "mine")


def test_member_of_another_secretariat_does_not(demo, unit_review):
    assert unit_review not in request_list(demo["bruno.educacao"], "mine")


def test_my_tasks_page_lists_it(demo, unit_review):
    client = Client()
    client.force_login(demo["ana.saude"])
    response = client.get(reverse("workflows:list"), {"view": "mine"})
    assert response.status_code == 200
    assert unit_review in response.context["page"].object_list
    client.force_login(demo["bruno.educacao"])
    response = client.get(reverse("workflows:list"), {"view": "mine"})
    assert unit_review not in response.context["page"].object_list
