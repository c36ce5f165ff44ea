"""The demo campaigns: several states, pieces through the services, idempotent."""

from audit.chain import verify_chain
from workflows.demo_campaigns import seed_campaigns
from workflows.models import Campaign, PublicitySpendLimit


def test_demo_campaigns_cover_the_lifecycle_and_run_twice(demo):
    seed_campaigns(lambda line: None)
    states = set(Campaign.objects.values_list("state", flat=True))
    assert {"draft", "in_approval", "approved", "running", "closed", "cancelled"} <= states
    assert Campaign.objects.count() >= 4
    for campaign in Campaign.objects.all():
        assert campaign.pieces.exists()
    closed = Campaign.objects.get(state="closed")
    assert set(closed.pieces.values_list("state", flat=True)) <= {"published", "archived"}
    cancelled = Campaign.objects.get(state="cancelled")
    assert set(cancelled.pieces.values_list("state", flat=True)) == {"withdrawn"}
    running = Campaign.objects.get(state="running")
    assert running.spend.exists()
    assert PublicitySpendLimit.objects.count() == 1
    before = (Campaign.objects.count(), PublicitySpendLimit.objects.count())
    seed_campaigns(lambda line: None)
    assert (Campaign.objects.count(), PublicitySpendLimit.objects.count()) == before
    assert verify_chain() is None
