"""Every KPI of Pauta, defined once: code, name, definition, unit and one computation, read
by the dashboard, the XLSX workbook and (later) the API.

Importing this package registers the indicators of each topic module in ``REGISTRY``, in
the order the dashboard and the "Definições" sheet show them.

EXTENSION POINT — compliance and campaigns (being built on other branches):
  1. add ``reports/indicators/compliance.py`` with, e.g.,
     ``@indicator("compliance_findings_by_rule", section=..., unit=COUNT, chart="bar", ...)``
     (findings of the requests of ``ctx.slice.requests()`` in the period, per rule, drill
     ``{"compliance_rule": rule.pk}``) and ``compliance_overrides_by_rule`` (warnings
     overridden by an approver, per rule);
  2. add ``reports/indicators/campaigns.py`` (campaigns approved/running/closed, pieces per
     campaign, budget committed vs planned);
  3. import the module in the list below; the dashboard, the XLSX "Resumo" and
     "Definições" sheets pick the indicators up from the registry with no other change;
  4. for a raw sheet (e.g. "Achados de conformidade"), append a ``RawSheet`` to
     ``reports.xlsx.sheets.RAW_SHEETS``.
"""

from reports.indicators import volume, flow, output, plan  # noqa: F401, I001  (dashboard order)
from reports.indicators.base import REGISTRY, Indicator, Point, Result
from reports.indicators.context import Context

# from reports.indicators import compliance, campaigns  # noqa: F401  <- add here (see above)

__all__ = ["REGISTRY", "Context", "Indicator", "Point", "Result", "compute_all"]


def compute_all(slice_, codes=None) -> dict[str, Result]:
    """Every indicator (or those of ``codes``) over one slice, sharing one Context."""
    ctx = Context(slice_)
    return {code: ind.compute(ctx) for code, ind in REGISTRY.items()
            if codes is None or code in codes}
