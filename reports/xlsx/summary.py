"""The "Summary" sheet, laid out for a manager who prints it: every headline KPI by its name
in the reader's language with its value, unit and plan target side by side (the stable code
last), the plan's targets with traffic lights, then native charts below the tables. The
charts' data sit under the print area, so the printed summary is tables and charts only.

Print set-up: landscape A4, fitted to one page wide, the KPI header row repeated on every
page, print area from the title to the last chart.
"""

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.properties import PageSetupProperties

from pauta import xlsx
from reports.indicators import REGISTRY, base
from reports.indicators.targets import AMBER, GREEN, RED
from reports.presentation import status_label, unit_label

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
GREY = Font(color="808080", size=9)
HEAD = Alignment(wrap_text=True, vertical="top")
FILLS = {GREEN: PatternFill("solid", fgColor="C6EFCE"),
         AMBER: PatternFill("solid", fgColor="FFEB9C"),
         RED: PatternFill("solid", fgColor="FFC7CE")}
# Excel number-format codes are locale-neutral: the reader's spreadsheet shows the decimal
# and thousands separators of their locale (1.234,5 in pt-BR and pt-PT).
NUMBER_FORMATS = {base.COUNT: "#,##0", base.PERCENT: "0.0", base.BUSINESS_DAYS: "0.0",
                  base.DAYS: "0.0", base.SCORE: "0.00", base.MONEY: "#,##0.00",
                  base.HOURS: "0.0"}
# Indicator, value, unit, target, expected by now, status, code.
WIDTHS = (46, 12, 16, 12, 14, 18, 28)
COLUMNS = "ABCDEFG"
CHART_WIDTH, CHART_HEIGHT = 13.5, 7.0  # cm: two charts side by side on a landscape page
CHART_ROWS = 15  # rows a chart covers at the default row height (7 cm ≈ 14 rows of 0.5 cm)
CHARTS = (("requests_received", "requests_published"), ("publications_by_channel", None),
          ("rejection_reasons", None), ("sla_compliance", None))


class _Rows:
    """Appends rows to a write-only sheet and remembers the number of the last one."""

    def __init__(self, ws):
        self.ws, self.row = ws, 0

    def append(self, values=()) -> int:
        self.ws.append(xlsx.row(self.ws, values))  # people's text stays text
        self.row += 1
        return self.row


def _number(ws, value, unit: str):
    return xlsx.cell(ws, value, number_format=NUMBER_FORMATS.get(unit)) if value is not None \
        else None


