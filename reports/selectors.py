"""Reads for the dashboard: the indicators of a slice, shaped for cards, charts and tables."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from pauta import clock
from pauta.templatetags.pauta_ui import money, number
from reports import permissions as perms
from reports.facts.read import ensure_current
from reports.indicators import REGISTRY, base, compute_all
from reports.indicators.targets import GREEN
from reports.presentation import SUMMARY, figure_text, shown_unit, status_label, unit_label


def computed(slice_, *, with_targets: bool, facts=None) -> tuple[dict, list]:
    """The indicators of a slice and the plan's target rows, from the cache when the facts,
    the holidays, the day and the language are those they were computed with.

    The key holds the facts' cursor, so a new audit event (folded after commit, or here)
    makes a new key: nothing to invalidate. What the audit trail does not record (e.g.
    survey answers) shows within ``KPI_DASHBOARD_CACHE_SECONDS``. ``facts``: their state
    when the caller already brought them up to date.
    """
    from reports.services import plan_targets

    facts = facts or ensure_current()
    seconds = settings.KPI_DASHBOARD_CACHE_SECONDS
    key = cache_key(slice_, with_targets=with_targets, facts=facts)
    found = cache.get(key) if seconds else None
    if found is None:
        found = (compute_all(slice_, facts=facts),
                 plan_targets(slice_, facts=facts) if with_targets else [])
        if seconds:
            cache.set(key, found, seconds)
    return found


def cache_key(slice_, *, with_targets: bool, facts) -> str:
    """What the dashboard's figures depend on: the filters, the scope, the language, the day,
    the plan targets shown or not, and the state of the facts."""
    return "kpi:dashboard:" + hashlib.sha256(repr((
        sorted(slice_.as_params().items()), sorted(slice_.scope or ()),
        slice_.scope is None, slice_.target_id, get_language(), clock.today().isoformat(),
        with_targets, facts.cursor, facts.calendar, facts.stamp)).encode()).hexdigest()


def dashboard_body(user, slice_) -> tuple[str, bool, dict]:
    """The dashboard's figures, charts and targets as HTML (``reports/_dashboard_body.html``),
    kept in the cache beside the indicators under the same key: a repeated dashboard builds no
    figure, URL or table again. Returns the HTML and, when it was rendered now, the data it was
    rendered from (``{}`` from the cache); in between, whether it has any section."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    with_targets = perms.can_see_plan_targets(user)
    seconds = settings.KPI_DASHBOARD_CACHE_SECONDS
    facts = ensure_current()
    key = cache_key(slice_, with_targets=with_targets, facts=facts) + ":html"
    found = cache.get(key) if seconds else None
    if found is not None:
        html, has_sections = found
        return mark_safe(html), has_sections, {}  # noqa: S308 (rendered by our template)
    data = dashboard(user, slice_, facts=facts)
    html = render_to_string("reports/_dashboard_body.html", {**data, "period": slice_})
    if seconds:
        cache.set(key, (str(html), bool(data["sections"])), seconds)
    return html, bool(data["sections"]), data


def dashboard(user, slice_, facts=None) -> dict:
    """Sections of figures and charts; every figure and chart point carries its list URL."""
    results, target_rows = computed(slice_, with_targets=perms.can_see_plan_targets(user),
                                    facts=facts)
    sections: dict[str, dict] = {}
    charts = []
    link = slice_.linker()
    for code, result in results.items():
        indicator = REGISTRY[code]
        section = sections.setdefault(str(indicator.section), {"title": indicator.section,
                                                                "figures": [], "charts": []})
        figure = {"code": code, "name": indicator.name, "definition": indicator.definition,
                  "unit": unit_label(indicator.unit), "unit_code": indicator.unit,
                  "shown_unit": shown_unit(indicator.unit), "value": result.value,
                  "text": figure_text(result.value, indicator.unit), "note": note(code, result),
                  "extra": result.extra, "url": link(result.drill)}
        if result.value is not None:
            section["figures"].append(figure)
        if indicator.chart and result.series:
            chart = {**figure, "type": indicator.chart, "id": f"chart-{code}",
                     "points": [{"label": p.label, "value": p.value, "group": p.group,
                                 "text": figure_text(p.value, chart_unit(indicator)),
                                 "tone": p.tone, "url": link(p.drill)}
                                for p in result.series]}
            section["charts"].append(chart)
            charts.append({"id": chart["id"], "type": chart["type"], "title": str(chart["name"]),
                           "unit": chart_unit(indicator),
                           "points": [drawn(point) for point in chart["points"]]})
    targets = [{"row": row, "status_label": status_label(row.status),
                "actual": _target_figure(row, row.actual),
                "expected": _target_figure(row, row.expected),
                "target": number(row.target.target, 0 if row.target.target % 1 == 0 else 1)}
               for row in target_rows]
    figures = {f["code"]: f for section in sections.values() for f in section["figures"]}
    summary = [figures[code] for code in SUMMARY if code in figures]
    return {"sections": list(sections.values()), "charts": charts, "targets": targets,
            "summary": summary, "targets_on_track": sum(
                1 for t in targets if t["row"].status == GREEN)}


def drawn(point: dict) -> dict:
    """What the chart script draws of a point: its label and value, its group and tone when it
    has them. Its text and list URL are in the chart's table, printed once (the script takes
    the URL from the point's row there): the year's campaign chart has hundreds of points."""
    return {"label": point["label"], "value": point["value"],
            **{key: point[key] for key in ("group", "tone") if point[key]}}


def _target_figure(row, value) -> str:
    return figure_text(value, row.indicator.unit if row.indicator else base.COUNT)


def chart_unit(indicator) -> str:
    """What a chart's points count: a share chart (campaign pieces) counts pieces."""
    return base.COUNT if indicator.chart == "stacked" else indicator.unit


def note(code: str, result) -> str:
    """The line under a summary figure that says what it is made of."""
    extra = result.extra
    if code == "sla_compliance" and "met" in extra:
        return _("%(met)s on time, %(missed)s late") % {
            "met": number(extra["met"]), "missed": number(extra["missed"])}
    if code == "campaign_budget_committed" and "planned" in extra:
        return _("of %(planned)s planned") % {"planned": money(extra["planned"])}
    if code == "campaign_pieces_published" and "planned" in extra:
        return ngettext("%(published)s of %(planned)s piece", "%(published)s of %(planned)s pieces",
                        extra["planned"]) % {
            "published": number(extra["published"]), "planned": number(extra["planned"])}
    return ""
