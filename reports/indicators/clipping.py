"""Clipping: the repercussion of the period's kept clips by plan objective, and the negative
mentions by secretariat (clipping.selectors computes both)."""

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from clipping.models import Tone
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
