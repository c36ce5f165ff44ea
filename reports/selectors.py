"""Reads for the dashboard: the indicators of a slice, shaped for cards, charts and tables."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pauta.templatetags.pauta_ui import money, number
from reports import permissions as perms
from reports.indicators import REGISTRY, base, compute_all
from reports.indicators.targets import GREEN
from reports.presentation import SUMMARY, figure_text, shown_unit, status_label, unit_label


def dashboard(user, slice_) -> dict:
    """Sections of figures and charts; every figure and chart point carries its list URL."""
    results = compute_all(slice_)
    sections: dict[str, dict] = {}
    charts = []
    for code, result in results.items():
        indicator = REGISTRY[code]
        section = sections.setdefault(str(indicator.section), {"title": indicator.section,
                                                                "figures": [], "charts": []})
        figure = {"code": code, "name": indicator.name, "definition": indicator.definition,
                  "unit": unit_label(indicator.unit), "unit_code": indicator.unit,
                  "shown_unit": shown_unit(indicator.unit), "value": result.value,
                  "text": figure_text(result.value, indicator.unit), "note": note(code, result),
                  "extra": result.extra, "url": slice_.list_url(result.drill)}
        if result.value is not None:
            section["figures"].append(figure)
        if indicator.chart and result.series:
            chart = {**figure, "type": indicator.chart, "id": f"chart-{code}",
                     "points": [{"label": p.label, "value": p.value, "group": p.group,
                                 "text": figure_text(p.value, chart_unit(indicator)),
                                 "tone": p.tone, "url": slice_.list_url(p.drill)}
                                for p in result.series]}
            section["charts"].append(chart)
            charts.append({"id": chart["id"], "type": chart["type"], "title": str(chart["name"]),
                           "unit": chart_unit(indicator), "points": chart["points"]})
    targets = []
    if perms.can_see_plan_targets(user):
        from reports.services import plan_targets

        targets = [{"row": row, "status_label": status_label(row.status),
                    "actual": _target_figure(row, row.actual),
                    "expected": _target_figure(row, row.expected),
                    "target": number(row.target.target, 0 if row.target.target % 1 == 0 else 1)}
                   for row in plan_targets(slice_)]
    figures = {f["code"]: f for section in sections.values() for f in section["figures"]}
    summary = [figures[code] for code in SUMMARY if code in figures]
    return {"sections": list(sections.values()), "charts": charts, "targets": targets,
            "summary": summary, "targets_on_track": sum(
                1 for t in targets if t["row"].status == GREEN)}


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
