"""Links a clip is suggested in triage: the publication whose URL the article cites, the
request whose release title it quotes, the campaign whose hashtag (or title) it uses, and
the plan action behind them. The analyst confirms or changes them."""

from datetime import timedelta

from campaigns.models import Campaign
from clipping.text import canonical_url, fold
from pauta import clock
from workflows.models import Publication

TITLE_MIN_WORDS = 4  # a shorter title ("Vacinação") would be quoted by chance
LOOKBACK_DAYS = 120


def _title_in(title: str, folded: str) -> bool:
    t = " ".join(fold(title).split())
    return len(t.split()) >= TITLE_MIN_WORDS and t in folded


def suggest_links(*, text: str, links: list[str], terms: list) -> dict:
    """{"publication": id, "request": id, "campaign": id, "plan_action": id, "why": [codes]}."""
    folded = " ".join(fold(text).split())
    found: dict = {"why": []}
    since = clock.now() - timedelta(days=LOOKBACK_DAYS)
    recent = (Publication.objects.filter(published_at__gte=since)
              .select_related("request").only("pk", "url", "title", "request__id",
                                              "request__title", "request__campaign_id",
                                              "request__plan_action_id"))
    cited = {canonical_url(link) for link in links}
    for publication in recent:
        if publication.url and (canonical_url(publication.url) in cited
                                or fold(canonical_url(publication.url)) in folded):
            found.update(publication=publication.pk, request=publication.request_id)
            found["why"].append("url")
            break
        if _title_in(publication.title or publication.request.title, folded):
            found.update(publication=publication.pk, request=publication.request_id)
            found["why"].append("title")
            break
    if found.get("request"):
        request = recent.get(pk=found["publication"]).request
        if request.campaign_id:
            found["campaign"] = request.campaign_id
        if request.plan_action_id:
            found["plan_action"] = request.plan_action_id
    for term in terms:
        if term.campaign_id and not found.get("campaign"):
            found["campaign"] = term.campaign_id
            found["why"].append("hashtag")
    if not found.get("campaign"):
        for campaign in Campaign.objects.filter(end__gte=since.date()).only("pk", "title"):
            if _title_in(campaign.title, folded):
                found["campaign"] = campaign.pk
                found["why"].append("campaign_title")
                break
    if found.get("campaign") and not found.get("plan_action"):
        action = Campaign.objects.filter(pk=found["campaign"]).values_list(
            "plan_action_id", flat=True).first()
        if action:
            found["plan_action"] = action
    return found
