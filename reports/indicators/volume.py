"""How many requests came in and went out: per month, per secretariat, per kind. Sums of the
per-day counts (``reports.facts.counts``), grouped by the database."""

from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from reports.indicators.base import COUNT, Point, Result, indicator
from workflows.models import RequestKind

SECTION = _("Volume")


def _per_month(ctx, field: str) -> list[Point]:
    """Counts per local calendar month (the per-day counts' ``month``, the first day of their
    local day's month, grouped by the database) laid over every month of the period (empty
    months as 0)."""
    rows = ctx.counts().order_by().values("month").annotate(n=Sum(field)).values_list(
        "month", "n")
    counts = {month.strftime("%Y-%m"): n for month, n in rows}
    points = []
    for first, last in ctx.period_months():
        label = formats.date_format(first, "YEAR_MONTH_FORMAT")
        points.append(Point(label, counts.get(first.strftime("%Y-%m"), 0),
                            ctx.slice.period_params(field, first, last)))
    return points


@indicator("requests_received", section=SECTION, unit=COUNT, chart="bar", additive=True,
           name=_("Requests received"),
           definition=_("Requests submitted to the communication team in the period (drafts "
                        "never submitted are not counted), by month of submission."))
def requests_received(ctx) -> Result:
    series = _per_month(ctx, "submitted")
    return Result(sum(p.value for p in series), ctx.slice.period_params("submitted"), series)


@indicator("requests_published", section=SECTION, unit=COUNT, chart="bar", additive=True,
           name=_("Requests published"),
           definition=_("Requests whose publication was recorded in the period, by month of "
                        "publication (archived ones included)."))
def requests_published(ctx) -> Result:
    series = _per_month(ctx, "published")
    return Result(sum(p.value for p in series), ctx.slice.period_params("published"), series)


@indicator("received_by_secretariat", section=SECTION, unit=COUNT, chart="bar", additive=True,
           name=_("Requests received by secretariat"),
           definition=_("Requests submitted in the period, by the requesting secretariat or "
                        "unit."))
def received_by_secretariat(ctx) -> Result:
    rows = (ctx.counts().values("secretariat_id", "secretariat__acronym")
            .annotate(n=Sum("submitted")).filter(n__gt=0).order_by("-n", "secretariat__acronym"))
    period = ctx.slice.period_params("submitted")
    series = [Point(row["secretariat__acronym"], row["n"],
                    {**period, "secretariat": row["secretariat_id"]}) for row in rows]
    return Result(sum(p.value for p in series), period, series)


@indicator("received_by_kind", section=SECTION, unit=COUNT, chart="doughnut", additive=True,
           name=_("Requests received by kind"),
           definition=_("Requests submitted in the period, by kind of content."))
def received_by_kind(ctx) -> Result:
    rows = dict(ctx.counts().order_by().values_list("kind").annotate(n=Sum("submitted"))
                .filter(n__gt=0).values_list("kind", "n"))
    period = ctx.slice.period_params("submitted")
    labels = dict(RequestKind.choices)
    series = [Point(str(labels.get(kind, kind)), n, {**period, "kind": kind})
              for kind, n in sorted(rows.items(), key=lambda item: -item[1])]
    return Result(sum(rows.values()), period, series)
