"""Every KPI of Pauta, defined once: code, name, definition, unit and one computation, read
by the dashboard, the XLSX workbook and the API (/api/v1/indicators/).

Importing this package registers the indicators of each topic module in ``REGISTRY``, in
the order the dashboard and the "Definições" sheet show them.

Compliance (``compliance``: findings and overrides per rule, from the compliance engine's
stored runs), campaigns (``campaigns``), staff ideas (``ideas``), clipping, the press desk
and surveys (``surveys``) come last. To add a topic: a module with
``@indicator`` functions, imported below; a raw sheet is a ``RawSheet`` appended to
``reports.xlsx.sheets.RAW_SHEETS``. The consumers iterate the registry: nothing else changes.
"""

from reports.indicators import volume, flow, output, plan  # noqa: F401, I001  (dashboard order)
from reports.indicators import publishing  # noqa: F401, I001
from reports.indicators import compliance, campaigns, ideas  # noqa: F401, I001
from reports.indicators import clipping  # noqa: F401, I001
from reports.indicators import press  # noqa: F401, I001
from reports.indicators import media  # noqa: F401, I001
from reports.indicators import surveys  # noqa: F401, I001
from reports.indicators.base import REGISTRY, Indicator, Point, Result
from reports.indicators.context import Context

__all__ = ["REGISTRY", "Context", "Indicator", "Point", "Result", "compute_all"]


def compute_all(slice_, codes=None, facts=None, links=True) -> dict[str, Result]:
    """Every indicator (or those of ``codes``) over one slice, sharing one Context (``facts``:
    the state of the facts when the caller already brought them up to date; ``links=False``:
    no page addresses in the results, for a caller that shows none)."""
    ctx = Context(slice_, facts=facts, links=links)
    return {code: ind.compute(ctx) for code, ind in REGISTRY.items()
            if codes is None or code in codes}
