"""Reads for the dashboard: the indicators of a slice, shaped for cards, charts and tables."""

from reports import permissions as perms
from reports.indicators import REGISTRY, compute_all
from reports.presentation import status_label, unit_label


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
                  "unit": unit_label(indicator.unit), "value": result.value,
                  "extra": result.extra, "url": slice_.list_url(result.drill)}
        if result.value is not None:
            section["figures"].append(figure)
        if indicator.chart and result.series:
            chart = {**figure, "type": indicator.chart, "id": f"chart-{code}",
                     "points": [{"label": p.label, "value": p.value, "group": p.group,
                                 "tone": p.tone, "url": slice_.list_url(p.drill)}
                                for p in result.series]}
            section["charts"].append(chart)
            charts.append({"id": chart["id"], "type": chart["type"], "title": str(chart["name"]),
                           "points": chart["points"]})
    targets = []
    if perms.can_see_plan_targets(user):
        from reports.services import plan_targets

        targets = [{"row": row, "status_label": status_label(row.status)}
                   for row in plan_targets(slice_)]
    return {"sections": list(sections.values()), "charts": charts, "targets": targets}
