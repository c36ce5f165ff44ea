"""Campaign decisions wait in "My tasks" of exactly the people who may decide them."""

import pytest
from django.urls import reverse

from approvals.models import ApprovalStep
from approvals.permissions import can_decide_step
from approvals.services import step_decide
from campaigns.tests.test_services import _in_approval
from workflows.tests.test_http_flow import as_user

pytestmark = pytest.mark.django_db


def _my_tasks(client, user):
    as_user(client, user)
    page = client.get(reverse("workflows:list"), {"view": "mine"})
    assert page.status_code == 200
    return page


def campaign_steps(page) -> list[int]:
    """The campaign steps among the decisions "My tasks" lists (one list for every kind)."""
    return [d.step.pk for d in page.context["decisions"] if d.step.campaign_id]


def test_each_decider_finds_the_campaign_step_in_my_tasks_until_it_is_decided(client, demo):
    campaign = _in_approval(demo)
    pending = list(ApprovalStep.objects.filter(campaign=campaign, status="pending"))
    assert pending
    for user in demo.values():
        page = _my_tasks(client, user)
        listed = campaign_steps(page)
        assert listed == [s.pk for s in pending if can_decide_step(user, s)], user.username
        for step in pending:
            link = reverse("campaigns:decide", args=[campaign.pk, step.pk])
            assert (link in page.content.decode()) == (step.pk in listed), user.username
    head = next(s for s in pending if s.approvers == "secretariat_head")
    decider = next(u for u in demo.values() if can_decide_step(u, head))
    step_decide(step=head, by=decider, outcome="approve")
    assert head.pk not in campaign_steps(_my_tasks(client, decider))
