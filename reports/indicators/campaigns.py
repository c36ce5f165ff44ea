"""Campaigns of the period: how many in each state, their pieces published against planned,
their budget planned against committed (reusing campaigns.selectors)."""

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, CampaignState
from pauta.states import DONE, NEUTRAL, tone_of
from reports.indicators.base import COUNT, MONEY, PERCENT, Point, Result, indicator
from reports.indicators.stats import share

SECTION = _("Campaigns")


def campaigns_of(slice_) -> QuerySet:
    """Campaigns whose period touches the slice's, of its secretariat/channel, in its scope.
    (Campaigns have no kind: the kind filter does not apply.)"""
    qs = Campaign.objects.filter(start__lte=slice_.end, end__gte=slice_.start)
    if slice_.scope is not None:
        qs = qs.filter(secretariat_id__in=slice_.scope)
    if slice_.secretariat_id:
        qs = qs.filter(secretariat_id=slice_.secretariat_id)
    if slice_.channel_id:
        qs = qs.filter(pk__in=Campaign.channels.through.objects.filter(
            channel_id=slice_.channel_id).values("campaign_id"))
    return qs


def _drill(ctx, state: str = "any", **more) -> dict:
    return {"campaign_state": state, "campaign_after": ctx.slice.start.isoformat(),
            "campaign_before": ctx.slice.end.isoformat(), **more}


@indicator("campaigns_by_state", section=SECTION, unit=COUNT, chart="doughnut",
           name=_("Campaigns by state"),
           definition=_("Campaigns whose period (start to end) touches the period, by their "
                        "state today; the secretariat and channel filters apply, the kind "
                        "filter does not. The links list the campaigns' pieces."))
def campaigns_by_state(ctx) -> Result:
    counts = dict(campaigns_of(ctx.slice).order_by().values_list("state")
                  .annotate(n=Count("pk")).values_list("state", "n"))
    series = [Point(str(label), counts[state], _drill(ctx, state), tone=tone_of(state)[0])
              for state, label in CampaignState.choices if counts.get(state)]
    return Result(sum(counts.values()), _drill(ctx), series)


@indicator("campaign_pieces_published", section=SECTION, unit=PERCENT, chart="stacked",
           name=_("Campaign pieces published"),
           definition=_("Of the pieces planned by the campaigns of the period (withdrawn and "
                        "rejected pieces left out), the share published (or archived) by now; "
                        "per campaign in the chart."))
def campaign_pieces_published(ctx) -> Result:
    # Only the four columns the chart needs (a three-year slice has hundreds of campaigns:
    # no model instance each), and each campaign's address reversed once for all.
    rows = list(campaign_selectors.with_piece_counts(campaigns_of(ctx.slice))
                .order_by("start", "pk")
                .values_list("pk", "title", "piece_count", "published_count"))
    planned = sum(pieces for _pk, _title, pieces, _published in rows)
    published = sum(done for _pk, _title, _pieces, done in rows)
    states = ",".join(campaign_selectors.PUBLISHED)
    url = _campaign_url() if ctx.links else lambda pk: None
    done, waiting = str(_("Published")), str(_("Not published yet"))
    series = [Point(title, count, {"url": url(pk)}, group=done, tone=DONE)
              for pk, title, pieces, count in rows if pieces]
    series += [Point(title, pieces - count, {"url": url(pk)}, group=waiting, tone=NEUTRAL)
               for pk, title, pieces, count in rows if pieces]
    return Result(share(published, planned), _drill(ctx, states=states), series,
                  extra={"published": published, "planned": planned})


def _campaign_url():
    """``pk`` → the campaign's page, ``reverse`` once: the address of a sentinel campaign
    with its number replaced (``reverse`` per campaign was most of this indicator's time)."""
    from django.urls import reverse

    sentinel = 2_147_483_647
    head, tail = reverse("campaigns:detail", args=[sentinel]).rsplit(str(sentinel), 1)
    return lambda pk: f"{head}{pk}{tail}"


@indicator("campaign_budget_committed", section=SECTION, unit=MONEY, chart="bar",
           name=_("Campaign budget committed"),
           definition=_("Spending committed (every spend entry recorded) by the campaigns of "
                        "the period, against their planned budget, for own staff and for paid "
                        "media and suppliers; the headline is the total committed, the planned "
                        "total is given too."))
def campaign_budget_committed(ctx) -> Result:
    totals = {key: float(value) for key, value in
              campaign_selectors.spend_totals(campaigns_of(ctx.slice)).items()}
    drill = _drill(ctx)
    series = [Point(str(_("Own staff, planned")), totals["planned_own"], drill),
              Point(str(_("Own staff, committed")), totals["committed_own"], drill),
              Point(str(_("Paid media, planned")), totals["planned_paid"], drill),
              Point(str(_("Paid media, committed")), totals["committed_paid"], drill)]
    return Result(totals["committed_own"] + totals["committed_paid"], drill, series,
                  extra={**totals, "planned": totals["planned_own"] + totals["planned_paid"]})