def write_summary(ws, slice_, results: dict, targets: list, description: str) -> None:
    """Write the sheet top to bottom (write-only: rows are appended, charts anchored)."""
    for letter, width in zip(COLUMNS, WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    # Sheet properties are streamed with the first row: fit-to-page is set before it.
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    out = _Rows(ws)
    out.append([xlsx.cell(ws, _("KPIs"), font=TITLE)])
    out.append([description])
    out.append()
    header = out.append([xlsx.cell(ws, text, font=BOLD, alignment=HEAD) for text in (
        _("Indicator"), _("Value"), _("Unit"), _("Target"), _("Expected by now"),
        _("Status"), _("Code"))])
    by_indicator = {row.indicator.code: row for row in targets if row.indicator}
    for code, result in results.items():
        indicator = REGISTRY[code]
        if result.value is None:
            continue
        target = by_indicator.get(code)
        out.append([str(indicator.name), _number(ws, result.value, indicator.unit),
                    unit_label(indicator.unit)] + _target_cells(ws, target, indicator.unit)
                   + [xlsx.cell(ws, code, font=GREY)])
    _status_colours(ws, header + 1, out.row)
    _write_targets(ws, out, targets)
    charts = _chart_block(out, results)
    _set_up_print(ws, header, charts.last_row)
    _write_chart_data(ws, out, charts, results)


def _target_cells(ws, target, unit: str) -> list:
    if target is None:
        return [None, None, None]
    return [_number(ws, float(target.target.target), unit),
            _number(ws, float(target.expected), unit) if target.expected is not None else None,
            status_label(target.status)]


def _status_colours(ws, first: int, last: int) -> None:
    if last < first:
        return
    for status, fill in FILLS.items():
        ws.conditional_formatting.add(
            f"F{first}:F{last}",
            FormulaRule(formula=[f'F{first}="{status_label(status)}"'], fill=fill))


def _write_targets(ws, out, targets: list) -> None:
    if not targets:
        return
    out.append()
    out.append([xlsx.cell(ws, text, font=BOLD, alignment=HEAD) for text in (
        _("Plan target"), _("Actual"), _("Unit"), _("Target"), _("Expected by now"),
        _("Status"), _("Code"))])
    first = out.row + 1
    for item in targets:
        out.append([item.target.indicator, item.actual, item.target.unit,
                    float(item.target.target),
                    float(item.expected) if item.expected is not None else None,
                    status_label(item.status), xlsx.cell(ws, item.target.code, font=GREY)])
    _status_colours(ws, first, out.row)


class _Charts:
    """The charts to draw: (first code, second code) pairs with data, and the rows kept
    free for them below the tables (two charts per band)."""

    def __init__(self, pairs: list, anchors: list, last_row: int):
        self.pairs, self.anchors, self.last_row = pairs, anchors, last_row


def _chart_block(out, results: dict) -> _Charts:
    pairs = [(first, second if second and results.get(second) else None)
             for first, second in CHARTS if results.get(first) and results[first].series]
    out.append()
    anchors = []
    for index in range(len(pairs)):
        if index % 2 == 0:
            band = out.row + 1
            for _pad in range(CHART_ROWS + 1):
                out.append()
        anchors.append(f"{'A' if index % 2 == 0 else 'C'}{band}")
    return _Charts(pairs, anchors, out.row)


def _set_up_print(ws, header: int, last_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, any height
    ws.print_title_rows = f"{header}:{header}"
    ws.print_area = f"A1:G{last_row}"
    ws.print_options.gridLines = False


def _write_chart_data(ws, out, charts: _Charts, results: dict) -> None:
    """The tables the charts read, below the print area, each with its chart anchored."""
    if not charts.pairs:
        return
    out.append()
    out.append([xlsx.cell(ws, _("Chart data"), font=BOLD)])
    for (first_code, second_code), anchor in zip(charts.pairs, charts.anchors, strict=True):
        top, bottom, last_col = _chart_table(ws, out, results, first_code, second_code)
        ws.add_chart(_chart(ws, first_code, top, bottom, last_col), anchor)


def _chart_table(ws, out, results: dict, first_code, second_code):
    first, second = results[first_code], results.get(second_code) if second_code else None
    codes = [first_code] + ([second_code] if second else [])
    out.append()
    top = out.append([xlsx.cell(ws, _("Breakdown"), font=BOLD)]
                     + [xlsx.cell(ws, str(REGISTRY[code].name), font=BOLD) for code in codes])
    for n, point in enumerate(first.series):
        out.append([str(point.label), point.value]
                   + ([second.series[n].value] if second else []))
    return top, out.row, 1 + len(codes)


def _chart(ws, code, top, bottom, last_col):
    pie = REGISTRY[code].chart == "doughnut"
    chart = PieChart() if pie else BarChart()
    chart.title = str(REGISTRY[code].name)
    chart.width, chart.height = CHART_WIDTH, CHART_HEIGHT
    data = Reference(ws, min_col=2, max_col=last_col, min_row=top, max_row=bottom)
    chart.add_data(data, titles_from_data=True)
    labels = Reference(ws, min_col=1, min_row=top + 1, max_row=bottom)
    for series in chart.series:  # category labels are text: strRef, not numRef
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))
    if last_col == 2:  # one series: its title already says what it is
        chart.legend = None
    if pie:
        chart.dataLabels = DataLabelList(showCatName=True, showVal=True)
    else:
        chart.x_axis.delete = chart.y_axis.delete = False
    return chart


def period_text(slice_) -> str:
    return _("Period: %(start)s to %(end)s") % {
        "start": formats.date_format(slice_.start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(slice_.end, "SHORT_DATE_FORMAT")}
