"""Clipping: the repercussion of the period's kept clips by plan objective, the negative
mentions by secretariat (clipping.selectors computes both) and the estimated reach by outlet
(the press desk's outlets and their estimated audience: one list)."""

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from clipping.models import Clip, Tone
from clipping.selectors import by_objective, kept
from reports.indicators.base import COUNT, Point, Result, indicator

SECTION = _("Clipping")


def clips_of(slice_) -> QuerySet:
    """Kept clips published in the slice's period; the secretariat filter (and the scope)
    reads the secretariats the clip concerns; channel and kind do not apply."""
    start, end = slice_.bounds()
    qs = kept(since=start, until=end)
    if slice_.scope is not None:
        qs = qs.filter(secretariats__in=slice_.scope)
    if slice_.secretariat_id:
        qs = qs.filter(secretariats=slice_.secretariat_id)
    return qs.distinct()


def _drill() -> None:
    """No link: the repercussion page is for the clipping readers, the dashboard for more."""
    return None


@indicator("clipping_by_plan_objective", section=SECTION, unit=COUNT, chart="bar",
           additive=True, name=_("Repercussion by plan objective"),
           definition=_("Clips kept in triage and published in the period, per objective of "
                        "the Communication Plan they reach through their plan action, request "
                        "or campaign; the headline counts every kept clip of the period."))
def clipping_by_plan_objective(ctx) -> Result:
    qs = clips_of(ctx.slice)
    series = [Point(row.label, row.clips, _drill()) for row in by_objective(qs)]
    return Result(qs.count(), _drill(), series)


@indicator("clipping_negative_by_secretariat", section=SECTION, unit=COUNT, chart="bar",
           additive=True, better="lower", name=_("Negative mentions by secretariat"),
           definition=_("Kept clips of the period whose tone the clipping analyst confirmed as "
                        "negative, per secretariat concerned (a clip may concern several)."))
def clipping_negative_by_secretariat(ctx) -> Result:
    qs = clips_of(ctx.slice).filter(tone=Tone.NEGATIVE)
    rows = (qs.order_by().values_list("secretariats__acronym").annotate(n=Count("pk"))
            .order_by("-n"))
    series = [Point(acronym, n, _drill(), tone="bad") for acronym, n in rows if acronym]
    return Result(qs.count(), _drill(), series)


@indicator("clipping_reach_by_outlet", section=SECTION, unit=COUNT, chart="bar",
           additive=True, name=_("Estimated reach by outlet"),
           definition=_("Kept clips of the period, each counted with the estimated audience of "
                        "its outlet (the press desk's media outlets); the headline adds up "
                        "every outlet, the chart shows the ten that reach the most."))
def clipping_reach_by_outlet(ctx) -> Result:
    clips = Clip.objects.filter(pk__in=clips_of(ctx.slice).values("pk"))  # each clip once
    rows = list(clips.order_by().values_list("outlet__name")
                .annotate(reach=Sum("outlet__audience")).order_by("-reach", "outlet__name"))
    series = [Point(name, reach or 0, _drill()) for name, reach in rows[:10] if reach]
    return Result(sum(reach or 0 for _name, reach in rows), _drill(), series)
