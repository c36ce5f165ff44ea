"""What went out and how it was received: publications per channel, requester satisfaction,
the editors' workload."""

from collections import Counter

from django.db.models import Count, Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from reports.indicators.base import COUNT, SCORE, Point, Result, indicator
from reports.indicators.stats import rounded

SECTION = _("Output and satisfaction")


@indicator("publications_by_channel", section=SECTION, unit=COUNT, chart="bar", additive=True,
           name=_("Publications per channel"),
           definition=_("Publications (one per request and channel) recorded as published in "
                        "the period, by channel."))
def publications_by_channel(ctx) -> Result:
    # A slice of one channel counts the publications on it of the requests that list it.
    measure = "publications_listed" if ctx.slice.channel_id else "publications"
    rows = (ctx.counts(per_channel=True).values_list("channel_id", "channel__name")
            .annotate(n=Sum(measure)).filter(n__gt=0).order_by("-n", "channel__name"))
    period = ctx.slice.period_params("published")
    series = [Point(name, n, {**period, "channel": pk}) for pk, name, n in rows]
    return Result(sum(p.value for p in series), period, series)


@indicator("satisfaction_mean", section=SECTION, unit=SCORE, chart="bar",
           name=_("Requester satisfaction"),
           definition=_("Mean rating (1 to 5) given by requesters to the requests published in "
                        "the period that they rated; the distribution of ratings is shown too."))
def satisfaction_mean(ctx) -> Result:
    counts = ctx.ratings  # {rating: requests}, grouped by the database
    period = ctx.slice.period_params("published")
    series = [Point(str(score), counts.get(score, 0), {**period, "rating": score})
              for score in range(1, 6)]
    rated = sum(counts.values())
    mean = rounded(sum(score * n for score, n in counts.items()) / rated, 2) if rated else None
    return Result(mean, {**period, "rated": "yes"}, series, extra={"rated": rated})


@indicator("editor_workload", section=SECTION, unit=COUNT, chart="stacked", additive=True,
           name=_("Editor workload per week"),
           definition=_("Requests assigned to each editor (accepted, taken or assigned) per "
                        "week, Monday to Sunday, over the requests of the slice."))
def editor_workload(ctx) -> Result:
    # The database counts the assignments' facts per local ISO week (Monday, written with
    # each row) and editor; Python only orders.
    rows = (ctx.assigned().values_list("week", "user_id", "user__first_name", "user__last_name",
                                       "user__username").annotate(n=Count("pk")))
    counts, names = Counter(), {}
    for week, user_id, first, last, username, n in rows:
        counts[(week, user_id)] += n
        names[user_id] = f"{first} {last}".strip() or username
    # Each bar opens that editor's assignments of that week (not what they hold today).
    series = [Point(formats.date_format(monday, "SHORT_DATE_FORMAT"), n,
                    {"assigned_to": user_id, "assigned_week": monday.isoformat()},
                    group=names[user_id])
              for (monday, user_id), n in sorted(counts.items(),
                                                 key=lambda item: (item[0][0], names[item[0][1]]))]
    return Result(sum(counts.values()), {"assignee": "any"}, series)
