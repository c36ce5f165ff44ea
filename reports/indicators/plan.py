"""Execution of the year's approved Communication Plan (reusing plans.selectors)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plans.selectors import approved_plan_for, plan_execution
from reports.indicators.base import COUNT, PERCENT, Point, Result, indicator
from reports.indicators.stats import share

SECTION = _("Communication Plan")


def _plan(ctx):
    """The approved plan of the slice's year and its action rows (whatever the slice), read
    once for every Context sharing the facts' state: a dashboard and its targets."""
    year = ctx.slice.end.year
    shared = ctx.facts.shared
    if ("plan", year) not in shared:
        plan = approved_plan_for(year)
        shared["plan", year] = plan, plan_execution(plan).actions if plan else []
    return shared["plan", year]


def _rows(ctx):
    """The plan of the slice's year and its action rows inside the slice's secretariats."""
    plan, actions = _plan(ctx)
    if plan is None:
        return None, []
    if "plan_rows" not in ctx.__dict__:
        rows = actions
        if ctx.slice.scope is not None:
            rows = [r for r in rows if r.action.owner_id in ctx.slice.scope]
        if ctx.slice.secretariat_id:
            rows = [r for r in rows if r.action.owner_id == ctx.slice.secretariat_id]
        ctx.__dict__["plan_rows"] = rows
    return plan, ctx.__dict__["plan_rows"]


@indicator("plan_actions_covered", section=SECTION, unit=PERCENT, chart="bar",
           name=_("Plan actions covered"),
           definition=_("Share of the actions of the year's approved plan with at least one "
                        "request filed (neither a draft nor withdrawn), over the whole year of "
                        "the plan; per objective in the chart. Channel and kind filters do not "
                        "apply to the plan."))
def plan_actions_covered(ctx) -> Result:
    plan, rows = _rows(ctx)
    if plan is None:
        return Result(None, None)
    by_objective = {}
    for row in rows:
        by_objective.setdefault(row.action.objective, []).append(row)
    series = [Point(objective.code, share(sum(1 for r in group if not r.idle), len(group)),
                    {"plan_objective": objective.pk})
              for objective, group in by_objective.items()]
    covered = sum(1 for row in rows if not row.idle)
    return Result(share(covered, len(rows)), {"plan": plan.pk}, series,
                  extra={"covered": covered, "actions": len(rows),
                         "url": reverse("plans:detail", args=[plan.pk]) if ctx.links
                         else None})


@indicator("plan_pieces_published", section=SECTION, unit=COUNT, additive=True,
           name=_("Planned pieces published"),
           definition=_("Requests linked to an action of the year's approved plan that were "
                        "published, against the pieces the plan foresaw (shown as the "
                        "target)."))
def plan_pieces_published(ctx) -> Result:
    plan, rows = _rows(ctx)
    if plan is None:
        return Result(None, None)
    return Result(sum(r.published for r in rows),
                  {"plan": plan.pk, "states": "published,archived"},
                  extra={"planned": sum(r.planned for r in rows)})
