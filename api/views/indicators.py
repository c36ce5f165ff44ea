"""KPIs over JSON: the indicator definitions and their values for a slice.

The values are ``reports.indicators.compute_all`` over the same Slice the dashboard builds
(``reports.forms.KPIFilterForm``), with the same permission scope (``reports.permissions``):
people with KPI access see every secretariat, requesters their own, others get 403.
"""

import calendar
from datetime import date

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api.schema import ErrorSerializer
from api.serializers import indicators as s
from api.views.base import LanguageMixin
from reports import permissions as perms
from reports.forms import KPIFilterForm
from reports.indicators import REGISTRY, compute_all
from reports.presentation import unit_label


def _form_data(query: dict) -> dict:
    """The validated query as the dashboard form's input."""
    data = {key: str(query[key]) for key in ("secretariat", "channel", "kind") if key in query}
    if query.get("period"):
        year, _sep, month = query["period"].partition("-")
        first = date(int(year), int(month or 1), 1)
        last_month = int(month or 12)
        data["start"] = first.isoformat()
        data["end"] = date(int(year), last_month,
                           calendar.monthrange(int(year), last_month)[1]).isoformat()
    for key in ("start", "end"):
        if query.get(key):
            data[key] = query[key].isoformat()
    return data


class IndicatorViewSet(LanguageMixin, viewsets.ViewSet):
    """Indicator definitions (anyone signed in) and values (as the KPI dashboard)."""

    pagination_class = None

    @extend_schema(responses={200: s.IndicatorSerializer(many=True)},
                   summary="Indicator definitions")
    def list(self, request):
        rows = [{"code": code, "name": str(ind.name), "definition": str(ind.definition),
                 "section": str(ind.section), "unit": ind.unit, "unit_label": unit_label(ind.unit),
                 "better": ind.better, "additive": ind.additive, "chart": ind.chart}
                for code, ind in REGISTRY.items()]
        return Response(s.IndicatorSerializer(rows, many=True).data)

    @extend_schema(parameters=[s.SliceQuerySerializer],
                   responses={200: s.ValuesSerializer, 400: ErrorSerializer},
                   summary="Indicator values for a slice (as the KPI dashboard)")
    @action(detail=False, methods=["get"], url_path="values")
    def values(self, request):
        if not perms.can_view_dashboard(request.user):
            raise exceptions.PermissionDenied()
        query = s.SliceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        form = KPIFilterForm(_form_data(query.validated_data), user=request.user)
        if form.is_bound and not form.is_valid():
            raise exceptions.ValidationError(
                {("non_field_errors" if name == "__all__" else name): errors
                 for name, errors in form.errors.items()})
        slice_ = form.slice()
        results = []
        for code, result in compute_all(slice_).items():
            results.append({
                "code": code, "name": str(REGISTRY[code].name), "unit": REGISTRY[code].unit,
                "value": result.value, "url": self._url(slice_, result.drill),
                "extra": result.extra,
                "series": [{"label": str(p.label), "value": p.value, "group": p.group,
                            "url": self._url(slice_, p.drill)} for p in result.series]})
        body = {"slice": {"start": slice_.start, "end": slice_.end,
                          "secretariat": slice_.secretariat_id, "channel": slice_.channel_id,
                          "kind": slice_.kind, "scoped": slice_.scope is not None},
                "results": results}
        return Response(s.ValuesSerializer(body).data)

    def _url(self, slice_, drill):
        url = slice_.list_url(drill)
        return self.request.build_absolute_uri(url) if url else None
