"""One inbox: every pending decision, of every approvable kind, comes from
``approvals.selectors.pending_decisions``; "My tasks" and the home page add no code per kind."""

import dataclasses

import pytest
from django.urls import reverse

from approvals import approvable as registry
from approvals.approvable import approvable_of
from approvals.models import ApprovalStep
from approvals.permissions import can_decide_step
from approvals.selectors import pending_decisions
from campaigns.models import Campaign
from campaigns.tests.test_services import _in_approval
from workflows.models import ContentRequest
from workflows.tests.test_http_flow import as_user

pytestmark = pytest.mark.django_db


def _pilot(monkeypatch):
    """Register campaigns again as if they were a new approvable kind, with a decision page
    of its own: nothing else is told about it."""
    pilot = dataclasses.replace(approvable_of(Campaign(title="x")),
                                decide_url=lambda step: f"/pilot/{step.pk}/decide/")
    monkeypatch.setitem(registry._REGISTRY, Campaign, pilot)


def test_a_new_approvable_s_steps_appear_in_my_tasks_and_on_the_home_page(
        client, demo, monkeypatch):
    _pilot(monkeypatch)
    campaign = _in_approval(demo)
    pending = list(ApprovalStep.objects.filter(campaign=campaign, status="pending"))
    deciders = [(u, s) for s in pending for u in demo.values() if can_decide_step(u, s)]
    assert deciders
    for user, step in deciders:
        as_user(client, user)
        link = f"/pilot/{step.pk}/decide/"
        inbox = client.get(reverse("workflows:list"), {"view": "mine"})
        assert link in inbox.content.decode(), user.username
        assert step.pk in [d.step.pk for d in inbox.context["decisions"]]
        home = client.get("/")
        sections = [s for s in home.context["sections"] if "decisions" in s]
        if sections:  # approvers and legal reviewers list decisions on the home page
            assert link in home.content.decode(), user.username
    outsider = demo["bruno.educacao"]  # another secretariat, no decision role
    assert all(not can_decide_step(outsider, s) for s in pending)
    assert not [d for d in pending_decisions(outsider) if d.step.campaign_id == campaign.pk]


def test_request_decisions_come_from_the_same_selector(client, demo):
    """A request in review is in the approver's "My tasks" because of its pending step, and
    the decision links to the request's decision page (no viewflow task is asked)."""
    from plans.models import Channel
    from workflows import services

    ana, diego, chief = demo["ana.saude"], demo["diego.editor"], demo["fernanda.chefe"]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(by=ana, secretariat=ana.memberships.first().secretariat,
                                      kind="news", title="Revisão única", brief="b",
                                      channels=[portal])
    request = services.request_submit(request=request, by=ana)
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego, channel=portal, title="t", body="b")
    services.request_send_to_review(request=request, by=diego)
    mine = [d for d in pending_decisions(chief) if isinstance(d.target, ContentRequest)
            and d.target.pk == request.pk]
    assert len(mine) == 1
    assert mine[0].url == reverse("workflows:decide", args=[request.pk, mine[0].step.pk])
    as_user(client, chief)
    inbox = client.get(reverse("workflows:list"), {"view": "mine"})
    assert request.pk in [r.pk for r in inbox.context["page"].object_list]
    assert mine[0].url in inbox.content.decode()
