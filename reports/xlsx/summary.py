"""The "Resumo" sheet: every headline KPI (with its target when the plan has one), the
monthly and per-channel tables, and native Excel charts drawn from them."""

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill

from pauta import xlsx
from reports.indicators import REGISTRY
from reports.indicators.targets import AMBER, GREEN, RED
from reports.presentation import status_label, unit_label

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FILLS = {GREEN: PatternFill("solid", fgColor="C6EFCE"),
         AMBER: PatternFill("solid", fgColor="FFEB9C"),
         RED: PatternFill("solid", fgColor="FFC7CE")}


def _cell(ws, value, font=None):
    return xlsx.cell(ws, value, font=font)


class _Rows:
    """Appends rows to a write-only sheet and remembers the number of the last one."""

    def __init__(self, ws):
        self.ws, self.row = ws, 0

    def append(self, values=()) -> int:
        self.ws.append(xlsx.row(self.ws, values))  # people's text stays text
        self.row += 1
        return self.row


def write_summary(ws, slice_, results: dict, targets: list, description: str) -> None:
    """Write the sheet top to bottom (write-only: rows are appended, charts anchored)."""
    for letter, width in zip("ABCDEFG", (28, 44, 12, 16, 12, 12, 16), strict=True):
        ws.column_dimensions[letter].width = width
    out = _Rows(ws)
    out.append([_cell(ws, _("KPIs"), TITLE)])
    out.append([description])
    out.append()
    out.append([_cell(ws, text, BOLD) for text in (_("Code"), _("Indicator"), _("Value"),
                                                  _("Unit"))])
    for code, result in results.items():
        indicator = REGISTRY[code]
        if result.value is not None:
            out.append([code, str(indicator.name), result.value, unit_label(indicator.unit)])
    _write_targets(ws, out, targets)
    _write_tables(ws, out, results)


def _write_targets(ws, out, targets: list) -> None:
    if not targets:
        return
    out.append()
    out.append([_cell(ws, text, BOLD) for text in (
        _("Plan target"), _("Indicator"), _("Actual"), _("Unit"), _("Target"),
        _("Expected by now"), _("Status"))])
    first = out.row + 1
    for item in targets:
        out.append([item.target.code, item.target.indicator, item.actual, item.target.unit,
                    float(item.target.target),
                    float(item.expected) if item.expected is not None else None,
                    status_label(item.status)])
    for status, fill in FILLS.items():
        ws.conditional_formatting.add(
            f"G{first}:G{out.row}",
            FormulaRule(formula=[f'G{first}="{status_label(status)}"'], fill=fill))


CHARTS = (("requests_received", "requests_published"), ("publications_by_channel", None),
          ("rejection_reasons", None), ("sla_compliance", None))


def _write_tables(ws, out, results: dict) -> None:
    """Breakdowns as small tables, each with a native chart beside it."""
    for first_code, second_code in CHARTS:
        first = results.get(first_code)
        if first is None or not first.series:
            continue
        second = results.get(second_code) if second_code else None
        codes = [first_code] + ([second_code] if second else [])
        out.append()
        top = out.append([_cell(ws, _("Breakdown"), BOLD)]
                         + [_cell(ws, str(REGISTRY[code].name), BOLD) for code in codes])
        for n, point in enumerate(first.series):
            out.append([point.label, point.value] + ([second.series[n].value] if second else []))
        chart = _chart(ws, first_code, str(REGISTRY[first_code].name), top, out.row,
                       1 + len(codes))
        ws.add_chart(chart, f"E{top}")
        for _pad in range(max(0, 16 - len(first.series))):  # room for the chart
            out.append()


def _chart(ws, code, title, top, bottom, last_col):
    chart = PieChart() if REGISTRY[code].chart == "doughnut" else BarChart()
    chart.title = title
    chart.height, chart.width = 7, 14
    data = Reference(ws, min_col=2, max_col=last_col, min_row=top, max_row=bottom)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=bottom))
    return chart


def period_text(slice_) -> str:
    return _("Period: %(start)s to %(end)s") % {
        "start": formats.date_format(slice_.start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(slice_.end, "SHORT_DATE_FORMAT")}
