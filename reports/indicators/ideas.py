"""The staff ideas channel: ideas received, accepted and implemented in the period, and how
long the team takes to give a first answer (``ideas`` app).

Ideas are everybody's, so the permission scope does not narrow them; the secretariat filter
keeps the ideas that concern that secretariat. Channel and kind filters do not apply.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ideas.models import Idea, IdeaState
from reports.indicators.base import COUNT, DAYS, Point, Result, indicator
from reports.indicators.stats import median, rounded

SECTION = _("Staff ideas")


def _ideas(slice_, field: str = "created_at"):
    start, end = slice_.bounds()
    qs = Idea.objects.filter(**{f"{field}__gte": start, f"{field}__lt": end})
    if slice_.secretariat_id:
        qs = qs.filter(secretariat_id=slice_.secretariat_id)
    return qs


@indicator("ideas_received", section=SECTION, unit=COUNT, chart="doughnut", additive=True,
           name=_("Staff ideas received"),
           definition=_("Ideas proposed by staff in the period, by their state today; the "
                        "secretariat filter keeps the ideas that concern it."))
def ideas_received(ctx) -> Result:
    counts = dict(_ideas(ctx.slice).order_by().values_list("state")
                  .annotate(n=Count("pk")).values_list("state", "n"))
    series = [Point(str(label), counts[state]) for state, label in IdeaState.choices
              if counts.get(state)]
    return Result(sum(counts.values()), None, series)


@indicator("ideas_accepted", section=SECTION, unit=COUNT, additive=True,
           name=_("Staff ideas accepted"),
           definition=_("Ideas the team accepted in the period (answered in the period and "
                        "accepted or already implemented today)."))
def ideas_accepted(ctx) -> Result:
    qs = _ideas(ctx.slice, "answered_at").filter(state__in=[IdeaState.ACCEPTED, IdeaState.DONE])
    return Result(qs.count())


@indicator("ideas_implemented", section=SECTION, unit=COUNT, additive=True,
           name=_("Staff ideas implemented"),
           definition=_("Ideas marked as done (implemented) in the period."))
def ideas_implemented(ctx) -> Result:
    return Result(_ideas(ctx.slice, "done_at").count())


@indicator("idea_answer_days", section=SECTION, unit=DAYS, better="lower",
           name=_("Time to answer an idea (median)"),
           definition=_("Median of the calendar days from an idea's proposal to the team's "
                        "first answer (under study, accepted or declined), over the ideas "
                        "answered in the period."))
def idea_answer_days(ctx) -> Result:
    rows = _ideas(ctx.slice, "answered_at").values_list("created_at", "answered_at")
    days = [(answered - created).total_seconds() / 86400 for created, answered in rows]
    return Result(rounded(median(days)), None, extra={"n": len(days)})
