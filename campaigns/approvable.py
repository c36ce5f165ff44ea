"""The campaign as an approvable object of the approvals engine (registered in ready())."""

from django.apps import apps
from django.urls import reverse

from approvals.approvable import Approvable, Facts, concluding


def in_blackout(campaign) -> bool:
    """Whether the campaign's period overlaps an electoral blackout window."""
    if not apps.is_installed("calendars"):
        return False
    from calendars.selectors import overlaps_blackout

    return overlaps_blackout(campaign.start, campaign.end)


def facts(campaign) -> Facts:
    # Campaigns carry no sensitive flag of their own: a policy asking for one never matches.
    return Facts(channel_ids=frozenset(campaign.channels.values_list("pk", flat=True)),
                 blackout=in_blackout(campaign), sensitive=False,
                 paid_media=campaign.uses_paid_media)


def _move(campaign, *, by, verb: str, args, payload) -> None:
    from campaigns.services import conclude_move

    conclude_move(campaign, by=by, verb=verb, args=args, payload=payload)


def decided(campaign, step, user) -> tuple[str, dict]:
    """What the decision page shows: the brief, the pieces, the budget and the findings."""
    from campaigns import selectors

    pieces = selectors.pieces_timeline(campaign)
    return "campaigns/_decided.html", {
        "object": selectors.campaign_page(campaign.pk), "pieces": pieces,
        "budget": selectors.budget(campaign), "compliance": selectors.compliance_findings(pieces)}


def approvable() -> Approvable:
    from campaigns.models import Campaign

    return Approvable(model=Campaign, step_field="campaign", policy_target="campaign",
                      deciding_state="in_approval", facts=facts, conclude=concluding(_move),
                      verbs={"decide": "campaign_decide", "open_stage": "campaign_open_stage"},
                      decided=decided,
                      decide_url=lambda step: reverse("campaigns:decide",
                                                      args=[step.campaign_id, step.pk]))
