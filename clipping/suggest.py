"""Links a clip is suggested in triage: the publication whose URL the article cites, the
request whose release title it quotes, the campaign whose hashtag (or title) it uses, the
plan action behind them, and the press inquiry whose answer it quotes (or whose outlet —
the clip's outlet is the press desk's — published it within days of the answer). The analyst
confirms or changes them."""

from datetime import timedelta

from campaigns.models import Campaign
from clipping.text import canonical_url, fold
from pauta import clock
from press.models import Inquiry
from workflows.models import Publication

TITLE_MIN_WORDS = 4  # a shorter title ("Vacinação") would be quoted by chance
LOOKBACK_DAYS = 120
ANSWERED = ("sent", "closed")
QUOTE_WORDS = 8  # a run of the answer this long, quoted in the article, is the answer
OUTLET_DAYS = 3  # the outlet that asked, publishing within these days after the answer


def _quotes_answer(answer: str, folded: str) -> bool:
    words = fold(answer).split()
    if len(words) < QUOTE_WORDS:
        return " ".join(words) in folded if len(words) >= TITLE_MIN_WORDS else False
    return any(" ".join(words[i:i + QUOTE_WORDS]) in folded
               for i in range(0, len(words) - QUOTE_WORDS + 1))


def suggest_inquiry(*, folded: str, outlet=None, published_at=None) -> tuple[int, str] | None:
    """(inquiry id, why) for the answered press inquiry the article follows, or None: its
    answer quoted ("answer"), else the same outlet publishing within days of it ("outlet")."""
    when = published_at or clock.now()
    answered = (Inquiry.objects.filter(state__in=ANSWERED, sent_at__isnull=False,
                                       sent_at__gte=when - timedelta(days=LOOKBACK_DAYS),
                                       sent_at__lte=when)
                .exclude(answer="").order_by("-sent_at", "-pk"))
    for pk, answer in answered.values_list("pk", "answer")[:500]:
        if _quotes_answer(answer, folded):
            return pk, "answer"
    outlet_id = getattr(outlet, "pk", None)  # the clip's outlet is the press desk's
    if outlet_id:
        pk = answered.filter(outlet_id=outlet_id,
                             sent_at__gte=when - timedelta(days=OUTLET_DAYS)
                             ).values_list("pk", flat=True).first()
        if pk:
            return pk, "outlet"
    return None


def _title_in(title: str, folded: str) -> bool:
    t = " ".join(fold(title).split())
    return len(t.split()) >= TITLE_MIN_WORDS and t in folded


def suggest_links(*, text: str, links: list[str], terms: list, outlet=None,
                  published_at=None) -> dict:
    """{"publication": id, "request": id, "campaign": id, "plan_action": id, "inquiry": id,
    "why": [codes]}."""
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
    inquiry = suggest_inquiry(folded=folded, outlet=outlet, published_at=published_at)
    if inquiry:
        found["inquiry"] = inquiry[0]
        found["why"].append(inquiry[1])
    return found
