import pytest
from django.urls import reverse

from org.tests.factories import UserFactory
from plans.tests.factories import KPITargetFactory, PlanActionFactory, approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["channel", "audience", "plan", "objective", "planaction",
                                   "kpitarget"])
def test_changelists_load(admin_client, model):
    PlanActionFactory()
    KPITargetFactory()
    assert admin_client.get(reverse(f"admin:plans_{model}_changelist")).status_code == 200


def test_action_of_an_approved_plan_is_read_only_in_admin(admin_client):
    action = PlanActionFactory(title="Antes")
    approve(action.plan)
    url = reverse("admin:plans_planaction_change", args=[action.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="title"' not in page
    admin_client.post(url, {"title": "Depois"})
    action.refresh_from_db()
    assert action.title == "Antes"


def test_admin_edit_of_a_draft_goes_through_the_service(admin_client):
    from audit.models import AuditEvent

    action = PlanActionFactory()
    url = reverse("admin:plans_objective_change", args=[action.objective.pk])
    response = admin_client.post(url, {"plan": action.plan.pk, "code": "OE77", "title": "Novo",
                                       "description": ""})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(verb="plan_entity_change").exists()
