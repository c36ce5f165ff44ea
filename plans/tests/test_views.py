import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from org.tests.factories import SecretariatFactory, UserFactory
from plans.models import Objective, Plan, PlanState
from plans.tests.factories import ObjectiveFactory, PlanActionFactory
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return PlanActionFactory(code="A1", title="Campanha de vacinação").plan


def _client(client, role):
    user = UserFactory(roles=[role])
    client.force_login(user)
    return client, user


def test_requester_cannot_see_plans(client, plan):
    c, _user = _client(client, "requester")
    assert c.get(reverse("plans:list")).status_code == 403
    assert c.get(reverse("plans:detail", args=[plan.pk])).status_code == 403


def test_editor_sees_plan_and_nav_but_no_edit_links(client, plan):
    c, _user = _client(client, "editor")
    page = c.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Campanha de vacinação" in page
    assert reverse("plans:list") in page  # nav line
    assert reverse("plans:entity_create", args=[plan.pk, "action"]) not in page
    assert c.post(reverse("plans:transition", args=[plan.pk, "submit"])).status_code == 403
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_detail_shows_execution_with_few_queries(client, plan, django_assert_max_num_queries):
    c, user = _client(client, "manager")
    c.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # asserts the English source text
    action = plan.actions.get()
    for n in range(15):
        PlanActionFactory(objective=ObjectiveFactory(plan=plan), code=f"B{n}")
    ContentRequest.objects.create(secretariat=action.owner, requester=user, kind="news",
                                  title="t", brief="b", plan_action=action, state="published")
    with django_assert_max_num_queries(15):
        response = c.get(reverse("plans:detail", args=[plan.pk]))
    page = response.content.decode()
    assert "Actions with no activity so far" in page
    assert "B0 — " in page and "A1 — " not in page


def test_manager_creates_edits_and_submits_then_approver_approves(client):
    c, manager = _client(client, "manager")
    response = c.post(reverse("plans:create"), {"year": 2040, "title": "Plano 2040"})
    plan = Plan.objects.get(year=2040)
    assert response.url == reverse("plans:detail", args=[plan.pk])
    c.post(reverse("plans:entity_create", args=[plan.pk, "objective"]),
           {"code": "OE1", "title": "Saúde"})
    objective = Objective.objects.get(plan=plan, code="OE1")
    sms = SecretariatFactory(acronym="SMS")
    response = c.post(reverse("plans:entity_create", args=[plan.pk, "action"]), {
        "code": "A1", "title": "Ação", "objective": objective.pk, "owner": sms.pk,
        "start": "2040-01-01", "end": "2040-03-01", "planned_pieces": 3, "budget": "10"})
    assert response.status_code == 302
    # duplicate code is reported on the form, not a server error
    response = c.post(reverse("plans:entity_create", args=[plan.pk, "objective"]),
                      {"code": "OE1", "title": "Outro"})
    assert response.status_code == 200 and Objective.objects.filter(plan=plan).count() == 1
    c.post(reverse("plans:transition", args=[plan.pk, "submit"]))
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_APPROVAL
    c.post(reverse("plans:transition", args=[plan.pk, "approve"]))
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_APPROVAL  # the manager cannot approve
    c2, approver = _client(client, "approver")
    c2.post(reverse("plans:transition", args=[plan.pk, "approve"]), {"note": "De acordo"})
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.approved_by == approver


def test_approved_plan_cannot_be_edited_through_the_pages(client, plan):
    from plans.tests.factories import approve

    approve(plan)
    c, _user = _client(client, "manager")
    url = reverse("plans:entity_create", args=[plan.pk, "objective"])
    assert c.get(url).status_code == 403
    assert c.post(url, {"code": "OE9", "title": "x"}).status_code == 403
    assert not Objective.objects.filter(code="OE9").exists()


def test_export_template_and_import_pages(client, plan):
    c, _user = _client(client, "manager")
    c.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # asserts the English source text
    response = c.get(reverse("plans:export", args=[plan.pk]))
    data = b"".join(response.streaming_content)
    book = load_workbook(io.BytesIO(data))
    assert book["actions"]["A2"].value == "A1"
    template = load_workbook(io.BytesIO(b"".join(
        c.get(reverse("plans:template")).streaming_content)))
    assert template["actions"].max_row == 1
    upload = io.BytesIO(b"garbage")
    upload.name = "plano.xlsx"
    response = c.post(reverse("plans:import"), {"file": upload})
    assert "not a valid XLSX workbook" in response.content.decode()
    # importing the export of a draft updates it in place
    upload = io.BytesIO(data)
    upload.name = "plano.xlsx"
    response = c.post(reverse("plans:import"), {"file": upload})
    assert response.status_code == 302 and plan.actions.get().code == "A1"


def test_editor_cannot_import(client):
    c, _user = _client(client, "editor")
    assert c.get(reverse("plans:import")).status_code == 403


def test_copy_from_the_page(client, plan):
    c, _user = _client(client, "manager")
    response = c.post(reverse("plans:create"),
                      {"source": plan.pk, "year": plan.year + 1, "title": ""})
    assert response.status_code == 302, response.content.decode()[:500]
    copy = Plan.objects.get(year=plan.year + 1)
    assert copy.actions.get().start == datetime.date(plan.year + 1, 1, 1)


def test_the_lifecycle_buttons_are_the_registry_s_and_post_through_it(client, plan):
    """The page shows what ``plans.actions`` allows; an unknown verb is refused, a refused
    one changes nothing, and a move is audited once through the kernel."""
    from audit.models import AuditEvent
    from plans.actions import ACTIONS

    c, manager = _client(client, "manager")
    response = c.get(reverse("plans:detail", args=[plan.pk]))
    assert response.context["can"] == ACTIONS.can(manager, plan)
    assert response.context["can"]["submit"] and not response.context["can"]["approve"]
    page = response.content.decode()
    assert reverse("plans:transition", args=[plan.pk, "submit"]) in page
    assert reverse("plans:transition", args=[plan.pk, "approve"]) not in page
    assert c.post(reverse("plans:transition", args=[plan.pk, "launch"])).status_code == 403
    c.post(reverse("plans:transition", args=[plan.pk, "close"]))  # a draft cannot close
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    before = AuditEvent.objects.filter(verb="plan_submit").count()
    c.post(reverse("plans:transition", args=[plan.pk, "submit"]))
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_APPROVAL
    assert AuditEvent.objects.filter(verb="plan_submit").count() == before + 1
    c2, approver = _client(client, "approver")
    c2.post(reverse("plans:transition", args=[plan.pk, "return"]), {"note": " "})
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_APPROVAL  # returning needs a written note
    c2.post(reverse("plans:transition", args=[plan.pk, "return"]), {"note": "Falta meta."})
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT and plan.decision_note == "Falta meta."
