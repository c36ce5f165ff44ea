"""The campaign pages pass axe-core (WCAG 2.1 A/AA) with real content on them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def campaign(demo):
    from campaigns import services as cs
    from campaigns.models import PublicitySpendLimit
    from org.models import Secretariat
    from plans.models import Channel

    start = timezone.localdate() + timedelta(days=20)
    PublicitySpendLimit.objects.create(year=start.year, limit=Decimal("100"),
                                       period_start=start, period_end=start + timedelta(days=9),
                                       legal_basis="Lei 9.504/1997, art. 73, VII")
    campaign = cs.campaign_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"),
        title="Vacinação", brief="Campanha.", start=start, end=start + timedelta(days=9),
        budget_paid_media=Decimal("5000"), channels=Channel.objects.filter(code="portal"),
        pieces=[{"kind": "social", "title": "Post", "desired_date": start}])
    cs.campaign_submit(campaign=campaign, by=demo["ana.saude"])
    return cs.campaign_send_to_approval(campaign=campaign, by=demo["diego.editor"])


def test_campaign_pages_pass_axe(live_server, page, login, axe_check, campaign):
    login(page, "fernanda.chefe")
    for path in ["/campaigns/", f"/campaigns/{campaign.pk}/",
                 f"/campaigns/spend/{campaign.start.year}/", "/requests/?view=mine"]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main h1")).to_be_visible()
        axe_check(page)
    page.context.clear_cookies()  # sign out: the login page redirects signed-in people
    login(page, "ana.saude")
    page.goto(f"{live_server.url}/campaigns/new/")
    axe_check(page)
