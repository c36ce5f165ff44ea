"""``request_propose_date``: the team proposes a new desired date for planned work (the
editorial calendar's drag), validated, audited and told to the requester."""

import datetime as dt

import pytest
from django.utils import translation

from audit.models import AuditEvent
from audit.registry import describe
from notifications.models import Notification
from org.models import Secretariat
from pauta import clock
from pauta.lifecycle import NotAllowed, TransitionRefused
from workflows.models import ContentRequest, LeadTimeStandard
from workflows.services_planning import request_propose_date
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_messages):
    return english_messages


def planned(demo, state="in_production", desired=None, **fields):
    request = ContentRequestFactory(secretariat=Secretariat.objects.get(acronym="SMS"),
                                    requester=demo["ana.saude"], title="Vacinação",
                                    desired_date=desired or clock.today() + dt.timedelta(days=30),
                                    **fields)
    ContentRequest.objects.filter(pk=request.pk).update(state=state)
    return ContentRequest.objects.get(pk=request.pk)


def test_the_team_proposes_a_date_audited_and_told_to_the_requester(
        demo, django_capture_on_commit_callbacks):
    request = planned(demo)
    before, version = request.desired_date, request.version
    new = clock.today() + dt.timedelta(days=40)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = request_propose_date(request=request, by=demo["diego.editor"],
                                        desired_date=new, seen=before)
    request.refresh_from_db()
    assert request.desired_date == new and request.version == version + 1
    assert proposal.previous == before and proposal.warning == ""
    event = AuditEvent.objects.get(verb="propose_date", target_id=str(request.pk))
    assert event.payload == {"from": before.isoformat(), "to": new.isoformat()}
    with translation.override("en"):
        sentence = describe(event)
    assert "proposed" in sentence and new.strftime("%m/%d/%Y") in sentence
    note = Notification.objects.get(event=event, recipient=demo["ana.saude"])
    assert f"#{request.pk}" in note.message and "Vacinação" in note.message
    assert not Notification.objects.filter(event=event, recipient=demo["diego.editor"]).exists()


@pytest.mark.parametrize("days, words", [(-1, "past"), (0, "already has")])
def test_a_past_or_unchanged_date_is_refused_and_nothing_written(demo, days, words):
    request = planned(demo, desired=clock.today() + dt.timedelta(days=days or 30))
    target = clock.today() + dt.timedelta(days=days) if days else request.desired_date
    with pytest.raises(TransitionRefused, match=words):
        request_propose_date(request=request, by=demo["diego.editor"], desired_date=target)
    assert not AuditEvent.objects.filter(verb="propose_date").exists()
    assert ContentRequest.objects.get(pk=request.pk).version == request.version


def test_a_date_changed_meanwhile_by_someone_else_is_not_overwritten(demo):
    request = planned(demo)
    stale = request.desired_date - dt.timedelta(days=2)  # what the other tab showed
    with pytest.raises(TransitionRefused, match="meanwhile"):
        request_propose_date(request=request, by=demo["diego.editor"],
                             desired_date=clock.today() + dt.timedelta(days=50), seen=stale)
    assert ContentRequest.objects.get(pk=request.pk).desired_date == request.desired_date


def test_inside_the_lead_time_the_date_is_accepted_with_a_warning(demo):
    LeadTimeStandard.objects.update_or_create(kind="news", defaults={"business_days": 10})
    request = planned(demo)
    proposal = request_propose_date(request=request, by=demo["diego.editor"],
                                    desired_date=clock.today() + dt.timedelta(days=1))
    assert "10 business days" in proposal.warning
    assert ContentRequest.objects.get(pk=request.pk).desired_date == \
        clock.today() + dt.timedelta(days=1)


def test_years_outside_1900_2999_are_refused(demo):
    request = planned(demo)
    with pytest.raises(TransitionRefused, match="1900"):
        request_propose_date(request=request, by=demo["diego.editor"],
                             desired_date=dt.date(3000, 1, 1))


@pytest.mark.parametrize("who, state", [("ana.saude", "in_production"),  # the requester
                                        ("fernanda.chefe", "in_production"),  # no team work
                                        ("diego.editor", "scheduled"),  # not planned any more
                                        ("diego.editor", "draft")])
def test_wrong_role_or_state_is_not_allowed(demo, who, state):
    request = planned(demo, state=state)
    with pytest.raises(NotAllowed):
        request_propose_date(request=request, by=demo[who],
                             desired_date=clock.today() + dt.timedelta(days=45))
    assert not AuditEvent.objects.filter(verb="propose_date").exists()


def test_a_campaign_piece_stays_within_the_campaign_period(demo):
    from campaigns.tests.test_services import make_campaign

    campaign = make_campaign(demo["ana.saude"])
    request = planned(demo, campaign=campaign, desired=campaign.start)
    with pytest.raises(TransitionRefused, match="campaign"):
        request_propose_date(request=request, by=demo["diego.editor"],
                             desired_date=campaign.end + dt.timedelta(days=1))
