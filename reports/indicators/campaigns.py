"""Campaigns of the period: how many in each state, their pieces published against planned,
their budget planned against committed (reusing campaigns.selectors)."""

from collections import Counter

from django.db.models import Count, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, CampaignState
from pauta.states import DONE, NEUTRAL, tone_of
from reports.indicators.base import COUNT, MONEY, PERCENT, Point, Result, indicator
from reports.indicators.stats import share

SECTION = _("Campaigns")
# The pieces chart draws this many campaigns (those with the most pieces), the others as one
# bar: a three-year slice has hundreds of campaigns, which no chart can show one by one.
CHART_CAMPAIGNS = 12


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
                        "in the chart, per campaign for the twelve with the most pieces, the "
                        "others together."))
def campaign_pieces_published(ctx) -> Result:
    # Only the four columns the chart needs (a three-year slice has hundreds of campaigns:
    # no model instance each), and each campaign's address reversed once for all.
    rows = list(campaign_selectors.with_piece_counts(campaigns_of(ctx.slice))
                .order_by("start", "pk")
                .values_list("pk", "title", "piece_count", "published_count", "start"))
    planned = sum(row[2] for row in rows)
    published = sum(row[3] for row in rows)
    states = ",".join(campaign_selectors.PUBLISHED)
    url = _campaign_url() if ctx.links else lambda pk: None
    done = pgettext("campaign pieces", "Published")
    waiting = str(_("Not published yet"))
    rows = [row for row in rows if row[2]]
    # The largest campaigns (ties: the earlier first), drawn in the order they started.
    largest = set(sorted(range(len(rows)), key=lambda n: -rows[n][2])[:CHART_CAMPAIGNS])
    drawn = [row for n, row in enumerate(rows) if n in largest]
    bars = [(label, pieces, count, {"url": url(pk)})
            for label, (pk, _title, pieces, count, _start) in zip(_labels(drawn), drawn,
                                                                   strict=True)]
    others = [row for n, row in enumerate(rows) if n not in largest]
    if others:
        label = ngettext("%(count)s other campaign", "%(count)s other campaigns",
                         len(others)) % {"count": len(others)}
        bars.append((label, sum(row[2] for row in others), sum(row[3] for row in others),
                     _drill(ctx)))
    series = [Point(label, count, drill, group=done, tone=DONE)
              for label, _pieces, count, drill in bars]
    series += [Point(label, pieces - count, drill, group=waiting, tone=NEUTRAL)
               for label, pieces, count, drill in bars]
    return Result(share(published, planned), _drill(ctx, states=states), series,
                  extra={"published": published, "planned": planned})


def _labels(rows) -> list[str]:
    """Each drawn campaign's bar label: its title, with its start date when another drawn
    campaign has the same title, and its number too when they also started the same day
    (the chart joins a campaign's two stacked points by their label)."""
    def dated(row):
        return f"{row[1]} ({date_format(row[4], 'SHORT_DATE_FORMAT')})"

    titles = Counter(row[1] for row in rows)
    days = Counter(dated(row) for row in rows)
    return [row[1] if titles[row[1]] == 1 else dated(row) if days[dated(row)] == 1
            else f"{dated(row)[:-1]}, {row[0]})" for row in rows]


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
