"""Editing, in the browser, a draft request linked to a plan action (the disabled secretariat
field is not posted; the form used to refuse the action with "Faça uma escolha válida")."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import settle

pytestmark = pytest.mark.browser


def _linked_draft(demo):
    from org.models import Secretariat
    from plans.models import Plan
    from plans.tests.factories import ObjectiveFactory, PlanActionFactory, PlanFactory, approve
    from workflows.models import ContentRequest

    year = timezone.localdate().year + 1  # desired dates in the future
    Plan.objects.filter(year=year).update(year=year + 60)
    plan = PlanFactory(year=year)
    sms = Secretariat.objects.get(acronym="SMS")
    action = PlanActionFactory(objective=ObjectiveFactory(plan=plan), owner=sms, code="E2E1",
                               start=datetime.date(year, 3, 1), end=datetime.date(year, 5, 31))
    approve(plan)
    draft = ContentRequest.objects.create(
        secretariat=sms, requester=demo["ana.saude"], kind="news", title="Vacinação",
        brief="Divulgar as datas.", desired_date=datetime.date(year, 4, 10),
        plan_action=action)
    return draft, action


def test_requester_edits_a_request_linked_to_a_plan_action(live_server, page, login, demo):
    draft, action = _linked_draft(demo)
    login(page, "ana.saude")
    page.goto(f"{live_server.url}/requests/{draft.pk}/edit/")
    expect(page.locator("#id_secretariat")).to_be_disabled()
    expect(page.locator("#id_plan_action")).to_have_value(str(action.pk))
    settle(page)  # the action picker has refreshed its choices
    page.locator("#id_title").fill("Vacinação de inverno")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(live_server.url)}/requests/{draft.pk}/$"))
    expect(page.locator("main h1")).to_contain_text("Vacinação de inverno")
    draft.refresh_from_db()
    assert draft.title == "Vacinação de inverno"
    assert draft.plan_action == action and draft.secretariat.acronym == "SMS"
