"""Campaigns start and close on their dates by themselves (the daily job), with the clock."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from campaigns import services as cs
from campaigns.models import Campaign
from campaigns.tasks import campaigns_follow_dates as job
from campaigns.tests.test_services import _in_approval, decide_all
from pauta import clock
from workflows import services


def on(day):
    return clock.travel(timezone.make_aware(datetime.combine(day, time(0, 15))))


def _events(campaign, verb):
    return AuditEvent.objects.filter(target_type=Campaign._meta.label_lower,
                                     target_id=str(campaign.pk), verb=verb)


@pytest.mark.django_db
def test_an_approved_campaign_starts_on_its_first_day_and_closes_after_its_last(demo):
    campaign = decide_all(_in_approval(demo), demo)
    assert campaign.state == "approved"
    with on(campaign.start - timedelta(days=1)):
        assert cs.campaigns_follow_dates() == {"started": 0, "closed": 0}
    assert Campaign.objects.get(pk=campaign.pk).state == "approved"
    with on(campaign.start):
        assert cs.campaigns_follow_dates() == {"started": 1, "closed": 0}
    campaign.refresh_from_db()
    assert campaign.state == "running"
    started = _events(campaign, "campaign_start").get()
    assert started.actor is None and started.payload == {"system": True}
    with on(campaign.end + timedelta(days=1)):  # its pieces are still open: it waits
        assert cs.campaigns_follow_dates() == {"started": 0, "closed": 0}
    assert Campaign.objects.get(pk=campaign.pk).state == "running"
    for piece in campaign.pieces.all():
        services.request_withdraw(request=piece, by=demo["ana.saude"])
    with on(campaign.end):  # the last day is still the campaign's
        assert cs.campaigns_follow_dates()["closed"] == 0
    with on(campaign.end + timedelta(days=1)):
        assert job.call_local() == {"started": 0, "closed": 1}  # the huey task runs it
    campaign.refresh_from_db()
    assert campaign.state == "closed" and _events(campaign, "campaign_close").count() == 1
    with on(campaign.end + timedelta(days=2)):  # a rerun finds nothing to do
        assert cs.campaigns_follow_dates() == {"started": 0, "closed": 0}


@pytest.mark.django_db
def test_campaigns_not_signed_off_do_not_start(demo):
    campaign = _in_approval(demo)  # waiting for its decisions
    with on(campaign.start + timedelta(days=1)):
        assert cs.campaigns_follow_dates()["started"] == 0
    assert Campaign.objects.get(pk=campaign.pk).state == "in_approval"
